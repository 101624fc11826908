import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, ISO_INSTANT, OTHER, UUID, startApp, targetHeaders, tokenFor, type TestApp } from '../../helpers.js';
import { MBOXES, MBOX_PARAMETERS, PROFILE_ATTRIBUTES } from './reports-samples.js';

const V1 = 'application/vnd.adobe.target.v1+json';

function assertTargetError(body: unknown, status: number, errorCode: string, message: string) {
  const { requestId, requestTime, ...rest } = body as { requestId: string; requestTime: string };
  assert.match(requestId, UUID);
  assert.match(requestTime, ISO_INSTANT);
  assert.deepEqual(rest, { httpStatus: status, errors: [{ errorCode, message }] });
}

const ALL_NAMES = [
  'a1-mobile-aam',
  'a1-mobile-ab',
  'a1-mobile-mboxparams',
  'a1-mobile-profileparams',
  'a1-mobile-xt',
  'a1-serverside-xt',
  'a3-serverside-ab',
  'a6-serverside-ab',
  'j1-mobile-xt',
  'order-complete',
  'target-global-mbox',
  'x1-serverside-ab',
];

describe('Target Admin mboxes, mbox parameters, profile attributes (seed 004)', () => {
  let t: TestApp;
  let token: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    t.inject({ method: 'GET', url: `/${DEMO.tenant}/target${path}`, headers: targetHeaders(token, headers) });
  const names = (body: { mboxes: Array<{ name: string }> }) => body.mboxes.map((mbox) => mbox.name);

  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  test('GET /mboxes answers the sample, byte for byte (5 of 12 without a limit)', async () => {
    const response = await get('/mboxes', { 'cache-control': 'no-cache', 'content-type': V1 });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), MBOXES);
    assert.equal(response.body, JSON.stringify(MBOXES));
  });

  test('GET /mbox/a1-mobile-mboxparams?limit=5 answers the sample, byte for byte (all 46 parameters)', async () => {
    const response = await get('/mbox/a1-mobile-mboxparams?limit=5', { 'cache-control': 'no-cache', 'content-type': V1 });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), MBOX_PARAMETERS);
    assert.equal(response.body, JSON.stringify(MBOX_PARAMETERS));
    assert.equal(MBOX_PARAMETERS.mboxParameters.length, 46);
  });

  test('GET /profileattributes/mbox answers the sample, byte for byte', async () => {
    const response = await get('/profileattributes/mbox', { 'cache-control': 'no-cache', 'content-type': V1 });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), PROFILE_ATTRIBUTES);
    assert.equal(response.body, JSON.stringify(PROFILE_ATTRIBUTES));
  });

  describe('mbox list semantics (listing.ts)', () => {
    test('limit and offset page through the 12 mboxes, by name', async () => {
      const all = (await get('/mboxes?limit=100')).json();
      assert.equal(all.total, 12);
      assert.equal(all.limit, 100);
      assert.deepEqual(names(all), ALL_NAMES);
      const page = (await get('/mboxes?limit=5&offset=10')).json();
      assert.deepEqual({ total: page.total, offset: page.offset, limit: page.limit }, { total: 12, offset: 10, limit: 5 });
      assert.deepEqual(names(page), ['target-global-mbox', 'x1-serverside-ab']);
      const beyond = (await get('/mboxes?offset=20')).json();
      assert.deepEqual(beyond, { total: 12, offset: 20, limit: 5, mboxes: [] });
    });

    test('sortBy, descending and several keys', async () => {
      const byNameDescending = (await get('/mboxes?limit=3&sortBy=-name')).json();
      assert.deepEqual(names(byNameDescending), ['x1-serverside-ab', 'target-global-mbox', 'order-complete']);
      const byLastRequest = (await get('/mboxes?limit=12&sortBy=-lastRequestedAt')).json();
      const times = byLastRequest.mboxes.map((mbox: { lastRequestedAt: string }) => mbox.lastRequestedAt);
      assert.deepEqual(times, [...times].sort().reverse());
      const twoKeys = (await get('/mboxes?limit=2&sortBy=status&sortBy=-name')).json();
      assert.deepEqual(names(twoKeys), ['x1-serverside-ab', 'target-global-mbox']);
    });

    test('filters: name substring, repeated values (OR), negation, date range', async () => {
      assert.deepEqual(names((await get('/mboxes?limit=20&name=serverside')).json()), [
        'a1-serverside-xt',
        'a3-serverside-ab',
        'a6-serverside-ab',
        'x1-serverside-ab',
      ]);
      assert.deepEqual(names((await get('/mboxes?limit=20&name=order&name=global')).json()), ['order-complete', 'target-global-mbox']);
      assert.equal((await get('/mboxes?status=!active')).json().total, 0);
      const july = (await get('/mboxes?limit=20&lastRequestedAt=2017-07-09T00:00:00Z/2017-07-10T23:59:59Z')).json();
      assert.deepEqual(names(july), ['a1-mobile-aam', 'a1-mobile-mboxparams', 'a1-serverside-xt', 'order-complete', 'target-global-mbox']);
    });

    test('malformed paging or sort → 400 Request.Invalid naming the parameter', async () => {
      const limit = await get('/mboxes?limit=-1');
      assert.equal(limit.statusCode, 400);
      assertTargetError(limit.json(), 400, 'Request.Invalid', 'limit must be a whole number between 0 and 2147483647');
      const sort = await get('/mboxes?sortBy=size');
      assert.equal(sort.statusCode, 400);
      assertTargetError(sort.json(), 400, 'Request.Invalid', "sortBy: 'size' is not a sortable field (name, status, lastRequestedAt)");
    });
  });

  test('every listed mbox has its parameters; profile-type parameters join the profile attributes', async () => {
    for (const name of ALL_NAMES) {
      const response = await get(`/mbox/${encodeURIComponent(name)}`);
      assert.equal(response.statusCode, 200, name);
      assert.equal(response.json().name, name);
      assert.ok(response.json().mboxParameters.length > 0, name);
    }
    const profile = (await get('/mbox/a1-mobile-profileparams')).json();
    const profileType = profile.mboxParameters.filter((parameter: { parameterType: string }) => parameter.parameterType === 'PROFILE');
    assert.ok(profileType.length > 0);
    for (const parameter of profileType) assert.ok(PROFILE_ATTRIBUTES.mboxProfileAttributes.includes(parameter.name));
  });

  test('an unknown mbox → 404 Resource.NotFound', async () => {
    const response = await get('/mbox/no-such-mbox');
    assert.equal(response.statusCode, 404);
    assertTargetError(response.json(), 404, 'Resource.NotFound', "No mbox named 'no-such-mbox'");
    const encoded = await get('/mbox/a%20b');
    assert.equal(encoded.statusCode, 404);
    assertTargetError(encoded.json(), 404, 'Resource.NotFound', "No mbox named 'a b'");
  });

  test('versions: v1 only; v2 → 406 Unsupported.Feature', async () => {
    for (const path of ['/mboxes', '/mbox/a1-mobile-ab', '/profileattributes/mbox']) {
      assert.equal((await get(path, { accept: V1 })).statusCode, 200, path);
      const response = await get(path, { accept: 'application/vnd.adobe.target.v2+json' });
      assert.equal(response.statusCode, 406, path);
      assertTargetError(response.json(), 406, 'Unsupported.Feature', 'Unsupported features detected');
    }
  });

  test('tenants are isolated: othertenant has no mboxes, parameters or attributes', async () => {
    const otherToken = await tokenFor(t, OTHER);
    const headers = targetHeaders(otherToken, { 'x-api-key': OTHER.clientId });
    const list = await t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/mboxes`, headers });
    assert.deepEqual(list.json(), { total: 0, offset: 0, limit: 5, mboxes: [] });
    const mbox = await t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/mbox/a1-mobile-ab`, headers });
    assert.equal(mbox.statusCode, 404);
    const attributes = await t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/profileattributes/mbox`, headers });
    assert.deepEqual(attributes.json(), { mboxProfileAttributes: [] });
    const crossing = await t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/mboxes`, headers: targetHeaders(token) });
    assert.equal(crossing.statusCode, 403);
  });
});
