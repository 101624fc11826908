import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../src/server.js';
import { registerService } from '../../../src/services/registry.js';
import { previewRoutes } from '../../../src/services/ingestion/preview-routes.js';
import { ReferenceSpec } from '../../contract/reference.js';
import { OTHER, platformHeaders, tokenFor, type TestApp } from '../../helpers.js';
import { createBatch, jsonLines, member, uploadFile } from './processing-helpers.js';

const reference = ReferenceSpec.load('batch-ingestion.yaml');
/** The preview plugin alone, under a prefix of its own (the Batch Ingestion plugin registers it under /data/foundation/import). */
const PREFIX = '/preview-under-test/import';

async function previewApp(): Promise<TestApp> {
  const blobDir = await mkdtemp(join(tmpdir(), 'preview-test-'));
  const { app, ctx } = await buildApp({ logLevel: 'silent', processingDelayMs: 0, blobDir });
  await registerService(app, ctx, { name: 'preview', product: 'platform', prefixes: [PREFIX], routes: previewRoutes });
  await app.ready();
  return { app, ctx, inject: (options) => app.inject(options), close: () => app.close() };
}

test('preview: the first records of the uploaded files, columns by path, values as text', async () => {
  const t = await previewApp();
  try {
    const headers = platformHeaders(await tokenFor(t));
    const batchId = createBatch(t, { format: 'json' });
    await uploadFile(t, batchId, 'a.json', jsonLines([member(1), member(2)]));
    await uploadFile(t, batchId, 'b.json', jsonLines([{ _id: 'member-3', extra: [1, 2] }]));
    const url = `${PREFIX}/batches/${batchId}/datasets/5c8c3c555033b814b69f947f/preview`;
    const response = await t.inject({ method: 'GET', url, headers });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual(body.formatParams, { format: 'json', charset: 'UTF-8' });
    assert.deepEqual(body.preview.columns, [
      { cid: '0', name: '_id' },
      { cid: '1', name: 'personalEmail/address' },
      { cid: '2', name: 'person/name/firstName' },
      { cid: '3', name: 'person/name/lastName' },
      { cid: '4', name: '_mocktenant/loyalty/loyaltyId' },
      { cid: '5', name: '_mocktenant/loyalty/loyaltyLevel' },
      { cid: '6', name: '_mocktenant/loyalty/loyaltyPoints' },
      { cid: '7', name: '_mocktenant/loyalty/memberSince' },
      { cid: '8', name: 'extra' },
    ]);
    assert.deepEqual(body.preview.rows[0], {
      0: 'member-1',
      1: 'member1@example.com',
      2: 'First1',
      3: 'Last1',
      4: 'L-1',
      5: 'gold',
      6: '100',
      7: '2019-03-05T10:00:00Z',
    });
    assert.deepEqual(body.preview.rows[2], { 0: 'member-3', 8: '[1,2]' });
    assert.deepEqual(reference.problems('GET', `/batches/${batchId}/datasets/x/preview`, 200, body), []);

    const limited = await t.inject({ method: 'GET', url: `${url}?nrow=1`, headers });
    assert.equal(limited.json().preview.rows.length, 1);
  } finally {
    await t.close();
  }
});

test('preview: CSV with the format given in the query; the parameters used are answered', async () => {
  const t = await previewApp();
  try {
    const headers = platformHeaders(await tokenFor(t));
    const batchId = createBatch(t, { format: 'csv' });
    await uploadFile(t, batchId, 'm.csv', '_id;_mocktenant.loyalty.loyaltyPoints\nm-1;5\n');
    const url = `${PREFIX}/batches/${batchId}/datasets/5c8c3c555033b814b69f947f/preview?format=csv&delimiter=%3B`;
    const response = await t.inject({ method: 'GET', url, headers });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), {
      formatParams: { format: 'csv', delimiter: ';', quote: '"', escape: '"', charset: 'UTF-8', header: true },
      preview: {
        columns: [
          { cid: '0', name: '_id' },
          { cid: '1', name: '_mocktenant/loyalty/loyaltyPoints' },
        ],
        rows: [{ 0: 'm-1', 1: '5' }],
      },
    });
  } finally {
    await t.close();
  }
});

test('preview: unknown batch, a dataset not in the batch, another org → 404; unparseable file → 400; avro → 415', async () => {
  const t = await previewApp();
  try {
    const headers = platformHeaders(await tokenFor(t));
    const batchId = createBatch(t, { format: 'json', isMultiLineJson: true });
    await uploadFile(t, batchId, 'broken.json', '[{"_id": 1');
    const unknown = await t.inject({ method: 'GET', url: `${PREFIX}/batches/nope/datasets/5c8c3c555033b814b69f947f/preview`, headers });
    assert.equal(unknown.statusCode, 404);
    assert.deepEqual(unknown.json(), {
      type: 'http://ns.adobe.com/aep/errors/not-found',
      status: 404,
      title: 'NotFoundError',
      detail: "Batch 'nope' was not found.",
    });
    const wrongDataSet = await t.inject({ method: 'GET', url: `${PREFIX}/batches/${batchId}/datasets/otherds/preview`, headers });
    assert.equal(wrongDataSet.statusCode, 404);
    assert.equal(wrongDataSet.json().detail, `Dataset 'otherds' is not part of batch '${batchId}'.`);

    const otherHeaders = platformHeaders(await tokenFor(t, OTHER), { 'x-api-key': OTHER.clientId, 'x-gw-ims-org-id': OTHER.org });
    const otherOrg = await t.inject({ method: 'GET', url: `${PREFIX}/batches/${batchId}/datasets/5c8c3c555033b814b69f947f/preview`, headers: otherHeaders });
    assert.equal(otherOrg.statusCode, 404);

    const broken = await t.inject({ method: 'GET', url: `${PREFIX}/batches/${batchId}/datasets/5c8c3c555033b814b69f947f/preview`, headers });
    assert.equal(broken.statusCode, 400);
    assert.deepEqual(broken.json(), {
      type: 'http://ns.adobe.com/aep/errors/bad-request',
      status: 400,
      title: 'BadRequestError',
      detail:
        "File 'broken.json' cannot be previewed: The file is not valid multi-line JSON: the JSON text ends before its array or object is closed (character 10).",
    });
    const avro = await t.inject({ method: 'GET', url: `${PREFIX}/batches/${batchId}/datasets/5c8c3c555033b814b69f947f/preview?format=avro`, headers });
    assert.equal(avro.statusCode, 415);
    const badNrow = await t.inject({ method: 'GET', url: `${PREFIX}/batches/${batchId}/datasets/5c8c3c555033b814b69f947f/preview?nrow=-1`, headers });
    assert.equal(badNrow.statusCode, 400);
  } finally {
    await t.close();
  }
});
