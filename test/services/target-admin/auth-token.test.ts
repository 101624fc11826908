import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scopes } from '../../../src/store/store.js';
import { DEMO, ISO_INSTANT, OTHER, UUID, startApp, targetHeaders, tokenFor, type TestApp } from '../../helpers.js';

function assertTargetError(body: unknown, status: number, errorCode: string, message: string) {
  const { requestId, requestTime, ...rest } = body as { requestId: string; requestTime: string };
  assert.match(requestId, UUID);
  assert.match(requestTime, ISO_INSTANT);
  assert.deepEqual(rest, { httpStatus: status, errors: [{ errorCode, message }] });
}

const V1 = 'application/vnd.adobe.target.v1+json';

describe('Target Admin POST /authentication/token (seed 004)', () => {
  let t: TestApp;
  let token: string;
  const post = (query: string, headers: Record<string, string> = {}, tenant: string = DEMO.tenant, bearer = token, apiKey: string = DEMO.clientId) =>
    t.inject({
      method: 'POST',
      url: `/${tenant}/target/authentication/token${query}`,
      headers: targetHeaders(bearer, { 'x-api-key': apiKey, 'cache-control': 'no-cache', 'content-type': V1, ...headers }),
    });

  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  test('the two documented sample requests answer the documented shape; tokens are kept per tenant', async () => {
    const seen = new Set<string>();
    for (const scope of ['debug_tools', 'profile_api']) {
      const response = await post(`?scope=${scope}`);
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.deepEqual(Object.keys(body), ['accessToken', 'tokenType', 'scope', 'expiresIn']);
      assert.match(body.accessToken, UUID);
      assert.deepEqual({ ...body, accessToken: '' }, { accessToken: '', tokenType: 'bearer', scope, expiresIn: 7775999 });
      assert.ok(!seen.has(body.accessToken));
      seen.add(body.accessToken);
      const stored = t.ctx.store.collection<{ scope: string; tenant: string }>(scopes.target(DEMO.tenant), 'authenticationTokens').get(body.accessToken);
      assert.equal(stored?.scope, scope);
      assert.equal(stored?.tenant, DEMO.tenant);
      assert.equal(t.ctx.store.collection(scopes.target(OTHER.tenant), 'authenticationTokens').get(body.accessToken), undefined);
    }
  });

  test('an unknown scope → 400 Request.Invalid naming the accepted scopes', async () => {
    const response = await post('?scope=everything');
    assert.equal(response.statusCode, 400);
    assertTargetError(response.json(), 400, 'Request.Invalid', "scope 'everything' is not supported: use one of profile_api, debug_tools");
  });

  test('a missing or empty scope → 400 Request.Invalid', async () => {
    for (const query of ['', '?scope=']) {
      const response = await post(query);
      assert.equal(response.statusCode, 400);
      assertTargetError(response.json(), 400, 'Request.Invalid', 'scope is required: one of profile_api, debug_tools');
    }
  });

  test('version from Content-Type: v1 or application/json; v2 → 406', async () => {
    assert.equal((await post('?scope=profile_api', { 'content-type': 'application/json' })).statusCode, 200);
    const response = await post('?scope=profile_api', { 'content-type': 'application/vnd.adobe.target.v2+json' });
    assert.equal(response.statusCode, 406);
    assertTargetError(response.json(), 406, 'Unsupported.Feature', 'Unsupported features detected');
  });

  test('another tenant gets its own tokens; crossing tenants is forbidden', async () => {
    const otherToken = await tokenFor(t, OTHER);
    const own = await post('?scope=profile_api', {}, OTHER.tenant, otherToken, OTHER.clientId);
    assert.equal(own.statusCode, 200);
    const accessToken = own.json().accessToken;
    assert.ok(t.ctx.store.collection(scopes.target(OTHER.tenant), 'authenticationTokens').has(accessToken));
    assert.ok(!t.ctx.store.collection(scopes.target(DEMO.tenant), 'authenticationTokens').has(accessToken));
    assert.equal((await post('?scope=profile_api', {}, OTHER.tenant)).statusCode, 403);
  });
});
