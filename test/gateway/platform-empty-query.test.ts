import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DATASET, IMPORT, startUploadApp, type UploadApp } from '../services/ingestion/upload-helpers.js';

/**
 * Generated clients and Postman send every declared parameter, empty when unset
 * (`?limit=&start=&orderby=`): on every Platform route an empty value means the parameter is absent.
 */
describe('Platform: empty query values count as absent', () => {
  let t: UploadApp;
  let batchId: string;
  before(async () => {
    t = await startUploadApp();
    batchId = await t.createBatch();
    await t.put(batchId, 'members.json', '{"_id":"m-1"}\n');
    await t.inject({ method: 'POST', url: `${IMPORT}/batches/${batchId}?action=COMPLETE`, headers: t.headers() });
  });
  after(() => t.close());

  /** The same call with and without the empty parameters answers the same. */
  const same = async (url: string, empties: string, headers: Record<string, string> = {}) => {
    const plain = await t.inject({ method: 'GET', url, headers: { ...t.headers(), ...headers } });
    const separator = url.includes('?') ? '&' : '?';
    const withEmpties = await t.inject({ method: 'GET', url: `${url}${separator}${empties}`, headers: { ...t.headers(), ...headers } });
    assert.equal(plain.statusCode, 200, plain.body);
    assert.equal(withEmpties.statusCode, 200, withEmpties.body);
    assert.deepEqual(withEmpties.json(), plain.json());
  };

  test('Catalog: tags=, limit=, start=, orderBy=, properties=, property=', () =>
    same('/data/foundation/catalog/dataSets', 'tags=&limit=&start=&orderBy=&properties=&property='));

  test('Catalog: a repeated parameter keeps its non-empty values', async () => {
    const headers = t.headers();
    const one = await t.inject({ method: 'GET', url: `/data/foundation/catalog/batches?batch=${batchId}`, headers });
    const repeated = await t.inject({ method: 'GET', url: `/data/foundation/catalog/batches?batch=&batch=${batchId}`, headers });
    assert.equal(repeated.statusCode, 200, repeated.body);
    assert.deepEqual(Object.keys(repeated.json()), [batchId]);
    assert.deepEqual(repeated.json(), one.json());
  });

  test('Schema Registry: limit=, start=, orderby=, property=', () =>
    same('/data/foundation/schemaregistry/tenant/schemas', 'limit=&start=&orderby=&property=', { accept: 'application/vnd.adobe.xed-id+json' }));

  test('Data Access: limit=, start=', () => same(`/data/foundation/export/batches/${batchId}/files`, 'limit=&start='));

  test('Batch Ingestion preview: nrow=, format=, delimiter=', () =>
    same(`${IMPORT}/batches/${batchId}/datasets/${DATASET}/preview`, 'nrow=&format=&delimiter='));
});
