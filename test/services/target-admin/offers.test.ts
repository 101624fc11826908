import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, OTHER, targetHeaders, tokenFor } from '../../helpers.js';
import { assertTargetError, session, type Session } from './offers-support.js';
import {
  CREATE_OFFER_REQUEST,
  CREATE_OFFER_RESPONSE,
  DELETE_OFFER_RESPONSE,
  OFFER_391902,
  OFFER_LIST,
  REFERENCED_OFFER_IDS,
  UPDATE_OFFER_REQUEST,
  UPDATE_OFFER_RESPONSE,
} from './offers-samples.js';

type OfferPage = {
  total: number;
  offset: number;
  limit: number;
  offers: Array<{ id: number; name: string; type: string; modifiedAt: string; workspace: string }>;
};

/** An activity of the activities API, reduced to what the in-use rule reads. */
const activityUsing = (id: number, offerId: number, state = 'approved') => ({
  id,
  type: 'ab',
  name: `Activity ${id}`,
  state,
  options: [{ optionLocalId: 0, offerId }],
});

describe('offers: the seed 004 samples replayed against the fixtures', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => s.close());

  test('GET /offers?limit=10 (v2) answers the List Offers sample byte for byte', async () => {
    const response = await s.call('GET', '/offers?limit=10', { version: 2 });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, JSON.stringify(OFFER_LIST));
  });

  test('GET /offers/content/391902 (v2) answers the Get Offer by ID sample byte for byte', async () => {
    const response = await s.call('GET', '/offers/content/391902', { version: 2 });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, JSON.stringify(OFFER_391902));
  });

  test('every offer seed 004 refers to (activities, changelog) exists', async () => {
    for (const id of REFERENCED_OFFER_IDS) {
      const response = await s.call('GET', `/offers/content/${id}`, { version: 2 });
      assert.equal(response.statusCode, 200, `offer ${id}`);
      assert.equal(response.json().id, id);
    }
    // the changelog sample names these two offers
    assert.equal(
      (await s.call('GET', '/offers/content/426963', { version: 2 })).json().name,
      '/master_-_mobile_-abcopy/experiences/1/pages/0/zones/0/1493301097428',
    );
    assert.equal(
      (await s.call('GET', '/offers/content/426962', { version: 2 })).json().name,
      '/master_-_mobile_-abcopy/experiences/0/pages/0/zones/0/1493301097401',
    );
  });

  test('the create → update → delete samples, in order, answer the documented bodies', async () => {
    s.at(CREATE_OFFER_RESPONSE.modifiedAt);
    const created = await s.call('POST', '/offers/content', { version: 2, body: CREATE_OFFER_REQUEST });
    assert.equal(created.statusCode, 200);
    const { id, ...rest } = created.json();
    const { id: _sampleId, ...sampleRest } = CREATE_OFFER_RESPONSE;
    assert.deepEqual(rest, sampleRest);
    assert.ok(Number.isSafeInteger(id) && id > 438180, 'ids continue after the fixtures');
    assert.deepEqual((await s.call('GET', `/offers/content/${id}`, { version: 2 })).json(), { id, ...sampleRest });

    s.at(UPDATE_OFFER_RESPONSE.modifiedAt);
    const updated = await s.call('PUT', '/offers/content/438180', { version: 2, body: UPDATE_OFFER_REQUEST });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.body, JSON.stringify(UPDATE_OFFER_RESPONSE));
    // the stored offer keeps its workspace
    assert.deepEqual((await s.call('GET', '/offers/content/438180', { version: 2 })).json(), DELETE_OFFER_RESPONSE);

    const deleted = await s.call('DELETE', '/offers/content/438180', { version: 2 });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.body, JSON.stringify(DELETE_OFFER_RESPONSE));
    assertTargetError(await s.call('GET', '/offers/content/438180', { version: 2 }), 404, 'Resource.NotFound', 'Offer 438180 not found');
    const list = (await s.call('GET', '/offers?id=438180', { version: 2 })).json() as OfferPage;
    assert.equal(list.total, 0);
  });
});

describe('offers: list semantics', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => s.close());
  const page = async (query: string) => {
    const response = await s.call('GET', `/offers${query}`, { version: 2 });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as OfferPage;
  };

  test('no parameters: every offer, default limit 2147483647', async () => {
    const all = await page('');
    assert.deepEqual([all.total, all.offset, all.limit, all.offers.length], [1120, 0, 2147483647, 1120]);
    assert.ok(all.offers.every((offer) => offer.type === 'content'));
    assert.deepEqual(Object.keys(all.offers[0]), ['id', 'name', 'type', 'modifiedAt', 'workspace']);
  });

  test('limit and offset page through the list', async () => {
    const all = await page('');
    const second = await page('?limit=10&offset=10');
    assert.deepEqual([second.total, second.offset, second.limit], [1120, 10, 10]);
    assert.deepEqual(second.offers, all.offers.slice(10, 20));
    assert.deepEqual(
      (await page('?offset=1119')).offers.map((o) => o.id),
      [all.offers[1119].id],
    );
    assert.equal((await page('?offset=5000')).offers.length, 0);
  });

  test('the table examples: sorted by id, by -id, by id then -name', async () => {
    const ascending = await page('?limit=10&sortBy=id');
    const ids = ascending.offers.map((offer) => offer.id);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );
    assert.equal(ids[0], 391769);
    const descending = await page('?limit=10&sortBy=-id');
    assert.equal(descending.offers[0].id, 438180);
    assert.ok(descending.offers.every((offer, i, list) => i === 0 || list[i - 1].id > offer.id));
    assert.deepEqual((await page('?limit=10&sortBy=id&sortBy=-name')).offers, ascending.offers);
    const byName = await page('?sortBy=name&sortBy=id');
    assert.ok(byName.offers.every((offer, i, list) => i === 0 || list[i - 1].name.localeCompare(offer.name) <= 0));
  });

  test('filters: repeated values (OR), comma lists, negation, name substring, date range', async () => {
    assert.deepEqual(
      (await page('?id=391902&id=391903')).offers.map((o) => o.name),
      ['10OFF', 'SHIPFREE'],
    );
    assert.deepEqual(
      (await page('?id=391902,391904')).offers.map((o) => o.id),
      [391902, 391904],
    );
    const notDefault = await page('?workspace=!1234567');
    assert.ok(notDefault.total > 0 && notDefault.offers.every((o) => o.workspace !== '1234567'));
    const both = await page('?workspace=1234567,12345678');
    assert.equal(both.total, 1120);
    const named = await page('?name=off&limit=3');
    assert.ok(named.total >= 3 && named.offers.every((o) => o.name.toLowerCase().includes('off')));
    const march19 = await page('?modifiedAt=2017-03-19T00:00:00Z/2017-03-19T23:59:59Z');
    assert.ok(march19.offers.some((o) => o.id === 391902));
    assert.ok(march19.offers.every((o) => o.modifiedAt.startsWith('2017-03-19')));
    assert.equal((await page('?type=content')).total, 1120);
  });

  test('malformed list parameters → 400', async () => {
    const response = await s.call('GET', '/offers?sortBy=content', { version: 2 });
    assertTargetError(response, 400, 'Request.Invalid', "sortBy: 'content' is not a sortable field (id, name, type, modifiedAt, workspace)");
    assertTargetError(await s.call('GET', '/offers?limit=-1', { version: 2 }), 400, 'Request.Invalid', 'Invalid request: querystring/limit must be >= 0');
  });
});

describe('offers: validation', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => s.close());
  const create = (body: unknown, version = 2) => s.call('POST', '/offers/content', { version, body });

  test('name: required, a string, not empty, at most 250 characters', async () => {
    assertTargetError(await create({ content: 'x' }), 400, 'Request.Invalid', 'name is required');
    assertTargetError(await create({ name: '', content: 'x' }), 400, 'Request.Invalid', 'name cannot be empty');
    assertTargetError(await create({ name: '   ', content: 'x' }), 400, 'Request.Invalid', 'name cannot be empty');
    assertTargetError(await create({ name: 'x'.repeat(251), content: 'x' }), 400, 'Request.Invalid', 'name must be at most 250 characters');
    assertTargetError(await create({ name: 42, content: 'x' }), 400, 'Request.Invalid', 'Invalid request: body/name must be string');
    const longest = await create({ name: 'x'.repeat(250), content: 'x' });
    assert.equal(longest.statusCode, 200);
    assert.equal(longest.json().name.length, 250);
  });

  test('content: required, a string', async () => {
    assertTargetError(await create({ name: 'n' }), 400, 'Request.Invalid', 'content is required');
    assertTargetError(await create({ name: 'n', content: null }), 400, 'Request.Invalid', 'Invalid request: body/content must be string');
    assertTargetError(await create({ name: 'n', content: { html: 'x' } }), 400, 'Request.Invalid', 'Invalid request: body/content must be string');
  });

  test('workspace: at most 250 characters, not empty; absent means the default workspace', async () => {
    assertTargetError(
      await create({ name: 'n', content: 'c', workspace: 'w'.repeat(251) }),
      400,
      'Request.Invalid',
      'workspace must be at most 250 characters',
    );
    assertTargetError(await create({ name: 'n', content: 'c', workspace: '' }), 400, 'Request.Invalid', 'workspace cannot be empty');
    assert.equal((await create({ name: 'n', content: 'c' })).json().workspace, '1234567');
    assert.equal((await create({ name: 'n', content: 'c', workspace: '12345678' })).json().workspace, '12345678');
  });

  test('the body must be a JSON object', async () => {
    assertTargetError(await create(['x']), 400, 'Request.Invalid', 'Invalid request: body must be object');
    const broken = await s.t.inject({
      method: 'POST',
      url: `/${DEMO.tenant}/target/offers/content`,
      headers: targetHeaders(s.token, { 'content-type': 'application/vnd.adobe.target.v2+json' }),
      payload: '{"name": ',
    });
    assertTargetError(broken, 400, 'Request.Invalid', 'The request body is not valid JSON');
  });

  test('PUT validates like POST and answers 404 for an unknown offer', async () => {
    assertTargetError(
      await s.call('PUT', '/offers/content/391902', { version: 2, body: { name: '', content: 'c' } }),
      400,
      'Request.Invalid',
      'name cannot be empty',
    );
    assertTargetError(await s.call('PUT', '/offers/content/391902', { version: 2, body: { name: 'n' } }), 400, 'Request.Invalid', 'content is required');
    assertTargetError(
      await s.call('PUT', '/offers/content/999', { version: 2, body: { name: 'n', content: 'c' } }),
      404,
      'Resource.NotFound',
      'Offer 999 not found',
    );
    // a refused update leaves the offer as it was
    assert.deepEqual((await s.call('GET', '/offers/content/391902', { version: 2 })).json(), OFFER_391902);
  });

  test('unknown ids → 404 Resource.NotFound', async () => {
    assertTargetError(await s.call('GET', '/offers/content/1', { version: 2 }), 404, 'Resource.NotFound', 'Offer 1 not found');
    assertTargetError(await s.call('GET', '/offers/content/abc', { version: 2 }), 404, 'Resource.NotFound', 'Offer abc not found');
    assertTargetError(await s.call('DELETE', '/offers/content/1', { version: 2 }), 404, 'Resource.NotFound', 'Offer 1 not found');
  });
});

describe('offers: an offer in use cannot be deleted', () => {
  let s: Session;
  before(async () => {
    s = await session();
    s.withoutFixtureActivities();
  });
  after(() => s.close());

  test('DELETE of an offer an activity uses → 400 naming the activities; the offer stays', async () => {
    s.putActivity(activityUsing(900001, 395818));
    s.putActivity({
      id: 900002,
      type: 'xt',
      name: 'XT',
      state: 'saved',
      experiences: [{ experienceLocalId: 0, audienceIds: [1209736], offerLocations: [{ locationLocalId: 0, offerId: 395818 }] }],
    });
    const refused = await s.call('DELETE', '/offers/content/395818', { version: 2 });
    assertTargetError(refused, 400, 'Request.Invalid', 'Offer 395818 cannot be deleted: it is used by activities 900001, 900002');
    assert.equal((await s.call('GET', '/offers/content/395818', { version: 2 })).statusCode, 200);
  });

  test('a deleted activity no longer holds the offer', async () => {
    s.putActivity(activityUsing(900003, 396064, 'deleted'));
    assert.equal((await s.call('DELETE', '/offers/content/396064', { version: 2 })).statusCode, 200);
  });

  test('an offer in use can still be updated', async () => {
    s.putActivity(activityUsing(900004, 400546));
    const response = await s.call('PUT', '/offers/content/400546', { version: 2, body: { name: 'Cast Away - hero v2', content: '<img src="/hero2.jpg">' } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().name, 'Cast Away - hero v2');
  });
});

describe('offers: versions (seed 002)', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => s.close());

  test('v1 and v2 are served; v3 (Accept or Content-Type) → 406 Unsupported.Feature', async () => {
    assert.equal((await s.call('GET', '/offers/content/391902', { version: 1 })).statusCode, 200);
    assert.equal((await s.call('GET', '/offers?limit=1', { version: 'application/json' })).statusCode, 200);
    for (const [method, url] of [
      ['GET', '/offers'],
      ['GET', '/offers/content/391902'],
      ['DELETE', '/offers/content/391903'],
    ] as const) {
      assertTargetError(await s.call(method, url, { version: 3 }), 406, 'Unsupported.Feature', 'Unsupported features detected');
    }
    assertTargetError(
      await s.call('POST', '/offers/content', { version: 3, body: { name: 'n', content: 'c' } }),
      406,
      'Unsupported.Feature',
      'Unsupported features detected',
    );
    assertTargetError(
      await s.call('PUT', '/offers/content/391902', { version: 3, body: { name: 'n', content: 'c' } }),
      406,
      'Unsupported.Feature',
      'Unsupported features detected',
    );
    assert.equal((await s.call('GET', '/offers/content/391903', { version: 2 })).statusCode, 200, 'the refused DELETE changed nothing');
  });

  test('a v2 payload (workspace) sent as v1 → 406; the same payload without workspace is fine as v1', async () => {
    const body = { name: 'n', content: 'c', workspace: '1234567' };
    assertTargetError(await s.call('POST', '/offers/content', { version: 1, body }), 406, 'Unsupported.Feature', 'Unsupported features detected');
    assertTargetError(
      await s.call('POST', '/offers/content', { version: 'application/json', body }),
      406,
      'Unsupported.Feature',
      'Unsupported features detected',
    );
    assertTargetError(await s.call('PUT', '/offers/content/391902', { version: 1, body }), 406, 'Unsupported.Feature', 'Unsupported features detected');
    const v1 = await s.call('POST', '/offers/content', { version: 'application/json', body: { name: 'n', content: 'c' } });
    assert.equal(v1.statusCode, 200);
  });
});

describe('offers: tenant isolation', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => s.close());

  test("another tenant sees none of the demo tenant's offers, and the demo tenant none of its", async () => {
    const other = await tokenFor(s.t, OTHER);
    const headers = (extra: Record<string, string> = {}) => targetHeaders(other, { 'x-api-key': OTHER.clientId, ...extra });
    const list = await s.t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/offers`, headers: headers() });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json(), { total: 0, offset: 0, limit: 2147483647, offers: [] });
    assertTargetError(
      await s.t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/offers/content/391902`, headers: headers() }),
      404,
      'Resource.NotFound',
      'Offer 391902 not found',
    );

    const created = await s.t.inject({
      method: 'POST',
      url: `/${OTHER.tenant}/target/offers/content`,
      headers: headers({ 'content-type': 'application/vnd.adobe.target.v2+json' }),
      payload: { name: 'Other tenant offer', content: 'c' },
    });
    assert.equal(created.statusCode, 200);
    const { id } = created.json();
    assertTargetError(await s.call('GET', `/offers/content/${id}`, { version: 2 }), 404, 'Resource.NotFound', `Offer ${id} not found`);
    assert.equal((await s.call('GET', '/offers', { version: 2 })).json().total, 1120);

    const forbidden = await s.t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/offers`, headers: targetHeaders(s.token) });
    assert.equal(forbidden.statusCode, 403);
  });
});
