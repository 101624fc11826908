import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLES } from './activities-samples.js';
import { startActivities, type Caller } from './activities-support.js';
import { recordOfferModified } from '../../../src/services/target-admin/shared/changelog.js';
import { activitiesUsing } from '../../../src/services/target-admin/shared/references.js';
import { scopes } from '../../../src/store/store.js';
import { DEMO } from '../../helpers.js';

const SCOPE = scopes.target(DEMO.tenant);
const T0 = Date.parse('2017-07-10T05:11:03Z');

/** seed 004, "Get Activity Changelog": entries recorded from every kind of change, newest first. */
describe('Target Admin activities: changelog recording', () => {
  let c: Caller;
  let now = T0;
  before(async () => {
    c = await startActivities();
    c.freezeAt(T0);
  });
  after(() => c.t.close());
  beforeEach(() => {
    now += 60_000; // one minute between steps, so every entry has its own timestamp
    c.t.ctx.clock.set(now);
  });
  const stamp = () => new Date(now).toISOString().replace('.000Z', 'Z');
  const log = async (id: number) => {
    const response = await c.call('GET', `/activities/${id}/changelog`);
    assert.equal(response.statusCode, 200);
    return response.json() as { offset: number; limit: number; total: number; activityChangelogs: Array<Record<string, unknown>> };
  };

  let id = 0;
  test('create: the initial state only', async () => {
    id = (await c.call('POST', '/activities/ab', { version: 3, body: SAMPLES.createAbRequest })).json().id;
    assert.deepEqual(await log(id), {
      offset: 0,
      limit: 2147483647,
      total: 1,
      activityChangelogs: [{ modifiedAt: stamp(), activityParameters: { state: { changedValue: 'saved' } } }],
    });
  });

  test('name → activityName', async () => {
    await c.call('PUT', `/activities/${id}/name`, { body: { name: 'Renamed' } });
    assert.deepEqual((await log(id)).activityChangelogs[0], {
      modifiedAt: stamp(),
      activityParameters: { activityName: { previousValue: 'New API Activity', changedValue: 'Renamed' } },
    });
  });

  test('state', async () => {
    await c.call('PUT', `/activities/${id}/state`, { body: { state: 'approved' } });
    assert.deepEqual((await log(id)).activityChangelogs[0], {
      modifiedAt: stamp(),
      activityParameters: { state: { previousValue: 'saved', changedValue: 'approved' } },
    });
  });

  test('priority (as a number, even when sent as a string)', async () => {
    await c.call('PUT', `/activities/${id}/priority`, { body: { priority: '250' } });
    assert.deepEqual((await log(id)).activityChangelogs[0], {
      modifiedAt: stamp(),
      activityParameters: { priority: { previousValue: 100, changedValue: 250 } },
    });
  });

  test('schedule', async () => {
    await c.call('PUT', `/activities/${id}/schedule`, { body: { startsAt: '2017-06-01T08:00Z', endsAt: '2017-09-01T07:59:59Z' } });
    assert.deepEqual((await log(id)).activityChangelogs[0], {
      modifiedAt: stamp(),
      activityParameters: { startsAt: { previousValue: '2017-05-01T08:00Z', changedValue: '2017-06-01T08:00Z' } },
    });
  });

  test('an unchanged value records nothing', async () => {
    const before = (await log(id)).total;
    await c.call('PUT', `/activities/${id}/priority`, { body: { priority: 250 } });
    assert.equal((await log(id)).total, before);
  });

  test('experiences / offers and locations: one parameters entry, then one entry per changed offer', async () => {
    const body = structuredClone(SAMPLES.createAbRequest);
    body.name = 'Renamed';
    body.state = 'approved';
    body.priority = 250;
    body.startsAt = '2017-06-01T08:00Z';
    body.locations.mboxes.push({ locationLocalId: 1, name: 'second-mbox' });
    body.experiences[0].offerLocations[0].offerId = 400546;
    body.experiences[2].offerLocations.push({ locationLocalId: 1, offerId: 400547 });
    await c.call('PUT', `/activities/ab/${id}`, { version: 3, body });
    const offers = c.t.ctx.store.collection<{ name: string }>(SCOPE, 'offers');
    const name = (offer: number) => offers.get(offer)!.name;
    const entries = (await log(id)).activityChangelogs;
    assert.deepEqual(entries.slice(0, 3), [
      {
        modifiedAt: stamp(),
        activityParameters: {
          locations: {
            previousValue: { mboxes: [{ locationLocalId: 0, name: 'x1-serverside-ab' }] },
            changedValue: { mboxes: [{ locationLocalId: 0, name: 'x1-serverside-ab' }, { locationLocalId: 1, name: 'second-mbox' }] },
          },
          experiences: {
            previousValue: [
              { experienceLocalId: 0, name: 'Experience A', visitorPercentage: 34, offerLocations: [{ locationLocalId: 0 }] },
              { experienceLocalId: 1, name: 'Experience B', visitorPercentage: 33, offerLocations: [{ locationLocalId: 0 }] },
              { experienceLocalId: 2, name: 'Experience C', visitorPercentage: 33, offerLocations: [{ locationLocalId: 0 }] },
            ],
            changedValue: [
              { experienceLocalId: 0, name: 'Experience A', visitorPercentage: 34, offerLocations: [{ locationLocalId: 0 }] },
              { experienceLocalId: 1, name: 'Experience B', visitorPercentage: 33, offerLocations: [{ locationLocalId: 0 }] },
              { experienceLocalId: 2, name: 'Experience C', visitorPercentage: 33, offerLocations: [{ locationLocalId: 0 }, { locationLocalId: 1 }] },
            ],
          },
        },
      },
      {
        modifiedAt: stamp(),
        activityLocationOfferChange: {
          changedValue: { id: 400546, name: name(400546) },
          previousValue: { id: 395818, name: name(395818) },
          mbox: { name: 'x1-serverside-ab', locationLocalId: 0 },
          experience: { name: 'Experience A', experienceLocalId: 0 },
        },
      },
      {
        modifiedAt: stamp(),
        activityLocationOfferChange: {
          changedValue: { id: 400547, name: name(400547) },
          mbox: { name: 'second-mbox', locationLocalId: 1 },
          experience: { name: 'Experience C', experienceLocalId: 2 },
        },
      },
    ]);
  });

  test('metrics and analytics changes are recorded under their field names', async () => {
    const previous = (await c.call('GET', `/activities/ab/${id}`, { version: 3 })).json();
    const body = structuredClone(previous);
    body.metrics[0].action = { type: 'count_landings' };
    body.analytics = { reportSuite: 'suite', dataCollectionHost: 'suite.sc.omtrdc.net' };
    await c.call('PUT', `/activities/ab/${id}`, { version: 3, body });
    assert.deepEqual((await log(id)).activityChangelogs[0], {
      modifiedAt: stamp(),
      activityParameters: {
        metrics: { previousValue: previous.metrics, changedValue: body.metrics },
        analytics: { changedValue: body.analytics },
      },
    });
  });

  test('recordOfferModified: a modifiedOffer entry on every live activity using the offer', async () => {
    const users = activitiesUsing(c.t.ctx, SCOPE, 'offer', 395819).map((activity) => activity.id);
    assert.deepEqual(users, [168805, 168816, 168824, id]);
    const untouched = (await log(166425)).total;
    recordOfferModified(c.t.ctx, SCOPE, { id: 395819, name: 'Renamed offer' });
    for (const user of users) {
      assert.deepEqual((await log(user)).activityChangelogs[0], { modifiedAt: stamp(), modifiedOffer: { id: 395819, name: 'Renamed offer' } });
    }
    assert.equal((await log(166425)).total, untouched);
    // A deleted activity no longer collects entries.
    await c.call('DELETE', '/activities/ab/168816', { version: 3 });
    const stored = () => c.t.ctx.store.collection<{ entries: unknown[] }>(SCOPE, 'activityChangelogs').get(168816)!.entries.length;
    const count = stored();
    recordOfferModified(c.t.ctx, SCOPE, { id: 395819, name: 'Again' });
    assert.equal(stored(), count);
  });

  test('newest first across all kinds; limit and offset page it', async () => {
    const all = await log(id);
    const times = all.activityChangelogs.map((entry) => Date.parse(entry.modifiedAt as string));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const page = (await c.call('GET', `/activities/${id}/changelog?limit=2&offset=1`)).json();
    assert.deepEqual(page, { offset: 1, limit: 2, total: all.total, activityChangelogs: all.activityChangelogs.slice(1, 3) });
  });
});
