import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { requestedVersion } from '../../src/gateway/target.js';
import { DEMO, ISO_INSTANT, OTHER, UUID, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';

const ENVIRONMENTS = `/${DEMO.tenant}/target/environments`;
const TOKEN = `/${DEMO.tenant}/target/authentication/token?scope=profile_api`;

/** The exact seed 002 body, with its two generated fields checked by pattern. */
function assertTargetError(body: unknown, status: number, errorCode: string, message: string) {
  const { requestId, requestTime, ...rest } = body as { requestId: string; requestTime: string };
  assert.match(requestId, UUID);
  assert.match(requestTime, ISO_INSTANT);
  assert.deepEqual(Object.keys(body as object), ['httpStatus', 'requestId', 'requestTime', 'errors']);
  assert.deepEqual(rest, { httpStatus: status, errors: [{ errorCode, message }] });
}

describe('Target Admin gateway', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  test('OPTIONS without Access-Control-Request-Method is an API call: versioned by Accept, 204 with Allow (issue 17, 7)', async () => {
    const base = `/${DEMO.tenant}/target`;
    const options = (path: string, accept?: string, headers: Record<string, string> = targetHeaders(token)) =>
      t.inject({ method: 'OPTIONS', url: `${base}${path}`, headers: { ...headers, ...(accept === undefined ? {} : { accept }) } });
    const cases: Array<[string, string | undefined, string]> = [
      ['/activities/ab/168824', 'application/vnd.adobe.target.v3+json', 'GET, HEAD, PUT, DELETE, OPTIONS'],
      ['/activities', undefined, 'GET, HEAD, OPTIONS'],
      ['/activities/ab', 'application/vnd.adobe.target.v2+json', 'POST, OPTIONS'],
      ['/audiences', 'application/json', 'GET, HEAD, POST, OPTIONS'],
      ['/batch', 'application/vnd.adobe.target.v1+json', 'POST, OPTIONS'],
      ['/environments', undefined, 'GET, HEAD, OPTIONS'],
    ];
    for (const [path, accept, allow] of cases) {
      const response = await options(path, accept);
      assert.equal(response.statusCode, 204, `${path}: ${response.body}`);
      assert.equal(response.headers.allow, allow, path);
      assert.equal(response.body, '', path);
    }
    // A version the path does not serve: the documented 406 body.
    for (const [path, accept] of [
      ['/activities/ab/168824', 'application/vnd.adobe.target.v4+json'],
      ['/environments', 'application/vnd.adobe.target.v2+json'],
    ]) {
      const refused = await options(path!, accept);
      assert.equal(refused.statusCode, 406, path);
      assertTargetError(refused.json(), 406, 'Unsupported.Feature', 'Unsupported features detected');
    }
    // It is a call like any other: a token is needed.
    const anonymous = await options('/activities', undefined, { origin: 'http://localhost:3000' });
    assert.equal(anonymous.statusCode, 401);
    assertTargetError(anonymous.json(), 401, 'Authorization.Missing', 'The Authorization header is missing');
    // A CORS preflight stays a preflight: no token, no version, the CORS answer.
    const preflight = await t.inject({
      method: 'OPTIONS',
      url: `${base}/activities/ab/168824`,
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'PUT', accept: 'application/vnd.adobe.target.v9+json' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    assert.equal(preflight.headers.allow, undefined);
  });

  test('a valid call answers the documented environments list (seed 004)', async () => {
    const response = await t.inject({ method: 'GET', url: ENVIRONMENTS, headers: targetHeaders(token) });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      total: 3,
      offset: 0,
      limit: 2147483647,
      environments: [
        { id: 8820, name: 'Development' },
        { id: 8818, name: 'Production' },
        { id: 8819, name: 'Staging' },
      ],
    });
  });

  test('missing or invalid Authorization → 401 in the Target envelope', async () => {
    const missing = await t.inject({ method: 'GET', url: ENVIRONMENTS, headers: targetHeaders(token, { authorization: undefined }) });
    assert.equal(missing.statusCode, 401);
    assertTargetError(missing.json(), 401, 'Authorization.Missing', 'The Authorization header is missing');
    const invalid = await t.inject({ method: 'GET', url: ENVIRONMENTS, headers: targetHeaders(token, { authorization: 'Bearer junk' }) });
    assert.equal(invalid.statusCode, 401);
    assertTargetError(invalid.json(), 401, 'Authorization.Invalid', 'The access token is not valid');
  });

  test('missing or unknown x-api-key → 403 in the Target envelope', async () => {
    const missing = await t.inject({ method: 'GET', url: ENVIRONMENTS, headers: targetHeaders(token, { 'x-api-key': undefined }) });
    assert.equal(missing.statusCode, 403);
    assertTargetError(missing.json(), 403, 'ApiKey.Missing', 'The x-api-key header is missing');
    const unknown = await t.inject({ method: 'GET', url: ENVIRONMENTS, headers: targetHeaders(token, { 'x-api-key': 'nobody' }) });
    assert.equal(unknown.statusCode, 403);
    assertTargetError(unknown.json(), 403, 'ApiKey.Invalid', 'Api Key is invalid');
  });

  test("a tenant that is not the integration's → 403; each integration reaches its own", async () => {
    const other = await t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/environments`, headers: targetHeaders(token) });
    assert.equal(other.statusCode, 403);
    assertTargetError(other.json(), 403, 'Tenant.Forbidden', "Access to tenant 'othertenant' is forbidden for this integration");
    const otherToken = await tokenFor(t, OTHER);
    const own = await t.inject({
      method: 'GET',
      url: `/${OTHER.tenant}/target/environments`,
      headers: targetHeaders(otherToken, { 'x-api-key': OTHER.clientId }),
    });
    assert.equal(own.statusCode, 200);
    assert.deepEqual(own.json().environments, [], 'tenants are isolated: the fixtures are mocktenant only');
  });

  test('unknown path under a tenant → 404 in the Target envelope', async () => {
    const response = await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/no-such-thing`, headers: targetHeaders(token) });
    assert.equal(response.statusCode, 404);
    assertTargetError(response.json(), 404, 'Resource.NotFound', `No route for GET /${DEMO.tenant}/target/no-such-thing`);
  });

  test('an unsupported version → exactly the seed 002 406 body', async () => {
    const response = await t.inject({
      method: 'GET',
      url: ENVIRONMENTS,
      headers: targetHeaders(token, { accept: 'application/vnd.adobe.target.v2+json' }),
    });
    assert.equal(response.statusCode, 406);
    assertTargetError(response.json(), 406, 'Unsupported.Feature', 'Unsupported features detected');
  });

  test('GET takes its version from Accept, not Content-Type', async () => {
    const byAccept = await t.inject({
      method: 'GET',
      url: ENVIRONMENTS,
      headers: targetHeaders(token, { accept: 'application/vnd.adobe.target.v1+json', 'content-type': 'application/vnd.adobe.target.v9+json' }),
    });
    assert.equal(byAccept.statusCode, 200);
    const noHeaders = await t.inject({ method: 'GET', url: ENVIRONMENTS, headers: targetHeaders(token) });
    assert.equal(noHeaders.statusCode, 200, 'no version means v1');
  });

  test('POST takes its version from Content-Type, not Accept; an empty body under a JSON type is no body', async () => {
    const byContentType = await t.inject({
      method: 'POST',
      url: TOKEN,
      headers: targetHeaders(token, { 'content-type': 'application/vnd.adobe.target.v1+json', accept: 'application/vnd.adobe.target.v9+json' }),
    });
    assert.equal(byContentType.statusCode, 200);
    const wrongContentType = await t.inject({
      method: 'POST',
      url: TOKEN,
      headers: targetHeaders(token, { 'content-type': 'application/vnd.adobe.target.v3+json', accept: 'application/vnd.adobe.target.v1+json' }),
    });
    assert.equal(wrongContentType.statusCode, 406);
    assertTargetError(wrongContentType.json(), 406, 'Unsupported.Feature', 'Unsupported features detected');
  });

  test('POST /authentication/token answers the documented shape (seed 004)', async () => {
    for (const scope of ['profile_api', 'debug_tools']) {
      const response = await t.inject({
        method: 'POST',
        url: `/${DEMO.tenant}/target/authentication/token?scope=${scope}`,
        headers: targetHeaders(token, { 'content-type': 'application/vnd.adobe.target.v1+json', 'cache-control': 'no-cache' }),
      });
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.match(body.accessToken, UUID);
      assert.deepEqual({ ...body, accessToken: 'x' }, { accessToken: 'x', tokenType: 'bearer', scope, expiresIn: 7775999 });
    }
    const unknown = await t.inject({
      method: 'POST',
      url: `/${DEMO.tenant}/target/authentication/token?scope=everything`,
      headers: targetHeaders(token),
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().errors[0].errorCode, 'Request.Invalid');
  });

  test('malformed JSON → 400 in the Target envelope', async () => {
    const response = await t.inject({
      method: 'POST',
      url: TOKEN,
      headers: targetHeaders(token, { 'content-type': 'application/json' }),
      payload: '{"broken":',
    });
    assert.equal(response.statusCode, 400);
    assertTargetError(response.json(), 400, 'Request.Invalid', 'The request body is not valid JSON');
  });
});

describe('requestedVersion (seed 002 rules)', () => {
  test('payload methods read Content-Type, the others Accept', () => {
    assert.equal(requestedVersion('POST', 'application/vnd.adobe.target.v3+json', 'application/vnd.adobe.target.v1+json'), 3);
    assert.equal(requestedVersion('PUT', 'application/vnd.adobe.target.v2+json', undefined), 2);
    assert.equal(requestedVersion('GET', 'application/vnd.adobe.target.v3+json', 'application/vnd.adobe.target.v2+json'), 2);
    assert.equal(requestedVersion('DELETE', undefined, 'application/vnd.adobe.target.v3+json'), 3);
    assert.equal(requestedVersion('OPTIONS', undefined, 'application/vnd.adobe.target.v3+json'), 3);
  });
  test('absent, application/json or wildcards default to v1; anything else is no version', () => {
    assert.equal(requestedVersion('GET', undefined, undefined), 1);
    assert.equal(requestedVersion('POST', 'application/json', undefined), 1);
    assert.equal(requestedVersion('POST', 'application/json; charset=utf-8', undefined), 1);
    assert.equal(requestedVersion('GET', undefined, '*/*'), 1);
    assert.equal(requestedVersion('GET', undefined, 'application/json, text/plain, */*'), 1);
    assert.equal(requestedVersion('GET', undefined, 'text/html'), null);
    assert.equal(requestedVersion('POST', 'text/plain', undefined), null);
  });
});
