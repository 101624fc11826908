import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OTHER, targetHeaders, tokenFor } from '../../helpers.js';
import { assertTargetError, session, type Session } from './offers-support.js';
import {
  AUDIENCE_1397972,
  AUDIENCE_LIST,
  CREATE_AUDIENCE_REQUEST,
  CREATE_AUDIENCE_RESPONSE,
  DELETE_AUDIENCE_RESPONSE,
  REFERENCED_AUDIENCE_IDS,
  UPDATE_AUDIENCE_REQUEST,
  UPDATE_AUDIENCE_RESPONSE,
} from './offers-samples.js';

type AudiencePage = { offset: number; limit: number; total: number; audiences: Array<{ id: number; name: string; modifiedAt: string; workspace?: string }> };

const californians = CREATE_AUDIENCE_REQUEST.targetRule;

describe('audiences: the seed 004 samples replayed against the fixtures', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => s.close());

  test('GET /audiences/ (v3): the List Audiences sample is the first page', async () => {
    const response = await s.call('GET', '/audiences/', { version: 3 });
    assert.equal(response.statusCode, 200);
    const body = response.json() as AudiencePage;
    assert.deepEqual(Object.keys(body), ['offset', 'limit', 'total', 'audiences']);
    assert.deepEqual([body.offset, body.limit, body.total], [0, 2147483647, 289]);
    assert.deepEqual(body.audiences.slice(0, 10), AUDIENCE_LIST.audiences);
    // with the sample's page size the answer is the sample itself
    assert.equal((await s.call('GET', '/audiences/?limit=10', { version: 3 })).body, JSON.stringify(AUDIENCE_LIST));
  });

  test('GET /audiences/1397972 (v3) answers the Get Audience by ID sample byte for byte', async () => {
    const response = await s.call('GET', '/audiences/1397972', { version: 3 });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, JSON.stringify(AUDIENCE_1397972));
  });

  test('every audience seed 004 refers to (XT experiences) exists', async () => {
    for (const id of REFERENCED_AUDIENCE_IDS) {
      const response = await s.call('GET', `/audiences/${id}`, { version: 3 });
      assert.equal(response.statusCode, 200, `audience ${id}`);
      assert.equal(response.json().origin, 'target');
    }
  });

  test('create, update and delete samples answer the documented bodies', async () => {
    // The fixtures hold 1537195, the audience the create sample made, so replaying it is a duplicate name.
    s.at(CREATE_AUDIENCE_RESPONSE.modifiedAt);
    const duplicate = await s.call('POST', '/audiences', { version: 3, body: CREATE_AUDIENCE_REQUEST });
    assertTargetError(duplicate, 400, 'Request.Invalid', "name 'Homepage visitors from California' is already used by audience 1537195");

    s.at(UPDATE_AUDIENCE_RESPONSE.modifiedAt);
    const updated = await s.call('PUT', '/audiences/1537195', { version: 3, body: UPDATE_AUDIENCE_REQUEST });
    assert.equal(updated.statusCode, 200, updated.body);
    assert.equal(updated.body, JSON.stringify(UPDATE_AUDIENCE_RESPONSE));
    assert.deepEqual((await s.call('GET', '/audiences/1537195', { version: 3 })).json(), UPDATE_AUDIENCE_RESPONSE);

    // Once its name is free the create sample answers the documented body (with a new id).
    const renamed = { ...UPDATE_AUDIENCE_REQUEST, name: 'Homepage visitors from California (2017)' };
    assert.equal((await s.call('PUT', '/audiences/1537195', { version: 3, body: renamed })).statusCode, 200);
    s.at(CREATE_AUDIENCE_RESPONSE.modifiedAt);
    const created = await s.call('POST', '/audiences', { version: 3, body: CREATE_AUDIENCE_REQUEST });
    assert.equal(created.statusCode, 200, created.body);
    const { id, ...rest } = created.json();
    const { id: _sampleId, ...sampleRest } = CREATE_AUDIENCE_RESPONSE;
    assert.equal(JSON.stringify(rest), JSON.stringify(sampleRest));
    assert.ok(id > 1537214, 'ids continue after the fixtures');
    assert.deepEqual((await s.call('GET', `/audiences/${id}`, { version: 3 })).json(), { id, ...sampleRest });

    const deleted = await s.call('DELETE', '/audiences/1537214', { version: 3 });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.body, JSON.stringify(DELETE_AUDIENCE_RESPONSE));
    assertTargetError(await s.call('GET', '/audiences/1537214', { version: 3 }), 404, 'Resource.NotFound', 'Audience 1537214 not found');
    assert.equal((await s.call('GET', '/audiences?id=1537214', { version: 3 })).json().total, 0);
  });
});

describe('audiences: the list examples of seed 004', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => s.close());
  const page = async (query: string) => {
    const response = await s.call('GET', `/audiences/${query}`, { version: 3 });
    assert.equal(response.statusCode, 200, `${query}: ${response.body}`);
    return response.json() as AudiencePage;
  };

  test('list of all audiences', async () => {
    const all = await page('');
    assert.equal(all.audiences.length, 289);
    assert.deepEqual(Object.keys(all.audiences[0]), ['id', 'name', 'description', 'origin', 'modifiedAt', 'workspace']);
  });

  test('?limit=1 and ?limit=2&offset=2', async () => {
    const one = await page('?limit=1');
    assert.deepEqual([one.total, one.offset, one.limit, one.audiences.map((a) => a.id)], [289, 0, 1, [1216090]]);
    const two = await page('?limit=2&offset=2');
    assert.deepEqual([two.total, two.offset, two.limit, two.audiences.map((a) => a.id)], [289, 2, 2, [1216184, 1222658]]);
  });

  test('?id=3&id=4&name=ab: repeated ids are OR, name a substring; with real ids it selects', async () => {
    assert.deepEqual(await page('?id=3&id=4&name=ab'), { offset: 0, limit: 2147483647, total: 0, audiences: [] });
    const selected = await page('?id=1216090&id=1216183&id=1397972&name=a1');
    assert.deepEqual(
      selected.audiences.map((a) => a.id),
      [1216090, 1216183],
    );
  });

  test('?priority=!4 and ?startsAt=<range>: fields audiences do not have filter nothing out', async () => {
    assert.equal((await page('?priority=!4')).total, 289);
    assert.equal((await page('?startsAt=1800-09-01T02:04:00.000-07:00/2114-11-30T14:10:00.000-07:00')).total, 289);
  });

  test('negation and date ranges on audience fields', async () => {
    const others = await page('?workspace=!1234567');
    assert.ok(others.total > 0 && others.audiences.every((a) => a.workspace !== '1234567'));
    assert.equal((await page('?workspace=1234567,12345678')).total, 289);
    const may = await page('?modifiedAt=2017-05-18T00:00:00Z/2017-05-18T23:59:59Z');
    assert.ok(may.audiences.some((a) => a.id === 1397972));
    assert.ok(may.audiences.every((a) => a.modifiedAt.startsWith('2017-05-18')));
  });

  test('?sortBy=name&sortBy=id, and descending sorts', async () => {
    const sorted = await page('?sortBy=name&sortBy=id');
    assert.equal(sorted.total, 289);
    assert.ok(sorted.audiences.every((a, i, list) => i === 0 || list[i - 1].name.localeCompare(a.name) <= 0));
    const descending = await page('?sortBy=-id&limit=3');
    assert.equal(descending.audiences[0].id, 1537214);
    assert.ok(descending.audiences.every((a, i, list) => i === 0 || list[i - 1].id > a.id));
    assertTargetError(
      await s.call('GET', '/audiences?sortBy=priority', { version: 3 }),
      400,
      'Request.Invalid',
      "sortBy: 'priority' is not a sortable field (id, name, description, origin, modifiedAt, workspace)",
    );
  });
});

describe('audiences: validation', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => s.close());
  const create = (body: Record<string, unknown>) => s.call('POST', '/audiences', { version: 3, body });
  const invalid = async (body: Record<string, unknown>, message: string) => assertTargetError(await create(body), 400, 'Request.Invalid', message);
  let ruleChecks = 0;
  // Names are unique (seed 004), so every audience these tests create gets its own.
  const withRule = (targetRule: unknown) => ({ name: `Rule check ${++ruleChecks}`, targetRule });

  test('name: required, not empty, at most 250 characters', async () => {
    await invalid({ targetRule: californians }, 'name is required');
    await invalid({ name: ' ', targetRule: californians }, 'name cannot be empty');
    await invalid({ name: 'x'.repeat(251), targetRule: californians }, 'name must be at most 250 characters');
    assertTargetError(await create({ name: ['x'], targetRule: californians }), 400, 'Request.Invalid', 'Invalid request: body/name must be string');
  });

  test('targetRule and audienceRule: exactly one of them', async () => {
    await invalid(
      { name: 'Both', targetRule: californians, audienceRule: { audienceId: 1209736 } },
      'targetRule and audienceRule cannot be mixed within the same audience',
    );
    await invalid({ name: 'Neither' }, 'one of targetRule or audienceRule is required');
    await invalid({ name: 'Null', targetRule: null }, 'one of targetRule or audienceRule is required');
  });

  test('a created audience has origin "target", no rule of the other kind, the default workspace', async () => {
    const response = await create({ name: 'Shoe fans', targetRule: { mbox: 'target-global-mbox', parameter: 'entity.categoryId', equals: ['shoes'] } });
    assert.equal(response.statusCode, 200);
    const { id, modifiedAt, ...rest } = response.json();
    assert.match(modifiedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(Number.isSafeInteger(id));
    assert.deepEqual(rest, {
      name: 'Shoe fans',
      origin: 'target',
      targetRule: { mbox: 'target-global-mbox', parameter: 'entity.categoryId', equals: ['shoes'] },
      workspace: '1234567',
    });
  });

  test('names are unique: a taken name is 400 naming the audience using it; nothing is written (issue 17, 4)', async () => {
    const before = (await s.call('GET', '/audiences', { version: 3 })).json().total;
    // 1216090 is a fixture audience.
    await invalid(
      { name: 'A1 - Active account l-1489628809975', targetRule: californians },
      "name 'A1 - Active account l-1489628809975' is already used by audience 1216090",
    );
    const first = await create({ name: 'Unique shoppers', targetRule: californians });
    assert.equal(first.statusCode, 200, first.body);
    const id = first.json().id;
    await invalid({ name: 'Unique shoppers', targetRule: californians }, `name 'Unique shoppers' is already used by audience ${id}`);
    // Another audience cannot take it by PUT; the audience itself keeps it; names differing in case are different.
    const put = await s.call('PUT', '/audiences/1216090', { version: 3, body: { name: 'Unique shoppers', targetRule: californians } });
    assertTargetError(put, 400, 'Request.Invalid', `name 'Unique shoppers' is already used by audience ${id}`);
    assert.equal((await s.call('GET', '/audiences/1216090', { version: 3 })).json().name, 'A1 - Active account l-1489628809975');
    assert.equal((await s.call('PUT', `/audiences/${id}`, { version: 3, body: { name: 'Unique shoppers', targetRule: californians } })).statusCode, 200);
    assert.equal((await create({ name: 'unique shoppers', targetRule: californians })).statusCode, 200);
    assert.equal((await s.call('GET', '/audiences', { version: 3 })).json().total, before + 2);
  });

  test('nested and/or/not rules and array roots are accepted', async () => {
    const nested = {
      or: [
        { and: [{ profile: 'memberLevel', equals: ['gold'] }, { not: { geo: 'country', equals: ['canada'] } }] },
        { page: 'url', startsWith: ['https://www.example.com/sale'] },
        { mbox: 'cart', parameter: 'cartAmount', greaterThanOrEquals: [100, '250.5'] },
        { browser: 'type', notEquals: ['ie'] },
      ],
    };
    assert.equal((await create(withRule(nested))).statusCode, 200);
    const arrayRoot = await create(
      withRule([
        { geo: 'city', contains: ['san'] },
        { profile: 'visits', lessThan: [3] },
      ]),
    );
    assert.equal(arrayRoot.statusCode, 200);
    assert.deepEqual(arrayRoot.json().targetRule, [
      { geo: 'city', contains: ['san'] },
      { profile: 'visits', lessThan: [3] },
    ]);
  });

  test('targetRule structure errors name the place', async () => {
    await invalid(withRule('gold'), 'targetRule must be an object');
    await invalid({ name: 'x', audienceRule: 7 }, 'audienceRule must be an object');
    await invalid(withRule({}), 'targetRule must name exactly one condition kind (page, geo, mbox, profile, customer, browser, operatingSystem, mobile)');
    await invalid(withRule([]), 'targetRule cannot be an empty array');
    await invalid(withRule({ and: [] }), 'targetRule.and must be a non-empty array of rules');
    await invalid(withRule({ or: { profile: 'a', equals: ['b'] } }), 'targetRule.or must be a non-empty array of rules');
    await invalid(withRule({ and: [{ profile: 'a', equals: ['b'] }], or: [] }), 'targetRule must hold only one of and, or, not and nothing else');
    await invalid(withRule({ not: [{ profile: 'a', equals: ['b'] }] }), 'targetRule.not must be an object');
    await invalid(withRule({ and: ['x'] }), 'targetRule.and[0] must be an object');
    await invalid(
      withRule({ and: [{ weather: 'rain', equals: ['yes'] }] }),
      "targetRule.and[0]: unknown key 'weather' (neither a condition kind nor an operator)",
    );
    await invalid(
      withRule({ profile: 'a', geo: 'region', equals: ['b'] }),
      'targetRule must name exactly one condition kind (page, geo, mbox, profile, customer, browser, operatingSystem, mobile)',
    );
    await invalid(
      withRule({ profile: 'a' }),
      'targetRule must use exactly one operator (equals, notEquals, contains, notContains, startsWith, notStartsWith, endsWith, notEndsWith, matches, notMatches, greaterThan, greaterThanOrEquals, lessThan, lessThanOrEquals)',
    );
    await invalid(
      withRule({ profile: 'a', equals: ['b'], contains: ['c'] }),
      'targetRule must use exactly one operator (equals, notEquals, contains, notContains, startsWith, notStartsWith, endsWith, notEndsWith, matches, notMatches, greaterThan, greaterThanOrEquals, lessThan, lessThanOrEquals)',
    );
    await invalid(withRule({ profile: 'a', like: ['b'] }), "targetRule: unknown key 'like' (neither a condition kind nor an operator)");
    await invalid(withRule({ profile: '', equals: ['b'] }), 'targetRule.profile must be a non-empty string');
    await invalid(
      withRule({ geo: 'planet', equals: ['earth'] }),
      "targetRule.geo: unknown attribute 'planet' (allowed: country, region, city, zip, dma, mobileCarrier, latitude, longitude)",
    );
    await invalid(
      withRule({ page: 'title', equals: ['Home'] }),
      "targetRule.page: unknown attribute 'title' (allowed: url, domain, subdomain, topLevelDomain, path, query, fragment)",
    );
    await invalid(withRule({ profile: 'a', equals: 'b' }), 'targetRule.equals must be a non-empty array of values');
    await invalid(withRule({ profile: 'a', equals: [] }), 'targetRule.equals must be a non-empty array of values');
    await invalid(withRule({ profile: 'a', equals: [{ b: 1 }] }), 'targetRule.equals[0] must be a string or a number');
    await invalid(withRule({ profile: 'visits', greaterThan: ['many'] }), 'targetRule.greaterThan[0] must be a number');
    await invalid(withRule({ profile: 'a', parameter: 'p', equals: ['b'] }), 'targetRule.parameter is only allowed on mbox and page conditions');
    await invalid(withRule({ mbox: 'cart', parameter: '', equals: ['b'] }), 'targetRule.parameter must be a non-empty string');
    let deep: unknown = { profile: 'a', equals: ['b'] };
    for (let i = 0; i < 16; i++) deep = { not: deep };
    await invalid(withRule(deep), `targetRule${'.not'.repeat(16)} nests deeper than 16 levels`);
  });

  test('audienceRule: pre-built audiences by id, which must exist', async () => {
    const ok = await create({ name: 'Gold or silver', audienceRule: { or: [{ audienceId: 1209736 }, { audienceId: 1209737 }] } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().audienceRule, { or: [{ audienceId: 1209736 }, { audienceId: 1209737 }] });
    assert.equal(ok.json().targetRule, undefined);
    await invalid(
      { name: 'x', audienceRule: { and: [{ audienceId: 1209736 }, { not: { audienceId: 42 } }] } },
      'audienceRule refers to audience 42, which does not exist',
    );
    await invalid({ name: 'x', audienceRule: { audienceId: '1209736' } }, 'audienceRule.audienceId must be a positive integer');
    await invalid(
      { name: 'x', audienceRule: { or: [{ profile: 'a', equals: ['b'] }] } },
      'audienceRule.or[0] must be a logical node (and, or, not) or {"audienceId": <id>}',
    );
  });

  test('an audienceRule cannot lead back to the audience itself', async () => {
    // 1262400 "Premium Members" is built on 1209737 and 1209738
    const self = await s.call('PUT', '/audiences/1262400', { version: 3, body: { name: 'Premium Members', audienceRule: { or: [{ audienceId: 1262400 }] } } });
    assertTargetError(self, 400, 'Request.Invalid', 'audienceRule cannot refer to audience 1262400 itself, directly or through other audiences');
    const loop = await s.call('PUT', '/audiences/1209737', { version: 3, body: { name: 'Gold Members', audienceRule: { audienceId: 1262400 } } });
    assertTargetError(loop, 400, 'Request.Invalid', 'audienceRule cannot refer to audience 1209737 itself, directly or through other audiences');
  });

  test('PUT: replaces name and rule, keeps description and workspace unless given; 404 for unknown ids', async () => {
    s.at('2017-08-01T10:00:00Z');
    const response = await s.call('PUT', '/audiences/1224697', {
      version: 3,
      body: { name: 'Visitors from Canada or Mexico', targetRule: { geo: 'country', equals: ['canada', 'mexico'] } },
    });
    assert.equal(
      response.body,
      JSON.stringify({
        id: 1224697,
        name: 'Visitors from Canada or Mexico',
        description: '--',
        origin: 'target',
        targetRule: { geo: 'country', equals: ['canada', 'mexico'] },
        modifiedAt: '2017-08-01T10:00:00Z',
        workspace: '1234567',
      }),
    );
    // switching to an audienceRule drops the targetRule
    const switched = await s.call('PUT', '/audiences/1224697', {
      version: 3,
      body: { name: 'n', audienceRule: { audienceId: 1224696 }, workspace: '12345678' },
    });
    assert.equal(switched.statusCode, 200);
    assert.deepEqual(Object.keys(switched.json()), ['id', 'name', 'description', 'origin', 'audienceRule', 'modifiedAt', 'workspace']);
    assert.equal(switched.json().workspace, '12345678');
    assertTargetError(
      await s.call('PUT', '/audiences/77', { version: 3, body: { name: 'n', targetRule: californians } }),
      404,
      'Resource.NotFound',
      'Audience 77 not found',
    );
    assertTargetError(await s.call('GET', '/audiences/x1', { version: 3 }), 404, 'Resource.NotFound', 'Audience x1 not found');
  });
});

describe('audiences: an audience in use cannot be deleted', () => {
  let s: Session;
  before(async () => {
    s = await session();
    s.withoutFixtureActivities();
  });
  after(() => s.close());
  const xt = (id: number, audienceIds: number[], state = 'approved') => ({
    id,
    type: 'xt',
    name: `XT ${id}`,
    state,
    experiences: [{ experienceLocalId: 0, name: 'A', audienceIds, offerLocations: [{ locationLocalId: 0, offerId: 393707 }] }],
  });

  test('targeted by an activity → 400 naming it; the audience stays', async () => {
    s.putActivity(xt(166425, [1209736]));
    assertTargetError(
      await s.call('DELETE', '/audiences/1209736', { version: 3 }),
      400,
      'Request.Invalid',
      'Audience 1209736 cannot be deleted: it is used by activity 166425',
    );
    assert.equal((await s.call('GET', '/audiences/1209736', { version: 3 })).statusCode, 200);
  });

  test("built into another audience's audienceRule → 400; both reasons are named together", async () => {
    assertTargetError(
      await s.call('DELETE', '/audiences/1209738', { version: 3 }),
      400,
      'Request.Invalid',
      'Audience 1209738 cannot be deleted: it is used by audience 1262400',
    );
    s.putActivity(xt(183919, [1209737]));
    s.putActivity(xt(168333, [1209737, 1224700]));
    assertTargetError(
      await s.call('DELETE', '/audiences/1209737', { version: 3 }),
      400,
      'Request.Invalid',
      'Audience 1209737 cannot be deleted: it is used by activities 168333, 183919 and audience 1262400',
    );
  });

  test('deleted activities do not hold an audience; once free it can be deleted', async () => {
    s.putActivity(xt(700001, [1224699], 'deleted'));
    const deleted = await s.call('DELETE', '/audiences/1224699', { version: 3 });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.json().id, 1224699);
    // the audience built on 1209738 goes first, then 1209738 itself
    assert.equal((await s.call('DELETE', '/audiences/1262400', { version: 3 })).statusCode, 200);
    assert.equal((await s.call('DELETE', '/audiences/1209738', { version: 3 })).statusCode, 200);
  });
});

describe('audiences: versions (seed 002)', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => s.close());

  test('v1, v2 and v3 are served; v4 → 406', async () => {
    for (const version of [1, 2, 3, 'application/json']) {
      assert.equal((await s.call('GET', '/audiences/1397972', { version })).statusCode, 200, String(version));
    }
    assertTargetError(await s.call('GET', '/audiences', { version: 4 }), 406, 'Unsupported.Feature', 'Unsupported features detected');
    assertTargetError(await s.call('DELETE', '/audiences/1537214', { version: 4 }), 406, 'Unsupported.Feature', 'Unsupported features detected');
    assertTargetError(
      await s.call('POST', '/audiences', { version: 4, body: { name: 'n', targetRule: californians } }),
      406,
      'Unsupported.Feature',
      'Unsupported features detected',
    );
    assert.equal((await s.call('GET', '/audiences/1537214', { version: 3 })).statusCode, 200);
  });

  test('a v3 payload (workspace) sent as v1 or v2 → 406; without workspace it is fine', async () => {
    const body = { name: 'n', targetRule: californians, workspace: '1234567' };
    for (const version of [1, 2, 'application/json']) {
      assertTargetError(await s.call('POST', '/audiences', { version, body }), 406, 'Unsupported.Feature', 'Unsupported features detected');
    }
    assertTargetError(await s.call('PUT', '/audiences/1537195', { version: 2, body }), 406, 'Unsupported.Feature', 'Unsupported features detected');
    assert.equal((await s.call('POST', '/audiences', { version: 2, body: { name: 'n', targetRule: californians } })).statusCode, 200);
  });
});

describe('audiences: tenant isolation', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => s.close());

  test('each tenant has its own audiences', async () => {
    const other = await tokenFor(s.t, OTHER);
    const headers = (extra: Record<string, string> = {}) => targetHeaders(other, { 'x-api-key': OTHER.clientId, ...extra });
    assert.deepEqual((await s.t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/audiences`, headers: headers() })).json(), {
      offset: 0,
      limit: 2147483647,
      total: 0,
      audiences: [],
    });
    assertTargetError(
      await s.t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/audiences/1397972`, headers: headers() }),
      404,
      'Resource.NotFound',
      'Audience 1397972 not found',
    );
    // an audienceRule cannot reach across tenants
    const across = await s.t.inject({
      method: 'POST',
      url: `/${OTHER.tenant}/target/audiences`,
      headers: headers({ 'content-type': 'application/vnd.adobe.target.v3+json' }),
      payload: { name: 'x', audienceRule: { audienceId: 1209736 } },
    });
    assertTargetError(across, 400, 'Request.Invalid', 'audienceRule refers to audience 1209736, which does not exist');
    const created = await s.t.inject({
      method: 'POST',
      url: `/${OTHER.tenant}/target/audiences`,
      headers: headers({ 'content-type': 'application/vnd.adobe.target.v3+json' }),
      payload: { name: 'Other tenant audience', targetRule: californians },
    });
    assert.equal(created.statusCode, 200);
    assertTargetError(
      await s.call('GET', `/audiences/${created.json().id}`, { version: 3 }),
      404,
      'Resource.NotFound',
      `Audience ${created.json().id} not found`,
    );
    assert.equal((await s.call('GET', '/audiences', { version: 3 })).json().total, 289);
  });
});
