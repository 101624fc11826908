import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, ISO_INSTANT, OTHER, UUID, startApp, targetHeaders, tokenFor, type TestApp } from '../../helpers.js';
import { ENVIRONMENTS } from './reports-samples.js';

function assertTargetError(body: unknown, status: number, errorCode: string, message: string) {
  const { requestId, requestTime, ...rest } = body as { requestId: string; requestTime: string };
  assert.match(requestId, UUID);
  assert.match(requestTime, ISO_INSTANT);
  assert.deepEqual(rest, { httpStatus: status, errors: [{ errorCode, message }] });
}

describe('Target Admin environments (seed 004)', () => {
  let t: TestApp;
  let token: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    t.inject({ method: 'GET', url: `/${DEMO.tenant}/target${path}`, headers: targetHeaders(token, headers) });

  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  test('GET /environments answers the sample, byte for byte', async () => {
    const response = await get('/environments', { 'cache-control': 'no-cache', 'content-type': 'application/vnd.adobe.target.v1+json' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), ENVIRONMENTS);
    assert.equal(response.body, JSON.stringify(ENVIRONMENTS));
  });

  test('filter and sort with the shared list semantics', async () => {
    assert.deepEqual(
      (await get('/environments?sortBy=id')).json().environments.map((e: { id: number }) => e.id),
      [8818, 8819, 8820],
    );
    assert.deepEqual((await get('/environments?id=8818')).json(), {
      total: 1,
      offset: 0,
      limit: 2147483647,
      environments: [{ id: 8818, name: 'Production' }],
    });
    assert.deepEqual((await get('/environments?name=!Production&sortBy=-name')).json().environments, [
      { id: 8819, name: 'Staging' },
      { id: 8820, name: 'Development' },
    ]);
    assert.deepEqual((await get('/environments?limit=1&offset=1')).json(), {
      total: 3,
      offset: 1,
      limit: 1,
      environments: [{ id: 8818, name: 'Production' }],
    });
  });

  test('v2 → 406 Unsupported.Feature', async () => {
    const response = await get('/environments', { accept: 'application/vnd.adobe.target.v2+json' });
    assert.equal(response.statusCode, 406);
    assertTargetError(response.json(), 406, 'Unsupported.Feature', 'Unsupported features detected');
  });

  test('tenants are isolated', async () => {
    const otherToken = await tokenFor(t, OTHER);
    const response = await t.inject({
      method: 'GET',
      url: `/${OTHER.tenant}/target/environments`,
      headers: targetHeaders(otherToken, { 'x-api-key': OTHER.clientId }),
    });
    assert.deepEqual(response.json(), { total: 0, offset: 0, limit: 2147483647, environments: [] });
  });
});
