import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, ISO_INSTANT } from '../helpers.js';
import { CATALOG, controlApp, DATASET, IMPORT, TARGET, type ControlApp } from './support.js';

interface Entry {
  id: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  product: string;
  status: number;
  durationMs: number;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  requestBody?: string;
  requestBodyTruncated?: boolean;
  requestBodyNote?: string;
  responseBody?: string;
  responseBodyTruncated?: boolean;
  responseBodyNote?: string;
  truncated?: boolean;
  fault?: string;
}
interface Page {
  requests: Entry[];
  total: number;
  dropped: number;
}

async function journal(t: ControlApp, query = ''): Promise<Page> {
  const response = await t.inject({ method: 'GET', url: `/_mock/requests${query}` });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as Page;
}

describe('Request journal', () => {
  let t: ControlApp;
  before(async () => {
    t = await controlApp();
  });
  after(() => t.close());
  beforeEach(async () => {
    await t.inject({ method: 'DELETE', url: '/_mock/requests' });
  });

  test('an entry tells what was called and answered, secrets masked', async () => {
    const call = await t.inject({ method: 'GET', url: `${CATALOG}/dataSets?limit=1&properties=name`, headers: t.platform() });
    const { requests, total, dropped } = await journal(t);
    assert.equal(total, 1);
    assert.equal(dropped, 0);
    const [entry] = requests;
    assert.equal(typeof entry.id, 'number');
    assert.match(entry.time, ISO_INSTANT);
    assert.equal(entry.method, 'GET');
    assert.equal(entry.path, `${CATALOG}/dataSets`);
    assert.deepEqual(entry.query, { limit: '1', properties: 'name' });
    assert.equal(entry.product, 'platform');
    assert.equal(entry.status, 200);
    assert.equal(typeof entry.durationMs, 'number');
    assert.equal(entry.requestHeaders.authorization, `Bearer ***${t.token.slice(-4)}`);
    assert.equal(entry.requestHeaders['x-api-key'], `***${DEMO.clientId.slice(-4)}`);
    assert.equal(entry.requestHeaders['x-gw-ims-org-id'], DEMO.org);
    assert.equal(entry.responseHeaders['content-type'], 'application/json; charset=utf-8');
    assert.equal(entry.responseBody, call.body);
    assert.equal(entry.requestBody, undefined);
    assert.equal(entry.fault, undefined);
  });

  test('IMS secrets are masked in form bodies, JSON bodies, cookies and access_token headers', async () => {
    const token = await t.inject({
      method: 'POST',
      url: '/ims/token/v3',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'session=abc' },
      payload: `grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=adobe-mock-secret`,
    });
    const accessToken = (token.json() as { access_token: string }).access_token;
    await t.inject({ method: 'GET', url: '/rest/v1/profiles/abc?client=demo&access_token=secret-token-value', headers: { access_token: accessToken } });
    const [ims, profile] = (await journal(t)).requests;
    assert.equal(ims.product, 'ims');
    assert.equal(ims.requestBody, `grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=***`);
    assert.equal(ims.requestHeaders.cookie, '***');
    assert.ok(!ims.responseBody!.includes(accessToken));
    assert.match(ims.responseBody!, new RegExp(`"access_token":"\\*\\*\\*${accessToken.slice(-4)}"`));
    assert.equal(profile.product, 'profile');
    assert.equal(profile.requestHeaders.access_token, `***${accessToken.slice(-4)}`);
    assert.deepEqual(profile.query, { client: 'demo', access_token: '***' });
  });

  test("a /batch operation's own Authorization header is masked in the journaled body, and still used", async () => {
    const payload = {
      operations: [{ operationId: 0, method: 'GET', relativeUrl: '/offers?limit=1', headers: [{ name: 'Authorization', value: `Bearer ${t.token}` }] }],
    };
    const sent = JSON.stringify(payload);
    const response = await t.inject({ method: 'POST', url: `${TARGET}/batch`, headers: { ...t.target(), 'content-type': 'application/json' }, payload: sent });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal((response.json() as { results: Array<{ statusCode: number }> }).results[0].statusCode, 200, 'the operation authenticated with it');
    const entry = (await journal(t)).requests.at(-1)!;
    assert.equal(entry.requestHeaders.authorization, `Bearer ***${t.token.slice(-4)}`);
    assert.equal(entry.requestBody, sent.replace(`Bearer ${t.token}`, `Bearer ***${t.token.slice(-4)}`));
    assert.ok(!JSON.stringify(await journal(t)).includes(t.token));
  });

  test('form bodies: client_secret and an authorization code are hidden whole', async () => {
    await t.inject({
      method: 'POST',
      url: '/ims/token/v3',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=authorization_code&client_id=${DEMO.clientId}&Client_Secret=${DEMO.clientSecret}&code=eyJhbGciOiJub25lIn0.secret-code`,
    });
    const entry = (await journal(t)).requests.at(-1)!;
    assert.equal(entry.requestBody, `grant_type=authorization_code&client_id=${DEMO.clientId}&Client_Secret=***&code=***`);
  });

  test('JSON request bodies are kept as sent; long bodies are cut at journalBodyBytes', async () => {
    const small = await controlApp({ journalBodyBytes: 64 });
    try {
      const body = JSON.stringify({ name: 'x'.repeat(100), content: 'é'.repeat(10) });
      await small.inject({
        method: 'POST',
        url: `${TARGET}/offers/content`,
        headers: { ...small.target(), 'content-type': 'application/vnd.adobe.target.v2+json' },
        payload: body,
      });
      const entry = (await journal(small)).requests.at(-1)!;
      assert.equal(entry.requestBody, body.slice(0, 64));
      assert.equal(entry.requestBodyTruncated, true);
      assert.equal(entry.responseBodyTruncated, true);
      assert.equal(entry.truncated, true);
      assert.ok(Buffer.byteLength(entry.responseBody!) <= 64);
    } finally {
      await small.close();
    }
  });

  test('uploads are not buffered: only their type and size are recorded', async () => {
    const created = await t.inject({
      method: 'POST',
      url: `${IMPORT}/batches`,
      headers: { ...t.platform(), 'content-type': 'application/json' },
      payload: JSON.stringify({ datasetId: DATASET, inputFormat: { format: 'json' } }),
    });
    const batchId = (created.json() as { id: string }).id;
    await t.inject({
      method: 'PUT',
      url: `${IMPORT}/batches/${batchId}/datasets/${DATASET}/files/a.json`,
      headers: { ...t.platform(), 'content-type': 'application/octet-stream' },
      payload: Buffer.from('{"_id":"1"}\n'),
    });
    const [create, upload] = (await journal(t)).requests;
    assert.equal(create.requestBody, JSON.stringify({ datasetId: DATASET, inputFormat: { format: 'json' } }));
    assert.equal(upload.requestBody, undefined);
    assert.equal(upload.requestBodyNote, 'not recorded: application/octet-stream, 12 bytes, streamed to the service');
  });

  test('filters: path prefix, method, status (exact or class), since, after, limit', async () => {
    await t.inject({ method: 'GET', url: `${CATALOG}/dataSets`, headers: t.platform() });
    await t.inject({ method: 'GET', url: `${CATALOG}/dataSets/nope`, headers: t.platform() });
    const middle = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.inject({ method: 'GET', url: `${TARGET}/environments`, headers: t.target() });
    await t.inject({ method: 'POST', url: `${TARGET}/offers/content`, headers: { ...t.target(), 'content-type': 'application/json' }, payload: '{}' });
    const all = (await journal(t)).requests;
    assert.equal(all.length, 4);
    assert.deepEqual(
      all.map((entry) => entry.id),
      [...all.map((entry) => entry.id)].sort((a, b) => a - b),
      'oldest first',
    );

    const paths = (page: Page) => page.requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
    assert.deepEqual(paths(await journal(t, `?path=${CATALOG}`)), [`GET ${CATALOG}/dataSets 200`, `GET ${CATALOG}/dataSets/nope 404`]);
    assert.deepEqual(paths(await journal(t, '?method=post')), [`POST ${TARGET}/offers/content 400`]);
    assert.deepEqual(paths(await journal(t, '?status=404')), [`GET ${CATALOG}/dataSets/nope 404`]);
    assert.deepEqual(paths(await journal(t, '?status=4xx')), [`GET ${CATALOG}/dataSets/nope 404`, `POST ${TARGET}/offers/content 400`]);
    assert.deepEqual(paths(await journal(t, `?since=${encodeURIComponent(middle)}`)), [`GET ${TARGET}/environments 200`, `POST ${TARGET}/offers/content 400`]);
    assert.deepEqual((await journal(t, `?after=${all[1].id}`)).requests, all.slice(2));
    assert.deepEqual((await journal(t, '?limit=1')).requests, all.slice(3), 'limit alone keeps the most recent');
    assert.deepEqual((await journal(t, `?after=${all[0].id}&limit=2`)).requests, all.slice(1, 3), 'with after, the next ones');
    const page = await journal(t, '?method=DELETE');
    assert.deepEqual(page, { requests: [], total: 4, dropped: 0 });

    const bad = await t.inject({ method: 'GET', url: '/_mock/requests?since=yesterday' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { statusCode: 400, error: 'bad-request', message: 'since must be an ISO-8601 instant, got "yesterday"' });
    assert.equal((await t.inject({ method: 'GET', url: '/_mock/requests?status=abc' })).statusCode, 400);
  });

  test('the emulator\'s own routes are not journaled; unknown paths are, as product "unknown"', async () => {
    await t.inject({ method: 'GET', url: '/_mock/health' });
    await t.inject({ method: 'GET', url: '/_mock/clock' });
    await t.inject({ method: 'GET', url: '/openapi.json' });
    await t.inject({ method: 'GET', url: '/' });
    await t.inject({ method: 'GET', url: '/nowhere/at/all' });
    const { requests } = await journal(t);
    assert.deepEqual(
      requests.map((entry) => [entry.path, entry.product, entry.status]),
      [['/nowhere/at/all', 'unknown', 404]],
    );
  });

  test('DELETE empties it; ids keep growing so a poller sees nothing twice', async () => {
    await t.inject({ method: 'GET', url: `${TARGET}/environments`, headers: t.target() });
    const [first] = (await journal(t)).requests;
    const cleared = await t.inject({ method: 'DELETE', url: '/_mock/requests' });
    assert.equal(cleared.statusCode, 204);
    assert.equal(cleared.body, '');
    assert.deepEqual(await journal(t), { requests: [], total: 0, dropped: 0 });
    await t.inject({ method: 'GET', url: `${TARGET}/environments`, headers: t.target() });
    const [second] = (await journal(t)).requests;
    assert.ok(second.id > first.id);
  });

  test('Target /batch operations are journaled as the requests they are, before the batch', async () => {
    await t.inject({
      method: 'POST',
      url: `${TARGET}/batch`,
      headers: { ...t.target(), 'content-type': 'application/json' },
      payload: JSON.stringify({ operations: [{ operationId: 0, method: 'GET', relativeUrl: '/environments' }] }),
    });
    const { requests } = await journal(t);
    assert.deepEqual(
      requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
      [`GET ${TARGET}/environments 200`, `POST ${TARGET}/batch 200`],
    );
  });
});

describe('Journal bounds', () => {
  test('a full ring evicts the oldest entries and counts them', async () => {
    const t = await controlApp({ journalSize: 3 });
    try {
      for (let i = 0; i < 5; i++) await t.inject({ method: 'GET', url: `/nowhere/${i}` });
      const page = await journal(t);
      assert.deepEqual(
        page.requests.map((entry) => entry.path),
        ['/nowhere/2', '/nowhere/3', '/nowhere/4'],
      );
      assert.equal(page.total, 3);
      assert.equal(page.dropped, 3, 'the token request and two others were evicted');
    } finally {
      await t.close();
    }
  });

  test('journalSize 0 turns the journal off', async () => {
    const t = await controlApp({ journalSize: 0 });
    try {
      await t.inject({ method: 'GET', url: `${TARGET}/environments`, headers: t.target() });
      assert.deepEqual(await journal(t), { requests: [], total: 0, dropped: 0 });
    } finally {
      await t.close();
    }
  });
});
