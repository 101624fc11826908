import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO } from '../../helpers.js';
import { FIXTURE_DATASET, catalogClient, catalogSpec, problem, type CatalogClient } from './support.js';

describe('Catalog: GET /, GET /dataSets/{id}/credentials, PATCH /v2/dataSets/{id} (catalog.yaml)', () => {
  let client: CatalogClient;
  before(async () => {
    client = await catalogClient();
  });
  after(() => client.close());

  const created = async (body: unknown) => {
    const response = await client.request('POST', '/dataSets', { body });
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as string[])[0]!.split('/')[2]!;
  };
  const dataSet = async (id: string) => (await client.request('GET', `/dataSets/${id}`)).json()[id] as Record<string, unknown>;

  test('GET / lists the object types served, each as a reference', async () => {
    const response = await client.request('GET', '/');
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.body, '{"batches":"@/batches","dataSetFiles":"@/dataSetFiles","dataSets":"@/dataSets"}');
    assert.deepEqual(catalogSpec.problems('GET', '/', 200, response.json()), []);
    // the documented listing parameters are accepted
    assert.equal((await client.request('GET', '/?orderBy=asc:created&limit=10&start=0&properties=dataSets')).statusCode, 200);
  });

  test("GET /dataSets/{id}/credentials: the dataset's path, a stage path with ?batchId=, credentials", async () => {
    const response = await client.request('GET', `/dataSets/${FIXTURE_DATASET}/credentials`);
    assert.equal(response.statusCode, 200, response.body);
    const scope = `${DEMO.org}/prod`;
    assert.deepEqual(response.json(), {
      dataSetId: FIXTURE_DATASET,
      path: `adl://adobe-api-mock/${scope}/dataSets/${FIXTURE_DATASET}`,
      credentials: {
        clientId: DEMO.clientId,
        tenantId: DEMO.org,
        name: 'adobe-api-mock',
        adlsType: 'emulated',
        adlsUri: 'adl://adobe-api-mock',
        hadoopUri: `adl://adobe-api-mock/${scope}`,
      },
    });
    assert.deepEqual(catalogSpec.problems('GET', `/dataSets/${FIXTURE_DATASET}/credentials`, 200, response.json()), []);

    const batch = await client.request('POST', '/batches', { body: { datasetId: FIXTURE_DATASET } });
    const batchId = (batch.json() as string[])[0]!.split('/')[2]!;
    const staged = await client.request('GET', `/dataSets/${FIXTURE_DATASET}/credentials?batchId=${batchId}`);
    assert.equal(staged.statusCode, 200, staged.body);
    // catalog.yaml's example (`platformdataset/stage/{batchId}`) and seed 001's batch tag
    // (`acp_stagePath: ["{CREATED_CLIENT}/stage/{batchId}"]`): the batch's own stage path
    assert.equal(staged.json().stagePath, `${DEMO.clientId}/stage/${batchId}`);
    const tags = (await client.request('GET', `/batches/${batchId}`)).json()[batchId].tags;
    assert.deepEqual(tags.acp_stagePath, [staged.json().stagePath]);

    const unknown = await client.request('GET', '/dataSets/nope/credentials');
    assert.equal(unknown.statusCode, 404);
    assert.deepEqual(unknown.json(), problem(404, "No dataSet object with id 'nope' in this organization and sandbox"));
    const otherBatch = await client.request('GET', `/dataSets/${FIXTURE_DATASET}/credentials?batchId=nope`);
    assert.equal(otherBatch.statusCode, 400);
    assert.deepEqual(otherBatch.json(), problem(400, `Batch 'nope' is not a batch of dataset '${FIXTURE_DATASET}'`));
  });

  test('PATCH /v2/dataSets/{id} merges deeply, creating missing intermediate objects', async () => {
    const id = await created({ name: 'V2 patch', description: 'before', tags: { keep: ['k'] }, extensions: { other: { x: 1 } } });
    const body = {
      description: 'Updated dataset for Q2 sales analysis',
      tags: { 'adobe/pqs/table': ['q2_sales_data'] },
      extensions: { adobe_lakeHouse: { rowExpiration: { ttlValue: 'P3Y' } } },
      classification: { dataBehavior: 'time-series', managedBy: 'CUSTOMER' },
    };
    const response = await client.request('PATCH', `/v2/dataSets/${id}`, { body });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.body, `["@/dataSets/${id}"]`);
    assert.equal(response.headers.etag, '"1.0.1"');
    assert.deepEqual(catalogSpec.problems('PATCH', `/v2/dataSets/${id}`, 200, response.json()), []);
    const after = await dataSet(id);
    assert.equal(after.description, 'Updated dataset for Q2 sales analysis');
    assert.deepEqual(after.tags, { keep: ['k'], 'adobe/pqs/table': ['q2_sales_data'] });
    assert.deepEqual(after.extensions, { other: { x: 1 }, adobe_lakeHouse: { rowExpiration: { ttlValue: 'P3Y' } } });
    assert.deepEqual(after.classification, { dataBehavior: 'time-series', managedBy: 'CUSTOMER' });
    assert.equal(after.name, 'V2 patch');
  });

  test('PATCH /v2/dataSets/{id}: If-Match, unknown id, non-object body, server-managed fields', async () => {
    const id = await created({ name: 'V2 checks' });
    const stale = await client.request('PATCH', `/v2/dataSets/${id}`, { body: { description: 'x' }, headers: { 'if-match': '"0.9.9"' } });
    assert.equal(stale.statusCode, 412);
    const unknown = await client.request('PATCH', '/v2/dataSets/nope', { body: { description: 'x' } });
    assert.equal(unknown.statusCode, 404);
    const array = await client.request('PATCH', `/v2/dataSets/${id}`, { body: [{ op: 'add', path: '/description', value: 'x' }] });
    assert.equal(array.statusCode, 400);
    const managed = await client.request('PATCH', `/v2/dataSets/${id}`, { body: { created: 1, imsOrg: 'x', description: 'kept' } });
    assert.equal(managed.statusCode, 200, managed.body);
    const after = await dataSet(id);
    assert.equal(after.imsOrg, DEMO.org);
    assert.equal(after.description, 'kept');
  });
});
