import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FIXTURES_DIR } from '../../src/config.js';
import { loadFixtures } from '../../src/store/fixtures.js';
import { scopes, type ScopeKey } from '../../src/store/store.js';
import { BlobStore } from '../../src/store/blobs.js';
import { processingDone } from '../../src/services/ingestion/processing.js';
import { settleBatches } from '../../src/services/platform-objects.js';
import { DEMO, OTHER } from '../helpers.js';
import { COLLECTIONS, controlApp, DATASET, IMPORT, TARGET, type ControlApp } from './support.js';

const fixtures = loadFixtures(DEFAULT_FIXTURES_DIR);
const PROD = scopes.platform(DEMO.org, 'prod');
const DEV = scopes.platform(DEMO.org, 'dev');
const TENANT = scopes.target(DEMO.tenant);

/** A scope's state as plain JSON (empty collections left out, as in a snapshot). */
function scopeState(t: ControlApp, scope: ScopeKey) {
  return t.ctx.store.snapshot().scopes[scope];
}

function put(t: ControlApp, scope: ScopeKey, collection: string, id: string, value: object = { id }) {
  t.ctx.store.collection<object>(scope, collection).put(id, value);
}

describe('POST /_mock/reset, one part of the state', () => {
  let t: ControlApp;
  before(async () => {
    t = await controlApp();
  });
  after(() => t.close());
  beforeEach(() => t.ctx.reset());

  test('org and sandbox put one Platform scope back to its fixtures and leave the others alone', async () => {
    t.seedSandbox('dev');
    const inProd = await t.createDataSet('prod data');
    const inDev = await t.createDataSet('dev data', 'dev');
    const offer = await t.createOffer('kept offer');
    const reset = await t.inject({ method: 'POST', url: `/_mock/reset?org=${encodeURIComponent(DEMO.org)}&sandbox=prod` });
    assert.equal(reset.statusCode, 200);
    assert.deepEqual(reset.json(), { status: 'reset', scopes: [PROD] });
    assert.deepEqual(scopeState(t, PROD), fixtures.scopes[PROD]);
    assert.equal(t.ctx.store.collection(PROD, COLLECTIONS.dataSets).has(inProd), false);
    assert.equal(t.ctx.store.collection(DEV, COLLECTIONS.dataSets).has(inDev), true);
    assert.equal(t.ctx.store.collection(TENANT, 'offers').has(offer), true);
  });

  test('org alone takes every sandbox of the org', async () => {
    t.seedSandbox('dev');
    await t.createDataSet('prod data');
    await t.createDataSet('dev data', 'dev');
    put(t, scopes.platform(OTHER.org, 'prod'), COLLECTIONS.dataSets, 'other-org');
    const reset = await t.inject({ method: 'POST', url: `/_mock/reset?org=${encodeURIComponent(DEMO.org)}` });
    assert.deepEqual(reset.json().scopes, [DEV, PROD]);
    assert.deepEqual(scopeState(t, PROD), fixtures.scopes[PROD]);
    assert.equal(scopeState(t, DEV), undefined);
    assert.equal(t.ctx.store.collection(scopes.platform(OTHER.org, 'prod'), COLLECTIONS.dataSets).has('other-org'), true);
  });

  test('tenant restores a Target tenant exactly, ids and sequence included', async () => {
    const first = await t.createOffer('first');
    await t.inject({ method: 'DELETE', url: `/${DEMO.tenant}/target/offers/content/${first}`, headers: t.target() });
    put(t, scopes.target(OTHER.tenant), 'offers', '1', { id: 1, name: 'other tenant' });
    const inPlatform = await t.createDataSet('platform data');
    const reset = await t.inject({ method: 'POST', url: `/_mock/reset?tenant=${DEMO.tenant}` });
    assert.deepEqual(reset.json(), { status: 'reset', scopes: [TENANT] });
    assert.deepEqual(scopeState(t, TENANT), fixtures.scopes[TENANT]);
    // The id sequence went back with the tenant: the next offer gets the first id again.
    assert.equal(await t.createOffer('again'), first);
    assert.equal(t.ctx.store.collection(scopes.target(OTHER.tenant), 'offers').has('1'), true);
    assert.equal(t.ctx.store.collection(PROD, COLLECTIONS.dataSets).has(inPlatform), true);
  });

  test('client resets one profile client code', async () => {
    put(t, scopes.profile('democlient'), 'profiles', 'p1');
    put(t, scopes.profile('otherclient'), 'profiles', 'p2');
    const reset = await t.inject({ method: 'POST', url: '/_mock/reset?client=democlient' });
    assert.deepEqual(reset.json(), { status: 'reset', scopes: [scopes.profile('democlient')] });
    assert.equal(scopeState(t, scopes.profile('democlient')), undefined);
    assert.equal(t.ctx.store.collection(scopes.profile('otherclient'), 'profiles').has('p2'), true);
  });

  test('service alone resets what that service owns in every scope', async () => {
    put(t, scopes.stock(), 'licenses', 'l1');
    put(t, scopes.profile('democlient'), 'profiles', 'p1');
    const stock = await t.inject({ method: 'POST', url: '/_mock/reset?service=stock' });
    assert.deepEqual(stock.json(), { status: 'reset', scopes: [scopes.stock()] });
    assert.deepEqual(scopeState(t, scopes.stock()), fixtures.scopes[scopes.stock()]);
    assert.equal(t.ctx.store.collection(scopes.profile('democlient'), 'profiles').has('p1'), true);

    const profiles = await t.inject({ method: 'POST', url: '/_mock/reset?service=target-profile' });
    assert.deepEqual(profiles.json().scopes, [scopes.profile('democlient'), scopes.profile(DEMO.tenant)]);
    assert.equal(scopeState(t, scopes.profile('democlient')), undefined);

    put(t, scopes.ims(), 'integrations', 'extra');
    await t.inject({ method: 'POST', url: '/_mock/reset?service=ims' });
    assert.deepEqual(scopeState(t, scopes.ims()), fixtures.scopes[scopes.ims()]);
  });

  test('Catalog, Batch Ingestion and Data Access share the dataset data; the schema registry keeps its own', async () => {
    const dataSet = await t.createDataSet('to go');
    put(t, PROD, 'schemas', 'custom-schema');
    const reset = await t.inject({ method: 'POST', url: `/_mock/reset?service=catalog&org=${encodeURIComponent(DEMO.org)}&sandbox=prod` });
    assert.deepEqual(reset.json(), { status: 'reset', scopes: [PROD] });
    assert.equal(t.ctx.store.collection(PROD, COLLECTIONS.dataSets).has(dataSet), false);
    assert.equal(t.ctx.store.collection(PROD, 'schemas').has('custom-schema'), true, 'schemas are not Catalog data');

    const again = await t.createDataSet('stays');
    await t.inject({ method: 'POST', url: '/_mock/reset?service=schemaregistry' });
    assert.equal(t.ctx.store.collection(PROD, 'schemas').has('custom-schema'), false);
    assert.deepEqual(t.ctx.store.snapshot().scopes[PROD].schemas, fixtures.scopes[PROD].schemas);
    assert.equal(t.ctx.store.collection(PROD, COLLECTIONS.dataSets).has(again), true, 'datasets are not schema registry data');
  });

  test('service and tenant together; a parameter of another product is refused', async () => {
    const offer = await t.createOffer('to go');
    const reset = await t.inject({ method: 'POST', url: `/_mock/reset?service=target-admin&tenant=${DEMO.tenant}` });
    assert.deepEqual(reset.json(), { status: 'reset', scopes: [TENANT] });
    assert.equal(t.ctx.store.collection(TENANT, 'offers').has(offer), false);

    const mismatch = await t.inject({ method: 'POST', url: `/_mock/reset?service=catalog&tenant=${DEMO.tenant}` });
    assert.equal(mismatch.statusCode, 400);
    assert.deepEqual(mismatch.json(), {
      statusCode: 400,
      error: 'bad-request',
      message: "'tenant' selects target scopes; it does not apply to service 'catalog'",
    });
  });

  test('an unknown service answers 400 listing the known ones, and resets nothing', async () => {
    const offer = await t.createOffer('kept');
    const response = await t.inject({ method: 'POST', url: '/_mock/reset?service=analytics' });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json(), {
      statusCode: 400,
      error: 'bad-request',
      message: "Unknown service 'analytics'; known services: ims, catalog, ingestion, export, schemaregistry, target-admin, target-profile, stock",
    });
    assert.equal(t.ctx.store.collection(TENANT, 'offers').has(offer), true);
  });

  test('a misspelt parameter answers 400 instead of resetting everything', async () => {
    const offer = await t.createOffer('kept');
    const response = await t.inject({ method: 'POST', url: '/_mock/reset?services=catalog' });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json(), {
      statusCode: 400,
      error: 'bad-request',
      message: 'Unknown parameter(s): services; a reset takes service, org, sandbox, tenant, client, set',
    });
    assert.equal(t.ctx.store.collection(TENANT, 'offers').has(offer), true);
  });

  test('tokens stay valid across a partial reset', async () => {
    await t.inject({ method: 'POST', url: '/_mock/reset?service=ims' });
    const call = await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/environments`, headers: t.target() });
    assert.equal(call.statusCode, 200);
  });

  test('resets share the fixtures without letting a change reach them: a fixture object changed, reset, changed again comes back intact', async () => {
    const FIXTURE_OFFER = 391769;
    const original = fixtures.scopes[TENANT]!.offers!.find(([id]) => id === String(FIXTURE_OFFER))![1];
    for (const reset of ['/_mock/reset', `/_mock/reset?tenant=${DEMO.tenant}`, '/_mock/reset']) {
      const changed = await t.inject({
        method: 'PUT',
        url: `${TARGET}/offers/content/${FIXTURE_OFFER}`,
        headers: { ...t.target(), 'content-type': 'application/vnd.adobe.target.v2+json' },
        payload: { name: 'changed', content: '<p>changed</p>' },
      });
      assert.equal(changed.statusCode, 200, changed.body);
      // An object changed in place, as a handler may do with what it read.
      (t.ctx.store.collection<{ name: string }>(PROD, COLLECTIONS.dataSets).get(DATASET) as { name: string }).name = 'changed in place';
      assert.equal((await t.inject({ method: 'POST', url: reset })).statusCode, 200);
      assert.deepEqual(t.ctx.store.collection(TENANT, 'offers').get(FIXTURE_OFFER), original);
      if (reset === '/_mock/reset') assert.deepEqual(scopeState(t, PROD), fixtures.scopes[PROD]);
    }
  });
});

describe('Partial reset, uploaded files and processing', () => {
  test("a reset scope's files are deleted; another scope's files and processing carry on", async () => {
    const t = await controlApp({ processingDelayMs: 0 });
    try {
      t.seedSandbox('dev');
      const inDev = await t.completedBatch(undefined, 'dev');
      const inProd = await t.completedBatch();
      const folders = async () => (await readdir(t.ctx.config.blobDir)).filter((name) => /^[0-9a-f]{16}$/.test(name)).length;
      assert.equal(await folders(), 2);

      // A batch of prod is being processed while dev is reset.
      const created = await t.inject({
        method: 'POST',
        url: `${IMPORT}/batches`,
        headers: { ...t.platform(), 'content-type': 'application/json' },
        payload: JSON.stringify({ datasetId: DATASET, inputFormat: { format: 'json' } }),
      });
      const running = (created.json() as { id: string }).id;
      await t.inject({
        method: 'PUT',
        url: `${IMPORT}/batches/${running}/datasets/${DATASET}/files/more.json`,
        headers: { ...t.platform(), 'content-type': 'application/octet-stream' },
        payload: '{"_id":"m-9"}\n',
      });
      await t.inject({ method: 'POST', url: `${IMPORT}/batches/${running}?action=COMPLETE`, headers: t.platform() });
      const reset = await t.inject({ method: 'POST', url: `/_mock/reset?org=${encodeURIComponent(DEMO.org)}&sandbox=dev` });
      assert.deepEqual(reset.json().scopes, [DEV]);
      await processingDone(t.ctx);
      settleBatches(t.ctx, PROD);

      assert.equal(await folders(), 1, 'only the prod files are left');
      // The dev folder was moved into the trash at once and is deleted from there behind the answer.
      await new BlobStore(t.ctx.config.blobDir).deleted();
      assert.deepEqual(await readdir(join(t.ctx.config.blobDir, '.trash')), []);
      assert.equal(t.ctx.store.collection(DEV, COLLECTIONS.batches).has(inDev), false);
      const batches = t.ctx.store.collection<{ status: string }>(PROD, COLLECTIONS.batches);
      assert.equal(batches.get(inProd)?.status, 'success');
      assert.notEqual(batches.get(running)?.status, 'staging', 'the prod batch still reached its final state');
      const download = await t.inject({ method: 'GET', url: `/data/foundation/export/batches/${inProd}/files`, headers: t.platform() });
      assert.equal(download.statusCode, 200);
    } finally {
      await t.close();
    }
  });

  test('with a data file, a partial reset is persisted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'control-reset-'));
    const dataFile = join(dir, 'state.json');
    try {
      const first = await controlApp({ dataFile });
      const offer = await first.createOffer('goes');
      const dataSet = await first.createDataSet('stays');
      await first.inject({ method: 'POST', url: `/_mock/reset?tenant=${DEMO.tenant}` });
      await first.close();
      const second = await controlApp({ dataFile });
      assert.equal(second.ctx.store.collection(TENANT, 'offers').has(offer), false);
      assert.equal(second.ctx.store.collection(PROD, COLLECTIONS.dataSets).has(dataSet), true);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
