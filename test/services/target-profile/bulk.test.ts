import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { attributeValues, CLIENT, pathOf, SAMPLE_PROFILE, SAMPLE_TNT_ID, startProfiles, XML, xmlField, type ProfileCaller } from './support.js';
import { scopes } from '../../../src/store/store.js';

/** seed 004's sample batch file, on the lines the documentation means (spaces after commas included). */
const SAMPLE_FILE = 'batch=pcId, param1, param2, param3, param4\n123, value1\n124, value1,,, value4\n125,, value2\n126, value1, value2, value3, value4\n';
const BATCH_ID = /^mocktenant-\d+-\d{8}$/;

const rejection = (message: string) => `<response>\n  <success>false</success>\n  <message>${message}</message>\n</response>\n`;

function profileCount(c: ProfileCaller): number {
  const scope = scopes.profile(CLIENT);
  return c.t.ctx.store.collection(scope, 'profiles').size + c.t.ctx.store.collection(scope, 'thirdPartyProfiles').size;
}

/** seed 004, Profiles › Bulk Profile Update; issue 6. */
describe('Target Profile API: bulk update', () => {
  let c: ProfileCaller;
  before(async () => {
    c = await startProfiles();
  });
  after(() => c.close());

  test('v2, the documented sample file: answer, status URL, profiles created with only their non-empty cells', async () => {
    const response = await c.batch(2, SAMPLE_FILE);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], XML);
    const batchId = xmlField(response.body, 'batchId')!;
    assert.match(batchId, BATCH_ID);
    const statusUrl = `http://localhost:80/m2/mocktenant/v2/profile/batchStatus?batchId=${batchId}`;
    assert.equal(
      response.body,
      `<response>\n  <success>true</success>\n  <batchId>${batchId}</batchId>\n  <numRows>4</numRows>\n  <batchStatus>${statusUrl}</batchStatus>\n  <message>Batch submitted for processing</message>\n</response>\n`,
    );

    const status = await c.inject({ method: 'GET', url: pathOf(statusUrl) });
    assert.equal(status.statusCode, 200);
    assert.equal(status.headers['content-type'], XML);
    const profile = (id: number, pc: string) => `  <profile>\n    <id>${id}</id>\n    <mboxPC>${pc}</mboxPC>\n    <status>success</status>\n  </profile>\n`;
    assert.equal(
      status.body,
      `<response>\n  <batchId>${batchId}</batchId>\n  <status>complete</status>\n  <batchSize>4</batchSize>\n${profile(1, '123')}${profile(2, '124')}${profile(3, '125')}${profile(4, '126')}</response>\n`,
    );

    assert.deepEqual(attributeValues((await c.fetchTnt('123')).json()), { param1: 'value1' });
    assert.deepEqual(attributeValues((await c.fetchTnt('124')).json()), { param1: 'value1', param4: 'value4' });
    assert.deepEqual(attributeValues((await c.fetchTnt('125')).json()), { param2: 'value2' });
    const full = (await c.fetchTnt('126')).json();
    assert.deepEqual(attributeValues(full), { param1: 'value1', param2: 'value2', param3: 'value3', param4: 'value4' });
    assert.equal(full.visitorId, '126');
    assert.equal(full.profileAttributes.param3.modifiedAt, full.modifiedAt);
  });

  test('v1 updates existing profiles only and answers the overall status (no status URL)', async () => {
    const file = `pcId,param1,newParam\n${SAMPLE_TNT_ID},changed,fresh\n999-unknown,x,y\n`;
    const response = await c.batch(1, file);
    assert.equal(response.statusCode, 200);
    const batchId = xmlField(response.body, 'batchId')!;
    assert.equal(
      response.body,
      `<response>\n  <success>true</success>\n  <batchId>${batchId}</batchId>\n  <numRows>2</numRows>\n  <message>Batch submitted for processing; 1 of 2 rows not applied (first: row 2: No profile found for client mocktenant with mboxPC=999-unknown)</message>\n</response>\n`,
    );
    const values = attributeValues((await c.fetchTnt(SAMPLE_TNT_ID)).json());
    assert.equal(values.param1, 'changed');
    assert.equal(values.newParam, 'fresh');
    assert.equal((await c.fetchTnt('999-unknown')).statusCode, 404);
    // v1 batches have no status URL.
    const status = await c.inject({ method: 'GET', url: `/m2/${CLIENT}/v2/profile/batchStatus?batchId=${batchId}` });
    assert.equal(status.statusCode, 404);
    assert.deepEqual(status.json(), { status: 404, message: `No batch found for client mocktenant with batchId=${batchId}` });
  });

  test('v1 with the sample file on unknown ids creates nothing', async () => {
    const before = profileCount(c);
    const response = await c.batch(1, SAMPLE_FILE.replace(/\b12(\d)\b/g, '77$1'));
    assert.match(response.body, /<success>true<\/success>/);
    assert.match(response.body, /4 of 4 rows not applied/);
    assert.equal(profileCount(c), before);
  });

  test('thirdPartyId header without the batch= prefix; v2 status lists mbox3rdPartyId; fetch by thirdPartyId', async () => {
    const response = await c.batch(2, 'thirdPartyId,tier,points\ncrm-1,gold,10\ncrm-2,silver,\n');
    const status = await c.inject({ method: 'GET', url: pathOf(xmlField(response.body, 'batchStatus')!) });
    assert.match(status.body, /<profile>\n {4}<id>2<\/id>\n {4}<mbox3rdPartyId>crm-2<\/mbox3rdPartyId>\n {4}<status>success<\/status>\n {2}<\/profile>/);
    const profile = (await c.fetchThirdParty('crm-1')).json();
    assert.equal(profile.visitorId, 'crm-1');
    assert.deepEqual(attributeValues(profile), { tier: 'gold', points: '10' });
    assert.deepEqual(attributeValues((await c.fetchThirdParty('crm-2')).json()), { tier: 'silver' });
  });

  // seed 004, Bulk Profile Update, caveats (issue 17, item 6): with no mbox call between them, a
  // v2 upload overrides the previous one for the same profile. Here a fetch or a single update
  // stands in for the mbox call.
  test('consecutive v2 uploads with no mbox call between: the later one overrides, the earlier attributes it does not set are gone', async () => {
    await c.batch(2, 'thirdPartyId,a,b\nover-1,a1,b1\n');
    await c.batch(2, 'thirdPartyId,b,c\nover-1,b2,c2\n');
    assert.deepEqual(attributeValues((await c.fetchThirdParty('over-1')).json()), { b: 'b2', c: 'c2' });

    // The same columns: an empty cell is an attribute the later upload does not set.
    await c.batch(2, 'thirdPartyId,tier,points,city\ncrm-7,gold,10,Paris\n');
    await c.batch(2, 'thirdPartyId,tier,points,city\ncrm-7,platinum,,Lyon\n');
    assert.deepEqual(attributeValues((await c.fetchThirdParty('crm-7')).json()), { tier: 'platinum', city: 'Lyon' });
  });

  test('a fetch between two v2 uploads is an mbox call: the uploads merge, and empty cells leave attributes untouched', async () => {
    await c.batch(2, 'thirdPartyId,a,b\nmerge-1,a1,b1\n');
    assert.equal((await c.fetchThirdParty('merge-1')).statusCode, 200);
    await c.batch(2, 'thirdPartyId,b,c\nmerge-1,b2,c2\n');
    assert.deepEqual(attributeValues((await c.fetchThirdParty('merge-1')).json()), { a: 'a1', b: 'b2', c: 'c2' });

    await c.batch(2, 'thirdPartyId,tier,points,city\ncrm-8,diamond,30,Nice\n');
    await c.fetchThirdParty('crm-8');
    await c.batch(2, 'thirdPartyId,tier,points,city\ncrm-8,,,Metz\n');
    assert.deepEqual(attributeValues((await c.fetchThirdParty('crm-8')).json()), { tier: 'diamond', points: '30', city: 'Metz' });
  });

  test('a single profile update between two v2 uploads is an mbox call too', async () => {
    await c.batch(2, `pcId,a,b\n${SAMPLE_TNT_ID},a1,b1\n`);
    const update = await c.inject({ method: 'GET', url: `/m2/${CLIENT}/profile/update?mboxPC=${SAMPLE_TNT_ID}&profile.d=d1` });
    assert.equal(xmlField(update.body, 'success'), 'true');
    await c.batch(2, `pcId,b,c\n${SAMPLE_TNT_ID},b2,c2\n`);
    const values = attributeValues((await c.fetchTnt(SAMPLE_TNT_ID)).json());
    assert.deepEqual([values.a, values.b, values.c, values.d], ['a1', 'b2', 'c2', 'd1']);
  });

  test('v1 uploads take no part: they merge, are never dropped, and do not end a pending v2 upload', async () => {
    // A fetch first: earlier tests left attributes (and maybe a pending v2 upload) on the fixture.
    const fixture = Object.keys((await c.fetchTnt(SAMPLE_TNT_ID)).json().profileAttributes as object);
    await c.batch(2, `pcId,a,b\n${SAMPLE_TNT_ID},a1,b1\n`);
    await c.batch(1, `pcId,b,v\n${SAMPLE_TNT_ID},b0,v1\n`);
    await c.batch(1, `pcId,w\n${SAMPLE_TNT_ID},w1\n`);
    await c.batch(2, `pcId,c\n${SAMPLE_TNT_ID},c2\n`);
    const values = attributeValues((await c.fetchTnt(SAMPLE_TNT_ID)).json());
    // a (v2, pending) is overridden; b was set again by v1, so it stays; v, w (v1) stay; the earlier attributes stay.
    assert.deepEqual(
      Object.keys(values)
        .filter((name) => !fixture.includes(name) || ['a', 'b', 'c', 'v', 'w'].includes(name))
        .sort(),
      ['b', 'c', 'v', 'w'],
    );
    assert.equal(values.b, 'b0');
    for (const name of fixture.filter((name) => !['a', 'b', 'c', 'v', 'w'].includes(name))) assert.ok(name in values, name);
  });

  test('names and values are URL-decoded UTF-8 (+ is a space); the same id later in a file overrides', async () => {
    await c.batch(2, 'thirdPartyId,first%20name,city,note\ncrm%2B%C3%A9,Jos%C3%A9,S%C3%A3o+Paulo,100%25\ncrm%2B%C3%A9,,,a%2Cb\n');
    const profile = (await c.fetchThirdParty('crm+é')).json();
    assert.deepEqual(attributeValues(profile), { 'first name': 'José', city: 'São Paulo', note: 'a,b' });
  });

  test('updating the fixture by pcId keeps the other attributes and their timestamps', async () => {
    await c.batch(2, `pcId,checking\n${SAMPLE_TNT_ID},false\n`);
    const profile = (await c.fetchTnt(SAMPLE_TNT_ID)).json();
    assert.equal(profile.profileAttributes.checking.value, 'false');
    assert.deepEqual(profile.profileAttributes.insurance, SAMPLE_PROFILE.profileAttributes.insurance);
  });

  test('header errors: success=false and a message, nothing written', async () => {
    const before = profileCount(c);
    const cases: Array<[string, string]> = [
      ['mbox3rdPartyId,a\nx,1\n', "The first column of the header must be pcId or thirdPartyId, not 'mbox3rdPartyId'"],
      ['batch=visitorId,a\nx,1\n', "The first column of the header must be pcId or thirdPartyId, not 'visitorId'"],
      ['PCID,a\nx,1\n', "The first column of the header must be pcId or thirdPartyId, not 'PCID'"],
      ['', 'The batch file has no header: its first row must name the columns, starting with pcId or thirdPartyId'],
      [',,\nx,1\n', 'The batch file has no header: its first row must name the columns, starting with pcId or thirdPartyId'],
      ['batch=\nx,1\n', 'The batch file has no header: its first row must name the columns, starting with pcId or thirdPartyId'],
      ['pcId,a,,b\nx,1\n', 'Header column 3 has no name'],
      ['pcId,a,a\nx,1,2\n', "Header column 3 repeats the attribute name 'a'"],
    ];
    for (const [file, message] of cases) {
      for (const version of [1, 2] as const) {
        const response = await c.batch(version, file);
        assert.equal(response.statusCode, 400, file);
        assert.equal(response.body, rejection(message), file);
      }
    }
    assert.equal(profileCount(c), before);
  });

  test('a 10 MB one-line header is refused at the header cap, with a short message; nothing written (issue 14, 10b)', async () => {
    const before = profileCount(c);
    const tooLong = 'The header line of the batch file is longer than 65,536 bytes; it must end with a line break within that length';
    const oneCell = Buffer.from(`pcId${'a'.repeat(10 * 1024 * 1024)}\n1\n`);
    const manyColumns = Buffer.from(`pcId${Array.from({ length: 1_200_000 }, (_, i) => `,c${i}`).join('')}\n1\n`);
    for (const file of [oneCell, manyColumns]) {
      const response = await c.batch(2, file);
      assert.equal(response.statusCode, 400);
      assert.equal(response.body, rejection(tooLong));
    }
    // Just under the cap the header is read, and what a message quotes of it is cut at 100 characters.
    const longName = 'x'.repeat(60_000);
    const quoted = await c.batch(2, `${longName},a\n1,2\n`);
    assert.equal(quoted.statusCode, 400);
    assert.equal(quoted.body, rejection(`The first column of the header must be pcId or thirdPartyId, not '${'x'.repeat(100)}…'`));
    const repeated = await c.batch(2, `pcId,${longName.slice(30_000)},${longName.slice(30_000)}\n1,2,3\n`);
    assert.equal(repeated.body, rejection(`Header column 3 repeats the attribute name '${'x'.repeat(100)}…'`));
    assert.equal(profileCount(c), before);
  });

  test('CRLF and CR line ends are read as line ends', async () => {
    for (const end of ['\r\n', '\r']) {
      const response = await c.batch(2, `thirdPartyId,lineEnd${end}crlf-${end.length},x${end}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(attributeValues((await c.fetchThirdParty(`crlf-${end.length}`)).json()), { lineEnd: 'x' });
    }
  });

  test('a malformed row anywhere rejects the whole file: nothing written', async () => {
    const before = profileCount(c);
    const tooMany = await c.batch(2, 'thirdPartyId,a\nnew-1,1\nnew-2,1,2\n');
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.body, rejection('Row 2 has 3 values but the header names 2 columns'));
    const badEncoding = await c.batch(2, 'thirdPartyId,a\nnew-1,1\nnew-2,%E0%A4%A\n');
    assert.equal(badEncoding.statusCode, 400);
    assert.equal(badEncoding.body, rejection("Row 2, column 2 is not valid URL-encoded UTF-8: '%E0%A4%A'"));
    assert.equal(profileCount(c), before);
    assert.equal((await c.fetchThirdParty('new-1')).statusCode, 404);
  });

  test('a row without an id is reported for that row; v2 applies the others', async () => {
    const response = await c.batch(2, 'thirdPartyId,a\n,1\nwith-id,2\n');
    const status = await c.inject({ method: 'GET', url: pathOf(xmlField(response.body, 'batchStatus')!) });
    assert.match(
      status.body,
      /<id>1<\/id>\n {4}<mbox3rdPartyId><\/mbox3rdPartyId>\n {4}<status>error<\/status>\n {4}<message>the row has no thirdPartyId<\/message>/,
    );
    assert.equal((await c.fetchThirdParty('with-id')).statusCode, 200);
  });

  test('the body is read raw whatever its Content-Type', async () => {
    for (const [i, type] of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'text/csv',
      'application/octet-stream',
      'application/json',
      undefined,
    ].entries()) {
      const response = await c.inject({
        method: 'POST',
        url: `/m2/${CLIENT}/v2/profile/batchUpdate`,
        headers: type ? { 'content-type': type } : {},
        payload: `thirdPartyId,kind\nct-${i},${type ?? 'none'}\n`,
      });
      assert.equal(response.statusCode, 200, String(type));
      assert.equal(attributeValues((await c.fetchThirdParty(`ct-${i}`)).json()).kind, type ?? 'none');
    }
  });

  test('status URL: unknown batch 404, missing batchId 400', async () => {
    const unknown = await c.inject({ method: 'GET', url: `/m2/${CLIENT}/v2/profile/batchStatus?batchId=mocktenant-1-12345678` });
    assert.equal(unknown.statusCode, 404);
    assert.deepEqual(unknown.json(), { status: 404, message: 'No batch found for client mocktenant with batchId=mocktenant-1-12345678' });
    const missing = await c.inject({ method: 'GET', url: `/m2/${CLIENT}/v2/profile/batchStatus` });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json(), { status: 400, message: 'The batchId query parameter is required' });
  });
});

describe('Target Profile API: bulk update limits (generated files)', () => {
  let c: ProfileCaller;
  before(async () => {
    c = await startProfiles();
  });
  after(() => c.close());

  test('500,001 rows are refused and nothing is written', async () => {
    const rows = (count: number, prefix: string) => {
      const lines = ['thirdPartyId,n'];
      for (let i = 1; i <= count; i++) lines.push(`${prefix}${i},${i}`);
      return `${lines.join('\n')}\n`;
    };
    const refused = await c.batch(2, rows(500_001, 'over-'));
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.body, rejection('The batch file has more than 500,000 rows; split it into several uploads'));
    assert.equal(profileCount(c), 1);
    // (A full 500,000-row upload is what bench/profile-bulk.ts measures.)
  });

  test('1,000,000 rows per client in 24 hours: the upload going over is refused with 429, whole', async () => {
    const now = c.t.ctx.clock.now();
    const usage = c.t.ctx.store.collection(scopes.profile(CLIENT), 'usage');
    usage.put('batchRows', { id: 'batchRows', buckets: { [String(Math.floor(now / 60_000) * 60_000 - 60_000)]: 999_999 } });
    const refused = await c.batch(2, 'thirdPartyId,n\nquota-1,1\nquota-2,2\n');
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.body, rejection("The client's daily limit of batch rows would be exceeded: 1 rows left in the last 24 hours"));
    assert.equal((await c.fetchThirdParty('quota-1')).statusCode, 404);
    assert.equal((await c.batch(2, 'thirdPartyId,n\nquota-1,1\n')).statusCode, 200);
    await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '24h2m' } });
    assert.equal((await c.batch(2, 'thirdPartyId,n\nquota-2,2\n')).statusCode, 200);
    await c.inject({ method: 'POST', url: '/_mock/reset' });
  });

  test('a file of 50 MB or more is refused with 413: by its Content-Length at once, or counted while streaming', async () => {
    const limit = 50 * 1024 * 1024;
    const declared = await c.inject({
      method: 'POST',
      url: `/m2/${CLIENT}/v2/profile/batchUpdate`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(limit) },
      payload: 'thirdPartyId,a\n',
    });
    assert.equal(declared.statusCode, 413);
    assert.equal(declared.body, rejection('The batch file must be smaller than 50 MB'));

    // Streamed without a length: one value growing past the limit, in 1 MiB chunks.
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    async function* body() {
      yield Buffer.from('thirdPartyId,big\nhuge,');
      for (let sent = 0; sent < limit; sent += chunk.length) yield chunk;
      yield Buffer.from('\n');
    }
    const streamed = await c.inject({
      method: 'POST',
      url: `/m2/${CLIENT}/v2/profile/batchUpdate`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      payload: Readable.from(body()),
    });
    assert.equal(streamed.statusCode, 413);
    assert.equal(streamed.body, rejection('The batch file must be smaller than 50 MB'));
    assert.equal((await c.fetchThirdParty('huge')).statusCode, 404);
  });

  test('a profile over 2000 KB is rejected for its row (v2 status error); the other rows are applied', async () => {
    const big = 'b'.repeat(2000 * 1024);
    const response = await c.batch(2, `thirdPartyId,blob\nsmall,ok\nlarge,${big}\n`);
    assert.equal(response.statusCode, 200);
    const status = await c.inject({ method: 'GET', url: pathOf(xmlField(response.body, 'batchStatus')!) });
    assert.match(
      status.body,
      /<id>2<\/id>\n {4}<mbox3rdPartyId>large<\/mbox3rdPartyId>\n {4}<status>error<\/status>\n {4}<message>the profile would exceed 2000 KB<\/message>/,
    );
    assert.equal((await c.fetchThirdParty('small')).statusCode, 200);
    assert.equal((await c.fetchThirdParty('large')).statusCode, 404);
    // Just under the limit (name + value) is accepted.
    const fits = await c.batch(2, `thirdPartyId,blob\nlarge,${big.slice(4)}\n`);
    assert.doesNotMatch((await c.inject({ method: 'GET', url: pathOf(xmlField(fits.body, 'batchStatus')!) })).body, /<status>error/);
    assert.equal((await c.fetchThirdParty('large')).statusCode, 200);
  });
});

describe('Target Profile API: bulk update with an update delay', () => {
  test('created profiles and updates are pending until the delay has passed', async () => {
    const c = await startProfiles({ profileUpdateDelayMs: 600_000 });
    try {
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { freeze: true } });
      const response = await c.batch(2, `pcId,tier\nlater-1,gold\n${SAMPLE_TNT_ID},silver\n`);
      const statusPath = pathOf(xmlField(response.body, 'batchStatus')!);
      const pending = await c.inject({ method: 'GET', url: statusPath });
      assert.equal(xmlField(pending.body, 'status'), 'pending');
      assert.equal((pending.body.match(/<status>pending<\/status>/g) ?? []).length, 3);
      assert.equal((await c.fetchTnt('later-1')).statusCode, 404);
      assert.equal(attributeValues((await c.fetchTnt(SAMPLE_TNT_ID)).json()).tier, undefined);
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '10m' } });
      const complete = await c.inject({ method: 'GET', url: statusPath });
      assert.equal(xmlField(complete.body, 'status'), 'complete');
      assert.equal((complete.body.match(/<status>success<\/status>/g) ?? []).length, 2);
      assert.equal(attributeValues((await c.fetchTnt('later-1')).json()).tier, 'gold');
      assert.equal(attributeValues((await c.fetchTnt(SAMPLE_TNT_ID)).json()).tier, 'silver');
    } finally {
      await c.close();
    }
  });

  test('consecutive v2 uploads override each other as they become visible, in the order they were sent', async () => {
    const c = await startProfiles({ profileUpdateDelayMs: 600_000 });
    try {
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { freeze: true } });
      await c.batch(2, 'thirdPartyId,a,b\nlate-1,a1,b1\n');
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '1m' } });
      await c.batch(2, 'thirdPartyId,b,c\nlate-1,b2,c2\n');
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '9m' } });
      assert.deepEqual(attributeValues((await c.fetchThirdParty('late-1')).json()), { a: 'a1', b: 'b1' });
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '1m' } });
      assert.deepEqual(attributeValues((await c.fetchThirdParty('late-1')).json()), { b: 'b2', c: 'c2' });
      // Those fetches were mbox calls: the next upload merges once visible.
      await c.batch(2, 'thirdPartyId,d\nlate-1,d3\n');
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '10m' } });
      assert.deepEqual(attributeValues((await c.fetchThirdParty('late-1')).json()), { b: 'b2', c: 'c2', d: 'd3' });
    } finally {
      await c.close();
    }
  });
});
