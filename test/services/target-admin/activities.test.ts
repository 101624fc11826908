import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLES } from './activities-samples.js';
import { TARGET_INSTANT, assertTargetError, startActivities, without, type Caller } from './activities-support.js';
import { DEMO, UUID, startApp } from '../../helpers.js';
import { scopes } from '../../../src/store/store.js';

/** seed 004, every activity sample request replayed against the fixtures. */
describe('Target Admin activities: the samples of seed 004', () => {
  let c: Caller;
  before(async () => {
    c = await startActivities();
  });
  after(() => c.t.close());

  test('GET /activities (v3): the list sample, in its order, first', async () => {
    const response = await c.call('GET', '/activities/', { version: 3 });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(Object.keys(body), ['total', 'offset', 'limit', 'activities']);
    assert.equal(body.offset, 0);
    assert.equal(body.limit, 2147483647);
    assert.deepEqual(body.activities.slice(0, 4), SAMPLES.list.activities);
    assert.equal(body.total, body.activities.length);
    assert.equal(body.total, 10, 'the nine activities of the seed and the AP activity 100001');
    const four = await c.call('GET', '/activities?limit=4', { version: 3 });
    assert.equal(four.body, JSON.stringify({ ...SAMPLES.list, total: 10, limit: 4 }), 'byte for byte but the total (the sample says 5 for 4 items)');
  });

  test('GET /activities/ab/168824 (v3) answers the sample byte for byte', async () => {
    const response = await c.call('GET', '/activities/ab/168824', { version: 3 });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, JSON.stringify(SAMPLES.getAb168824));
  });

  test('GET /activities/xt/166425 (v3) answers the sample; the sample URL /xt/168824 is an AB activity → 404', async () => {
    const response = await c.call('GET', '/activities/xt/166425', { version: 3 });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, JSON.stringify(SAMPLES.getXt166425));
    assertTargetError(await c.call('GET', '/activities/xt/168824', { version: 3 }), 404, 'Resource.NotFound', 'No XT activity with id 168824');
    assertTargetError(await c.call('GET', '/activities/ab/166425', { version: 3 }), 404, 'Resource.NotFound', 'No AB activity with id 166425');
  });

  test('every fixture activity is readable under its own type and consistent with the list', async () => {
    const list = (await c.call('GET', '/activities')).json();
    // The API reads only AB and XT definitions; the AP (abt) activity shows in lists and reports.
    for (const summary of list.activities.filter((activity: { type: string }) => activity.type !== 'abt')) {
      const response = await c.call('GET', `/activities/${summary.type}/${summary.id}`, { version: 3 });
      assert.equal(response.statusCode, 200, `${summary.type}/${summary.id}`);
      const detail = response.json();
      for (const field of ['id', 'thirdPartyId', 'state', 'name', 'priority', 'modifiedAt', 'workspace']) {
        assert.deepEqual(detail[field], summary[field], `${summary.id}.${field}`);
      }
    }
  });

  test('DELETE /activities/ab/168805 answers the sample byte for byte, then 404 and absent from the list', async () => {
    c.freezeAt(1499636562807); // the epoch ms of the sample's thirdPartyId suffix
    const response = await c.call('DELETE', '/activities/ab/168805', { version: 3 });
    c.t.ctx.clock.reset();
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, JSON.stringify(SAMPLES.deleteAb168805));
    assertTargetError(await c.call('GET', '/activities/ab/168805', { version: 3 }), 404, 'Resource.NotFound', 'No AB activity with id 168805');
    assertTargetError(await c.call('DELETE', '/activities/ab/168805', { version: 3 }), 404, 'Resource.NotFound', 'No AB activity with id 168805');
    assertTargetError(await c.call('GET', '/activities/168805/changelog'), 404, 'Resource.NotFound', 'No activity with id 168805');
    const list = (await c.call('GET', '/activities')).json();
    assert.ok(!list.activities.some((activity: { id: number }) => activity.id === 168805));
    assert.equal(list.total, 9);
    const stored = c.t.ctx.store.collection<{ state: string }>('target/mocktenant', 'activities').get(168805);
    assert.equal(stored?.state, 'deleted', 'kept as deleted, so references skip it');
  });

  test('DELETE /activities/xt/168333 answers the sample byte for byte', async () => {
    c.freezeAt(1499659779896);
    const response = await c.call('DELETE', '/activities/xt/168333', { version: 3 });
    c.t.ctx.clock.reset();
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, JSON.stringify(SAMPLES.deleteXt168333));
  });

  test('POST /activities/ab/ (v3) answers the sample (id, thirdPartyId, modifiedAt aside), then GET and PUT replay', async () => {
    const created = await c.call('POST', '/activities/ab/', { version: 3, body: SAMPLES.createAbRequest });
    assert.equal(created.statusCode, 200);
    const body = created.json();
    assert.ok(body.id > 173980, 'ids continue after the fixtures');
    assert.match(body.thirdPartyId, UUID);
    assert.match(body.modifiedAt, TARGET_INSTANT);
    assert.equal(JSON.stringify(without(body, 'thirdPartyId')), JSON.stringify({ ...SAMPLES.createAbResponse, id: body.id, modifiedAt: body.modifiedAt }));
    const read = await c.call('GET', `/activities/ab/${body.id}`, { version: 3 });
    assert.equal(read.body, created.body);
    const summary = (await c.call('GET', `/activities?id=${body.id}`)).json().activities;
    assert.deepEqual(summary, [
      {
        id: body.id,
        thirdPartyId: body.thirdPartyId,
        type: 'ab',
        state: 'saved',
        name: 'New API Activity',
        priority: 100,
        modifiedAt: body.modifiedAt,
        workspace: '1234567',
      },
    ]);

    // "Update AB Activity": the sample response repeats the request (its JSON is cut); id, thirdPartyId, modifiedAt added.
    const updated = await c.call('PUT', `/activities/ab/${body.id}`, { version: 3, body: SAMPLES.updateAbRequest });
    assert.equal(updated.statusCode, 200);
    const update = updated.json();
    assert.equal(JSON.stringify(without(update, 'id', 'thirdPartyId', 'modifiedAt')), JSON.stringify(SAMPLES.updateAbRequest));
    assert.equal(update.id, body.id);
    assert.equal(update.thirdPartyId, body.thirdPartyId, 'kept when the body leaves it out');
    assert.equal((await c.call('GET', `/activities/ab/${body.id}`, { version: 3 })).body, updated.body);
  });

  test('POST /activities/xt/ (v3) answers the sample (id, thirdPartyId, modifiedAt aside)', async () => {
    const created = await c.call('POST', '/activities/xt/', { version: 3, body: SAMPLES.createXtRequest });
    assert.equal(created.statusCode, 200);
    const body = created.json();
    assert.equal(JSON.stringify(without(body, 'thirdPartyId')), JSON.stringify({ ...SAMPLES.createXtResponse, id: body.id, modifiedAt: body.modifiedAt }));
    assertTargetError(await c.call('GET', `/activities/ab/${body.id}`, { version: 3 }), 404, 'Resource.NotFound', `No AB activity with id ${body.id}`);
    const update = await c.call('PUT', `/activities/xt/${body.id}`, { version: 3, body: { ...SAMPLES.createXtRequest, name: 'Renamed XT' } });
    assert.equal(update.statusCode, 200);
    assert.equal(update.json().name, 'Renamed XT');
    assertTargetError(
      await c.call('PUT', `/activities/ab/${body.id}`, { version: 3, body: SAMPLES.createXtRequest }),
      404,
      'Resource.NotFound',
      `No AB activity with id ${body.id}`,
    );
  });

  for (const [part, request, response] of [
    ['name', 'nameRequest', 'nameResponse'],
    ['state', 'stateRequest', 'stateResponse'],
    ['priority', 'priorityRequest', 'priorityResponse'],
    ['schedule', 'scheduleRequest', 'scheduleResponse'],
  ] as const) {
    test(`PUT /activities/168816/${part} (v1) answers the sample (modifiedAt aside)`, async () => {
      const answer = await c.call('PUT', `/activities/168816/${part}`, { version: 1, body: SAMPLES[request] });
      assert.equal(answer.statusCode, 200);
      const body = answer.json();
      assert.match(body.modifiedAt, TARGET_INSTANT);
      assert.equal(answer.body, JSON.stringify({ ...SAMPLES[response], modifiedAt: body.modifiedAt }));
      const detail = (await c.call('GET', '/activities/ab/168816', { version: 3 })).json();
      for (const [field, value] of Object.entries(SAMPLES[response])) {
        if (field !== 'modifiedAt') assert.deepEqual(detail[field], value);
      }
      assert.equal(detail.modifiedAt, body.modifiedAt);
    });
  }

  test('GET /activities/173980/changelog answers the sample entries, newest first', async () => {
    const response = await c.call('GET', '/activities/173980/changelog');
    assert.equal(response.statusCode, 200);
    // The sample's total (23) counts entries it does not show; the fixture holds the seven shown.
    assert.equal(response.body, JSON.stringify({ ...SAMPLES.changelog173980, total: 7 }));
    const paged = (await c.call('GET', '/activities/173980/changelog?limit=2&offset=1')).json();
    assert.deepEqual(paged, { offset: 1, limit: 2, total: 7, activityChangelogs: SAMPLES.changelog173980.activityChangelogs.slice(1, 3) });
  });

  test('every fixture activity starts with a history ending in its current state', async () => {
    const list = (await c.call('GET', '/activities')).json();
    for (const { id } of list.activities.filter((activity: { id: number }) => activity.id < 173980)) {
      const log = (await c.call('GET', `/activities/${id}/changelog`)).json();
      assert.ok(log.total >= 1, `${id} has history`);
      const oldest = log.activityChangelogs[log.total - 1];
      assert.deepEqual(oldest.activityParameters, { state: { changedValue: 'saved' } }, `${id} was created saved`);
    }
  });
});

describe('Target Admin activities: fixtures are consistent with the offers and audiences fixtures', () => {
  test('every offerId and audienceId of a fixture activity exists (checked once fixtures/target-offers.json is present)', async (context) => {
    const t = await startApp();
    try {
      const scope = scopes.target(DEMO.tenant);
      const offers = t.ctx.store.collection(scope, 'offers');
      const audiences = t.ctx.store.collection(scope, 'audiences');
      if (offers.size === 0 && audiences.size === 0) {
        context.skip('no offers / audiences fixtures yet');
        return;
      }
      const missing: string[] = [];
      const walk = (value: unknown, owner: number): void => {
        if (Array.isArray(value)) {
          for (const element of value) walk(element, owner);
          return;
        }
        if (value === null || typeof value !== 'object') return;
        for (const [key, child] of Object.entries(value)) {
          if (key === 'offerId' && typeof child === 'number' && child !== 0 && !offers.has(child)) missing.push(`${owner}: offer ${child}`);
          if (key === 'audienceIds' && Array.isArray(child)) {
            for (const id of child) if (!audiences.has(id)) missing.push(`${owner}: audience ${id}`);
          }
          walk(child, owner);
        }
      };
      for (const activity of t.ctx.store.collection<{ id: number }>(scope, 'activities').values()) walk(activity, activity.id);
      assert.deepEqual(missing, []);
    } finally {
      await t.close();
    }
  });
});
