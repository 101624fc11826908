import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLES } from './activities-samples.js';
import { assertTargetError, startActivities, type Caller } from './activities-support.js';
import { parseScheduleInstant } from '../../../src/services/target-admin/activities/validation.js';

const clone = <T>(value: T): T => structuredClone(value);

/** seed 004, "Create AB Activity" attribute table and the rules: 400 Request.Invalid naming the field. */
describe('Target Admin activities: validation', () => {
  let c: Caller;
  before(async () => {
    c = await startActivities();
  });
  after(() => c.t.close());

  const create = (body: unknown, type: 'ab' | 'xt' = 'ab', version = 3) => c.call('POST', `/activities/${type}`, { version, body });
  const invalid = async (body: unknown, message: string, type: 'ab' | 'xt' = 'ab') =>
    assertTargetError(await create(body, type), 400, 'Request.Invalid', message);
  const ab = () => clone(SAMPLES.createAbRequest);
  const xt = () => clone(SAMPLES.createXtRequest);

  test('name: required, non-empty, at most 250 characters', async () => {
    await invalid({ ...ab(), name: undefined }, 'name is required');
    await invalid({ ...ab(), name: '' }, 'name must not be empty');
    await invalid({ ...ab(), name: '   ' }, 'name must not be empty');
    await invalid({ ...ab(), name: 'x'.repeat(251) }, 'name must be at most 250 characters');
    assert.equal((await create({ ...ab(), name: 'x'.repeat(250) })).statusCode, 200);
    assertTargetError(await create({ ...ab(), name: 5 }), 400, 'Request.Invalid', 'Invalid request: body/name must be string');
  });

  test('thirdPartyId: at most 250, unique among activities, a UUID when absent', async () => {
    await invalid({ ...ab(), thirdPartyId: 'x'.repeat(251) }, 'thirdPartyId must be at most 250 characters');
    await invalid(
      { ...ab(), thirdPartyId: '60a2f81f-e2bb-45be-9e9a-90162cfcf780' },
      "thirdPartyId '60a2f81f-e2bb-45be-9e9a-90162cfcf780' is already used by activity 168824",
    );
    const mine = await create({ ...ab(), thirdPartyId: 'my-own-id' });
    assert.equal(mine.json().thirdPartyId, 'my-own-id');
    await invalid({ ...ab(), thirdPartyId: 'my-own-id' }, `thirdPartyId 'my-own-id' is already used by activity ${mine.json().id}`);
    // Its own thirdPartyId is fine in a PUT of the same activity.
    const put = await c.call('PUT', `/activities/ab/${mine.json().id}`, { version: 3, body: { ...ab(), thirdPartyId: 'my-own-id' } });
    assert.equal(put.statusCode, 200);
    // A deleted activity frees its thirdPartyId (it now carries the _<epoch ms> suffix).
    await c.call('DELETE', `/activities/ab/${mine.json().id}`, { version: 3 });
    assert.equal((await create({ ...ab(), thirdPartyId: 'my-own-id' })).statusCode, 200);
  });

  test('priority: 0–999, numbers or numeric strings, default 5', async () => {
    await invalid({ ...ab(), priority: 1000 }, 'priority must be a whole number between 0 and 999');
    await invalid({ ...ab(), priority: -1 }, 'priority must be a whole number between 0 and 999');
    await invalid({ ...ab(), priority: 'high' }, 'priority must be a whole number between 0 and 999');
    await invalid({ ...ab(), priority: 1.5 }, 'priority must be a whole number between 0 and 999');
    assert.equal((await create({ ...ab(), priority: '999' })).json().priority, 999);
    assert.equal((await create({ ...ab(), priority: 0 })).json().priority, 0);
    assert.equal((await create({ ...ab(), priority: undefined })).json().priority, 5);
  });

  test('state: saved, approved or deactivated; saved by default', async () => {
    await invalid({ ...ab(), state: 'live' }, 'state must be one of saved, approved, deactivated');
    await invalid({ ...ab(), state: 'deleted' }, 'state must be one of saved, approved, deactivated');
    assert.equal((await create({ ...ab(), state: 'approved' })).json().state, 'approved');
    assert.equal((await create({ ...ab(), state: undefined })).json().state, 'saved');
  });

  test('startsAt / endsAt: the six ISO 8601 forms of the schedule section and 2017-05-01T08:00Z', async () => {
    for (const form of [
      '2017-05-01T08:00:00+02:00',
      '2017-05-01T08:00:00Z',
      '2017-05-01T08:00:00',
      '2017-05-01T08',
      '2017-05-01',
      '2017-05-01T08:00:00.000',
      '2017-05-01T08:00:00.000-07:00',
      '2017-05-01T08:00Z',
    ]) {
      const response = await create({ ...ab(), startsAt: form, endsAt: '2018-01-01' });
      assert.equal(response.statusCode, 200, `${form}: ${response.body}`);
      assert.equal(response.json().startsAt, form, 'echoed as written');
    }
    const forms =
      "yyyy-MM-dd'T'HH:mm:ssXXX, yyyy-MM-dd'T'HH:mm:ss, yyyy-MM-dd'T'HH, yyyy-MM-dd, yyyy-MM-dd'T'HH:mm:ss.SSS, yyyy-MM-dd'T'HH:mm:ss.SSSXXX or yyyy-MM-dd'T'HH:mmXXX";
    for (const bad of ['05/01/2017', '2017-13-01', '2017-02-30', '2017-05-01T25:00:00Z', '2017-05-01T08:00', 'tomorrow']) {
      await invalid({ ...ab(), startsAt: bad }, `startsAt must be an ISO 8601 date-time (${forms})`);
    }
    await invalid({ ...ab(), endsAt: '2017-05-01 08:00' }, `endsAt must be an ISO 8601 date-time (${forms})`);
    await invalid({ ...ab(), startsAt: '2017-09-01', endsAt: '2017-05-01' }, 'endsAt must not be before startsAt');
    assert.equal(parseScheduleInstant('2017-05-01T08:00:00.000-07:00'), Date.parse('2017-05-01T15:00:00Z'));
    assert.equal(parseScheduleInstant('2017-05-01T08'), Date.parse('2017-05-01T08:00:00Z'));
  });

  test('offers and audiences must exist (offerId 0 is the default content)', async () => {
    const badOffer = ab();
    badOffer.experiences[1].offerLocations[0].offerId = 999;
    await invalid(badOffer, 'experiences[1].offerLocations[0].offerId refers to offer 999, which does not exist');
    const defaultContent = ab();
    defaultContent.experiences[1].offerLocations[0].offerId = 0;
    assert.equal((await create(defaultContent)).statusCode, 200);
    const badAudience = xt();
    badAudience.experiences[2].audienceIds = [1224700, 42];
    await invalid(badAudience, 'experiences[2].audienceIds[1] refers to audience 42, which does not exist', 'xt');
    const badMetricAudience = ab();
    badMetricAudience.metrics[0].mboxes[0].audienceId = 43;
    await invalid(badMetricAudience, 'metrics[0].mboxes[0].audienceId refers to audience 43, which does not exist');
    await invalid({ ...ab(), reportingAudiences: [{ reportingAudienceLocalId: 0, audienceId: 44, metricLocalId: 32767 }] }, 'reportingAudiences[0].audienceId refers to audience 44, which does not exist');
    await invalid({ ...ab(), reportingAudiences: [{ reportingAudienceLocalId: 0, audienceId: 1209736, metricLocalId: 7 }] }, 'reportingAudiences[0].metricLocalId 7 is not a declared metric');
  });

  test('locationLocalId references must match the declared locations', async () => {
    const body = ab();
    body.experiences[0].offerLocations[0].locationLocalId = 5;
    await invalid(body, 'experiences[0].offerLocations[0].locationLocalId 5 is not a declared location (locations.mboxes)');
    const noLocations = { ...ab(), locations: undefined };
    await invalid(noLocations, 'locations is required');
    const twice = ab();
    twice.locations.mboxes.push({ locationLocalId: 0, name: 'again' });
    await invalid(twice, 'locations.mboxes[1].locationLocalId 0 is declared twice');
    const unnamed = ab();
    unnamed.locations.mboxes[0].name = '';
    await invalid(unnamed, 'locations.mboxes[0].name must be a non-empty string');
  });

  test('metric action types and successEvent values from the table', async () => {
    const action = ab();
    action.metrics[0].action.type = 'sometimes';
    await invalid(
      action,
      'metrics[0].action.type must be one of count_once, count_landings, restart_same_experience, restart_random_experience, restart_new_experience, ban_from_campaign, experience_frequency_capping',
    );
    const event = ab();
    event.metrics[0].mboxes[0].successEvent = 'mbox_hovered';
    await invalid(event, 'metrics[0].mboxes[0].successEvent must be one of mbox_shown, mbox_clicked');
    const capping = ab();
    capping.metrics[0].action = { type: 'experience_frequency_capping', onConditionMetAction: 'restart_forever', conditions: { maxVisitCount: 3 } };
    await invalid(capping, 'metrics[0].action.onConditionMetAction must be one of restart_new_experience, restart_random_experience');
    capping.metrics[0].action.onConditionMetAction = 'restart_new_experience';
    capping.metrics[0].action.conditions = { experiences: [{ experienceLocalId: 9, maxVisitCount: 2 }] };
    await invalid(capping, 'metrics[0].action.conditions.experiences[0].experienceLocalId 9 is not a declared experience');
    capping.metrics[0].action.conditions = { experiences: [{ experienceLocalId: 1, maxVisitCount: 2 }] };
    assert.equal((await create(capping)).statusCode, 200);
    for (const type of ['count_landings', 'restart_same_experience', 'restart_random_experience', 'ban_from_campaign']) {
      const ok = ab();
      ok.metrics[0].action.type = type;
      ok.metrics[0].mboxes[0].successEvent = 'mbox_clicked';
      assert.equal((await create(ok)).statusCode, 200, type);
    }
  });

  test('PUT applies the same rules and leaves the activity unchanged when refused', async () => {
    const before = (await c.call('GET', '/activities/ab/168824', { version: 3 })).body;
    assertTargetError(await c.call('PUT', '/activities/ab/168824', { version: 3, body: { ...ab(), name: '' } }), 400, 'Request.Invalid', 'name must not be empty');
    assert.equal((await c.call('GET', '/activities/ab/168824', { version: 3 })).body, before);
    assertTargetError(await c.call('PUT', '/activities/ab/1', { version: 3, body: ab() }), 404, 'Resource.NotFound', 'No AB activity with id 1');
  });

  test('name / state / priority / schedule sub-resources validate their bodies', async () => {
    const put = (part: string, body: unknown, version = 1) => c.call('PUT', `/activities/168942/${part}`, { version, body });
    assertTargetError(await put('name', { name: '' }), 400, 'Request.Invalid', 'name must not be empty');
    assertTargetError(await put('name', { name: 'y'.repeat(251) }), 400, 'Request.Invalid', 'name must be at most 250 characters');
    assertTargetError(await put('name', {}), 400, 'Request.Invalid', "Invalid request: body must have required property 'name'");
    assertTargetError(await put('state', { state: 'deleted' }), 400, 'Request.Invalid', 'state must be one of saved, approved, deactivated');
    assertTargetError(await put('priority', { priority: '1000' }), 400, 'Request.Invalid', 'priority must be a whole number between 0 and 999');
    assertTargetError(await put('priority', { priority: 'medium' }), 400, 'Request.Invalid', 'priority must be a whole number between 0 and 999');
    assertTargetError(await put('schedule', { startsAt: '2017-05-01' }), 400, 'Request.Invalid', 'endsAt is required');
    assertTargetError(await put('schedule', { startsAt: '2017-09-01', endsAt: '2017-05-01' }), 400, 'Request.Invalid', 'endsAt must not be before startsAt');
    assertTargetError(await c.call('PUT', '/activities/1/name', { body: { name: 'x' } }), 404, 'Resource.NotFound', 'No activity with id 1');
    const priority = await put('priority', { priority: 7 });
    assert.equal(priority.json().priority, 7);
    // XT activities take the same sub-resources; every activities version is served.
    for (const version of [2, 3]) assert.equal((await put('state', { state: 'approved' }, version)).statusCode, 200);
    assertTargetError(await put('state', { state: 'approved' }, 4), 406, 'Unsupported.Feature', 'Unsupported features detected');
  });

  test('no workspace given: the default one, in every answer and in ?workspace= (issue 17, 5)', async () => {
    const v1 = { name: 'Default workspace v1', locations: { mboxes: [{ locationLocalId: 0, name: 'm' }] }, experiences: [{ experienceLocalId: 0, name: 'A' }] };
    const created = await c.call('POST', '/activities/ab', { version: 1, body: v1 });
    assert.equal(created.statusCode, 200, created.body);
    const { id } = created.json();
    assert.equal(created.json().workspace, '1234567');
    assert.equal((await c.call('GET', `/activities/ab/${id}`)).json().workspace, '1234567');
    const listed = (await c.call('GET', '/activities?workspace=1234567')).json().activities.map((a: { id: number }) => a.id);
    assert.ok(listed.includes(id));
    assert.ok(!(await c.call('GET', '/activities?workspace=12345678')).json().activities.some((a: { id: number }) => a.id === id));
    // A PUT without workspace keeps it; XT activities get it too.
    assert.equal((await c.call('PUT', `/activities/ab/${id}`, { version: 1, body: { ...v1, name: 'renamed' } })).json().workspace, '1234567');
    assert.equal((await c.call('POST', '/activities/xt', { version: 1, body: { ...v1, name: 'Default workspace XT' } })).json().workspace, '1234567');
  });

  test('locations and experiences are required on create and on a full PUT; nothing is written (issue 17, 8)', async () => {
    const full = ab();
    const missing = (field: string) => Object.fromEntries(Object.entries(full).filter(([key]) => key !== field));
    for (const type of ['ab', 'xt'] as const) {
      const base = type === 'ab' ? ab() : xt();
      const without = (field: string) => Object.fromEntries(Object.entries(base).filter(([key]) => key !== field));
      await invalid(without('experiences'), 'experiences is required', type);
      await invalid({ ...base, experiences: [] }, 'experiences must contain at least one experience', type);
      await invalid({ ...without('locations'), experiences: [{ experienceLocalId: 0, name: 'A' }] }, 'locations is required', type);
      await invalid({ ...base, locations: {} }, 'locations.mboxes is required', type);
      await invalid({ ...base, locations: { mboxes: [] }, experiences: [{ experienceLocalId: 0, name: 'A' }] }, 'locations.mboxes must contain at least one mbox', type);
    }
    // Metrics are not required: the Update AB Activity sample has none.
    assert.equal((await create(missing('metrics'))).statusCode, 200);

    const before = (await c.call('GET', '/activities')).json().total;
    const created = await create(full);
    const id = created.json().id;
    const put = async (body: unknown, message: string) =>
      assertTargetError(await c.call('PUT', `/activities/ab/${id}`, { version: 3, body }), 400, 'Request.Invalid', message);
    await put({ name: 'Only a name' }, 'locations is required');
    await put({ ...missing('experiences'), name: 'No experiences' }, 'experiences is required');
    assert.equal((await c.call('GET', `/activities/ab/${id}`, { version: 3 })).body, created.body, 'unchanged');
    const changelog = (await c.call('GET', `/activities/${id}/changelog`)).json();
    assert.equal(changelog.total, 1, 'only the creation');
    assert.equal((await c.call('GET', '/activities')).json().total, before + 1);
  });

  test('versions: a body using fields of a higher version than its Content-Type → 406 Unsupported.Feature', async () => {
    const unsupported = async (version: number, body: unknown, path = '/activities/ab') =>
      assertTargetError(await c.call(path === '/activities/ab' ? 'POST' : 'PUT', path, { version, body }), 406, 'Unsupported.Feature', 'Unsupported features detected');
    const v1 = { name: 'Plain v1', locations: { mboxes: [{ locationLocalId: 0, name: 'm' }] }, experiences: [{ experienceLocalId: 0, name: 'A' }] };
    assert.equal((await c.call('POST', '/activities/ab', { version: 1, body: v1 })).statusCode, 200);
    await unsupported(1, { ...v1, workspace: '1234567' });
    await unsupported(1, { ...v1, propertyIds: [1] });
    await unsupported(1, { ...v1, autoAllocateTraffic: { enabled: false } });
    await unsupported(2, { ...v1, autoAllocateTraffic: { enabled: false } });
    assert.equal((await c.call('POST', '/activities/ab', { version: 2, body: { ...v1, workspace: '1234567', propertyIds: [1] } })).statusCode, 200);
    await unsupported(2, SAMPLES.createAbRequest);
    await unsupported(1, SAMPLES.createXtRequest, '/activities/xt/166425');
    assert.equal((await c.call('POST', '/activities/ab', { version: 3, body: SAMPLES.createAbRequest })).statusCode, 200);
    assertTargetError(await c.call('POST', '/activities/ab', { version: 4, body: v1 }), 406, 'Unsupported.Feature', 'Unsupported features detected');
    // GET and DELETE take the version from Accept; v1 reads the same activity.
    assert.equal((await c.call('GET', '/activities/ab/168824', { version: 1 })).body, JSON.stringify(SAMPLES.getAb168824));
    assertTargetError(await c.call('GET', '/activities/ab/168824', { version: 4 }), 406, 'Unsupported.Feature', 'Unsupported features detected');
  });
});
