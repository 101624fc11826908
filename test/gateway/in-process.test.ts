import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { clientPath, dispatchInProcess, type InProcessRequest } from '../../src/gateway/in-process.js';
import { DEMO, platformHeaders, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';

/** Headers that differ between two answers by nature (time, ids, framing). */
const VOLATILE = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'x-request-id']);

describe('in-process dispatch answers exactly like a request from outside', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  const compare = async (request: InProcessRequest) => {
    const injected = await t.inject({ method: request.method as InjectOptions['method'], url: request.url, headers: request.headers, ...(request.payload !== undefined ? { payload: request.payload } : {}) });
    const dispatched = await dispatchInProcess(t.app, request);
    assert.equal(dispatched.statusCode, injected.statusCode, `${request.method} ${request.url}`);
    const stable = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !VOLATILE.has(name)).map(([name, value]) => [name, String(value)]));
    assert.deepEqual(stable(dispatched.headers), stable(injected.headers));
    const scrub = (body: string) => body.replace(/"requestId":"[^"]+"/g, '"requestId":"-"').replace(/"requestTime":"[^"]+"/g, '"requestTime":"-"');
    assert.equal(scrub(dispatched.body), scrub(injected.body));
    return dispatched;
  };

  test('Target: a list, a single offer, an unknown route, a missing token, an unsupported version', async () => {
    const headers = targetHeaders(token);
    await compare({ method: 'GET', url: `/${DEMO.tenant}/target/offers?limit=3`, headers });
    await compare({ method: 'GET', url: `/${DEMO.tenant}/target/offers/content/391769`, headers });
    await compare({ method: 'GET', url: `/${DEMO.tenant}/target/nothing-here`, headers });
    await compare({ method: 'GET', url: `/${DEMO.tenant}/target/offers`, headers: { 'x-api-key': DEMO.clientId } });
    await compare({ method: 'GET', url: `/${DEMO.tenant}/target/offers`, headers: { ...headers, accept: 'application/vnd.adobe.target.v9+json' } });
  });

  test('bodies: malformed JSON is a 400, a valid create is answered once (not twice)', async () => {
    const headers = { ...(targetHeaders(token)), 'content-type': 'application/json' };
    await compare({ method: 'POST', url: `/${DEMO.tenant}/target/offers/content`, headers, payload: '{"name": ' });
    const created = await dispatchInProcess(t.app, { method: 'POST', url: `/${DEMO.tenant}/target/offers/content`, headers, payload: JSON.stringify({ name: 'in-process offer', content: '<p>x</p>' }) });
    assert.equal(created.statusCode, 200, created.body);
    const { id } = JSON.parse(created.body) as { id: number };
    const read = await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/offers/content/${id}`, headers });
    assert.equal(read.json().name, 'in-process offer');
  });

  test('Platform: a dataset list and its gateway error', async () => {
    const headers = platformHeaders(token);
    await compare({ method: 'GET', url: '/data/foundation/catalog/dataSets?limit=2', headers });
    await compare({ method: 'GET', url: '/data/foundation/catalog/dataSets', headers: { ...headers, 'x-gw-ims-org-id': '' } });
  });

  test('a header HTTP cannot carry is refused before any route runs', async () => {
    await assert.rejects(dispatchInProcess(t.app, { method: 'GET', url: '/_mock/health', headers: { 'x-bad': 'a\nb' } }), /Invalid character in header content/);
  });

  test("headers 'as given' (Catalog's batched sub-requests) reach the route unchecked", async () => {
    const answered = await dispatchInProcess(t.app, { method: 'GET', url: '/_mock/health', headers: { 'x-bad': 'a\nb' } }, { headers: 'as given' });
    assert.equal(answered.statusCode, 200, answered.body);
  });

  test('clientPath puts a path on the wire as an HTTP client would', () => {
    assert.equal(clientPath('/data/foundation/catalog/../export/files/x'), '/data/foundation/export/files/x');
    assert.equal(clientPath('/data/foundation/catalog/dataSets/a b#part?x'), '/data/foundation/catalog/dataSets/a%20b');
    assert.equal(clientPath('/data/foundation/catalog/dataSets?name=é'), '/data/foundation/catalog/dataSets?name=%C3%A9');
  });
});
