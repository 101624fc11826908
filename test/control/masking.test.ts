import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskBodyText, maskHeaders, maskQuery, maskValue } from '../../src/control/masking.js';
import { clip } from '../../src/control/journal-recorder.js';

test('masked values keep a four-character tail and the scheme; short ones are hidden whole', () => {
  assert.equal(maskValue('Bearer eyJhbGciOiJIUzI1NiJ9.abcd'), 'Bearer ***abcd');
  assert.equal(maskValue('adobe-mock-client'), '***ient');
  assert.equal(maskValue('short'), '***');
});

test('headers: secrets masked, cookies hidden, the rest untouched', () => {
  assert.deepEqual(maskHeaders({ Authorization: 'Bearer 0123456789abcdef', cookie: 'a=b', 'set-cookie': ['a=b'], accept: 'application/json', 'content-length': 12, skipped: undefined }), {
    Authorization: 'Bearer ***cdef',
    cookie: '***',
    'set-cookie': '***',
    accept: 'application/json',
    'content-length': '12',
  });
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
