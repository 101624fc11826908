import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLES } from './activities-samples.js';
import { assertTargetError, startActivities, type Caller } from './activities-support.js';
import { DEMO, OTHER, tokenFor } from '../../helpers.js';

/** seed 004, "List Activities": each documented example URL, against the nine fixture activities. */
describe('Target Admin activities: list semantics', () => {
  let c: Caller;
  before(async () => {
    c = await startActivities();
  });
  after(() => c.t.close());

  const ids = async (query: string) => {
    const response = await c.call('GET', `/activities/${query}`, { version: 3 });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    return {
      total: body.total as number,
      offset: body.offset as number,
      limit: body.limit as number,
      ids: body.activities.map((a: { id: number }) => a.id) as number[],
    };
  };
  const ALL = [168805, 168942, 168816, 168824, 166425, 168333, 166423, 167169, 173980, 100001];

  test('no parameters: everything, in store order, limit 2147483647', async () => {
    assert.deepEqual(await ids(''), { total: 10, offset: 0, limit: 2147483647, ids: ALL });
  });

  test('?limit=1 and ?limit=2&offset=2', async () => {
    assert.deepEqual(await ids('?limit=1'), { total: 10, offset: 0, limit: 1, ids: [168805] });
    assert.deepEqual(await ids('?limit=2&offset=2'), { total: 10, offset: 2, limit: 2, ids: [168816, 168824] });
    assert.deepEqual(await ids('?limit=10&offset=10'), { total: 10, offset: 10, limit: 10, ids: [] });
  });

  test('?id=3&id=4&name=ab: repeated values are OR, fields are AND, name is a case-insensitive substring', async () => {
    assert.deepEqual((await ids('?id=3&id=4&name=ab')).ids, []);
    assert.deepEqual((await ids('?id=168805&id=166423&name=ab')).ids, [166423]);
    assert.deepEqual((await ids('?name=ab')).ids, [168824, 166423]);
    assert.deepEqual((await ids('?type=xt')).ids, [168942, 166425, 168333, 167169]);
  });

  test('?priority=!4 negates; ?priority=!0 leaves the others', async () => {
    assert.deepEqual((await ids('?priority=!4')).ids, ALL);
    assert.deepEqual((await ids('?priority=!0')).ids, [166425, 166423, 173980]);
    assert.deepEqual((await ids('?state=!deactivated&state=!approved')).ids, [168333, 173980]);
  });

  test('?sortBy=name&sortBy=id, ?sortBy=-id&limit=3, ?sortBy=-priority&sortBy=id', async () => {
    assert.deepEqual((await ids('?sortBy=name&sortBy=id')).ids, [168805, 168942, 168816, 168824, 100001, 166423, 166425, 167169, 173980, 168333]);
    assert.deepEqual((await ids('?sortBy=-id&limit=3')).ids, [173980, 168942, 168824]);
    assert.deepEqual((await ids('?sortBy=-priority&sortBy=id&limit=3')).ids, [166423, 166425, 173980]);
  });

  test('?startsAt=1800-09-01T02:04:00.000-07:00/2114-11-30T14:10:00.000-07:00: activities scheduled in the range', async () => {
    assert.deepEqual((await ids('?startsAt=1800-09-01T02:04:00.000-07:00/2114-11-30T14:10:00.000-07:00')).ids, [166423, 167169, 173980]);
    assert.deepEqual((await ids('?startsAt=2017-03-15T00:00:00Z/2017-12-31T00:00:00Z')).ids, [167169, 173980]);
    assert.deepEqual((await ids('?modifiedAt=2017-05-11T00:00:00Z/2017-05-11T23:59:59Z')).ids, [168805, 168942, 168816, 168824, 173980]);
  });

  test('?workspace=1234567,12345678: a comma list is OR', async () => {
    assert.deepEqual((await ids('?workspace=1234567,12345678')).ids, ALL);
    assert.deepEqual((await ids('?workspace=12345678')).ids, [173980]);
    assert.deepEqual((await ids('?workspace=!1234567')).ids, [173980]);
  });

  test('the summary carries exactly the fields of the sample', async () => {
    const body = (await c.call('GET', '/activities?id=168942', { version: 3 })).json();
    assert.equal(JSON.stringify(body.activities), JSON.stringify([SAMPLES.list.activities[1]]));
  });

  test('malformed paging or sorting → 400 Request.Invalid', async () => {
    assertTargetError(await c.call('GET', '/activities?limit=-1'), 400, 'Request.Invalid', 'limit must be a whole number between 0 and 2147483647');
    assertTargetError(
      await c.call('GET', '/activities?sortBy=colour'),
      400,
      'Request.Invalid',
      "sortBy: 'colour' is not a sortable field (id, thirdPartyId, type, state, name, priority, modifiedAt, workspace, startsAt, endsAt)",
    );
    assertTargetError(
      await c.call('GET', '/activities?startsAt=2017-01-01'),
      400,
      'Request.Invalid',
      'startsAt must be a range <from>/<to> of ISO 8601 instants',
    );
  });

  test('every activities version (v1–v3) lists; v4 → 406 Unsupported.Feature', async () => {
    for (const version of [1, 2, 3]) assert.equal((await c.call('GET', '/activities', { version })).statusCode, 200);
    assertTargetError(await c.call('GET', '/activities', { version: 4 }), 406, 'Unsupported.Feature', 'Unsupported features detected');
  });

  test("tenant isolation: othertenant sees none of mocktenant's activities, and its own stay its own", async () => {
    const otherToken = await tokenFor(c.t, OTHER);
    const as = { tenant: OTHER.tenant, token: otherToken, apiKey: OTHER.clientId };
    const empty = await c.call('GET', '/activities', { ...as, version: 3 });
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(empty.json(), { total: 0, offset: 0, limit: 2147483647, activities: [] });
    assertTargetError(await c.call('GET', '/activities/ab/168824', { ...as, version: 3 }), 404, 'Resource.NotFound', 'No AB activity with id 168824');
    assertTargetError(await c.call('GET', '/activities/173980/changelog', as), 404, 'Resource.NotFound', 'No activity with id 173980');
    const created = await c.call('POST', '/activities/ab', {
      ...as,
      version: 3,
      body: { name: 'Elsewhere', locations: { mboxes: [{ locationLocalId: 0, name: 'm' }] }, experiences: [{ experienceLocalId: 0, name: 'A' }] },
    });
    assert.equal(created.statusCode, 200);
    const own = created.json();
    assert.deepEqual(
      (await c.call('GET', '/activities', { ...as })).json().activities.map((a: { id: number }) => a.id),
      [own.id],
    );
    assert.equal((await ids('')).total, 10, `${DEMO.tenant} is unchanged`);
    // mocktenant's token on othertenant's URL is refused by the gateway.
    assertTargetError(
      await c.call('GET', '/activities', { tenant: OTHER.tenant }),
      403,
      'Tenant.Forbidden',
      "Access to tenant 'othertenant' is forbidden for this integration",
    );
  });
});
