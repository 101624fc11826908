/**
 * The audit of Target's documented samples (issue 17): every request and response sample of
 * seeds 002 and 004 (enumerated in target-samples.ts, with the line each starts on) has exactly
 * one fate here:
 *
 * - REPLAYED: an existing test already sends it as written and compares the answer; the entry
 *   names the file and a string that file must contain (the sample's constant or the test's
 *   name), so a renamed or removed replay fails this test;
 * - CASES: sent here, ids taken from the fixtures where the sample names Adobe's, and the answer
 *   compared with the documented one (status, keys, the values that are not generated);
 * - SKIPS: cannot apply as written, with the reason.
 *
 * A sample with no fate, or a fate naming no sample, fails the test. target_api.json has no
 * `example` or `examples` at all (vendor-reference.ts reads it for them like the Platform
 * references, and examples.json holds none of it), so the seeds are Target's only samples.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TARGET_SAMPLES } from './target-samples.js';
import { SAMPLES } from '../services/target-admin/activities-samples.js';
import { AUDIENCE_LIST, OFFER_LIST } from '../services/target-admin/offers-samples.js';
import { assertTargetError, startActivities, type Caller } from '../services/target-admin/activities-support.js';
import type { ReferenceExample } from '../../src/tools/reference-examples.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const ADMIN = 'test/services/target-admin/';
const PROFILE = 'test/services/target-profile/';

/** Sample id → [test file, a string it contains that shows the replay]. */
const REPLAYED: Record<string, [string, string]> = {
  '002 batch request': [`${ADMIN}batch.test.ts`, 'the sample request taken literally'],
  '002 batch response': [`${ADMIN}batch.test.ts`, 'answers in the sample response shape'],
  '004 batch request': [`${ADMIN}batch.test.ts`, 'the sample request taken literally'],
  '004 batch response': [`${ADMIN}batch.test.ts`, 'answers in the sample response shape'],
  '004 jwt-exchange request': ['test/services/ims.test.ts', '/ims/exchange/jwt/?'],
  '004 jwt-exchange response': ['test/services/ims.test.ts', '{token_type, access_token, expires_in: 86399990}'],
  '004 debug-token request': [`${ADMIN}auth-token.test.ts`, 'the two documented sample requests'],
  '004 profile-token request': [`${ADMIN}auth-token.test.ts`, 'the two documented sample requests'],
  '004 profile-token response': [`${ADMIN}auth-token.test.ts`, 'answer the documented shape'],
  '004 profile access_token header': [`${PROFILE}authentication.test.ts`, 'ON: a profile_api token from Target Admin opens every route'],
  '004 list-activities request': [`${ADMIN}activities.test.ts`, 'SAMPLES.list'],
  '004 list-activities response': [`${ADMIN}activities.test.ts`, 'SAMPLES.list'],
  '004 activities example all': [`${ADMIN}activities-list.test.ts`, 'no parameters: everything'],
  '004 activities example limit': [`${ADMIN}activities-list.test.ts`, '?limit=1 and ?limit=2&offset=2'],
  '004 activities example offset': [`${ADMIN}activities-list.test.ts`, '?limit=1 and ?limit=2&offset=2'],
  '004 activities example multiple values': [`${ADMIN}activities-list.test.ts`, '?id=3&id=4&name=ab'],
  '004 activities example negative': [`${ADMIN}activities-list.test.ts`, '?priority=!4'],
  '004 activities example sorted': [`${ADMIN}activities-list.test.ts`, '?sortBy=name&sortBy=id'],
  '004 activities example date range': [`${ADMIN}activities-list.test.ts`, '?startsAt=1800-09-01T02:04:00.000-07:00/2114-11-30T14:10:00.000-07:00'],
  '004 activities example workspaces': [`${ADMIN}activities-list.test.ts`, '?workspace=1234567,12345678'],
  '004 get-ab request': [`${ADMIN}activities.test.ts`, 'SAMPLES.getAb168824'],
  '004 get-ab response': [`${ADMIN}activities.test.ts`, 'SAMPLES.getAb168824'],
  '004 delete-ab request': [`${ADMIN}activities.test.ts`, 'SAMPLES.deleteAb168805'],
  '004 delete-ab response': [`${ADMIN}activities.test.ts`, 'SAMPLES.deleteAb168805'],
  '004 create-ab request': [`${ADMIN}activities.test.ts`, 'SAMPLES.createAbRequest'],
  '004 create-ab response': [`${ADMIN}activities.test.ts`, 'SAMPLES.createAbResponse'],
  '004 update-ab request': [`${ADMIN}activities.test.ts`, 'SAMPLES.updateAbRequest'],
  '004 get-xt request': [`${ADMIN}activities.test.ts`, 'SAMPLES.getXt166425'],
  '004 get-xt response': [`${ADMIN}activities.test.ts`, 'SAMPLES.getXt166425'],
  '004 delete-xt request': [`${ADMIN}activities.test.ts`, 'SAMPLES.deleteXt168333'],
  '004 delete-xt response': [`${ADMIN}activities.test.ts`, 'SAMPLES.deleteXt168333'],
  '004 create-xt request': [`${ADMIN}activities.test.ts`, 'SAMPLES.createXtRequest'],
  '004 create-xt response': [`${ADMIN}activities.test.ts`, 'SAMPLES.createXtResponse'],
  '004 changelog request': [`${ADMIN}activities.test.ts`, 'SAMPLES.changelog173980'],
  '004 changelog response': [`${ADMIN}activities.test.ts`, 'SAMPLES.changelog173980'],
  '004 list-offers request': [`${ADMIN}offers.test.ts`, 'OFFER_LIST'],
  '004 list-offers response': [`${ADMIN}offers.test.ts`, 'OFFER_LIST'],
  '004 get-offer request': [`${ADMIN}offers.test.ts`, 'OFFER_391902'],
  '004 get-offer response': [`${ADMIN}offers.test.ts`, 'OFFER_391902'],
  '004 create-offer request': [`${ADMIN}offers.test.ts`, 'CREATE_OFFER_REQUEST'],
  '004 create-offer response': [`${ADMIN}offers.test.ts`, 'CREATE_OFFER_RESPONSE'],
  '004 update-offer request': [`${ADMIN}offers.test.ts`, 'UPDATE_OFFER_REQUEST'],
  '004 update-offer response': [`${ADMIN}offers.test.ts`, 'UPDATE_OFFER_RESPONSE'],
  '004 delete-offer request': [`${ADMIN}offers.test.ts`, 'DELETE_OFFER_RESPONSE'],
  '004 delete-offer response': [`${ADMIN}offers.test.ts`, 'DELETE_OFFER_RESPONSE'],
  '004 list-audiences request': [`${ADMIN}audiences.test.ts`, 'AUDIENCE_LIST'],
  '004 list-audiences response': [`${ADMIN}audiences.test.ts`, 'AUDIENCE_LIST'],
  '004 get-audience request': [`${ADMIN}audiences.test.ts`, 'AUDIENCE_1397972'],
  '004 get-audience response': [`${ADMIN}audiences.test.ts`, 'AUDIENCE_1397972'],
  '004 create-audience request': [`${ADMIN}audiences.test.ts`, 'CREATE_AUDIENCE_REQUEST'],
  '004 create-audience response': [`${ADMIN}audiences.test.ts`, 'CREATE_AUDIENCE_RESPONSE'],
  '004 update-audience request': [`${ADMIN}audiences.test.ts`, 'UPDATE_AUDIENCE_REQUEST'],
  '004 update-audience response': [`${ADMIN}audiences.test.ts`, 'UPDATE_AUDIENCE_RESPONSE'],
  '004 delete-audience request': [`${ADMIN}audiences.test.ts`, 'DELETE_AUDIENCE_RESPONSE'],
  '004 delete-audience response': [`${ADMIN}audiences.test.ts`, 'DELETE_AUDIENCE_RESPONSE'],
  '004 list-properties request': [`${ADMIN}properties.test.ts`, 'GET /properties (v1) answers the sample byte for byte'],
  '004 list-properties response': [`${ADMIN}properties.test.ts`, 'GET /properties (v1) answers the sample byte for byte'],
  '004 get-property request': [`${ADMIN}properties.test.ts`, 'in the fields of the by-id sample'],
  '004 get-property response': [`${ADMIN}properties.test.ts`, 'in the fields of the by-id sample'],
  '004 ab-report request': [`${ADMIN}reports.test.ts`, 'AB_PERFORMANCE_166423'],
  '004 ab-report response': [`${ADMIN}reports.test.ts`, 'AB_PERFORMANCE_166423'],
  '004 xt-report request': [`${ADMIN}reports.test.ts`, 'XT_PERFORMANCE_167169'],
  '004 xt-report response': [`${ADMIN}reports.test.ts`, 'XT_PERFORMANCE_167169'],
  '004 audit-report request': [`${ADMIN}reports.test.ts`, "['/activities/ab/167169/orders/performance', ORDERS_167169]"],
  '004 audit-report response': [`${ADMIN}reports.test.ts`, "['/activities/ab/167169/orders/performance', ORDERS_167169]"],
  '004 ap-audit-report response': [`${ADMIN}reports.test.ts`, 'AP orders their decision stack'],
  '004 list-mboxes request': [`${ADMIN}mboxes.test.ts`, 'MBOXES'],
  '004 list-mboxes response': [`${ADMIN}mboxes.test.ts`, 'MBOXES'],
  '004 mbox-parameters request': [`${ADMIN}mboxes.test.ts`, 'MBOX_PARAMETERS'],
  '004 mbox-parameters response': [`${ADMIN}mboxes.test.ts`, 'MBOX_PARAMETERS'],
  '004 profile-parameters request': [`${ADMIN}mboxes.test.ts`, 'PROFILE_ATTRIBUTES'],
  '004 profile-parameters response': [`${ADMIN}mboxes.test.ts`, 'PROFILE_ATTRIBUTES'],
  '004 list-environments request': [`${ADMIN}environments.test.ts`, 'ENVIRONMENTS'],
  '004 list-environments response': [`${ADMIN}environments.test.ts`, 'ENVIRONMENTS'],
  '004 profile structure': [`${PROFILE}fetch.test.ts`, 'by thirdPartyId: the documented sample profile'],
  '004 fetch by tntId format': [`${PROFILE}fetch.test.ts`, 'by tntId: the same profile'],
  '004 fetch by tntId': [`${PROFILE}fetch.test.ts`, 'by tntId: the same profile'],
  '004 fetch by thirdPartyId': [`${PROFILE}fetch.test.ts`, 'by thirdPartyId: the documented sample profile'],
  '004 fetch 404 thirdPartyId': [`${PROFILE}fetch.test.ts`, 'unknown thirdPartyId: the documented 404 body, byte for byte'],
  '004 fetch 404 mboxPC': [`${PROFILE}fetch.test.ts`, 'unknown tntId: the documented 404 body, byte for byte'],
  '004 batchUpdate v1 url': [`${PROFILE}bulk.test.ts`, 'v1 updates existing profiles only'],
  '004 batchUpdate v2 url': [`${PROFILE}bulk.test.ts`, 'v2, the documented sample file'],
  '004 batch file': [`${PROFILE}bulk.test.ts`, 'v2, the documented sample file'],
  '004 batch upload request': [`${PROFILE}bulk.test.ts`, 'v2, the documented sample file'],
  '004 batch upload response': [`${PROFILE}bulk.test.ts`, 'header errors: success=false and a message'],
};

/** Samples that cannot be sent as written, and why. */
const SKIPS: Record<string, string> = {
  '004 fetch by thirdPartyId format':
    'the format line reads `?<your-client-code>` without `client=`; its worked example two lines below has `client=` and is replayed (fetch.test.ts); without it the emulator answers 400 (fetch.test.ts, "missing or empty client")',
};

/** The documented answer of a small activity update: id and the fields sent, modifiedAt generated. */
const FIELD_UPDATES: Array<{ ids: [string, string]; field: string; request: Record<string, unknown>; response: Record<string, unknown> }> = [
  { ids: ['004 name request', '004 name response'], field: 'name', request: SAMPLES.nameRequest, response: SAMPLES.nameResponse },
  { ids: ['004 state request', '004 state response'], field: 'state', request: SAMPLES.stateRequest, response: SAMPLES.stateResponse },
  { ids: ['004 priority request', '004 priority response'], field: 'priority', request: SAMPLES.priorityRequest, response: SAMPLES.priorityResponse },
  { ids: ['004 schedule request', '004 schedule response'], field: 'schedule', request: SAMPLES.scheduleRequest, response: SAMPLES.scheduleResponse },
];

/** The top-level keys of seed 004's "Sample Response for Update AB Activity" (its JSON is cut short in the seed, a bracket missing). */
const UPDATE_AB_RESPONSE_KEYS = ['name', 'state', 'priority', 'locations', 'experiences', 'metrics', 'workspace', 'propertyIds', 'analytics'];

const LIST_KEYS = Object.keys(SAMPLES.list);

interface Case {
  ids: string[];
  name: string;
  run(c: Caller): Promise<void>;
}

/** A list request of the given resource answering the documented envelope. */
async function listsLike(c: Caller, path: string, version: number, keys: string[]): Promise<unknown[]> {
  const response = await c.call('GET', path, { version });
  assert.equal(response.statusCode, 200, `${path}: ${response.body}`);
  assert.deepEqual(Object.keys(response.json()), keys, path);
  return Object.values(response.json() as Record<string, unknown>).find(Array.isArray) as unknown[];
}

const CASES: Case[] = [
  {
    ids: ['002 unsupported-feature', '004 unsupported-feature'],
    name: 'an unsupported version → the documented 406 body (requestId and requestTime generated)',
    run: async (c) => assertTargetError(await c.call('GET', '/activities', { version: 9 }), 406, 'Unsupported.Feature', 'Unsupported features detected'),
  },
  {
    ids: ['004 list-activities sortBy examples'],
    name: 'the activities sortBy examples of the parameter table',
    run: async (c) => {
      for (const query of ['?sortBy=id&limit=10', '/?sortBy=-id&limit=10', '/?sortBy=id&sortBy=-name&limit=10']) {
        const ids = ((await listsLike(c, `/activities${query}`, 1, LIST_KEYS)) as Array<{ id: number }>).map((a) => a.id);
        const sorted = [...ids].sort((a, b) => a - b);
        assert.deepEqual(ids, query.includes('-id') ? sorted.reverse() : sorted, query);
      }
    },
  },
  {
    ids: ['004 list-offers parameter examples'],
    name: 'offers: the first ten, sorted by id, by -id, by id then -name',
    run: async (c) => {
      for (const query of ['?limit=10', '?offset=0&limit=10', '?sortBy=id&limit=10', '?sortBy=-id&limit=10', '?sortBy=id&sortBy=-name&limit=10']) {
        const ids = ((await listsLike(c, `/offers${query}`, 2, Object.keys(OFFER_LIST))) as Array<{ id: number }>).map((o) => o.id);
        assert.ok(ids.length > 0 && ids.length <= 10, query);
        if (query.includes('sortBy')) {
          const sorted = [...ids].sort((a, b) => a - b);
          assert.deepEqual(ids, query.includes('-id') ? sorted.reverse() : sorted, query);
        }
      }
    },
  },
  {
    ids: ['004 list-audiences parameter examples'],
    name: 'audiences: the first ten, sorted by id, by -id, by id then -name',
    run: async (c) => {
      for (const query of ['?limit=10', '?offset=0&limit=10', '?sortBy=id&limit=10', '?sortBy=-id&limit=10', '?sortBy=id&sortBy=-name&limit=10']) {
        const ids = ((await listsLike(c, `/audiences/${query}`, 3, Object.keys(AUDIENCE_LIST))) as Array<{ id: number }>).map((a) => a.id);
        assert.ok(ids.length > 0 && ids.length <= 10, query);
        if (query.includes('sortBy')) {
          const sorted = [...ids].sort((a, b) => a - b);
          assert.deepEqual(ids, query.includes('-id') ? sorted.reverse() : sorted, query);
        }
      }
    },
  },
  {
    ids: [
      '004 audiences example all',
      '004 audiences example limit',
      '004 audiences example offset',
      '004 audiences example multiple values',
      '004 audiences example negative',
      '004 audiences example sorted',
      '004 audiences example date range',
    ],
    name: "the audiences list examples, as written (copied from the activities' ones)",
    run: async (c) => {
      const all = await listsLike(c, '/audiences/', 3, Object.keys(AUDIENCE_LIST));
      assert.ok(all.length > 2);
      assert.equal((await listsLike(c, '/audiences/?limit=1', 3, Object.keys(AUDIENCE_LIST))).length, 1);
      assert.deepEqual(await listsLike(c, '/audiences/?limit=2&offset=2', 3, Object.keys(AUDIENCE_LIST)), all.slice(2, 4));
      for (const query of [
        '?id=3&id=4&name=ab',
        '?priority=!4',
        '?sortBy=name&sortBy=id',
        '?startsAt=1800-09-01T02:04:00.000-07:00/2114-11-30T14:10:00.000-07:00',
      ]) {
        await listsLike(c, `/audiences/${query}`, 3, Object.keys(AUDIENCE_LIST));
      }
    },
  },
  {
    ids: ['004 update-ab response'],
    name: 'PUT /activities/ab/{id} with the sample request answers the documented fields with the values sent',
    run: async (c) => {
      const created = await c.call('POST', '/activities/ab', { version: 3, body: SAMPLES.createAbRequest });
      assert.equal(created.statusCode, 200, created.body);
      const response = await c.call('PUT', `/activities/ab/${created.json().id}`, { version: 3, body: SAMPLES.updateAbRequest });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json() as Record<string, unknown>;
      for (const key of UPDATE_AB_RESPONSE_KEYS) assert.deepEqual(body[key], SAMPLES.updateAbRequest[key], key);
    },
  },
  ...FIELD_UPDATES.map(
    ({ ids, field, request, response }): Case => ({
      ids,
      name: `PUT /activities/168816/${field}: the documented answer, modifiedAt generated`,
      run: async (c) => {
        const answer = await c.call('PUT', `/activities/168816/${field}`, { body: request });
        assert.equal(answer.statusCode, 200, answer.body);
        const { modifiedAt, ...rest } = answer.json() as Record<string, unknown>;
        const { modifiedAt: documentedAt, ...documented } = response;
        assert.deepEqual(Object.keys(answer.json()), Object.keys(response));
        assert.equal(typeof modifiedAt, typeof documentedAt);
        assert.deepEqual(rest, documented);
      },
    }),
  ),
  {
    ids: ['004 single update by mboxPC', '004 single update by mbox3rdPartyId', '004 single update response'],
    name: 'single updates as written, the fixture profile for the documented ids: success true, "Request successfully submitted"',
    run: async (c) => {
      const expected = '<response>\n  <success>true</success>\n  <message>Request successfully submitted</message>\n</response>\n';
      for (const id of ['mboxPC=111492025094307-353046', 'mbox3rdPartyId=a1-mbox3rdPartyId']) {
        const response = await c.t.inject({ method: 'GET', url: `/m2/mocktenant/profile/update?${id}&profile.attr=0&profile.attr2=1` });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.body, expected);
      }
    },
  },
];

describe('Target samples of seeds 002 and 004 (issue 17 audit)', () => {
  let c: Caller;
  before(async () => {
    c = await startActivities();
  });
  after(() => c.t.close());

  test('every sample has exactly one fate: replayed elsewhere, sent here, or skipped with a reason', () => {
    const ids = new Set(TARGET_SAMPLES.map((sample) => sample.id));
    assert.equal(ids.size, TARGET_SAMPLES.length, 'sample ids are unique');
    const fates = new Map<string, string[]>();
    const give = (id: string, fate: string) => fates.set(id, [...(fates.get(id) ?? []), fate]);
    for (const id of Object.keys(REPLAYED)) give(id, 'replayed');
    for (const id of Object.keys(SKIPS)) give(id, 'skipped');
    for (const entry of CASES) for (const id of entry.ids) give(id, 'sent');
    for (const id of fates.keys()) assert.ok(ids.has(id), `${id} names no sample`);
    for (const id of ids) assert.deepEqual((fates.get(id) ?? []).length, 1, `${id}: ${fates.get(id)?.join(', ') ?? 'no fate'}`);
  });

  test('each replay named in REPLAYED is still in its test file', () => {
    for (const [id, [file, marker]] of Object.entries(REPLAYED)) assert.ok(read(file).includes(marker), `${id}: ${file} no longer contains ${marker}`);
  });

  test('target_api.json has no examples (vendoring keeps any in examples.json)', () => {
    const examples = JSON.parse(read('test/contract/reference/examples.json')) as ReferenceExample[];
    assert.deepEqual(
      examples.filter((example) => example.file === 'target_api.json'),
      [],
    );
    assert.ok(read('src/tools/vendor-reference.ts').includes("'target_api.json']"), 'vendor-reference.ts reads target_api.json for examples');
  });

  for (const entry of CASES) test(`${entry.ids.join(', ')}: ${entry.name}`, () => entry.run(c));
});
