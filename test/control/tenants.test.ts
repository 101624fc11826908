import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FIXTURES_DIR } from '../../src/config.js';
import { loadFixtures } from '../../src/store/fixtures.js';
import { scopes } from '../../src/store/store.js';
import { createMockServer, type MockServer } from '../../src/index.js';
import { DEMO, platformHeaders, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';
import { CATALOG, DATASET, MEMBERS } from './support.js';

const CLOCK = '2026-03-04T05:06:07.000Z';
const fixtures = loadFixtures(DEFAULT_FIXTURES_DIR);
const DEMO_PROD = scopes.platform(DEMO.org, 'prod');
const DEMO_TENANT = scopes.target(DEMO.tenant);
const DEMO_CLIENT = scopes.profile(DEMO.tenant);
const SCHEMA_ID = 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9';

interface TenantSet {
  id: string;
  name: string;
  imsOrg: string;
  sandboxes: string[];
  tenant: string;
  clientCode: string;
  clientId: string;
  clientSecret: string;
  technicalAccountId: string;
  fixtures: boolean;
  created: string;
}

const notFoundBody = (id: string) => ({
  statusCode: 404,
  error: 'not-found',
  message: `No tenant set '${id}': sets are created by POST /_mock/tenants (the fixture integrations are not sets)`,
});

async function createSet(t: TestApp, body?: object): Promise<TenantSet> {
  const response = await t.inject({ method: 'POST', url: '/_mock/tenants', ...(body === undefined ? {} : { payload: body }) });
  assert.equal(response.statusCode, 201, response.body);
  return response.json() as TenantSet;
}

const credentials = (set: TenantSet) => ({ clientId: set.clientId, clientSecret: set.clientSecret });
const platformOf = (set: TenantSet, token: string) => platformHeaders(token, { 'x-api-key': set.clientId, 'x-gw-ims-org-id': set.imsOrg });
const targetOf = (token: string, set: TenantSet) => targetHeaders(token, { 'x-api-key': set.clientId });

/** The demo fixtures as a set created with `fixtures: true` holds them. */
function copiedFixtures(set: TenantSet) {
  const platform = JSON.parse(JSON.stringify(fixtures.scopes[DEMO_PROD]).replaceAll(DEMO.org, set.imsOrg));
  return {
    [scopes.platform(set.imsOrg, 'prod')]: platform,
    [scopes.profile(set.clientCode)]: fixtures.scopes[DEMO_CLIENT],
    [scopes.target(set.tenant)]: fixtures.scopes[DEMO_TENANT],
  };
}

describe('/_mock/tenants routes', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp({ clock: CLOCK, freezeClock: true, processingDelayMs: 0 });
  });
  after(() => t.close());
  beforeEach(() => t.ctx.reset());

  test('POST without a body creates an empty set: its own org, sandboxes, tenant, client code and credentials', async () => {
    const set = await createSet(t);
    assert.match(set.id, /^w[0-9a-f]{10}$/);
    assert.match(set.imsOrg, /^[0-9A-F]{24}@AdobeOrg$/);
    assert.match(set.clientId, /^[0-9a-f]{32}$/);
    assert.match(set.clientSecret, /^p8e-[\w-]{32}$/);
    assert.match(set.technicalAccountId, /^[0-9A-F]{24}@techacct\.adobe\.com$/);
    assert.deepEqual(Object.keys(set), [
      'id',
      'name',
      'imsOrg',
      'sandboxes',
      'tenant',
      'clientCode',
      'clientId',
      'clientSecret',
      'technicalAccountId',
      'fixtures',
      'created',
    ]);
    assert.deepEqual(set, { ...set, name: set.id, sandboxes: ['prod', 'dev'], tenant: set.id, clientCode: set.id, fixtures: false, created: CLOCK });
    // Stored as an ordinary integration, approver like the demo.
    assert.deepEqual(t.ctx.store.collection(scopes.ims(), 'integrations').get(set.clientId), {
      id: set.clientId,
      clientSecret: set.clientSecret,
      name: set.id,
      orgId: set.imsOrg,
      technicalAccountId: set.technicalAccountId,
      sandboxes: ['prod', 'dev'],
      tenant: set.id,
      clientCode: set.id,
      role: 'approver',
      scopes: ['openid', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext', 'session', 'target_sdk', 'ent_dataservices_sdk'],
    });
    const state = await t.inject({ method: 'GET', url: `/_mock/state?set=${set.id}` });
    assert.deepEqual(state.json().scopes, {});
  });

  test('GET lists the sets (secrets included) and answers one; the fixture integrations are not sets', async () => {
    const first = await createSet(t, { name: 'worker 1' });
    const second = await createSet(t, { name: 'worker 2', fixtures: false });
    assert.equal(first.name, 'worker 1');
    const list = await t.inject({ method: 'GET', url: '/_mock/tenants' });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json(), { tenants: [first, second] });
    const one = await t.inject({ method: 'GET', url: `/_mock/tenants/${second.id}` });
    assert.equal(one.statusCode, 200);
    assert.deepEqual(one.json(), second);
    for (const id of [DEMO.clientId, DEMO.tenant, 'nope']) {
      const missing = await t.inject({ method: 'GET', url: `/_mock/tenants/${id}` });
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(missing.json(), notFoundBody(id));
      const deleted = await t.inject({ method: 'DELETE', url: `/_mock/tenants/${id}` });
      assert.equal(deleted.statusCode, 404);
      assert.deepEqual(deleted.json(), notFoundBody(id));
    }
  });

  test('a body with an unknown field, or fields of the wrong type, answers 400 and creates nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ fixtures: true, tenant: 'mine' }, 'Invalid request: body must NOT have additional properties'],
      [{ fixtures: 'yes' }, 'Invalid request: body/fixtures must be boolean'],
      [{ name: '' }, 'Invalid request: body/name must NOT have fewer than 1 characters'],
      [[], 'Invalid request: body must be object'],
    ];
    for (const [payload, message] of cases) {
      const response = await t.inject({
        method: 'POST',
        url: '/_mock/tenants',
        payload: JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.deepEqual(response.json(), { statusCode: 400, error: 'bad-request', message });
    }
    assert.deepEqual((await t.inject({ method: 'GET', url: '/_mock/tenants' })).json(), { tenants: [] });
  });

  test('fixtures: true copies the demo objects into the set, ids kept, the org id its own', async () => {
    const set = await createSet(t, { fixtures: true });
    assert.equal(set.fixtures, true);
    const state = (await t.inject({ method: 'GET', url: `/_mock/state?set=${set.id}` })).json();
    assert.deepEqual(state.scopes, copiedFixtures(set));
    assert.deepEqual(state.files, {});
    const token = await tokenFor(t, credentials(set));
    const dataSet = await t.inject({ method: 'GET', url: `${CATALOG}/dataSets/${DATASET}`, headers: platformOf(set, token) });
    assert.equal(dataSet.statusCode, 200);
    assert.equal(dataSet.json()[DATASET].imsOrg, set.imsOrg);
  });

  test("an empty set sees nothing of the demo's, and the demo nothing of the set's", async () => {
    const set = await createSet(t);
    const token = await tokenFor(t, credentials(set));
    const dataSets = await t.inject({ method: 'GET', url: `${CATALOG}/dataSets`, headers: platformOf(set, token) });
    assert.equal(dataSets.statusCode, 200);
    assert.deepEqual(dataSets.json(), {});
    const offers = await t.inject({ method: 'GET', url: `/${set.tenant}/target/offers`, headers: targetOf(token, set) });
    assert.equal(offers.statusCode, 200);
    assert.equal(offers.json().total, 0);
    // The set's credential is refused on the demo's org and tenant, and the demo's on the set's.
    const demoToken = await tokenFor(t);
    assert.equal((await t.inject({ method: 'GET', url: `${CATALOG}/dataSets`, headers: platformOf(set, demoToken) })).statusCode, 403);
    assert.equal(
      (await t.inject({ method: 'GET', url: `${CATALOG}/dataSets`, headers: platformHeaders(token, { 'x-api-key': set.clientId }) })).statusCode,
      403,
    );
    assert.equal((await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/offers`, headers: targetOf(token, set) })).statusCode, 403);
    assert.equal((await t.inject({ method: 'GET', url: `/${set.tenant}/target/offers`, headers: targetHeaders(demoToken) })).statusCode, 403);
  });

  test('DELETE drops the set: 204, its credentials and tokens refused (401), its data gone', async () => {
    const set = await createSet(t, { fixtures: true });
    const token = await tokenFor(t, credentials(set));
    const deleted = await t.inject({ method: 'DELETE', url: `/_mock/tenants/${set.id}` });
    assert.equal(deleted.statusCode, 204);
    assert.equal(deleted.body, '');
    const platform = await t.inject({ method: 'GET', url: `${CATALOG}/dataSets`, headers: platformOf(set, token) });
    assert.equal(platform.statusCode, 401);
    assert.deepEqual(platform.json(), { error_code: '401013', message: 'Oauth token is not valid' });
    const target = await t.inject({ method: 'GET', url: `/${set.tenant}/target/offers`, headers: targetOf(token, set) });
    assert.equal(target.statusCode, 401);
    assert.deepEqual(target.json().errors, [{ errorCode: 'Authorization.Invalid', message: 'The access token is not valid' }]);
    const again = await t.inject({
      method: 'POST',
      url: '/ims/token/v3',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${set.clientId}&client_secret=${set.clientSecret}`,
    });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().error, 'invalid_client');
    assert.deepEqual((await t.inject({ method: 'GET', url: `/_mock/tenants/${set.id}` })).json(), notFoundBody(set.id));
    const state = t.ctx.store.snapshot();
    assert.equal(JSON.stringify(state).includes(set.imsOrg) || JSON.stringify(state).includes(set.id), false);
  });

  test('POST /_mock/reset?set= puts the set back as it was created; other sets and the demo are left alone', async () => {
    const withFixtures = await createSet(t, { fixtures: true });
    const empty = await createSet(t);
    for (const set of [withFixtures, empty]) {
      t.ctx.store.collection(scopes.target(set.tenant), 'offers').put('999', { id: 999, name: 'added' });
      t.ctx.store.collection(scopes.target(set.tenant), 'offers').delete('1');
    }
    t.ctx.store.collection(DEMO_TENANT, 'offers').put('999', { id: 999, name: 'demo added' });
    const reset = await t.inject({ method: 'POST', url: `/_mock/reset?set=${withFixtures.id}` });
    assert.equal(reset.statusCode, 200);
    const setScopes = [
      scopes.platform(withFixtures.imsOrg, 'dev'),
      scopes.platform(withFixtures.imsOrg, 'prod'),
      scopes.profile(withFixtures.id),
      scopes.target(withFixtures.id),
    ];
    assert.deepEqual(reset.json(), { status: 'reset', scopes: setScopes });
    assert.deepEqual((await t.inject({ method: 'GET', url: `/_mock/state?set=${withFixtures.id}` })).json().scopes, copiedFixtures(withFixtures));
    assert.equal(t.ctx.store.collection(scopes.target(empty.tenant), 'offers').has('999'), true);
    assert.equal(t.ctx.store.collection(DEMO_TENANT, 'offers').has('999'), true);

    await t.inject({ method: 'POST', url: `/_mock/reset?set=${empty.id}` });
    assert.deepEqual((await t.inject({ method: 'GET', url: `/_mock/state?set=${empty.id}` })).json().scopes, {});

    const combined = await t.inject({ method: 'POST', url: `/_mock/reset?set=${empty.id}&service=catalog` });
    assert.equal(combined.statusCode, 400);
    assert.deepEqual(combined.json(), {
      statusCode: 400,
      error: 'bad-request',
      message: 'set cannot be combined with other parameters: it resets the whole tenant set',
    });
    for (const url of ['/_mock/reset?set=nope', '/_mock/state?set=nope', '/_mock/requests?set=nope']) {
      const response = await t.inject({ method: url.startsWith('/_mock/reset') ? 'POST' : 'GET', url });
      assert.equal(response.statusCode, 404, url);
      assert.deepEqual(response.json(), notFoundBody('nope'));
    }
  });

  test('repeated resets of a set share its baseline without letting a change reach it', async () => {
    const set = await createSet(t, { fixtures: true });
    const platform = scopes.platform(set.imsOrg, 'prod');
    for (let round = 0; round < 3; round++) {
      // Objects changed in place, as a handler may do with what it read, then through the store.
      (t.ctx.store.collection(platform, 'dataSets').get(DATASET) as { name: string }).name = `changed ${round}`;
      (t.ctx.store.collection(scopes.target(set.tenant), 'offers').values().next().value as { name: string }).name = `changed ${round}`;
      t.ctx.store.collection(scopes.profile(set.clientCode), 'profiles').put('p-new', { id: 'p-new' });
      assert.equal((await t.inject({ method: 'POST', url: `/_mock/reset?set=${set.id}` })).statusCode, 200);
      assert.deepEqual((await t.inject({ method: 'GET', url: `/_mock/state?set=${set.id}` })).json().scopes, copiedFixtures(set));
    }
  });

  test('a full reset, or a reset of the integrations, removes the created sets with their data', async () => {
    for (const url of ['/_mock/reset', '/_mock/reset?service=ims']) {
      const set = await createSet(t, { fixtures: true });
      assert.equal((await t.inject({ method: 'POST', url })).statusCode, 200);
      assert.deepEqual((await t.inject({ method: 'GET', url: '/_mock/tenants' })).json(), { tenants: [] });
      assert.equal(JSON.stringify(t.ctx.store.snapshot()).includes(set.id), false, url);
      assert.deepEqual(
        t.ctx.store.snapshot((scope) => scope !== '_emulator'),
        fixtures,
      );
    }
  });

  test('GET /_mock/requests?set= shows only the requests of that set', async () => {
    const [mine, other] = [await createSet(t), await createSet(t)];
    const mineToken = await tokenFor(t, credentials(mine));
    const otherToken = await tokenFor(t, credentials(other));
    await t.inject({ method: 'GET', url: `${CATALOG}/dataSets`, headers: platformOf(mine, mineToken) });
    await t.inject({ method: 'GET', url: `${CATALOG}/dataSets`, headers: platformOf(other, otherToken) });
    await t.inject({ method: 'GET', url: `/${mine.tenant}/target/offers`, headers: targetHeaders('not-a-token') });
    await t.inject({ method: 'GET', url: `/m2/${mine.clientCode}/profile/update?mbox3rdPartyId=x` });
    await t.inject({ method: 'GET', url: `/rest/v1/profiles/thirdPartyId/x?client=${mine.clientCode}` });
    await t.inject({ method: 'GET', url: `/rest/v1/profiles/thirdPartyId/x?client=${other.clientCode}` });
    const journal = (await t.inject({ method: 'GET', url: `/_mock/requests?set=${mine.id}` })).json();
    assert.deepEqual(
      journal.requests.map((entry: { method: string; path: string }) => `${entry.method} ${entry.path}`),
      [
        'POST /ims/token/v3',
        `GET ${CATALOG}/dataSets`,
        `GET /${mine.tenant}/target/offers`,
        `GET /m2/${mine.clientCode}/profile/update`,
        'GET /rest/v1/profiles/thirdPartyId/x',
      ],
    );
    assert.equal(journal.requests[4].query.client, mine.clientCode);
  });

  test('sets survive a restart with a data file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tenants-test-'));
    try {
      const dataFile = join(dir, 'state.json');
      const first = await startApp({ dataFile });
      const kept = await createSet(first, { fixtures: true });
      const dropped = await createSet(first);
      await first.inject({ method: 'DELETE', url: `/_mock/tenants/${dropped.id}` });
      await first.close();
      const second = await startApp({ dataFile });
      try {
        assert.deepEqual((await second.inject({ method: 'GET', url: '/_mock/tenants' })).json(), { tenants: [kept] });
        assert.deepEqual((await second.inject({ method: 'GET', url: `/_mock/state?set=${kept.id}` })).json().scopes, copiedFixtures(kept));
        await tokenFor(second, credentials(kept));
        assert.equal(JSON.stringify(second.ctx.store.snapshot()).includes(dropped.id), false);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** One test worker's view of the emulator: its own set, over HTTP. */
class Worker {
  private constructor(
    private readonly server: MockServer,
    readonly set: TenantSet,
    private readonly token: string,
  ) {}

  static async start(server: MockServer, index: number): Promise<Worker> {
    const created = await fetch(`${server.url}/_mock/tenants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `worker ${index}`, fixtures: true }),
    });
    assert.equal(created.status, 201);
    const set = (await created.json()) as TenantSet;
    const token = await fetch(`${server.url}/ims/token/v3`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: set.clientId, client_secret: set.clientSecret }),
    });
    assert.equal(token.status, 200);
    return new Worker(server, set, ((await token.json()) as { access_token: string }).access_token);
  }

  async platform(method: string, path: string, body?: unknown): Promise<Response> {
    const binary = Buffer.isBuffer(body);
    return fetch(`${this.server.url}/data/foundation${path}`, {
      method,
      headers: {
        ...platformOf(this.set, this.token),
        ...(body === undefined ? {} : { 'content-type': binary ? 'application/octet-stream' : 'application/json' }),
      },
      ...(body === undefined ? {} : { body: binary ? new Uint8Array(body) : JSON.stringify(body) }),
    });
  }

  async targetBatch(operations: unknown[]): Promise<Array<{ operationId: number; statusCode: number; body: any }>> {
    const response = await fetch(`${this.server.url}/${this.set.tenant}/target/batch`, {
      method: 'POST',
      headers: { ...targetOf(this.token, this.set), 'content-type': 'application/json' },
      body: JSON.stringify({ operations }),
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { results: Array<{ operationId: number; statusCode: number; body: any }> }).results;
  }

  /** Seed 001's journey: dataset, batch, upload, COMPLETE, poll, read the file back through Data Access. */
  async platformJourney(): Promise<{ dataSetId: string; batchId: string }> {
    const created = await this.platform('POST', '/catalog/dataSets', {
      name: `${this.set.name} data`,
      schemaRef: { id: SCHEMA_ID, contentType: 'application/vnd.adobe.xed+json;version=1' },
    });
    assert.equal(created.status, 201);
    const dataSetId = ((await created.json()) as string[])[0]!.replace('@/dataSets/', '');
    const batch = await this.platform('POST', '/import/batches', { datasetId: dataSetId, inputFormat: { format: 'json' } });
    assert.equal(batch.status, 201);
    const batchId = ((await batch.json()) as { id: string }).id;
    assert.equal((await this.platform('PUT', `/import/batches/${batchId}/datasets/${dataSetId}/files/members.json`, MEMBERS)).status, 200);
    assert.equal((await this.platform('POST', `/import/batches/${batchId}?action=COMPLETE`)).status, 200);
    for (let status = ''; status !== 'success'; ) {
      const polled = await this.platform('GET', `/catalog/batches/${batchId}`);
      status = ((await polled.json()) as Record<string, { status: string }>)[batchId]!.status;
      assert.ok(['staging', 'processing', 'success'].includes(status), status);
      if (status !== 'success') await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const files = (await (await this.platform('GET', `/export/batches/${batchId}/files`)).json()) as { data: Array<{ dataSetFileId: string }> };
    const download = await this.platform('GET', `/export/files/${files.data[0]!.dataSetFileId}?path=members.json`);
    assert.equal(download.status, 200);
    assert.ok(Buffer.from(await download.arrayBuffer()).equals(MEMBERS));
    return { dataSetId, batchId };
  }

  /** A Target /batch that creates an offer, and another that reads it back. */
  async targetJourney(): Promise<number> {
    const [created] = await this.targetBatch([
      { operationId: 1, method: 'POST', relativeUrl: '/v1/offers/content', body: { name: `${this.set.name} offer`, content: '<p>hi</p>' } },
    ]);
    assert.equal(created!.statusCode, 200);
    const id = created!.body.id as number;
    const [read] = await this.targetBatch([{ operationId: 1, method: 'GET', relativeUrl: `/v1/offers/content/${id}` }]);
    assert.equal(read!.statusCode, 200);
    assert.equal(read!.body.name, `${this.set.name} offer`);
    return id;
  }

  async dataSetNames(): Promise<string[]> {
    const listed = (await (await this.platform('GET', '/catalog/dataSets?properties=name')).json()) as Record<string, { name: string }>;
    return Object.values(listed)
      .map((dataSet) => dataSet.name)
      .sort();
  }

  async offerNames(): Promise<string[]> {
    const response = await fetch(`${this.server.url}/${this.set.tenant}/target/offers?limit=2000`, { headers: targetOf(this.token, this.set) });
    return ((await response.json()) as { offers: Array<{ name: string }> }).offers.map((offer) => offer.name);
  }
}

describe('Eight test workers on one emulator, at once', () => {
  let server: MockServer;
  before(async () => {
    server = await createMockServer({ logLevel: 'silent', processingDelayMs: 20 });
  });
  after(() => server.close());

  test('each runs the Platform journey and a Target /batch in its own set: no crossing, no reset; deleting the sets leaves no trace', async () => {
    const before = server.state();
    const workers = await Promise.all(Array.from({ length: 8 }, (_, index) => Worker.start(server, index)));
    const results = await Promise.all(
      workers.map(async (worker) => {
        const [platform, offerId] = await Promise.all([worker.platformJourney(), worker.targetJourney()]);
        return { ...platform, offerId };
      }),
    );
    const fixtureOffers = (fixtures.scopes[DEMO_TENANT]!.offers ?? []).map(([, offer]) => (offer as { name: string }).name);
    await Promise.all(
      workers.map(async (worker, index) => {
        const mine = results[index]!;
        assert.deepEqual(await worker.dataSetNames(), [`${worker.set.name} data`, 'LoyaltyMembersDataset'].sort());
        const offers = await worker.offerNames();
        assert.deepEqual(
          offers.filter((name) => !fixtureOffers.includes(name)),
          [`${worker.set.name} offer`],
        );
        for (const [otherIndex, theirs] of results.entries()) {
          if (otherIndex === index) continue;
          assert.equal((await worker.platform('GET', `/catalog/dataSets/${theirs.dataSetId}`)).status, 404);
          assert.equal((await worker.platform('GET', `/catalog/batches/${theirs.batchId}`)).status, 404);
          assert.equal((await worker.platform('GET', `/export/batches/${theirs.batchId}/files`)).status, 404);
          // Ids are per tenant: the same number may exist here, but never with another worker's offer.
          const [read] = await worker.targetBatch([{ operationId: 1, method: 'GET', relativeUrl: `/v1/offers/content/${theirs.offerId}` }]);
          assert.notEqual(read!.body?.name, `${workers[otherIndex]!.set.name} offer`);
        }
        assert.equal(mine.offerId > 0, true);
      }),
    );
    const journal = (await (await fetch(`${server.url}/_mock/requests?set=${workers[0]!.set.id}&limit=1000`)).json()) as {
      requests: Array<{ requestHeaders: Record<string, string> }>;
    };
    assert.ok(journal.requests.length > 0);
    for (const entry of journal.requests) assert.notEqual(entry.requestHeaders['x-api-key'], workers[1]!.set.clientId);

    const deleted = await Promise.all(workers.map((worker) => fetch(`${server.url}/_mock/tenants/${worker.set.id}`, { method: 'DELETE' })));
    assert.deepEqual(
      deleted.map((response) => response.status),
      Array(8).fill(204),
    );
    assert.deepEqual(server.state(), before);
    const exported = await (await fetch(`${server.url}/_mock/state`)).text();
    for (const worker of workers) {
      assert.equal(exported.includes(worker.set.id) || exported.includes(worker.set.imsOrg) || exported.includes(worker.set.clientId), false);
      assert.equal((await worker.platform('GET', '/catalog/dataSets')).status, 401);
    }
    assert.deepEqual(JSON.parse(exported).files, {});
    // The uploaded files are gone from disk too.
    const left = await readdir(server.config.blobDir, { recursive: true, withFileTypes: true }).catch(() => []);
    assert.deepEqual(
      left.filter((entry) => entry.isFile()).map((entry) => entry.name),
      [],
    );
  });
});
