/**
 * Issue 16: batch validation follows the schema as it evolves. Everything goes through the HTTP
 * routes: Schema Registry writes (field groups, data types, schemas, descriptors), a Catalog
 * dataset, Batch Ingestion uploads and COMPLETE, and the batch as Catalog shows it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { platformHeaders, tokenFor, type TestApp } from '../../helpers.js';
import { COLLECTIONS } from '../../../src/services/platform-objects.js';
import { processingDone } from '../../../src/services/ingestion/processing.js';
import { jsonLines, processingApp, SCOPE } from './processing-helpers.js';

const REGISTRY = '/data/foundation/schemaregistry';
const PROFILE = 'https://ns.adobe.com/xdm/context/profile';

let t: TestApp;
let token: string;

before(async () => {
  t = await processingApp();
  token = await tokenFor(t);
});
after(() => t.close());

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const raw = typeof body === 'string';
  return t.inject({
    method: method as 'GET',
    url,
    headers: platformHeaders(token, {
      ...(body !== undefined ? { 'content-type': raw ? 'application/octet-stream' : 'application/json' } : {}),
      ...headers,
    }),
    ...(body !== undefined ? { payload: raw ? body : JSON.stringify(body) } : {}),
  });
}

async function created(method: string, url: string, body: unknown, status = 201): Promise<Record<string, unknown>> {
  const response = await call(method, url, body);
  assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
  return response.json();
}

interface BatchView {
  status: string;
  errors?: Array<{ code: string; description: string; rows: string[]; recordCount?: number }>;
  metrics?: Record<string, unknown>;
}

/** Uploads one JSON-lines file in a new batch of the dataset, completes it, and returns the batch as Catalog shows it once processed. */
async function ingest(dataSetId: string, records: unknown[]): Promise<BatchView & { id: string }> {
  const batch = await created('POST', '/data/foundation/import/batches', { datasetId: dataSetId, inputFormat: { format: 'json' } });
  const id = String(batch.id);
  const upload = await call('PUT', `/data/foundation/import/batches/${id}/datasets/${dataSetId}/files/members.json`, jsonLines(records));
  assert.equal(upload.statusCode, 200, upload.body);
  const complete = await call('POST', `/data/foundation/import/batches/${id}?action=COMPLETE`);
  assert.equal(complete.statusCode, 200, complete.body);
  await processingDone(t.ctx);
  const view = await call('GET', `/data/foundation/catalog/batches/${id}`);
  assert.equal(view.statusCode, 200, view.body);
  return { id, ...(view.json() as Record<string, BatchView>)[id] };
}

function failedRows(batchId: string): Array<[number, string[]]> {
  const entry = t.ctx.store.collection<{ records: Array<{ row: number; errors: string[] }> }>(SCOPE, COLLECTIONS.failedRecords).get(batchId);
  return (entry?.records ?? []).map((record) => [record.row, record.errors]);
}

const summary = (failed: number, written: number, rows: string[]) => ({
  code: 'INGEST-1212-400',
  description: `Encountered ${failed} errors in the data. Successfully ingested ${written} rows. Please review the associated diagnostic files for more details.`,
  rows,
});

const member = (n: number, loyalty: Record<string, unknown> = {}) => ({ _id: `m-${n}`, _mocktenant: { memberId: `M-${n}`, loyalty } });

test('ingestion validates against the schema as it is when each batch is processed', async () => {
  // A data type, and two field groups on Profile: the core one (memberId) and the tier one.
  const statusType = await created('POST', `${REGISTRY}/tenant/datatypes`, {
    title: 'Tier status',
    type: 'object',
    properties: { code: { title: 'Code', type: 'integer', 'meta:xdmType': 'int' } },
  });
  const fieldGroup = (title: string, properties: Record<string, unknown>) => ({
    title,
    type: 'object',
    'meta:intendedToExtend': [PROFILE],
    definitions: { fields: { properties: { _mocktenant: { type: 'object', properties } } } },
    allOf: [{ $ref: '#/definitions/fields' }],
  });
  const core = await created('POST', `${REGISTRY}/tenant/fieldgroups`, fieldGroup('Member core', { memberId: { title: 'Member id', type: 'string' } }));
  const tierGroup = await created(
    'POST',
    `${REGISTRY}/tenant/fieldgroups`,
    fieldGroup('Loyalty tier', {
      loyalty: {
        type: 'object',
        properties: { tier: { title: 'Tier', type: 'string' }, status: { $ref: statusType.$id } },
      },
    }),
  );
  const schema = await created('POST', `${REGISTRY}/tenant/schemas`, {
    title: 'Evolving members',
    type: 'object',
    allOf: [{ $ref: PROFILE }, { $ref: core.$id }],
  });
  const [dataSetPath] = (await created('POST', '/data/foundation/catalog/dataSets', {
    name: 'Evolving members',
    schemaRef: { id: schema.$id, contentType: 'application/vnd.adobe.xed+json;version=1' },
  })) as unknown as string[];
  const dataSetId = dataSetPath.replace('@/dataSets/', '');

  // Before the patch, `tier` is not a field of the schema: tolerated whatever its type.
  const before = await ingest(dataSetId, [member(1, { tier: 'gold' }), member(2, { tier: 42 })]);
  assert.deepEqual([before.status, before.errors], ['success', []]);

  // The field group added by PATCH (version 1.0 → 1.1): a string tier passes, a number fails.
  const patched = await created(
    'PATCH',
    `${REGISTRY}/tenant/schemas/${schema['meta:altId']}`,
    [{ op: 'add', path: '/allOf/-', value: { $ref: tierGroup.$id } }],
    200,
  );
  assert.equal(patched.version, '1.1');
  const after = await ingest(dataSetId, [member(1, { tier: 'gold' }), member(2, { tier: 42 })]);
  assert.equal(after.status, 'success');
  assert.deepEqual(after.errors, [summary(1, 1, ['members.json:2'])]);
  assert.deepEqual(failedRows(after.id), [[2, ['/_mocktenant/loyalty/tier must be string']]]);

  // Every record of the wrong type: the batch fails.
  const allWrong = await ingest(dataSetId, [member(3, { tier: true })]);
  assert.equal(allWrong.status, 'failed');
  assert.deepEqual(allWrong.errors, [summary(1, 0, ['members.json:1'])]);
  assert.equal(allWrong.metrics?.failureReason, "None of the 1 records read matches the dataset's schema.");

  // The data type the field group uses changes (the schema's own version does not): the next batch follows it.
  // Its dataset has data now, so only an additive change is allowed (a type change is refused, XDM-1529).
  const labelled = [member(4, { status: { code: 7, label: 'gold' } }), member(5, { status: { code: 7, label: 5 } })];
  assert.deepEqual((await ingest(dataSetId, labelled)).errors, []);
  const statusPath = `${REGISTRY}/tenant/datatypes/${statusType['meta:altId']}`;
  const narrowed = await call('PUT', statusPath, {
    title: 'Tier status',
    type: 'object',
    properties: { code: { title: 'Code', type: 'string', 'meta:xdmType': 'string' } },
  });
  assert.equal(narrowed.statusCode, 400);
  assert.equal(narrowed.json().type, 'http://ns.adobe.com/aep/errors/XDM-1529-400');
  await created(
    'PUT',
    statusPath,
    {
      title: 'Tier status',
      type: 'object',
      properties: { code: { title: 'Code', type: 'integer', 'meta:xdmType': 'int' }, label: { title: 'Label', type: 'string', 'meta:xdmType': 'string' } },
    },
    200,
  );
  const withLabel = await ingest(dataSetId, labelled);
  assert.deepEqual(withLabel.errors, [summary(1, 1, ['members.json:2'])]);
  assert.deepEqual(failedRows(withLabel.id), [[2, ['/_mocktenant/loyalty/status/label must be string']]]);

  // The field group itself changes by PATCH: the next batch knows its new field.
  const points = [member(11, { points: 10 }), member(12, { points: 'ten' })];
  assert.deepEqual((await ingest(dataSetId, points)).errors, []);
  await created(
    'PATCH',
    `${REGISTRY}/tenant/fieldgroups/${tierGroup['meta:altId']}`,
    [{ op: 'add', path: '/definitions/fields/properties/_mocktenant/properties/loyalty/properties/points', value: { title: 'Points', type: 'integer' } }],
    200,
  );
  const withPoints = await ingest(dataSetId, points);
  assert.deepEqual(failedRows(withPoints.id), [[2, ['/_mocktenant/loyalty/points must be integer']]]);

  // A primary identity descriptor: the identity field becomes required (INGEST-1555-400).
  const withoutIdentity = [member(6), { _id: 'm-7', _mocktenant: { loyalty: { tier: 'silver' } } }, { _id: 'm-8' }];
  const beforeDescriptor = await ingest(dataSetId, withoutIdentity);
  assert.deepEqual([beforeDescriptor.status, beforeDescriptor.errors], ['success', []]);
  const descriptor = await created('POST', `${REGISTRY}/tenant/descriptors`, {
    '@type': 'xdm:descriptorIdentity',
    'xdm:sourceSchema': schema.$id,
    'xdm:sourceVersion': 1,
    'xdm:sourceProperty': '/_mocktenant/memberId',
    'xdm:namespace': 'Email',
    'xdm:property': 'xdm:code',
    'xdm:isPrimary': true,
  });
  const identityRequired = await ingest(dataSetId, withoutIdentity);
  assert.equal(identityRequired.status, 'success');
  assert.deepEqual(identityRequired.errors, [
    summary(2, 1, ['members.json:2', 'members.json:3']),
    {
      code: 'INGEST-1555-400',
      description: 'A required field is either missing or has a value of null. Add the required field to the input row and try again.',
      rows: ['members.json:2', 'members.json:3'],
      recordCount: 2,
    },
  ]);
  assert.deepEqual(failedRows(identityRequired.id), [
    [2, ["/_mocktenant must have required property 'memberId'"]],
    [3, ["/ must have required property '_mocktenant'"]],
  ]);

  // A null or empty identity counts as missing (Adobe refuses empty identity values); without the descriptor the field is optional again.
  const nullIdentity = await ingest(dataSetId, [member(9), { _id: 'm-10', _mocktenant: { memberId: null } }]);
  assert.deepEqual(failedRows(nullIdentity.id), [[2, ["/_mocktenant must have required property 'memberId'"]]]);
  const emptyIdentity = await ingest(dataSetId, [member(13), { _id: 'm-14', _mocktenant: { memberId: '', loyalty: { tier: 'gold' } } }, member(15)]);
  assert.equal(emptyIdentity.status, 'success');
  assert.deepEqual(emptyIdentity.errors, [
    summary(1, 2, ['members.json:2']),
    {
      code: 'INGEST-1555-400',
      description: 'A required field is either missing or has a value of null. Add the required field to the input row and try again.',
      rows: ['members.json:2'],
      recordCount: 1,
    },
  ]);
  assert.deepEqual(failedRows(emptyIdentity.id), [[2, ["/_mocktenant must have required property 'memberId'"]]]);
  assert.equal((await call('DELETE', `${REGISTRY}/tenant/descriptors/${descriptor['@id']}`)).statusCode, 204);
  const descriptorGone = await ingest(dataSetId, withoutIdentity);
  assert.deepEqual([descriptorGone.status, descriptorGone.errors], ['success', []]);
});
