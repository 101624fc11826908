import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, startApp, tokenFor, type TestApp } from '../helpers.js';

const SEARCH = '/Rest/Media/1/Search/Files?locale=en_US&search_parameters[words]=unicorns';

describe('Stock gateway (seed 003)', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp();
  });
  after(() => t.close());

  test('an invalid API key → 403 with exactly the documented body and a generated X-Request-Id', async () => {
    const response = await t.inject({
      method: 'GET',
      url: SEARCH,
      headers: { 'x-api-key': 'a74b00000dcf4075bea68fca6306a1aa', 'x-product': 'MySampleApp/1.0' },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.body, '{"error_code":"403003","message":"Api Key is invalid"}');
    assert.equal(response.headers['content-length'], '54');
    assert.match(String(response.headers['x-request-id']), /^[A-Za-z0-9]{32}$/);
  });

  test('the client X-Request-Id is echoed, on errors and successes alike', async () => {
    const bad = await t.inject({ method: 'GET', url: SEARCH, headers: { 'x-api-key': 'nope', 'x-request-id': '50eYaxEFurUlb8bOpkxcnzydg6aGiUgc' } });
    assert.equal(bad.headers['x-request-id'], '50eYaxEFurUlb8bOpkxcnzydg6aGiUgc');
    const passed = await t.inject({ method: 'GET', url: SEARCH, headers: { 'x-api-key': DEMO.clientId, 'x-request-id': 'my-trace-1' } });
    assert.equal(passed.headers['x-request-id'], 'my-trace-1');
  });

  test('each response gets its own generated id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await t.inject({ method: 'GET', url: SEARCH, headers: { 'x-api-key': DEMO.clientId } });
      ids.add(String(response.headers['x-request-id']));
    }
    assert.equal(ids.size, 5);
  });

  test('a missing API key → 403 403000', async () => {
    const response = await t.inject({ method: 'GET', url: SEARCH });
    assert.equal(response.statusCode, 403);
    assert.equal(response.body, '{"error_code":"403000","message":"Api Key is required"}');
  });

  test('Authorization is optional, but when sent it must be valid', async () => {
    const token = await tokenFor(t);
    const withToken = await t.inject({ method: 'GET', url: SEARCH, headers: { 'x-api-key': DEMO.clientId, authorization: `Bearer ${token}` } });
    assert.notEqual(withToken.statusCode, 401);
    const badToken = await t.inject({ method: 'GET', url: SEARCH, headers: { 'x-api-key': DEMO.clientId, authorization: 'Bearer junk' } });
    assert.equal(badToken.statusCode, 401);
    assert.equal(badToken.body, '{"error_code":"401013","message":"Oauth token is not valid"}');
  });

  test('unknown Stock paths answer 404 in the Stock style', async () => {
    const response = await t.inject({ method: 'GET', url: '/Rest/Nothing', headers: { 'x-api-key': DEMO.clientId } });
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json(), { error_code: '404', message: 'No route for GET /Rest/Nothing' });
  });
});
