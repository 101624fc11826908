import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scopes } from '../../../src/store/store.js';
import { DEMO, ISO_INSTANT, OTHER, UUID, startApp, targetHeaders, tokenFor, type TestApp } from '../../helpers.js';
import { AB_PERFORMANCE_166423, ORDERS_167169, XT_PERFORMANCE_167169 } from './reports-samples.js';

const BASE = `/${DEMO.tenant}/target`;
const V1 = 'application/vnd.adobe.target.v1+json';

function assertTargetError(body: unknown, status: number, errorCode: string, message: string) {
  const { requestId, requestTime, ...rest } = body as { requestId: string; requestTime: string };
  assert.match(requestId, UUID);
  assert.match(requestTime, ISO_INSTANT);
  assert.deepEqual(rest, { httpStatus: status, errors: [{ errorCode, message }] });
}

type Activity = Record<string, unknown> & { id: number; type: string };

/** Stand-ins for the fixture activities the samples report on (kept if the activities fixtures provide them). */
const SAMPLE_ACTIVITIES: Activity[] = [
  {
    id: 166423,
    thirdPartyId: 'f79c0aa0-44e4-4766-ab93-1bf11b781f84',
    type: 'ab',
    state: 'approved',
    name: 'Master - Mobile - AB',
    priority: 999,
    modifiedAt: '2017-06-30T19:48:38Z',
    experiences: [
      { experienceLocalId: 0, name: '5OFF' },
      { experienceLocalId: 2, name: 'SHIPFREE' },
    ],
    metrics: [{ metricLocalId: 32767, name: 'metric_placeholder', conversion: true }],
  },
  {
    id: 167169,
    thirdPartyId: '6116ec53-5a2b-4f5d-9268-41e4c153e494',
    type: 'xt',
    state: 'approved',
    name: 'Master - Serverside - XT',
    priority: 0,
    modifiedAt: '2017-06-06T22:00:25Z',
    experiences: [
      { experienceLocalId: 0, name: 'USA Experience' },
      { experienceLocalId: 1, name: 'UK Experience' },
    ],
    metrics: [{ metricLocalId: 32767, name: 'metric_placeholder', conversion: true }],
  },
];

/** An AB activity of no sample: scheduled, one deleted experience, two metrics of its own. */
const DERIVED_AB: Activity = {
  id: 910001,
  thirdPartyId: 'c0ffee00-0000-4000-8000-000000000001',
  type: 'ab',
  state: 'approved',
  name: 'Derived AB',
  priority: 5,
  startsAt: '2017-05-01T08:00Z',
  endsAt: '2017-09-01T07:59:59Z',
  modifiedAt: '2017-05-02T10:00:00Z',
  workspace: '1234567',
  experiences: [
    { experienceLocalId: 1, name: 'Experience B', visitorPercentage: 50, offerLocations: [] },
    { experienceLocalId: 0, name: 'Experience A', visitorPercentage: 50, offerLocations: [] },
    { experienceLocalId: 2, name: 'Gone', deletedAt: '2017-06-14T21:02:12.000Z' },
  ],
  metrics: [
    { metricLocalId: 3, name: 'clicks', conversion: false, action: { type: 'count_once' } },
    { metricLocalId: 32767, name: 'MY PRIMARY GOAL', conversion: true, action: { type: 'count_once' } },
  ],
};

const DERIVED_XT: Activity = {
  id: 910002,
  type: 'xt',
  state: 'saved',
  name: 'Derived XT',
  priority: 0,
  modifiedAt: '2017-07-01T00:00:00Z',
  experiences: [
    { experienceLocalId: 0, name: 'One', audienceIds: [1] },
    { experienceLocalId: 1, name: 'Two', audienceIds: [2] },
  ],
  metrics: [{ metricLocalId: 32767, name: 'goal' }],
};

const DERIVED_ABT: Activity = {
  id: 910003,
  type: 'abt',
  state: 'approved',
  name: 'Derived AP',
  priority: 1,
  startsAt: '2017-01-01T00:00Z',
  endsAt: '2017-02-01T00:00Z',
  modifiedAt: '2017-01-01T00:00:00Z',
  experiences: [
    { experienceLocalId: 0, name: 'Stack 0' },
    { experienceLocalId: 1, name: 'Stack 1' },
  ],
  metrics: [{ metricLocalId: 32767, name: 'goal', conversion: true }],
};

function putActivity(t: TestApp, tenant: string, activity: Activity, overwrite = true) {
  const activities = t.ctx.store.collection<Activity>(scopes.target(tenant), 'activities');
  if (overwrite || !activities.has(activity.id)) activities.put(activity.id, activity);
}

type Totals = Record<'visitor' | 'visit' | 'impression' | 'landing', { totals: { entries: number; conversions: number } }>;

describe('Target Admin reports (seed 004)', () => {
  let t: TestApp;
  let token: string;
  const get = (path: string, headers: Record<string, string> = {}, tenant: string = DEMO.tenant, bearer = token, apiKey: string = DEMO.clientId) =>
    t.inject({ method: 'GET', url: `/${tenant}/target${path}`, headers: targetHeaders(bearer, { 'x-api-key': apiKey, ...headers }) });

  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
    for (const activity of SAMPLE_ACTIVITIES) putActivity(t, DEMO.tenant, activity, false);
    for (const activity of [DERIVED_AB, DERIVED_XT, DERIVED_ABT]) putActivity(t, DEMO.tenant, activity);
  });
  after(() => t.close());

  describe('the documented samples, replayed', () => {
    const samples = [
      ['/activities/ab/166423/report/performance', AB_PERFORMANCE_166423],
      ['/activities/xt/167169/report/performance', XT_PERFORMANCE_167169],
      ['/activities/ab/167169/orders/performance', ORDERS_167169],
      ['/activities/ab/167169/report/orders', ORDERS_167169],
    ] as const;
    for (const [path, sample] of samples) {
      test(`GET ${path} answers the sample, byte for byte`, async () => {
        // The samples send their version in Content-Type (a GET: Accept decides, absent → v1).
        const response = await get(path, { 'cache-control': 'no-cache', 'content-type': V1 });
        assert.equal(response.statusCode, 200);
        assert.deepEqual(response.json(), sample);
        assert.equal(response.body, JSON.stringify(sample));
      });
    }
  });

  describe('reports derived for other activities', () => {
    test('AB performance: the activity block, parameters from its schedule, totals that add up', async () => {
      const response = await get(`/activities/ab/${DERIVED_AB.id}/report/performance`);
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.deepEqual(Object.keys(body), ['reportParameters', 'activity', 'report']);
      assert.deepEqual(body.reportParameters, {
        activityId: 910001,
        environmentId: 8818,
        conversionMetricLocalIds: [32767],
        reportInterval: '2017-05-01T08:00Z/2017-09-01T07:59:59.000Z',
      });
      assert.deepEqual(body.activity, {
        id: 910001,
        thirdPartyId: 'c0ffee00-0000-4000-8000-000000000001',
        type: 'ab',
        state: 'approved',
        name: 'Derived AB',
        priority: 5,
        modifiedAt: '2017-05-02T10:00:00Z',
        metrics: [
          { name: 'Entry', metricLocalId: 0 },
          { name: 'Display mboxes', metricLocalId: 2 },
          { name: 'clicks', metricLocalId: 3 },
          { name: 'MY PRIMARY GOAL', metricLocalId: 32767 },
        ],
        experiences: [
          { name: 'Experience B', experienceLocalId: 1 },
          { name: 'Experience A', experienceLocalId: 0 },
          { name: 'Gone', experienceLocalId: 2, deletedAt: '2017-06-14T21:02:12.000Z' },
        ],
      });
      const { totals, experiences } = body.report.statistics as { totals: Totals; experiences: Array<{ experienceLocalId: number; totals: Totals }> };
      assert.deepEqual(
        experiences.map((experience) => experience.experienceLocalId),
        [0, 1, 2],
      );
      for (const counter of ['visitor', 'visit', 'impression', 'landing'] as const) {
        for (const field of ['entries', 'conversions'] as const) {
          const sum = experiences.reduce((total, experience) => total + experience.totals[counter].totals[field], 0);
          assert.equal(totals[counter].totals[field], sum, `${counter}.${field} totals the experiences`);
        }
      }
      for (const { totals: counts } of experiences) {
        assert.deepEqual(Object.keys(counts), ['visitor', 'visit', 'impression', 'landing']);
        assert.ok(counts.visitor.totals.entries > 0);
        assert.ok(counts.visitor.totals.entries <= counts.visit.totals.entries);
        assert.ok(counts.visit.totals.entries <= counts.impression.totals.entries);
        assert.equal(counts.landing.totals.entries, counts.impression.totals.entries);
        assert.ok(counts.visitor.totals.conversions <= counts.visitor.totals.entries);
        for (const counter of Object.values(counts)) {
          assert.ok(Number.isInteger(counter.totals.entries) && Number.isInteger(counter.totals.conversions));
        }
      }
    });

    test('the numbers are deterministic: the same activity reports the same figures, in another server too', async () => {
      const first = await get(`/activities/ab/${DERIVED_AB.id}/report/performance`);
      const second = await get(`/activities/ab/${DERIVED_AB.id}/report/performance`);
      assert.equal(first.body, second.body);
      const other = await startApp();
      try {
        putActivity(other, DEMO.tenant, DERIVED_AB);
        const otherToken = await tokenFor(other);
        const again = await other.inject({
          method: 'GET',
          url: `${BASE}/activities/ab/${DERIVED_AB.id}/report/performance`,
          headers: targetHeaders(otherToken),
        });
        assert.equal(again.body, first.body);
      } finally {
        await other.close();
      }
      // Another id (same experiences) gives other figures: the id seeds them.
      putActivity(t, DEMO.tenant, { ...DERIVED_AB, id: 910011 });
      const sibling = await get('/activities/ab/910011/report/performance');
      assert.notDeepEqual(sibling.json().report, first.json().report);
    });

    test('without a schedule the interval runs from creation (else last change) until now', async () => {
      t.ctx.clock.freeze();
      t.ctx.clock.set(Date.parse('2018-01-02T03:04:05.678Z'));
      try {
        const xt = await get(`/activities/xt/${DERIVED_XT.id}/report/performance`);
        assert.equal(xt.statusCode, 200);
        assert.equal(xt.json().reportParameters.reportInterval, '2017-07-01T00:00Z/2018-01-02T03:04:05.678Z');
        assert.deepEqual(xt.json().reportParameters.conversionMetricLocalIds, [32767], 'no metric flagged: the last one');
        putActivity(t, DEMO.tenant, { ...DERIVED_XT, id: 910012, createdAt: '2017-03-20T16:00:00Z', endsAt: '2017-07-10T07:00Z' });
        const created = await get('/activities/xt/910012/report/performance');
        assert.equal(created.json().reportParameters.reportInterval, '2017-03-20T16:00Z/2017-07-10T07:00Z');
      } finally {
        t.ctx.clock.reset();
      }
    });

    test('XT and Automated Personalization (abt) performance reports have the same structure', async () => {
      for (const [kind, activity] of [
        ['xt', DERIVED_XT],
        ['abt', DERIVED_ABT],
      ] as const) {
        const response = await get(`/activities/${kind}/${activity.id}/report/performance`);
        assert.equal(response.statusCode, 200);
        const body = response.json();
        assert.equal(body.activity.type, kind);
        assert.deepEqual(Object.keys(body.report.statistics.totals), ['visitor', 'visit', 'impression', 'landing']);
        assert.deepEqual(
          body.report.statistics.experiences.map((experience: { experienceLocalId: number }) => experience.experienceLocalId),
          [0, 1],
        );
      }
    });

    test('orders: AB/XT orders name their experience, AP orders their decision stack; all inside the interval', async () => {
      const ab = (await get(`/activities/ab/${DERIVED_AB.id}/report/orders`)).json();
      assert.deepEqual(Object.keys(ab), ['reportParameters', 'activity', 'orders']);
      assert.deepEqual(Object.keys(ab.reportParameters), ['activityId', 'environmentId', 'reportInterval', 'conversionMetricLocalIds']);
      assert.ok(ab.orders.length >= 2);
      for (const order of ab.orders) {
        assert.ok([0, 1, 2].includes(order.experienceLocalId));
        assert.equal(typeof order.id, 'string');
        assert.equal(typeof order.total, 'number');
        assert.ok(Date.parse(order.time) >= Date.parse('2017-05-01T08:00Z') && Date.parse(order.time) <= Date.parse('2017-09-01T07:59:59Z'));
        assert.deepEqual(Object.keys(order).slice(0, 4), ['time', 'experienceLocalId', 'id', 'total']);
      }
      const ap = (await get(`/activities/ab/${DERIVED_ABT.id}/report/orders`)).json();
      for (const order of ap.orders) {
        assert.deepEqual(Object.keys(order), ['time', 'decisionStackId', 'id', 'total', 'productIds']);
      }
      const xt = await get(`/activities/ab/${DERIVED_XT.id}/report/orders`);
      assert.equal(xt.statusCode, 200, 'the orders report serves XT activities too');
      assert.equal((await get(`/activities/ab/${DERIVED_AB.id}/report/orders`)).body, JSON.stringify(ab), 'deterministic');
    });
  });

  describe('not found', () => {
    const cases = [
      ['/activities/ab/999999/report/performance', 'No AB activity with id 999999'],
      ['/activities/ab/abc/report/performance', 'No AB activity with id abc'],
      ['/activities/xt/166423/report/performance', 'No XT activity with id 166423'],
      ['/activities/ab/167169/report/performance', 'No AB activity with id 167169'],
      ['/activities/abt/166423/report/performance', 'No Automated Personalization activity with id 166423'],
      ['/activities/ab/999999/report/orders', 'No AB, XT or Automated Personalization activity with id 999999'],
    ] as const;
    for (const [path, message] of cases) {
      test(`GET ${path} → 404`, async () => {
        const response = await get(path);
        assert.equal(response.statusCode, 404);
        assertTargetError(response.json(), 404, 'Resource.NotFound', message);
      });
    }

    test('a deleted activity has no report, even a documented one', async () => {
      putActivity(t, DEMO.tenant, { ...DERIVED_AB, id: 910013, state: 'deleted' });
      const response = await get('/activities/ab/910013/report/performance');
      assert.equal(response.statusCode, 404);
      assertTargetError(response.json(), 404, 'Resource.NotFound', 'No AB activity with id 910013');
    });
  });

  test('versions: v1 to v3 (the SDK asks v3), anything else → 406', async () => {
    for (const version of [1, 2, 3]) {
      const response = await get(`/activities/ab/${DERIVED_AB.id}/report/performance`, { accept: `application/vnd.adobe.target.v${version}+json` });
      assert.equal(response.statusCode, 200, `v${version}`);
    }
    for (const path of [
      '/activities/ab/166423/report/performance',
      '/activities/xt/167169/report/performance',
      `/activities/abt/${DERIVED_ABT.id}/report/performance`,
      '/activities/ab/167169/report/orders',
    ]) {
      const response = await get(path, { accept: 'application/vnd.adobe.target.v4+json' });
      assert.equal(response.statusCode, 406);
      assertTargetError(response.json(), 406, 'Unsupported.Feature', 'Unsupported features detected');
    }
  });

  test("tenants are isolated: another tenant's activity of the same id gets its own derived report", async () => {
    const otherToken = await tokenFor(t, OTHER);
    const missing = await get('/activities/ab/166423/report/performance', {}, OTHER.tenant, otherToken, OTHER.clientId);
    assert.equal(missing.statusCode, 404);
    putActivity(t, OTHER.tenant, { ...SAMPLE_ACTIVITIES[0] });
    const own = await get('/activities/ab/166423/report/performance', {}, OTHER.tenant, otherToken, OTHER.clientId);
    assert.equal(own.statusCode, 200);
    assert.notDeepEqual(own.json(), AB_PERFORMANCE_166423, 'the documented report belongs to mocktenant');
    assert.equal(own.json().reportParameters.environmentId, undefined, 'othertenant has no environments');
    const forbidden = await get('/activities/ab/166423/report/performance', {}, OTHER.tenant);
    assert.equal(forbidden.statusCode, 403);
  });
});
