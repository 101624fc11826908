import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskBodyText, maskHeaders, maskQuery, maskUrl, maskValue } from '../../src/control/masking.js';
import { clip } from '../../src/control/journal-recorder.js';

test('masked values keep a four-character tail and the scheme; short ones are hidden whole', () => {
  assert.equal(maskValue('Bearer eyJhbGciOiJIUzI1NiJ9.abcd'), 'Bearer ***abcd');
  assert.equal(maskValue('adobe-mock-client'), '***ient');
  assert.equal(maskValue('short'), '***');
});

test('headers: secrets masked, cookies hidden, the rest untouched', () => {
  assert.deepEqual(
    maskHeaders({
      Authorization: 'Bearer 0123456789abcdef',
      cookie: 'a=b',
      'set-cookie': ['a=b'],
      accept: 'application/json',
      'content-length': 12,
      skipped: undefined,
    }),
    {
      Authorization: 'Bearer ***cdef',
      cookie: '***',
      'set-cookie': '***',
      accept: 'application/json',
      'content-length': '12',
    },
  );
  assert.deepEqual(maskQuery({ client_secret: 's', limit: '1' }), { client_secret: '***', limit: '1' });
});

test('bodies: JSON and form fields, also when a cut leaves the value open', () => {
  assert.equal(maskBodyText('{"client_secret":"abcdefghijklmnop","name":"x"}'), '{"client_secret":"***","name":"x"}');
  assert.equal(maskBodyText('{"access_token":"abcdefghijklmnop"}'), '{"access_token":"***mnop"}');
  assert.equal(maskBodyText('{"access_token":"abcdefghijklmnopqrst'), '{"access_token":"***qrst');
  assert.equal(maskBodyText('a=1&client_secret=abcdefghijklmnop&b=2'), 'a=1&client_secret=***&b=2');
  assert.equal(maskBodyText('{"name":"nothing secret"}'), '{"name":"nothing secret"}');
});

test('clip cuts at a byte limit without splitting a character', () => {
  assert.deepEqual(clip('abc', 3), { text: 'abc', truncated: false });
  assert.deepEqual(clip('abcd', 3), { text: 'abc', truncated: true });
  assert.deepEqual(clip('aé', 2), { text: 'a', truncated: true }, 'é takes two bytes: it does not fit');
  assert.deepEqual(clip('aaaaé', 5), { text: 'aaaa', truncated: true });
  assert.deepEqual(clip('ééé', 6), { text: 'ééé', truncated: false });
});

test('bodies: header lists inside JSON (Target /batch operations) are masked like headers', () => {
  const body = JSON.stringify({
    operations: [
      {
        operationId: 1,
        method: 'GET',
        relativeUrl: '/activities',
        headers: [
          { name: 'Authorization', value: 'Bearer secret-0123456789wxyz' },
          { value: 'key-0123456789abcd', name: 'X-API-KEY' },
          { name: 'Content-Type', value: 'application/json' },
        ],
      },
    ],
  });
  assert.equal(
    maskBodyText(body),
    JSON.stringify({
      operations: [
        {
          operationId: 1,
          method: 'GET',
          relativeUrl: '/activities',
          headers: [
            { name: 'Authorization', value: 'Bearer ***wxyz' },
            { value: '***abcd', name: 'X-API-KEY' },
            { name: 'Content-Type', value: 'application/json' },
          ],
        },
      ],
    }),
  );
});

test('bodies: secret keys at any depth, any case, in arrays; escapes stay valid JSON; formatting kept', () => {
  let nested = '{"Client_Secret":"abcdefghijklmnop","authorization":["Bearer 0123456789abcdef"]}';
  for (let depth = 0; depth < 200; depth++) nested = `{"a":[${nested}]}`;
  const out = maskBodyText(nested);
  assert.ok(out.includes('{"Client_Secret":"***","authorization":["Bearer ***cdef"]}'), out.slice(0, 100));
  assert.equal(out.length, nested.length - 'abcdefghijklmnop'.length + 3 - 'Bearer 0123456789abcdef'.length + 'Bearer ***cdef'.length);
  assert.equal(maskBodyText('{ "password" : "x", "note": "password" }'), '{ "password" : "***", "note": "password" }');
  const escaped = maskBodyText(JSON.stringify({ access_token: 'abcdefghijklmn\\"q' }));
  assert.deepEqual(JSON.parse(escaped), { access_token: '***n\\"q' });
  assert.equal(maskBodyText('{"code":"Activity.NotFound","name":"x"}'), '{"code":"Activity.NotFound","name":"x"}', 'code is secret in forms only');
  assert.equal(
    maskBodyText('{"headers":[{"name":"authorization","value":"Bearer 0123456789abcdef'),
    '{"headers":[{"name":"authorization","value":"Bearer ***cdef',
    'cut by the journal limit',
  );
});

test('form bodies: client_secret, code, tokens in any case; log URLs: secret query values hidden', () => {
  assert.equal(
    maskBodyText('grant_type=authorization_code&CLIENT_SECRET=s3cr3t&code=abcdef&refresh_token=Bearer+0123456789abcdef'),
    'grant_type=authorization_code&CLIENT_SECRET=***&code=***&refresh_token=Bearer%20***cdef',
  );
  assert.equal(maskUrl('/ims/authorize?code=abc&client_id=x&access_token=y'), '/ims/authorize?code=***&client_id=x&access_token=***');
  assert.equal(maskUrl('/data/foundation/catalog/dataSets?limit=1'), '/data/foundation/catalog/dataSets?limit=1');
});
