import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { COLLECTIONS, type BatchOutcome, type PendingBatch } from '../../../src/services/platform-objects.js';
import { DEMO } from '../../helpers.js';
import { CATALOG, FIXTURE_DATASET, catalogClient, catalogSpec, demoScope, problem, type CatalogClient } from './support.js';

describe('Catalog batches', () => {
  let client: CatalogClient;
  const createBatch = async (body: unknown = { relatedObjects: [{ type: 'dataSet', id: FIXTURE_DATASET }] }) => {
    const response = await client.request('POST', '/batches', { body });
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as string[])[0]!.replace('@/batches/', '');
  };
  const lookUp = async (id: string) => {
    const response = await client.request('GET', `/batches/${id}`);
    assert.equal(response.statusCode, 200, response.body);
    return { object: response.json()[id] as Record<string, unknown>, etag: response.headers.etag as string, body: response.json() };
  };

  before(async () => {
    client = await catalogClient();
  });
  after(() => client.close());

  test('POST /batches → 201 ["@/batches/{id}"]; the batch is shaped as seed 001 (loading, dataSet relation, stage path)', async () => {
    const response = await client.request('POST', '/batches', {
      body: { relatedObjects: [{ type: 'dataSet', id: FIXTURE_DATASET }], inputFormat: { format: 'json' }, tags: { team: ['loyalty'] } },
    });
    assert.equal(response.statusCode, 201);
    assert.deepEqual(catalogSpec.problems('POST', '/batches', 201, response.json()), []);
    const id = (response.json() as string[])[0]!.split('/')[2]!;
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(response.headers.location, `${CATALOG}/batches/${id}`);

    const { object, etag, body } = await lookUp(id);
    assert.equal(etag, '"1.0.0"');
    assert.deepEqual(catalogSpec.problems('GET', `/batches/${id}`, 200, body), []);
    assert.equal(object.status, 'loading');
    assert.equal(object.imsOrg, DEMO.org);
    assert.deepEqual(object.relatedObjects, [{ type: 'dataSet', id: FIXTURE_DATASET }]);
    assert.deepEqual(object.inputFormat, { format: 'json' });
    assert.deepEqual((object.tags as Record<string, string[]>).acp_stagePath, [`${DEMO.clientId}/stage/${id}`]);
    assert.deepEqual((object.tags as Record<string, string[]>).team, ['loyalty']);
    assert.equal(object.externalId, id);
    assert.equal(object.createdClient, DEMO.clientId);

    const listed = await client.request('GET', `/batches?batch=${id}`);
    assert.deepEqual(Object.keys(listed.json()), [id]);
    assert.deepEqual(catalogSpec.problems('GET', '/batches', 200, listed.json()), []);
  });

  test('datasetId (Batch Ingestion style) also names the dataset; an unknown or missing dataset → 400', async () => {
    const id = await createBatch({ datasetId: FIXTURE_DATASET });
    assert.deepEqual((await lookUp(id)).object.relatedObjects, [{ type: 'dataSet', id: FIXTURE_DATASET }]);
    const unknown = await client.request('POST', '/batches', { body: { datasetId: 'nope' } });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json(), problem(400, "The dataset 'nope' does not exist in this organization and sandbox"));
    const none = await client.request('POST', '/batches', { body: {} });
    assert.deepEqual(none.json(), problem(400, 'A batch needs its dataset: a relatedObjects entry {"type": "dataSet", "id": ...} (or \'datasetId\')'));
    const fromDev = await client.request('POST', '/batches', { body: { datasetId: FIXTURE_DATASET }, sandbox: 'dev' });
    assert.equal(fromDev.statusCode, 400);
  });

  test('POST /batches/{id} creates a batch with that id; twice → 400', async () => {
    const response = await client.request('POST', '/batches/myown0000000000000000000000000001', { body: { datasetId: FIXTURE_DATASET } });
    assert.equal(response.statusCode, 201);
    assert.deepEqual(response.json(), ['@/batches/myown0000000000000000000000000001']);
    const again = await client.request('POST', '/batches/myown0000000000000000000000000001', { body: { datasetId: FIXTURE_DATASET } });
    assert.equal(again.statusCode, 400);
  });

  test('PATCH (fields and JSON Patch), PUT, ETag and If-Match on batches', async () => {
    const id = await createBatch();
    const patched = await client.request('PATCH', `/batches/${id}`, {
      body: { status: 'staged', metrics: { recordsRead: 3 } },
      headers: { 'if-match': '"1.0.0"' },
    });
    assert.equal(patched.statusCode, 200);
    assert.deepEqual(patched.json(), [`@/batches/${id}`]);
    assert.deepEqual(catalogSpec.problems('PATCH', `/batches/${id}`, 200, patched.json()), []);
    assert.equal(patched.headers.etag, '"1.0.1"');

    const jsonPatch = await client.request('PATCH', `/batches/${id}`, {
      headers: { 'content-type': 'application/json-patch+json' },
      body: [{ op: 'add', path: '/tags/reviewed', value: ['yes'] }],
    });
    assert.equal(jsonPatch.statusCode, 200, jsonPatch.body);
    const { object } = await lookUp(id);
    assert.equal(object.status, 'staged');
    assert.deepEqual(object.metrics, { recordsRead: 3 });
    assert.deepEqual((object.tags as Record<string, string[]>).reviewed, ['yes']);
    assert.equal(object.version, '1.0.2');

    const stale = await client.request('PATCH', `/batches/${id}`, { body: { status: 'success' }, headers: { 'if-match': '"1.0.0"' } });
    assert.equal(stale.statusCode, 412);
    assert.deepEqual(stale.json(), { errorMessage: 'Supplied version=["1.0.0"] does not match the current version on entity=["1.0.2"]' });

    const badStatus = await client.request('PATCH', `/batches/${id}`, { body: { status: 'done' } });
    assert.equal(badStatus.statusCode, 400);
    assert.match(badStatus.json().detail, /^'status' must be one of processing, success, failure/);
    const managed = await client.request('PATCH', `/batches/${id}`, {
      headers: { 'content-type': 'application/json-patch+json' },
      body: [{ op: 'replace', path: '/externalId', value: 'x' }],
    });
    assert.deepEqual(managed.json(), problem(400, "JSON Patch operation 0 (replace /externalId) would change 'externalId', which the server manages"));

    const put = await client.request('PUT', `/batches/${id}`, {
      body: { status: 'success', relatedObjects: [{ type: 'dataSet', id: FIXTURE_DATASET }] },
      headers: { 'if-match': '1.0.2' },
    });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(catalogSpec.problems('PUT', `/batches/${id}`, 200, put.json()), []);
    const replaced = (await lookUp(id)).object;
    assert.equal(replaced.status, 'success');
    assert.equal(replaced.metrics, undefined);
    assert.equal(replaced.externalId, id);
    const noStatus = await client.request('PUT', `/batches/${id}`, { body: { tags: {} } });
    assert.equal(noStatus.statusCode, 400);
  });

  test('DELETE /batches/{id} → ["@/batches/{id}"]; unknown → 404', async () => {
    const id = await createBatch();
    const response = await client.request('DELETE', `/batches/${id}`);
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), [`@/batches/${id}`]);
    assert.deepEqual(catalogSpec.problems('DELETE', `/batches/${id}`, 200, response.json()), []);
    assert.equal((await client.request('GET', `/batches/${id}`)).statusCode, 404);
    const unknown = await client.request('DELETE', `/batches/${id}`);
    assert.equal(unknown.statusCode, 404);
    assert.deepEqual(unknown.json(), problem(404, `No batch object with id '${id}' in this organization and sandbox`));
  });

  test('reads settle processed batches first: monitoring with ?batch= sees the outcome and its dataSetFiles', async () => {
    const id = await createBatch({ datasetId: FIXTURE_DATASET, inputFormat: { format: 'json' } });
    const scope = demoScope('prod');
    const { ctx } = client.t;
    const batches = ctx.store.collection<Record<string, unknown> & { id: string }>(scope, COLLECTIONS.batches);
    batches.put(id, { ...batches.get(id)!, status: 'staging' });
    const outcome: BatchOutcome = {
      status: 'success',
      metrics: { recordsRead: 2, recordsWritten: 2 },
      errors: [],
      files: [{ fileName: 'members.json', records: 2, size: 120 }],
      failed: [],
    };
    ctx.store.collection<PendingBatch>(scope, COLLECTIONS.pendingBatches).put(id, { id, completeRequested: ctx.clock.now() - 60_000, outcome });

    const monitored = await client.request('GET', `/batches?batch=${id}`);
    const batch = monitored.json()[id];
    assert.equal(batch.status, 'success');
    assert.deepEqual({ recordsRead: batch.metrics.recordsRead, recordsWritten: batch.metrics.recordsWritten }, { recordsRead: 2, recordsWritten: 2 });
    assert.deepEqual(catalogSpec.problems('GET', '/batches', 200, monitored.json()), []);
    const files = await client.request('GET', `/dataSetFiles?batchId=${id}`);
    const entries = Object.values(files.json()) as Array<Record<string, unknown>>;
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.name, 'members.json');
    assert.equal(entries[0]!.dataSetId, FIXTURE_DATASET);
    const last = await client.request('GET', `/lastBatches?dataSetId=${FIXTURE_DATASET}`);
    assert.equal(last.json()[FIXTURE_DATASET].lastSuccessfulBatchId, id);
  });
});

describe('Catalog batched requests (POST /, appendix.md)', () => {
  let client: CatalogClient;
  before(async () => {
    client = await catalogClient();
  });
  after(() => client.close());

  test('sub-requests run in order; <<id.attribute>> refers to earlier answers; each answers {id, code, body}', async () => {
    const response = await client.request('POST', '/', {
      body: [
        { id: 'first', resource: '/dataSets', method: 'post', body: { name: 'First Dataset' } },
        { id: 'batch', resource: '/batches', method: 'post', body: { relatedObjects: [{ type: 'dataSet', id: '<<first.id>>' }] } },
        { id: 'look', resource: '/dataSets/<<first.id>>?properties=name', method: 'get' },
        { id: 'rename', resource: '/dataSets/<<first.id>>', method: 'PATCH', body: { name: '<<look.name>> renamed' }, headers: { 'if-match': '"1.0.0"' } },
        { id: 'missing', resource: '/dataSets/nope', method: 'GET' },
      ],
    });
    // catalog.yaml, createBatchedRequest: 201 is the one success status
    assert.equal(response.statusCode, 201);
    const answers = response.json() as Array<{ id: string; code: number; body: unknown }>;
    assert.deepEqual(
      answers.map((answer) => [answer.id, answer.code]),
      [
        ['first', 201],
        ['batch', 201],
        ['look', 200],
        ['rename', 200],
        ['missing', 404],
      ],
    );
    const dataSetId = (answers[0]!.body as string[])[0]!.split('/')[2]!;
    assert.deepEqual(answers[2]!.body, { [dataSetId]: { name: 'First Dataset' } });
    assert.deepEqual(answers[3]!.body, [`@/dataSets/${dataSetId}`]);
    assert.deepEqual(answers[4]!.body, problem(404, "No dataSet object with id 'nope' in this organization and sandbox"));
    const batchId = (answers[1]!.body as string[])[0]!.split('/')[2]!;
    const batch = (await client.request('GET', `/batches/${batchId}`)).json()[batchId];
    assert.deepEqual(batch.relatedObjects, [{ type: 'dataSet', id: dataSetId }]);
    assert.equal((await client.request('GET', `/dataSets/${dataSetId}`)).json()[dataSetId].name, 'First Dataset renamed');
  });

  test('a failing change reverts every earlier change and stops the run', async () => {
    const before = (await client.request('GET', '/dataSets?limit=100')).json();
    const response = await client.request('POST', '/', {
      body: [
        { id: 'a', resource: '/dataSets', method: 'POST', body: { name: 'Reverted' } },
        { id: 'b', resource: '/dataSets/<<a.id>>', method: 'PATCH', body: { name: 'Renamed first' } },
        { id: 'c', resource: '/dataSets', method: 'POST', body: { name: 'bad', schemaRef: { id: 'nope' } } },
        { id: 'd', resource: '/dataSets', method: 'POST', body: { name: 'never run' } },
      ],
    });
    assert.equal(response.statusCode, 201);
    const answers = response.json() as Array<{ id: string; code: number; body: unknown }>;
    assert.deepEqual(
      answers.map((answer) => [answer.id, answer.code]),
      [
        ['a', 201],
        ['b', 200],
        ['c', 400],
      ],
    );
    assert.deepEqual(answers[2]!.body, problem(400, "schemaRef.id 'nope' does not name a schema in this organization and sandbox"));
    assert.deepEqual((await client.request('GET', '/dataSets?limit=100')).json(), before);
  });

  test('bad sub-requests: unknown reference, nested batch, bad method → 400 entries; empty or non-array body → 400', async () => {
    const response = await client.request('POST', '/', {
      body: [
        { id: 'x', resource: '/dataSets/<<nobody.id>>', method: 'GET' },
        { id: 'root', resource: '/', method: 'GET' },
        { id: 'y', resource: '/', method: 'POST', body: [] },
      ],
    });
    assert.equal(response.statusCode, 201);
    assert.deepEqual(response.json(), [
      { id: 'x', code: 400, body: problem(400, "<<nobody.id>> refers to no earlier sub-request with id 'nobody'") },
      { id: 'root', code: 200, body: { batches: '@/batches', dataSetFiles: '@/dataSetFiles', dataSets: '@/dataSets' } },
      { id: 'y', code: 400, body: problem(400, 'Sub-request "y": a batched request cannot contain another batched request') },
    ]);
    const dotted = await client.request('POST', '/', {
      body: [
        { id: 'up', resource: '/../schemaregistry/tenant/schemas', method: 'GET' },
        { id: 'encoded', resource: '/%2e%2e/export/files/x', method: 'GET' },
        { id: 'back', resource: '/dataSets/..\\..\\import/batches', method: 'GET' },
        { id: 'inside', resource: '/batches/../dataSets?limit=1', method: 'GET' },
        { id: 'nested', resource: '/dataSets/..', method: 'POST', body: [] },
      ],
    });
    const answers = dotted.json() as Array<{ id: string; code: number; body: unknown }>;
    assert.deepEqual(answers.slice(0, 3), [
      { id: 'up', code: 400, body: problem(400, 'Sub-request "up": resource "/../schemaregistry/tenant/schemas" leads outside the Catalog root') },
      { id: 'encoded', code: 400, body: problem(400, 'Sub-request "encoded": resource "/%2e%2e/export/files/x" leads outside the Catalog root') },
      {
        id: 'back',
        code: 400,
        body: problem(400, `Sub-request "back": resource ${JSON.stringify('/dataSets/..\\..\\import/batches')} leads outside the Catalog root`),
      },
    ]);
    assert.equal(answers[3]!.code, 200);
    assert.equal(Object.keys(answers[3]!.body as object).length, 1);
    assert.deepEqual(answers[4], {
      id: 'nested',
      code: 400,
      body: problem(400, 'Sub-request "nested": a batched request cannot contain another batched request'),
    });
    const trace = await client.request('POST', '/', { body: [{ id: 'z', resource: '/dataSets', method: 'TRACE' }] });
    assert.deepEqual(trace.json(), [{ id: 'z', code: 400, body: problem(400, 'Sub-request "z": method must be one of GET, POST, PUT, PATCH, DELETE') }]);
    assert.equal((await client.request('POST', '/', { body: [] })).statusCode, 400);
    assert.equal((await client.request('POST', '/', { body: { id: 'a' } })).statusCode, 400);
  });

  test("sub-requests act in the caller's org and sandbox", async () => {
    const response = await client.request('POST', '/', { sandbox: 'dev', body: [{ id: 'f', resource: `/dataSets/${FIXTURE_DATASET}`, method: 'GET' }] });
    assert.equal(response.json()[0].code, 404);
  });
});

describe('Catalog batched requests and async context', () => {
  // A child process: async hooks are process-wide, and only Node's internals tell whether they are on.
  test('once no batched request runs, async hooks are off again (they tax every later request)', async (t) => {
    const helpers = new URL('../../helpers.js', import.meta.url).href;
    const source = `
      import { createRequire } from 'node:module';
      const { initHooksExist } = createRequire(import.meta.url)('internal/async_hooks');
      if (typeof initHooksExist !== 'function') { console.log('null'); process.exit(0); }
      const { startApp, tokenFor, platformHeaders } = await import(${JSON.stringify(helpers)});
      const t = await startApp();
      const headers = platformHeaders(await tokenFor(t));
      const before = initHooksExist();
      const batched = (name) => t.inject({ method: 'POST', url: '${CATALOG}/', headers, payload: [
        { id: 'made', resource: '/dataSets', method: 'post', body: { name } },
        { id: 'look', resource: '/dataSets/<<made.id>>?properties=name', method: 'get' },
      ] });
      const answers = await Promise.all([batched('One'), batched('Two')]);
      console.log(JSON.stringify({ before, after: initHooksExist(), codes: answers.map((a) => a.json().map((s) => s.code)) }));
      await t.close();
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-internals', '--input-type=module', '-e', source], { timeout: 30_000 });
    const seen = JSON.parse(stdout) as unknown;
    if (seen === null) return t.skip("this Node version's internals do not say whether async hooks are on");
    assert.deepEqual(seen, {
      before: false,
      after: false,
      codes: [
        [201, 200],
        [201, 200],
      ],
    });
  });
});
