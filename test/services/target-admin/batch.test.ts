import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VIEWER, targetHeaders, tokenFor } from '../../helpers.js';
import { scopes } from '../../../src/store/store.js';
import { assertTargetError } from './offers-support.js';
import { SAMPLES } from './activities-samples.js';
import { batchSession, offer, type BatchSession, type Result } from './batch-support.js';

const JSON_UTF8 = [{ name: 'Content-Type', value: 'application/json; charset=utf-8' }];

describe('batch: the documented samples', () => {
  let s: BatchSession;
  before(async () => (s = await batchSession()));
  after(() => s.close());

  test('the sample request (legacy /v1 path, explicit Content-Type header) answers in the sample response shape', async () => {
    const response = await s.batch({
      operations: [
        { operationId: 1, method: 'POST', relativeUrl: '/v1/offers/content', headers: [{ name: 'Content-Type', value: 'application/json' }], body: offer() },
      ],
    });
    assert.equal(response.statusCode, 200, response.body);
    const { results } = response.json() as { results: Result[] };
    assert.equal(results.length, 1);
    const [result] = results;
    assert.deepEqual(Object.keys(result!), ['operationId', 'skipped', 'statusCode', 'headers', 'body']);
    assert.equal(result!.operationId, 1);
    assert.equal(result!.skipped, false);
    assert.equal(result!.statusCode, 200);
    assert.deepEqual(result!.headers, JSON_UTF8);
    assert.equal(typeof result!.body.id, 'number');
  });

  test('the sample request taken literally ("~" marks optional fields): POST /v1/offers creates a content offer, so the empty body is its 400', async () => {
    const results = await s.results({
      operations: [
        {
          operationId: 1,
          'dependsOnOperationIds~': [0],
          method: 'POST',
          relativeUrl: '/v1/offers',
          'headers~': [{ name: 'Content-Type', value: 'application/json' }],
          'body~': { key: 'value' },
        },
      ],
    });
    assert.equal(results.get(1)!.statusCode, 400);
    assert.equal(results.get(1)!.skipped, false);
    assert.deepEqual(results.get(1)!.body.errors, [{ errorCode: 'Request.Invalid', message: 'name is required' }]);
  });

  test('legacy relativeUrls reach the resources they name: /v1/offers[/{id}], /v2/campaigns[/{id}], /v1/segments (issue 17, 1)', async () => {
    const created = offer('Legacy');
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'POST', relativeUrl: '/v1/offers', headers: [{ name: 'Content-Type', value: 'application/json' }], body: created },
        { operationId: 1, dependsOnOperationIds: [0], method: 'GET', relativeUrl: '/v1/offers/{operationIdResponse:0}' },
        {
          operationId: 2,
          dependsOnOperationIds: [1],
          method: 'PUT',
          relativeUrl: '/v1/offers/{operationIdResponse:0}',
          body: { ...created, content: '<p>legacy</p>' },
        },
        { operationId: 3, dependsOnOperationIds: [2], method: 'DELETE', relativeUrl: '/v1/offers/{operationIdResponse:0}' },
        { operationId: 4, method: 'GET', relativeUrl: '/v2/campaigns?limit=10&offset=10' },
        { operationId: 5, method: 'GET', relativeUrl: '/v2/campaigns/168824' },
        { operationId: 6, method: 'GET', relativeUrl: '/v2/campaigns/166425' },
        { operationId: 7, method: 'GET', relativeUrl: '/v1/campaigns/173980/changelog' },
        { operationId: 8, dependsOnOperationIds: [4], method: 'POST', relativeUrl: '/v3/campaigns', body: SAMPLES.createAbRequest },
        { operationId: 9, method: 'GET', relativeUrl: '/v3/segments/1216090' },
        { operationId: 10, method: 'GET', relativeUrl: '/v1/offers?limit=1' },
        { operationId: 11, method: 'GET', relativeUrl: '/v2/campaigns/1' },
      ],
    });
    const id = results.get(0)!.body.id;
    assert.equal(results.get(0)!.statusCode, 200, JSON.stringify(results.get(0)));
    assert.deepEqual(
      [1, 2, 3].map((n) => results.get(n)!.statusCode),
      [200, 200, 200],
    );
    assert.equal(results.get(1)!.body.id, id);
    assert.equal(results.get(2)!.body.content, '<p>legacy</p>');
    assert.equal((await s.call('GET', `/offers/content/${id}`)).statusCode, 404, 'deleted by the legacy DELETE');
    // Each legacy read answers what the current path answers.
    const same = async (operation: number, path: string, version: number) =>
      assert.deepEqual(results.get(operation)!.body, (await s.call('GET', path, undefined, version)).json(), `operation ${operation}`);
    // The fixtures' 10 activities, as the list answered before operation 8 added one.
    assert.deepEqual(results.get(4)!.body, { total: 10, offset: 10, limit: 10, activities: [] });
    await same(5, '/activities/ab/168824', 2);
    await same(6, '/activities/xt/166425', 2);
    await same(7, '/activities/173980/changelog', 1);
    await same(9, '/audiences/1216090', 3);
    await same(10, '/offers?limit=1', 1);
    assert.equal(results.get(8)!.statusCode, 200);
    assert.equal((await s.call('GET', `/activities/ab/${results.get(8)!.body.id}`, undefined, 3)).statusCode, 200);
    assert.equal(results.get(11)!.statusCode, 404);
    assert.deepEqual(results.get(11)!.body.errors, [{ errorCode: 'Resource.NotFound', message: 'No AB activity with id 1' }]);
  });

  test("an operation's own Content-Type or Accept wins over its /vN prefix (issue 17, 2)", async () => {
    const v2 = 'application/vnd.adobe.target.v2+json';
    const results = await s.results({
      operations: [
        {
          operationId: 0,
          method: 'POST',
          relativeUrl: '/v1/offers/content',
          headers: [{ name: 'Content-Type', value: v2 }],
          body: { ...offer('Explicit v2'), workspace: '1234567' },
        },
        { operationId: 1, method: 'POST', relativeUrl: '/v1/offers/content', body: { ...offer('Prefix v1'), workspace: '1234567' } },
        { operationId: 2, method: 'GET', relativeUrl: '/v1/offers?limit=1', headers: [{ name: 'accept', value: 'application/vnd.adobe.target.v9+json' }] },
      ],
    });
    assert.equal(results.get(0)!.statusCode, 200, JSON.stringify(results.get(0)));
    assert.equal(results.get(0)!.body.workspace, '1234567');
    assert.equal(results.get(1)!.statusCode, 406);
    assert.deepEqual(results.get(1)!.body.errors, [{ errorCode: 'Unsupported.Feature', message: 'Unsupported features detected' }]);
    assert.equal(results.get(2)!.statusCode, 406);
  });

  test('a relativeUrl that does not start with / is that operation 404; the others run (issue 17, 3)', async () => {
    const before = await s.snapshot();
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'GET', relativeUrl: 'offers' },
        { operationId: 1, method: 'POST', relativeUrl: 'https://mc.adobe.io/x/target/offers/content', body: offer() },
        { operationId: 2, method: 'GET', relativeUrl: '' },
        { operationId: 3, method: 'GET', relativeUrl: '/offers?limit=1' },
        { operationId: 4, dependsOnOperationIds: [0], method: 'GET', relativeUrl: '/offers?limit=1' },
      ],
    });
    for (const id of [0, 1, 2]) {
      const result = results.get(id)!;
      assert.equal(result.statusCode, 404, `operation ${id}`);
      assert.deepEqual(result.headers, JSON_UTF8);
      assert.deepEqual(result.body.errors, [{ errorCode: 'Resource.NotFound', message: 'relativeUrl must start with / (the part after /admin/rest/)' }]);
    }
    assert.equal(results.get(3)!.statusCode, 200);
    assert.deepEqual(results.get(4), { operationId: 4, skipped: true });
    assert.equal(await s.snapshot(), before, 'the absolute-URL POST wrote nothing');
  });

  test('256 independent GETs: all answered, in request order', async () => {
    const operations = Array.from({ length: 256 }, (_, i) => ({
      operationId: 255 - i,
      method: 'GET',
      relativeUrl: i % 2 ? '/offers?limit=1' : '/activities?limit=1',
    }));
    const response = await s.batch({ operations });
    assert.equal(response.statusCode, 200);
    const { results } = response.json() as { results: Result[] };
    assert.equal(results.length, 256);
    assert.deepEqual(
      results.map((r) => r.operationId),
      operations.map((o) => o.operationId),
    );
    assert.ok(results.every((r) => r.statusCode === 200 && r.skipped === false));
  });

  test('257 operations are rejected, nothing executed', async () => {
    const before = await s.snapshot();
    const operations = Array.from({ length: 257 }, (_, i) => ({ operationId: i % 256, method: 'POST', relativeUrl: '/offers/content', body: offer() }));
    assertTargetError(await s.batch({ operations }), 400, 'Request.Invalid', '"operations" allows at most 256 operations (got 257)');
    assert.equal(await s.snapshot(), before);
  });

  test('headers: Content-Type Accept from /vN; unknown version → 406 for that operation only', async () => {
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'GET', relativeUrl: '/v2/offers?limit=1' },
        { operationId: 1, method: 'GET', relativeUrl: '/v9/offers' },
        { operationId: 2, method: 'GET', relativeUrl: '/v2/campaigns?limit=10&offset=10' },
        { operationId: 3, method: 'GET', relativeUrl: '/offers?limit=1', headers: [{ name: 'Accept', value: 'application/vnd.adobe.target.v2+json' }] },
      ],
    });
    assert.equal(results.get(0)!.statusCode, 200);
    assert.equal(results.get(0)!.body.limit, 1);
    assert.equal(results.get(1)!.statusCode, 406);
    assert.equal(results.get(1)!.body.errors[0].errorCode, 'Unsupported.Feature');
    assert.equal(results.get(2)!.statusCode, 200, 'the legacy /campaigns is the activities list');
    assert.equal(results.get(3)!.statusCode, 200);
  });

  test('a relativeUrl matching no route, escaping the tenant, or naming /batch → that operation 404 (Target envelope)', async () => {
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'GET', relativeUrl: '/nothing/here' },
        { operationId: 1, method: 'GET', relativeUrl: '/../../ims/organizations' },
        { operationId: 2, method: 'POST', relativeUrl: '/batch', body: { operations: [] } },
        { operationId: 3, method: 'PATCH', relativeUrl: '/offers/content/1' },
      ],
    });
    for (const id of [0, 1, 2, 3]) {
      const result = results.get(id)!;
      assert.equal(result.statusCode, 404, `operation ${id}`);
      assert.equal(result.body.httpStatus, 404);
    }
  });

  test('a relativeUrl that is not URL-encoded fails that operation alone (400)', async () => {
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'GET', relativeUrl: '/offers?name=a b' },
        { operationId: 1, method: 'GET', relativeUrl: '/offers?name=%zz' },
        { operationId: 2, method: 'GET', relativeUrl: '/offers?name=a%20b&limit=1' },
      ],
    });
    for (const id of [0, 1]) {
      assert.equal(results.get(id)!.statusCode, 400);
      assert.deepEqual(results.get(id)!.body.errors, [{ errorCode: 'Request.Invalid', message: 'relativeUrl must be URL-encoded' }]);
    }
    assert.equal(results.get(2)!.statusCode, 200);
  });

  test('Authorization and x-api-key are copied; an operation may set its own', async () => {
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'GET', relativeUrl: '/offers?limit=1' },
        { operationId: 1, method: 'GET', relativeUrl: '/offers?limit=1', headers: [{ name: 'authorization', value: 'Bearer not-a-token' }] },
        { operationId: 2, method: 'GET', relativeUrl: '/offers?limit=1', headers: [{ name: 'X-Api-Key' }] },
      ],
    });
    assert.equal(results.get(0)!.statusCode, 200);
    assert.equal(results.get(1)!.statusCode, 401);
    assert.equal(results.get(2)!.statusCode, 403);
  });

  test('framing headers of an operation are ignored; a header value Node refuses fails that operation only', async () => {
    const results = await s.results({
      operations: [
        {
          operationId: 0,
          method: 'POST',
          relativeUrl: '/offers/content',
          headers: [
            { name: 'Content-Length', value: '3' },
            { name: 'Host', value: 'example.com' },
          ],
          body: offer(),
        },
        { operationId: 1, method: 'GET', relativeUrl: '/offers?limit=1', headers: [{ name: 'x-bad', value: 'a\r\nb' }] },
        { operationId: 2, method: 'GET', relativeUrl: '/offers?limit=1' },
      ],
    });
    assert.equal(results.get(0)!.statusCode, 200, JSON.stringify(results.get(0)));
    assert.equal(results.get(1)!.statusCode, 400);
    assert.deepEqual(results.get(1)!.body.errors, [
      { errorCode: 'Request.Invalid', message: 'The operation could not be sent: Invalid character in header content ["x-bad"]' },
    ]);
    assert.equal(results.get(2)!.statusCode, 200);
  });

  test('rights: a viewer integration gets 403 for the batch, nothing executed', async () => {
    const token = await tokenFor(s.t, VIEWER);
    const offers = s.t.ctx.store.collection(scopes.target(VIEWER.tenant), 'offers').size;
    const response = await s.t.inject({
      method: 'POST',
      url: `/${VIEWER.tenant}/target/batch`,
      headers: targetHeaders(token, { 'x-api-key': VIEWER.clientId, 'content-type': 'application/json' }),
      payload: JSON.stringify({ operations: [{ operationId: 0, method: 'POST', relativeUrl: '/offers/content', body: offer() }] }),
    });
    assertTargetError(
      response,
      403,
      'Access.Forbidden',
      "The integration's role 'viewer' does not allow creating, changing or deleting objects (roles that do: editor, approver)",
    );
    assert.equal(s.t.ctx.store.collection(scopes.target(VIEWER.tenant), 'offers').size, offers);
  });

  test('the batch itself goes through the gateway (401 without a token)', async () => {
    const response = await s.t.inject({
      method: 'POST',
      url: '/mocktenant/target/batch',
      headers: { 'content-type': 'application/json' },
      payload: '{"operations":[]}',
    });
    assert.equal(response.statusCode, 401);
  });
});

describe('batch: dependencies', () => {
  let s: BatchSession;
  before(async () => (s = await batchSession()));
  after(() => s.close());

  test('a chain POST → PUT {operationIdResponse:0} → GET runs in order', async () => {
    const created = offer('Chain');
    const results = await s.results({
      operations: [
        { operationId: 2, dependsOnOperationIds: [1], method: 'GET', relativeUrl: '/offers/content/{operationIdResponse:0}' },
        {
          operationId: 1,
          dependsOnOperationIds: [0],
          method: 'PUT',
          relativeUrl: '/offers/content/{operationIdResponse:0}',
          body: { ...created, content: '<p>updated</p>' },
        },
        { operationId: 0, method: 'POST', relativeUrl: '/offers/content', body: created },
      ],
    });
    const id = results.get(0)!.body.id;
    assert.equal(results.get(1)!.statusCode, 200, JSON.stringify(results.get(1)));
    assert.equal(results.get(2)!.statusCode, 200);
    assert.equal(results.get(2)!.body.id, id);
    assert.equal(results.get(2)!.body.content, '<p>updated</p>');
  });

  test('a diamond: 0 → (1, 2) → 3', async () => {
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'POST', relativeUrl: '/offers/content', body: offer('Diamond') },
        { operationId: 1, dependsOnOperationIds: [0], method: 'GET', relativeUrl: '/offers/content/{operationIdResponse:0}' },
        { operationId: 2, dependsOnOperationIds: [0], method: 'GET', relativeUrl: '/v2/offers/content/{operationIdResponse:0}' },
        { operationId: 3, dependsOnOperationIds: [1, 2], method: 'DELETE', relativeUrl: '/offers/content/{operationIdResponse:0}' },
      ],
    });
    for (const id of [0, 1, 2, 3]) assert.equal(results.get(id)!.statusCode, 200, `operation ${id}: ${JSON.stringify(results.get(id))}`);
    assert.equal((await s.call('GET', `/offers/content/${results.get(0)!.body.id}`)).statusCode, 404);
  });

  test('a failed root skips its whole subtree (no statusCode); an independent branch is unaffected', async () => {
    const before = await s.snapshot();
    const response = await s.batch({
      operations: [
        { operationId: 0, method: 'GET', relativeUrl: '/offers/content/987654321' },
        { operationId: 1, dependsOnOperationIds: [0], method: 'POST', relativeUrl: '/offers/content', body: offer('Never') },
        { operationId: 2, dependsOnOperationIds: [1], method: 'PUT', relativeUrl: '/offers/content/{operationIdResponse:1}', body: offer('Never') },
        { operationId: 3, dependsOnOperationIds: [2, 4], method: 'GET', relativeUrl: '/offers' },
        { operationId: 4, method: 'GET', relativeUrl: '/offers?limit=1' },
        { operationId: 5, dependsOnOperationIds: [4], method: 'GET', relativeUrl: '/activities?limit=1' },
      ],
    });
    assert.equal(response.statusCode, 200);
    const { results } = response.json() as { results: Result[] };
    assert.equal(results[0]!.statusCode, 404);
    assert.deepEqual(results.slice(1, 4), [
      { operationId: 1, skipped: true },
      { operationId: 2, skipped: true },
      { operationId: 3, skipped: true },
    ]);
    assert.equal(results[4]!.statusCode, 200);
    assert.equal(results[5]!.statusCode, 200);
    assert.equal(await s.snapshot(), before);
  });

  test('a dependent runs after all its dependencies (its created id is the highest)', async () => {
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'POST', relativeUrl: '/offers/content', body: offer('A') },
        { operationId: 1, method: 'POST', relativeUrl: '/offers/content', body: offer('B') },
        { operationId: 2, dependsOnOperationIds: [0, 1], method: 'POST', relativeUrl: '/offers/content', body: offer('C') },
      ],
    });
    assert.ok(results.get(2)!.body.id > results.get(0)!.body.id);
    assert.ok(results.get(2)!.body.id > results.get(1)!.body.id);
  });
});

describe('batch: substitution', () => {
  let s: BatchSession;
  before(async () => (s = await batchSession()));
  after(() => s.close());

  test('whole-value placeholder → number; inside a string → text; in relativeUrl and nested body fields', async () => {
    const activity = structuredClone(SAMPLES.createAbRequest);
    activity.name = 'Uses offer {operationIdResponse:0}';
    activity.experiences[0].offerLocations[0].offerId = '{operationIdResponse:0}';
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'POST', relativeUrl: '/offers/content', body: offer('Substituted') },
        { operationId: 1, dependsOnOperationIds: [0], method: 'POST', relativeUrl: '/v3/activities/ab', body: activity },
        { operationId: 2, dependsOnOperationIds: [1], method: 'GET', relativeUrl: '/v3/activities/ab/{operationIdResponse:1}' },
      ],
    });
    const offerId = results.get(0)!.body.id as number;
    assert.equal(results.get(1)!.statusCode, 200, JSON.stringify(results.get(1)));
    const stored = results.get(2)!.body;
    assert.equal(stored.name, `Uses offer ${offerId}`);
    assert.equal(stored.experiences[0].offerLocations[0].offerId, offerId);
    assert.equal(typeof stored.experiences[0].offerLocations[0].offerId, 'number');
  });

  test('created resources are visible to a direct GET afterwards and in the activity changelog', async () => {
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'POST', relativeUrl: '/offers/content', body: offer('Visible') },
        { operationId: 1, method: 'POST', relativeUrl: '/v3/activities/ab', body: SAMPLES.createAbRequest },
        {
          operationId: 2,
          dependsOnOperationIds: [1],
          method: 'PUT',
          relativeUrl: '/activities/{operationIdResponse:1}/name',
          body: { name: 'Renamed in batch' },
        },
      ],
    });
    const offerId = results.get(0)!.body.id;
    const direct = await s.call('GET', `/offers/content/${offerId}`);
    assert.equal(direct.statusCode, 200);
    assert.deepEqual(direct.json(), results.get(0)!.body);

    const activityId = results.get(1)!.body.id;
    const log = (await s.call('GET', `/activities/${activityId}/changelog`)).json() as {
      total: number;
      activityChangelogs: Array<{ activityParameters: Record<string, unknown> }>;
    };
    assert.equal(log.total, 2);
    assert.deepEqual(log.activityChangelogs[0]!.activityParameters, { activityName: { previousValue: 'New API Activity', changedValue: 'Renamed in batch' } });
    assert.deepEqual(log.activityChangelogs[1]!.activityParameters, { state: { changedValue: 'saved' } });
  });

  test('concurrent operations on the same resource: last writer wins, both recorded in the changelog', async () => {
    const created = (await s.call('POST', '/activities/ab', SAMPLES.createAbRequest, 3)).json().id as number;
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'PUT', relativeUrl: `/activities/${created}/name`, body: { name: 'Writer A' } },
        { operationId: 1, method: 'PUT', relativeUrl: `/activities/${created}/name`, body: { name: 'Writer B' } },
      ],
    });
    assert.equal(results.get(0)!.statusCode, 200);
    assert.equal(results.get(1)!.statusCode, 200);
    const log = (await s.call('GET', `/activities/${created}/changelog`)).json() as {
      total: number;
      activityChangelogs: Array<{ activityParameters: { activityName?: { previousValue: string; changedValue: string } } }>;
    };
    assert.equal(log.total, 3);
    const [newest, older] = log.activityChangelogs.map((entry) => entry.activityParameters.activityName);
    assert.equal(older!.previousValue, 'New API Activity');
    assert.equal(newest!.previousValue, older!.changedValue);
    const stored = (await s.call('GET', `/activities/ab/${created}`, undefined, 3)).json();
    assert.equal(stored.name, newest!.changedValue);
  });
});
