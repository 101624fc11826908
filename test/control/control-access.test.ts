import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { controlApp, TARGET, type ControlApp } from './support.js';

const EVIL = 'http://evil.example';
const ORIGIN_REFUSED = (origin: string) => ({
  statusCode: 403,
  error: 'forbidden',
  message:
    `The control plane does not answer pages of another origin ('${origin}'): only the emulator's own pages may call it. ` +
    'Allow that origin with --control-origins / MOCK_CONTROL_ORIGINS (controlOrigins).',
});
const HOST_REFUSED = (host: string) => ({
  statusCode: 403,
  error: 'forbidden',
  message:
    `The control plane does not answer to Host '${host}': a public name could be DNS-rebound to this emulator by any web page. ` +
    'Use localhost, an IP address or a single-label name, or allow this host with --control-hosts / MOCK_CONTROL_HOSTS (controlHosts).',
});
const TOKEN_REFUSED = (why: string) => ({
  statusCode: 401,
  error: 'unauthorized',
  message:
    `The control plane needs the control token (${why}): send Authorization: Bearer <token> or X-Mock-Control-Token: <token>, ` +
    'or in a browser open /?token=<token> once. It is set by --control-token / MOCK_CONTROL_TOKEN (controlToken).',
});

function noCors(response: LightMyRequestResponse, what: string): void {
  const allowances = Object.keys(response.headers).filter((name) => name.startsWith('access-control-'));
  assert.deepEqual(allowances, [], what);
}

const preflight = (url: string, origin: string, method = 'PUT') => ({
  method: 'OPTIONS' as const,
  url,
  headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
});

describe('Control plane access: origins and hosts', () => {
  let t: ControlApp;
  before(async () => {
    t = await controlApp({ controlOrigins: 'http://localhost:3000', controlHosts: 'mock.test' });
  });
  after(() => t.close());

  test('a cross-origin read of /_mock/state is refused, with no CORS header', async () => {
    const response = await t.inject({ method: 'GET', url: '/_mock/state', headers: { origin: EVIL } });
    assert.equal(response.statusCode, 403);
    assert.deepEqual(response.json(), ORIGIN_REFUSED(EVIL));
    noCors(response, 'refused');
    const opaque = await t.inject({ method: 'GET', url: '/_mock/requests', headers: { origin: 'null' } });
    assert.deepEqual(opaque.json(), ORIGIN_REFUSED('null'), 'sandboxed pages and files send Origin: null');
    const escaped = await t.inject({ method: 'GET', url: '/%5Fmock/state', headers: { origin: EVIL } });
    assert.equal(escaped.statusCode, 403, 'an escaped path is the same path');
  });

  test("the emulator's own origin and a configured origin may call it; only the configured one gets CORS headers", async () => {
    const own = await t.inject({ method: 'GET', url: '/_mock/clock', headers: { host: 'localhost:4590', origin: 'http://localhost:4590' } });
    assert.equal(own.statusCode, 200, own.body);
    noCors(own, 'same origin needs no CORS');
    const plain = await t.inject({ method: 'GET', url: '/_mock/clock' });
    assert.equal(plain.statusCode, 200);
    noCors(plain, 'no product CORS on /_mock');
    const listed = await t.inject({ method: 'GET', url: '/_mock/clock', headers: { origin: 'http://localhost:3000' } });
    assert.equal(listed.statusCode, 200);
    assert.equal(listed.headers['access-control-allow-origin'], 'http://localhost:3000');
    assert.equal(listed.headers.vary, 'Origin');
    const otherPort = await t.inject({ method: 'GET', url: '/_mock/clock', headers: { host: 'localhost:4590', origin: 'http://localhost:4591' } });
    assert.deepEqual(otherPort.json(), ORIGIN_REFUSED('http://localhost:4591'), 'another port is another origin');
  });

  test('preflights: a foreign origin gets no allowance, a configured one does; product CORS is unchanged', async () => {
    const foreign = await t.inject(preflight('/_mock/state', EVIL));
    assert.equal(foreign.statusCode, 403);
    assert.deepEqual(foreign.json(), ORIGIN_REFUSED(EVIL));
    noCors(foreign, 'foreign preflight');
    const listed = await t.inject(preflight('/_mock/reset', 'http://localhost:3000', 'POST'));
    assert.equal(listed.statusCode, 204);
    assert.equal(listed.headers['access-control-allow-origin'], 'http://localhost:3000');
    assert.equal(listed.headers['access-control-allow-methods'], 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    assert.equal(listed.headers['access-control-allow-headers'], 'content-type');
    const product = await t.inject(preflight('/data/foundation/catalog/dataSets', EVIL, 'POST'));
    assert.equal(product.statusCode, 204);
    assert.equal(product.headers['access-control-allow-origin'], '*');
    const read = await t.inject({ method: 'GET', url: `${TARGET}/activities`, headers: { ...t.target(), origin: EVIL } });
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers['access-control-allow-origin'], '*');
  });

  test('a public-looking Host is refused; loopback, IP literals, single labels and configured hosts pass', async () => {
    for (const host of ['evil.example.com', 'evil.example.com:4590', 'localhost.evil.example:4590']) {
      const response = await t.inject({ method: 'GET', url: '/_mock/state', headers: { host } });
      assert.equal(response.statusCode, 403, host);
      assert.deepEqual(response.json(), HOST_REFUSED(host));
      noCors(response, host);
    }
    const dashboard = await t.inject({ method: 'GET', url: '/', headers: { host: 'evil.example.com' } });
    assert.deepEqual(dashboard.json(), HOST_REFUSED('evil.example.com'), 'the dashboard too');
    for (const host of [
      'localhost:4590',
      'localhost',
      'app.localhost:4590',
      '127.0.0.1:4590',
      '10.0.0.7',
      '[::1]:4590',
      'adobe-api-mock:4590',
      'mock.test:4590',
      'MOCK.test',
    ]) {
      const response = await t.inject({ method: 'GET', url: '/_mock/clock', headers: { host } });
      assert.equal(response.statusCode, 200, host);
    }
  });

  test('health stays open to any host and origin', async () => {
    const response = await t.inject({ method: 'GET', url: '/_mock/health', headers: { host: 'evil.example.com', origin: EVIL } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().status, 'ok');
  });

  test('a refused reset or state import changes nothing', async () => {
    const id = await t.createOffer('survives');
    const before = JSON.stringify(t.ctx.store.snapshot());
    const reset = await t.inject({ method: 'POST', url: '/_mock/reset', headers: { origin: EVIL } });
    assert.deepEqual(reset.json(), ORIGIN_REFUSED(EVIL));
    const exported = (await t.inject({ method: 'GET', url: '/_mock/state' })).json() as { scopes: Record<string, unknown> };
    const emptied = { ...exported, scopes: {} };
    const put = await t.inject({
      method: 'PUT',
      url: '/_mock/state',
      headers: { host: 'attacker.example:4590', 'content-type': 'application/json' },
      payload: JSON.stringify(emptied),
    });
    assert.deepEqual(put.json(), HOST_REFUSED('attacker.example:4590'));
    const faults = await t.inject({
      method: 'POST',
      url: '/_mock/faults',
      headers: { origin: EVIL, 'content-type': 'application/json' },
      payload: '{"status":500}',
    });
    assert.equal(faults.statusCode, 403);
    assert.equal(JSON.stringify(t.ctx.store.snapshot()), before);
    const offer = await t.inject({ method: 'GET', url: `${TARGET}/offers/content/${id}`, headers: t.target() });
    assert.equal(offer.statusCode, 200);
    assert.deepEqual((await t.inject({ method: 'GET', url: '/_mock/faults' })).json(), { faults: [] });
  });
});

describe('Control plane access: the control token', () => {
  const TOKEN = 'control-0123456789';
  let t: ControlApp;
  before(async () => {
    t = await controlApp({ controlToken: TOKEN });
  });
  after(() => t.close());

  test('missing or wrong: 401 in the control envelope; right, as Bearer or X-Mock-Control-Token: 200', async () => {
    const missing = await t.inject({ method: 'GET', url: '/_mock/state' });
    assert.equal(missing.statusCode, 401);
    assert.deepEqual(missing.json(), TOKEN_REFUSED('none was sent'));
    assert.equal(missing.headers['www-authenticate'], 'Bearer realm="adobe-api-mock control"');
    for (const headers of [{ authorization: 'Bearer nope' }, { 'x-mock-control-token': 'nope' }, { cookie: 'adobe_api_mock_control=nope' }]) {
      const wrong = await t.inject({ method: 'POST', url: '/_mock/reset', headers });
      assert.equal(wrong.statusCode, 401);
      assert.deepEqual(wrong.json(), TOKEN_REFUSED('the one sent is wrong'));
    }
    for (const headers of [{ authorization: `Bearer ${TOKEN}` }, { 'x-mock-control-token': TOKEN }]) {
      const right = await t.inject({ method: 'GET', url: '/_mock/clock', headers });
      assert.equal(right.statusCode, 200);
    }
  });

  test('the dashboard, its assets and /_mock/resources are protected; health is not', async () => {
    for (const url of ['/', '/_dashboard/app.js', '/_dashboard/styles.css', '/_mock/resources', '/_mock/requests']) {
      const response = await t.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 401, url);
      assert.deepEqual(response.json(), TOKEN_REFUSED('none was sent'), url);
    }
    const health = await t.inject({ method: 'GET', url: '/_mock/health' });
    assert.equal(health.statusCode, 200);
  });

  test('a browser opens /?token= once: an HttpOnly cookie, then the page and its fetches work', async () => {
    const wrong = await t.inject({ method: 'GET', url: '/?token=nope' });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), TOKEN_REFUSED('the one sent is wrong'));
    const opened = await t.inject({ method: 'GET', url: `/?token=${TOKEN}` });
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, '/');
    assert.equal(opened.headers['set-cookie'], `adobe_api_mock_control=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`);
    const cookie = `other=1; adobe_api_mock_control=${TOKEN}`;
    for (const url of ['/', '/_dashboard/app.js', '/_mock/resources', '/_mock/requests', '/_mock/faults', '/_mock/clock']) {
      const response = await t.inject({ method: 'GET', url, headers: { cookie } });
      assert.equal(response.statusCode, 200, url);
    }
    const reset = await t.inject({ method: 'POST', url: '/_mock/reset', headers: { cookie, origin: 'http://localhost' } });
    assert.equal(reset.statusCode, 200, 'the page posts with its own origin');
    const foreign = await t.inject({ method: 'POST', url: '/_mock/reset', headers: { cookie, origin: EVIL } });
    assert.equal(foreign.statusCode, 403, 'the token does not let another origin in');
  });

  test('product APIs do not need it', async () => {
    const response = await t.inject({ method: 'GET', url: `${TARGET}/activities`, headers: t.target() });
    assert.equal(response.statusCode, 200);
  });
});
