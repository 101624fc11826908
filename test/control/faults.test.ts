import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, ISO_INSTANT, UUID } from '../helpers.js';
import { CATALOG, controlApp, TARGET, type ControlApp } from './support.js';

const DATASETS = `${CATALOG}/dataSets`;

describe('Fault injection', () => {
  let t: ControlApp;
  before(async () => {
    t = await controlApp();
  });
  after(() => t.close());
  beforeEach(async () => {
    await t.inject({ method: 'DELETE', url: '/_mock/faults' });
  });

  const addFault = async (fault: unknown) => {
    const response = await t.json('POST', '/_mock/faults', fault);
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as { id: string; remaining?: number };
  };
  const listDataSets = () => t.inject({ method: 'GET', url: DATASETS, headers: t.platform() });

  test("issue 7's example: a 500 for one request, in Platform's envelope, then back to normal", async () => {
    const response = await t.json('POST', '/_mock/faults', { method: 'GET', path: DATASETS, status: 500, count: 1 });
    assert.equal(response.statusCode, 201);
    const fault = response.json();
    assert.deepEqual(fault, { id: fault.id, method: 'GET', path: DATASETS, status: 500, count: 1, remaining: 1 });

    const failed = await listDataSets();
    assert.equal(failed.statusCode, 500);
    assert.deepEqual(failed.json(), {
      type: 'http://ns.adobe.com/aep/errors/internal',
      status: 500,
      title: 'InternalServerError',
      detail: `Fault ${fault.id} injected by the emulator: HTTP 500`,
    });
    assert.equal((await listDataSets()).statusCode, 200);
    assert.deepEqual((await t.inject({ method: 'GET', url: '/_mock/faults' })).json(), { faults: [] }, 'a used-up fault is gone');

    const entries = (await t.inject({ method: 'GET', url: `/_mock/requests?path=${DATASETS}` })).json().requests;
    assert.equal(entries.at(-2).fault, fault.id);
    assert.equal(entries.at(-2).status, 500);
    assert.equal(entries.at(-1).fault, undefined);
  });

  test("a status without a body answers in the product's envelope for that status", async () => {
    await addFault({ path: `${TARGET}/environments`, status: 503 });
    const target = await t.inject({ method: 'GET', url: `${TARGET}/environments`, headers: t.target() });
    assert.equal(target.statusCode, 503);
    const body = target.json();
    assert.match(body.requestId, UUID);
    assert.match(body.requestTime, /^\d{4}-\d{2}-\d{2}T/);
    assert.deepEqual(body.errors, [{ errorCode: 'Server.Error', message: body.errors[0].message }]);
    assert.equal(body.httpStatus, 503);

    await addFault({ path: '/Rest/Media/1/Search/Files', status: 429 });
    const stock = await t.inject({ method: 'GET', url: '/Rest/Media/1/Search/Files?locale=en_US', headers: { 'x-api-key': DEMO.clientId } });
    assert.equal(stock.statusCode, 429);
    assert.deepEqual(stock.json(), { error_code: '429', message: stock.json().message });
  });

  test('a status with a body answers that body as is, before any credential check', async () => {
    await addFault({ method: 'GET', path: DATASETS, status: 418, body: { teapot: true } });
    const response = await t.inject({ method: 'GET', url: DATASETS });
    assert.equal(response.statusCode, 418);
    assert.deepEqual(response.json(), { teapot: true });
  });

  test('a documented error by name', async () => {
    await addFault({ path: DATASETS, error: 'api-key-invalid' });
    const platform = await listDataSets();
    assert.equal(platform.statusCode, 403);
    assert.deepEqual(platform.json(), { error_code: '403003', message: 'Api Key is invalid' });

    await addFault({ path: `${TARGET}/offers`, error: 'unsupported-feature' });
    const target = await t.inject({ method: 'GET', url: `${TARGET}/offers`, headers: t.target() });
    assert.equal(target.statusCode, 406);
    const body = target.json();
    assert.deepEqual(body, {
      httpStatus: 406,
      requestId: body.requestId,
      requestTime: body.requestTime,
      errors: [{ errorCode: 'Unsupported.Feature', message: 'Unsupported features detected' }],
    });
    assert.match(body.requestId, UUID);

    await addFault({ path: DATASETS, error: 'oauth-token-missing', count: 1 });
    const missing = await listDataSets();
    assert.deepEqual([missing.statusCode, missing.json()], [403, { error_code: '403010', message: 'Oauth token is missing.' }]);
  });

  test('an unknown error name answers 400 listing the known ones', async () => {
    const response = await t.json('POST', '/_mock/faults', { path: DATASETS, error: 'teapot' });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json(), {
      statusCode: 400,
      error: 'bad-request',
      message:
        'Unknown error "teapot"; known errors: oauth-token-missing, oauth-token-invalid, api-key-required, api-key-invalid, ' +
        'missing-header, user-region-missing, profile-not-valid, content-type-invalid, unsupported-feature',
    });
  });

  test('latency delays the answer, which is otherwise normal', async () => {
    await addFault({ path: DATASETS, latencyMs: 60 });
    const started = performance.now();
    const response = await listDataSets();
    const elapsed = performance.now() - started;
    assert.equal(response.statusCode, 200);
    assert.ok(elapsed >= 55, `answered after ${elapsed} ms`);
  });

  test('probability 0 never applies, 1 always', async () => {
    const never = await addFault({ path: DATASETS, status: 500, probability: 0 });
    for (let i = 0; i < 10; i++) assert.equal((await listDataSets()).statusCode, 200);
    await t.inject({ method: 'DELETE', url: `/_mock/faults/${never.id}` });
    await addFault({ path: DATASETS, status: 500, probability: 1 });
    for (let i = 0; i < 10; i++) assert.equal((await listDataSets()).statusCode, 500);
  });

  test('count limits the applications; remaining counts down', async () => {
    const fault = await addFault({ path: DATASETS, status: 502, count: 2 });
    assert.equal(fault.remaining, 2);
    assert.equal((await listDataSets()).statusCode, 502);
    assert.equal((await t.inject({ method: 'GET', url: '/_mock/faults' })).json().faults[0].remaining, 1);
    assert.equal((await listDataSets()).statusCode, 502);
    assert.equal((await listDataSets()).statusCode, 200);
  });

  test('* matches any run of characters; method narrows; the query string is ignored', async () => {
    await addFault({ method: 'GET', path: `${TARGET}/offers/*`, status: 500 });
    assert.equal((await t.inject({ method: 'GET', url: `${TARGET}/offers/content/1?x=1`, headers: t.target() })).statusCode, 500);
    assert.equal((await t.inject({ method: 'GET', url: `${TARGET}/offers/content`, headers: t.target() })).statusCode, 500);
    assert.equal(
      (await t.inject({ method: 'GET', url: `${TARGET}/offers`, headers: t.target() })).statusCode,
      200,
      'the slash before * is part of the pattern',
    );
    assert.equal((await t.inject({ method: 'GET', url: `${TARGET}/environments`, headers: t.target() })).statusCode, 200);
    const post = await t.inject({
      method: 'POST',
      url: `${TARGET}/offers/content`,
      headers: { ...t.target(), 'content-type': 'application/json' },
      payload: '{"name":"n","content":"c"}',
    });
    assert.notEqual(post.statusCode, 500);
  });

  test('product matches every path of one product', async () => {
    await addFault({ product: 'target', status: 503 });
    assert.equal((await t.inject({ method: 'GET', url: `${TARGET}/environments`, headers: t.target() })).statusCode, 503);
    assert.equal((await listDataSets()).statusCode, 200);
    assert.equal((await t.inject({ method: 'GET', url: '/_mock/health' })).statusCode, 200, 'never the control plane');
  });

  test('the most recent matching fault wins', async () => {
    await addFault({ path: '*', status: 500 });
    await addFault({ path: DATASETS, status: 404 });
    assert.equal((await listDataSets()).statusCode, 404);
    assert.equal((await t.inject({ method: 'GET', url: `${TARGET}/environments`, headers: t.target() })).statusCode, 500);
  });

  test('inside Target /batch: the operation gets the fault, the batch itself answers 200', async () => {
    const created = await t.createOffer('in a batch');
    const fault = await addFault({ method: 'GET', path: '/mocktenant/target/offers/content/*', status: 503 });
    const response = await t.inject({
      method: 'POST',
      url: `${TARGET}/batch`,
      headers: { ...t.target(), 'content-type': 'application/json' },
      payload: JSON.stringify({
        operations: [
          { operationId: 0, method: 'GET', relativeUrl: `/offers/content/${created}` },
          { operationId: 1, method: 'GET', relativeUrl: '/environments' },
        ],
      }),
    });
    assert.equal(response.statusCode, 200, response.body);
    const results = (response.json() as { results: Array<{ operationId: number; statusCode: number; body: { httpStatus?: number } }> }).results;
    const byId = new Map(results.map((result) => [result.operationId, result]));
    assert.equal(byId.get(0)!.statusCode, 503);
    assert.equal(byId.get(0)!.body.httpStatus, 503);
    assert.equal(byId.get(1)!.statusCode, 200);
    const journal = (await t.inject({ method: 'GET', url: `/_mock/requests?path=${TARGET}/offers/content/${created}` })).json().requests;
    assert.equal(journal.at(-1).fault, fault.id);
  });

  test('drop inside Target /batch ends that operation; nothing hangs', async () => {
    await addFault({ method: 'GET', path: `${TARGET}/environments`, drop: true });
    const response = await t.inject({
      method: 'POST',
      url: `${TARGET}/batch`,
      headers: { ...t.target(), 'content-type': 'application/json' },
      payload: JSON.stringify({
        operations: [
          { operationId: 0, method: 'GET', relativeUrl: '/environments' },
          { operationId: 1, dependsOnOperationIds: [0], method: 'GET', relativeUrl: '/offers?limit=1' },
        ],
      }),
    });
    assert.equal(response.statusCode, 200, response.body);
    const [dropped, dependent] = (response.json() as { results: Array<{ statusCode?: number; skipped: boolean; body?: { errors: unknown } }> }).results;
    // docs/target-admin.md, "The /batch endpoint": a dropped operation is a 502 for that operation; its dependents are skipped.
    assert.equal(dropped!.statusCode, 502);
    assert.deepEqual(dropped!.body!.errors, [{ errorCode: 'Server.Error', message: 'The operation ended without an answer (its connection was closed)' }]);
    assert.deepEqual(dependent, { operationId: 1, skipped: true });
  });

  test('drop inside a Catalog batched request ends that sub-request with 502; the others run', async () => {
    await addFault({ method: 'GET', path: DATASETS, drop: true });
    const response = await t.inject({
      method: 'POST',
      url: `${CATALOG}/`,
      headers: { ...t.platform(), 'content-type': 'application/json' },
      payload: JSON.stringify([
        { id: 'dropped', resource: '/dataSets', method: 'GET' },
        { id: 'next', resource: '/batches?limit=1', method: 'GET' },
      ]),
    });
    assert.equal(response.statusCode, 201, response.body);
    const [dropped, next] = response.json() as Array<{ id: string; code: number; body: unknown }>;
    // docs/platform.md, Catalog: the dropped sub-request is a 502 in the Platform envelope.
    assert.deepEqual(dropped, {
      id: 'dropped',
      code: 502,
      body: {
        type: 'http://ns.adobe.com/aep/errors/internal',
        status: 502,
        title: 'InternalServerError',
        detail: 'The sub-request ended without an answer (its connection was closed)',
      },
    });
    assert.equal(next!.code, 200);
  });

  test('drop under inject rejects instead of hanging, and is journaled with status 0', async () => {
    const fault = await addFault({ path: DATASETS, drop: true, count: 1 });
    await assert.rejects(listDataSets(), /destroyed/);
    const entry = (await t.inject({ method: 'GET', url: `/_mock/requests?path=${DATASETS}` })).json().requests.at(-1);
    assert.equal(entry.status, 0);
    assert.equal(entry.fault, fault.id);
    assert.equal(entry.responseBodyNote, 'no answer: the connection was dropped by a fault');
    assert.equal((await listDataSets()).statusCode, 200);
  });

  test('GET lists, DELETE /{id} removes one (404 when unknown), DELETE removes all', async () => {
    const first = await addFault({ path: '/a', status: 500 });
    const second = await addFault({ path: '/b', latencyMs: 5, probability: 0.5 });
    const listed = await t.inject({ method: 'GET', url: '/_mock/faults' });
    assert.deepEqual(listed.json(), {
      faults: [
        { id: first.id, path: '/a', status: 500 },
        { id: second.id, path: '/b', latencyMs: 5, probability: 0.5 },
      ],
    });
    const removed = await t.inject({ method: 'DELETE', url: `/_mock/faults/${first.id}` });
    assert.equal(removed.statusCode, 204);
    const again = await t.inject({ method: 'DELETE', url: `/_mock/faults/${first.id}` });
    assert.equal(again.statusCode, 404);
    assert.deepEqual(again.json(), { statusCode: 404, error: 'not-found', message: `No fault with id '${first.id}'` });
    assert.equal((await t.inject({ method: 'GET', url: '/_mock/faults' })).json().faults.length, 1);
    assert.equal((await t.inject({ method: 'DELETE', url: '/_mock/faults' })).statusCode, 204);
    assert.deepEqual((await t.inject({ method: 'GET', url: '/_mock/faults' })).json(), { faults: [] });
  });

  test('invalid definitions answer 400 in the control envelope', async () => {
    const cases: Array<[unknown, string]> = [
      [[1], 'The fault must be a JSON object'],
      [{ path: DATASETS }, 'A fault needs an effect: status (with an optional body), error, latencyMs or drop'],
      [{ status: 500 }, 'A fault needs a path (use "*" for every path) or a product'],
      [{ path: 'data', status: 500 }, 'path must be a string starting with / (exact), with * matching any run of characters'],
      [{ path: DATASETS, status: 700 }, 'status must be an integer HTTP status from 200 to 599'],
      [{ path: DATASETS, body: {} }, 'body goes with status'],
      [{ path: DATASETS, status: 500, error: 'api-key-invalid' }, 'Give either status (with an optional body) or error, not both'],
      [{ path: DATASETS, drop: true, status: 500 }, 'A dropped connection has no status, body or error'],
      [{ path: DATASETS, status: 500, probability: 2 }, 'probability must be a number from 0 to 1'],
      [{ path: DATASETS, status: 500, count: 0 }, 'count must be a positive integer'],
      [{ path: DATASETS, latencyMs: -1 }, 'latencyMs must be an integer from 0 to 120000'],
      [{ path: DATASETS, status: 500, method: 'FETCH' }, 'method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS or *'],
      [{ path: DATASETS, status: 500, product: 'analytics' }, 'product must be one of ims, platform, target, profile, stock'],
      [
        { path: DATASETS, status: 500, colour: 'red' },
        'Unknown field(s): colour; a fault has method, path, product, status, body, error, latencyMs, drop, probability, count',
      ],
    ];
    for (const [fault, message] of cases) {
      const response = await t.json('POST', '/_mock/faults', fault);
      assert.equal(response.statusCode, 400, JSON.stringify(fault));
      assert.deepEqual(response.json(), { statusCode: 400, error: 'bad-request', message }, JSON.stringify(fault));
    }
    assert.deepEqual((await t.inject({ method: 'GET', url: '/_mock/faults' })).json(), { faults: [] });
  });
});

describe('Fault injection over a real connection', () => {
  test('drop closes the connection; the server keeps serving', async () => {
    const t = await controlApp();
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address() as { port: number };
      const base = `http://127.0.0.1:${address.port}`;
      const created = await fetch(`${base}/_mock/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path: DATASETS, drop: true, count: 1 }),
      });
      assert.equal(created.status, 201);
      await assert.rejects(fetch(`${base}${DATASETS}`, { headers: t.platform() }));
      const next = await fetch(`${base}${DATASETS}`, { headers: t.platform() });
      assert.equal(next.status, 200);
      const entries = (await (await fetch(`${base}/_mock/requests?path=${DATASETS}`)).json()) as { requests: Array<{ status: number; time: string }> };
      assert.deepEqual(
        entries.requests.map((entry) => entry.status),
        [0, 200],
      );
      assert.match(entries.requests[0].time, ISO_INSTANT);
    } finally {
      await t.close();
    }
  });
});
