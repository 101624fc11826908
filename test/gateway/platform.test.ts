import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { DEMO, OTHER, platformHeaders, startApp, tokenFor, type TestApp } from '../helpers.js';

const URL = '/data/foundation/catalog/dataSets';

describe('Platform gateway: the documented header errors (seed 000), in order', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  const call = (headers: Record<string, string>, extra: { method?: 'GET' | 'POST'; payload?: string } = {}) =>
    t.inject({ method: extra.method ?? 'GET', url: URL, headers, payload: extra.payload });

  test('all headers right: the route answers', async () => {
    const response = await call(platformHeaders(token));
    assert.equal(response.statusCode, 200);
    assert.ok('5c8c3c555033b814b69f947f' in response.json());
  });

  test('no Authorization → 403 403010', async () => {
    const response = await call(platformHeaders(token, { authorization: undefined }));
    assert.equal(response.statusCode, 403);
    assert.equal(response.body, '{"error_code":"403010","message":"Oauth token is missing."}');
  });

  for (const [label, value] of [
    ['malformed', 'Bearer not-a-jwt'],
    ['not Bearer', 'Basic YWRtaW46YWRtaW4='],
    ['bearer without token', 'Bearer '],
  ] as const) {
    test(`token ${label} → 401 401013`, async () => {
      const response = await call(platformHeaders(token, { authorization: value }));
      assert.equal(response.statusCode, 401);
      assert.equal(response.body, '{"error_code":"401013","message":"Oauth token is not valid"}');
    });
  }

  test('token signed with another key → 401 401013', async () => {
    const forged = await new SignJWT({ type: 'access_token', client_id: DEMO.clientId, org: DEMO.org, created_at: String(Date.now()), expires_in: '86400000' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('some other secret entirely'));
    const response = await call(platformHeaders(token, { authorization: `Bearer ${forged}` }));
    assert.equal(response.statusCode, 401);
    assert.equal(response.body, '{"error_code":"401013","message":"Oauth token is not valid"}');
  });

  test('no x-api-key → 403 403000', async () => {
    const response = await call(platformHeaders(token, { 'x-api-key': undefined }));
    assert.equal(response.statusCode, 403);
    assert.equal(response.body, '{"error_code":"403000","message":"Api Key is required"}');
  });

  test('unknown x-api-key → 403 403003', async () => {
    const response = await call(platformHeaders(token, { 'x-api-key': 'nobody' }));
    assert.equal(response.statusCode, 403);
    assert.equal(response.body, '{"error_code":"403003","message":"Api Key is invalid"}');
  });

  test("x-api-key of another client than the token's → 403 403003", async () => {
    const response = await call(platformHeaders(token, { 'x-api-key': OTHER.clientId }));
    assert.equal(response.statusCode, 403);
    assert.equal(response.body, '{"error_code":"403003","message":"Api Key is invalid"}');
  });

  test('no x-gw-ims-org-id → 400 400003', async () => {
    const response = await call(platformHeaders(token, { 'x-gw-ims-org-id': undefined }));
    assert.equal(response.statusCode, 400);
    assert.equal(response.body, '{"error_code":"400003","message":"Missing header"}');
  });

  for (const org of ['0123456789ABCDEF01234567', 'not-an-org@AdobeOrg', 'XYZ@AdobeOrg']) {
    test(`malformed org id ${org} → 403 403027`, async () => {
      const response = await call(platformHeaders(token, { 'x-gw-ims-org-id': org }));
      assert.equal(response.statusCode, 403);
      assert.equal(response.body, '{"error_code":"403027","message":"User region is missing"}');
    });
  }

  test("an org the token's integration is not entitled to → 403 403025", async () => {
    const response = await call(platformHeaders(token, { 'x-gw-ims-org-id': OTHER.org }));
    assert.equal(response.statusCode, 403);
    assert.equal(response.body, '{"error_code":"403025","message":"Profile is not valid"}');
  });

  test("a token of another org, used with that org's key, on our org → 403 403025", async () => {
    const otherToken = await tokenFor(t, OTHER);
    const response = await call(platformHeaders(otherToken, { 'x-api-key': OTHER.clientId }));
    assert.equal(response.statusCode, 403);
    assert.equal(response.body, '{"error_code":"403025","message":"Profile is not valid"}');
  });

  for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded']) {
    test(`POST with a body and Content-Type ${contentType ?? '(none)'} → 400 content-type error`, async () => {
      const response = await call(platformHeaders(token, { 'content-type': contentType }), { method: 'POST', payload: '{"name":"x"}' });
      assert.equal(response.statusCode, 400);
      assert.equal(response.body, '{"type":"/placeholder/type/uri","status":400,"title":"BadRequestError","detail":"A valid content-type must be specified"}');
    });
  }

  test('POST with JSON or vendor JSON content types passes the content-type check', async () => {
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'application/json-patch+json']) {
      const response = await call(platformHeaders(token, { 'content-type': contentType }), { method: 'POST', payload: '{"name":"x"}' });
      assert.notEqual(response.json().detail, 'A valid content-type must be specified', contentType);
    }
  });

  test('POST without a body needs no Content-Type', async () => {
    // POST /dataSets itself needs a body now (400 from the route), but not the content-type error
    const response = await call(platformHeaders(token), { method: 'POST' });
    assert.notEqual(response.json().detail, 'A valid content-type must be specified');
  });

  test('precedence: with every header wrong, each fix reveals the next documented error', async () => {
    const expected = ['403010', '401013', '403000', '403003', '400003', '403027', '403025'];
    const steps: Array<Record<string, string | undefined>> = [
      { authorization: undefined, 'x-api-key': undefined, 'x-gw-ims-org-id': undefined },
      { authorization: 'Bearer junk', 'x-api-key': undefined, 'x-gw-ims-org-id': undefined },
      { 'x-api-key': undefined, 'x-gw-ims-org-id': undefined },
      { 'x-api-key': 'nobody', 'x-gw-ims-org-id': undefined },
      { 'x-gw-ims-org-id': undefined },
      { 'x-gw-ims-org-id': 'bad' },
      { 'x-gw-ims-org-id': OTHER.org },
    ];
    const seen = [];
    for (const overrides of steps) {
      const response = await call(platformHeaders(token, { 'content-type': 'text/plain', ...overrides }), { method: 'POST', payload: 'x' });
      seen.push(response.json().error_code);
    }
    assert.deepEqual(seen, expected);
    const last = await call(platformHeaders(token, { 'content-type': 'text/plain' }), { method: 'POST', payload: 'x' });
    assert.equal(last.json().detail, 'A valid content-type must be specified');
  });

  test('gateway errors come before route matching: unknown paths too', async () => {
    const response = await t.inject({ method: 'GET', url: '/data/foundation/import/nothing-here' });
    assert.equal(response.body, '{"error_code":"403010","message":"Oauth token is missing."}');
  });

  test('x-sandbox-name: absent means prod; a sandbox the integration may not use → 403 403032', async () => {
    const absent = await call(platformHeaders(token, { 'x-sandbox-name': undefined }));
    assert.equal(absent.statusCode, 200);
    assert.ok('5c8c3c555033b814b69f947f' in absent.json());
    const forbidden = await call(platformHeaders(token, { 'x-sandbox-name': 'staging' }));
    assert.equal(forbidden.statusCode, 403);
    assert.deepEqual(forbidden.json(), {
      error_code: '403032',
      message: "Sandbox 'staging' is not accessible with these credentials",
    });
  });

  test('data is partitioned per org + sandbox: the prod dataset is not in dev', async () => {
    const dev = await call(platformHeaders(token, { 'x-sandbox-name': 'dev' }));
    assert.equal(dev.statusCode, 200);
    assert.deepEqual(dev.json(), {});
    const lookup = await t.inject({ method: 'GET', url: `${URL}/5c8c3c555033b814b69f947f`, headers: platformHeaders(token, { 'x-sandbox-name': 'dev' }) });
    assert.equal(lookup.statusCode, 404);
  });
});

describe('Platform gateway in permissive mode', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp({ auth: 'permissive' });
  });
  after(() => t.close());

  test('any bearer token and key pass; presence and format checks still apply', async () => {
    const foreign = { authorization: 'Bearer a-real-adobe-token-from-elsewhere', 'x-api-key': 'my-real-key' };
    const ok = await t.inject({ method: 'GET', url: URL, headers: platformHeaders('x', { ...foreign }) });
    assert.equal(ok.statusCode, 200);
    const otherOrg = await t.inject({ method: 'GET', url: URL, headers: platformHeaders('x', { ...foreign, 'x-gw-ims-org-id': OTHER.org }) });
    assert.equal(otherOrg.statusCode, 200);
    assert.deepEqual(otherOrg.json(), {});

    const missing = await t.inject({ method: 'GET', url: URL, headers: platformHeaders('x', { authorization: undefined }) });
    assert.equal(missing.json().error_code, '403010');
    const notBearer = await t.inject({ method: 'GET', url: URL, headers: platformHeaders('x', { authorization: 'Token abc' }) });
    assert.equal(notBearer.json().error_code, '401013');
    const noKey = await t.inject({ method: 'GET', url: URL, headers: platformHeaders('x', { 'x-api-key': undefined }) });
    assert.equal(noKey.json().error_code, '403000');
    const badOrg = await t.inject({ method: 'GET', url: URL, headers: platformHeaders('x', { 'x-gw-ims-org-id': 'acme' }) });
    assert.equal(badOrg.json().error_code, '403027');
  });
});
