import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ReferenceSpec } from '../../contract/reference.js';
import { COLLECTIONS, keyedById, settleBatches, type Batch, type DataSet, type PendingBatch } from '../../../src/services/platform-objects.js';
import { startProcessing } from '../../../src/services/ingestion/processing.js';
import { awaitSettled, batchOf, createBatch, DATASET, ingest, jsonLines, member, processingApp, SCOPE, uploadFile } from './processing-helpers.js';

const catalog = ReferenceSpec.load('catalog.yaml');

function dataSetFiles(t: Awaited<ReturnType<typeof processingApp>>, batchId: string) {
  return [...t.ctx.store.collection<Record<string, unknown>>(SCOPE, COLLECTIONS.dataSetFiles).values()].filter((file) => file.batchId === batchId);
}

function failedRecords(t: Awaited<ReturnType<typeof processingApp>>, batchId: string) {
  return t.ctx.store
    .collection<{ id: string; records: Array<{ file: string; row: number; record: unknown; errors: string[] }> }>(SCOPE, COLLECTIONS.failedRecords)
    .get(batchId)?.records;
}

function successMetrics(now: number, read: number, written: number, inputBytes: number, outputBytes: number, files: number) {
  return {
    startTime: now,
    endTime: now,
    recordsRead: read,
    recordsWritten: written,
    failedRecordCount: read - written,
    inputFileCount: files,
    inputByteSize: inputBytes,
    inputRecordSize: read,
    outputByteSize: outputBytes,
    outputRecordSize: written,
    partitionCount: files,
  };
}

test('JSON lines: every record valid → success with exact metrics, dataSetFiles and dataset lastBatch fields', async () => {
  const t = await processingApp();
  try {
    const now = t.ctx.clock.now();
    const content = `${jsonLines([member(1), member(2)])}\n${jsonLines([member(3)])}`;
    const batch = await ingest(t, { format: 'json' }, { 'members.json': content });
    assert.equal(batch.status, 'success');
    assert.deepEqual(batch.errors, []);
    const size = Buffer.byteLength(content);
    assert.deepEqual(batch.metrics, successMetrics(now, 3, 3, size, size, 1));
    // catalog.yaml: completed − started is the processing time, the metrics' endTime − startTime
    assert.equal(batch.started, batch.metrics?.startTime);
    assert.equal(batch.completed, batch.metrics?.endTime);
    assert.equal(batch.version, '1.0.2');
    assert.deepEqual(batch.relatedObjects, [
      { type: 'dataSet', id: DATASET },
      { type: 'dataSetFile', id: `${batch.id}-1` },
    ]);
    const files = dataSetFiles(t, batch.id);
    assert.equal(files.length, 1);
    assert.deepEqual(
      { ...files[0], created: 0, updated: 0 },
      {
        id: `${batch.id}-1`,
        dataSetId: DATASET,
        batchId: batch.id,
        name: 'members.json',
        imsOrg: batch.imsOrg,
        records: 3,
        size,
        isValid: true,
        created: 0,
        updated: 0,
        createdClient: batch.createdClient,
        createdUser: batch.createdUser,
        updatedUser: batch.updatedUser,
        version: '1.0.0',
      },
    );
    assert.equal(failedRecords(t, batch.id), undefined);
    const dataSet = t.ctx.store.collection<DataSet>(SCOPE, COLLECTIONS.dataSets).get(DATASET)!;
    assert.equal(dataSet.lastBatchId, batch.id);
    assert.equal(dataSet.lastBatchStatus, 'success');
    assert.equal(dataSet.lastSuccessfulBatch, batch.id);
    assert.equal(t.ctx.store.collection<PendingBatch>(SCOPE, COLLECTIONS.pendingBatches).size, 0);
    // As Catalog answers GET /batches/{BATCH_ID}: conforms to catalog.yaml.
    assert.deepEqual(catalog.problems('GET', `/batches/${batch.id}`, 200, keyedById([batch])), []);
  } finally {
    await t.close();
  }
});

test('multi-line JSON: an array spread over lines, and a single object', async () => {
  const t = await processingApp();
  try {
    const now = t.ctx.clock.now();
    const array = JSON.stringify([member(1), member(2, { person: { name: { firstName: 'Brace } and " quote', lastName: 'x' } } })], null, 2);
    const single = JSON.stringify(member(3), null, 4);
    const batch = await ingest(t, { format: 'json', isMultiLineJson: true }, { 'array.json': array, 'single.json': single });
    assert.equal(batch.status, 'success', JSON.stringify(batch.metrics));
    const bytes = Buffer.byteLength(array) + Buffer.byteLength(single);
    assert.deepEqual(batch.metrics, successMetrics(now, 3, 3, bytes, bytes, 2));
    assert.deepEqual(
      dataSetFiles(t, batch.id).map((file) => [file.name, file.records]),
      [
        ['array.json', 2],
        ['single.json', 1],
      ],
    );
  } finally {
    await t.close();
  }
});

test('CSV: header row with dotted XDM paths, values converted to the schema types, options honoured', async () => {
  const t = await processingApp();
  try {
    const now = t.ctx.clock.now();
    const csv = `${[
      '_id,personalEmail.address,person.name.firstName,_mocktenant.loyalty.loyaltyPoints,_mocktenant.loyalty.memberSince',
      'member-1,a@example.com,Ann,120,2019-03-05T10:00:00Z',
      '',
      'member-2,b@example.com,"Bob, Jr.",0,',
    ].join('\r\n')}\r\n`;
    const semicolons = "_id;personalEmail.address;_mocktenant.loyalty.loyaltyPoints;person.name.lastName\n'member-3';c@example.com;7;NULL\n";
    const first = await ingest(t, { format: 'csv' }, { 'members.csv': csv });
    assert.equal(first.status, 'success');
    assert.deepEqual(first.metrics, successMetrics(now, 2, 2, Buffer.byteLength(csv), Buffer.byteLength(csv), 1));
    const second = await ingest(t, { format: 'csv', delimiter: ';', quote: "'", nullMarker: 'NULL' }, { 'members.csv': semicolons });
    assert.equal(second.status, 'success');
    assert.equal(second.metrics?.recordsWritten, 1);
    // A value that is not an integer stays text and fails the schema.
    const bad = await ingest(
      t,
      { format: 'csv' },
      { 'bad.csv': '_id,personalEmail.address,_mocktenant.loyalty.loyaltyPoints\nm-1,a@example.com,12\nm-2,b@example.com,twelve\n' },
    );
    assert.equal(bad.status, 'success');
    assert.deepEqual(failedRecords(t, bad.id), [
      {
        file: 'bad.csv',
        row: 2,
        record: { _id: 'm-2', personalEmail: { address: 'b@example.com' }, _mocktenant: { loyalty: { loyaltyPoints: 'twelve' } } },
        errors: ['/_mocktenant/loyalty/loyaltyPoints must be integer'],
      },
    ]);
  } finally {
    await t.close();
  }
});

test('Parquet: flat dotted columns, nested (JSON) columns and several row groups', async () => {
  const t = await processingApp();
  try {
    const now = t.ctx.clock.now();
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: '_id', data: ['member-1', 'member-2', 'member-3'] },
        { name: 'personalEmail.address', data: ['ann@example.com', 'bob@example.com', 'cy@example.com'] },
        { name: 'person', data: [{ name: { firstName: 'Ann' } }, { name: { firstName: 'Bob' } }, { name: { firstName: 'Cy' } }] },
        { name: '_mocktenant.loyalty.loyaltyPoints', data: [1n, 2n, 3n], type: 'INT64' },
        { name: '_mocktenant.loyalty.memberSince', data: [new Date('2019-03-05T10:00:00Z'), null, new Date('2020-01-01T00:00:00Z')], type: 'TIMESTAMP' },
      ],
      rowGroupSize: 2,
    });
    const bytes = new Uint8Array(buffer);
    const batch = await ingest(t, { format: 'parquet' }, { 'members.parquet': bytes });
    assert.equal(batch.status, 'success', JSON.stringify(batch.metrics));
    assert.deepEqual(batch.metrics, successMetrics(now, 3, 3, bytes.byteLength, bytes.byteLength, 1));
  } finally {
    await t.close();
  }
});

test('a batch without inputFormat reads each file by its extension (seed 001 creates batches with only a datasetId)', async () => {
  const t = await processingApp();
  try {
    const batch = await ingest(t, undefined, { 'a.json': jsonLines([member(1)]), 'b.csv': '_id,personalEmail.address\nmember-2,b@example.com\n' });
    assert.equal(batch.status, 'success');
    assert.equal(batch.metrics?.recordsWritten, 2);
  } finally {
    await t.close();
  }
});

test('bad records: the batch succeeds with the valid ones; failed rows and documented error codes are listed', async () => {
  const t = await processingApp();
  try {
    const content = [
      JSON.stringify(member(1)),
      '{"_id": "broken", ',
      JSON.stringify(member(3, { personalEmail: { address: 'not-an-email' } })),
      JSON.stringify(member(4, { _mocktenant: { loyalty: { loyaltyPoints: 'lots' } }, unknownField: { tolerated: true } })),
      '42',
    ].join('\n');
    const batch = await ingest(t, { format: 'json' }, { 'mixed.json': content });
    assert.equal(batch.status, 'success');
    assert.equal(batch.metrics?.recordsRead, 5);
    assert.equal(batch.metrics?.recordsWritten, 1);
    assert.equal(batch.metrics?.failedRecordCount, 4);
    assert.deepEqual(batch.errors, [
      {
        code: 'INGEST-1212-400',
        description: 'Encountered 4 errors in the data. Successfully ingested 1 rows. Please review the associated diagnostic files for more details.',
        rows: ['mixed.json:2', 'mixed.json:5', 'mixed.json:3', 'mixed.json:4'],
      },
      {
        code: 'INGEST-1401-400',
        description: 'The row has corrupted data and cannot be read or parsed. Fix the corrupted data and try again.',
        rows: ['mixed.json:2', 'mixed.json:5'],
        recordCount: 2,
      },
    ]);
    const failed = failedRecords(t, batch.id)!;
    assert.deepEqual(
      failed.map((entry) => [entry.row, entry.errors]),
      [
        [2, [`The row is corrupted and cannot be parsed: ${failed[0].errors[0].split(': ').slice(1).join(': ')}`]],
        [3, ['/personalEmail/address must match format "email"']],
        [4, ['/_mocktenant/loyalty/loyaltyPoints must be integer']],
        [5, ['The row is corrupted and cannot be parsed: the line is not a JSON object']],
      ],
    );
    assert.equal(failed[0].record, '{"_id": "broken", ');
    assert.deepEqual(
      dataSetFiles(t, batch.id).map((file) => file.records),
      [1],
    );
    assert.deepEqual(catalog.problems('GET', `/batches/${batch.id}`, 200, keyedById([batch])), []);
  } finally {
    await t.close();
  }
});

test('a required field missing or null → INGEST-1555-400; partial ingestion threshold honoured', async () => {
  const t = await processingApp();
  try {
    const schemas = t.ctx.store.collection<Record<string, unknown> & { id: string }>(SCOPE, 'schemas');
    const base = schemas.get('_mocktenant.schemas.533ca5da28087c44344810891b0f03d9')!;
    schemas.put('_mocktenant.schemas.required', {
      ...base,
      id: '_mocktenant.schemas.required',
      $id: 'https://ns.adobe.com/mocktenant/schemas/required',
      'meta:altId': '_mocktenant.schemas.required',
      required: ['_id'],
    });
    t.ctx.store.collection<DataSet>(SCOPE, COLLECTIONS.dataSets).put('requiredds', {
      ...t.ctx.store.collection<DataSet>(SCOPE, COLLECTIONS.dataSets).get(DATASET)!,
      id: 'requiredds',
      schemaRef: { id: 'https://ns.adobe.com/mocktenant/schemas/required', contentType: 'application/vnd.adobe.xed+json;version=1' },
    });
    const content = jsonLines([member(1), { ...member(2), _id: null }, { person: member(3).person }]);
    const batch = await ingest(t, { format: 'json' }, { 'r.json': content }, { dataSetId: 'requiredds' });
    assert.equal(batch.status, 'success');
    assert.deepEqual(batch.errors?.[1], {
      code: 'INGEST-1555-400',
      description: 'A required field is either missing or has a value of null. Add the required field to the input row and try again.',
      rows: ['r.json:2', 'r.json:3'],
      recordCount: 2,
    });
    assert.deepEqual(failedRecords(t, batch.id)![0].errors, ["/ must have required property '_id'"]);

    const strict = await ingest(t, { format: 'json' }, { 'r.json': content }, { dataSetId: 'requiredds', tags: { acp_partialIngestionPercent: ['5'] } });
    assert.equal(strict.status, 'failed');
    assert.equal(strict.metrics?.failureReason, "2 of 3 records failed validation, above the batch's partial ingestion threshold of 5%.");
    assert.deepEqual(dataSetFiles(t, strict.id), []);
  } finally {
    await t.close();
  }
});

test('an empty file → failed with code 106', async () => {
  const t = await processingApp();
  try {
    const now = t.ctx.clock.now();
    const batch = await ingest(t, { format: 'json' }, { 'empty.json': '' });
    assert.equal(batch.status, 'failed');
    assert.deepEqual(batch.errors, [{ code: '106', description: 'Dataset file is empty. Please upload file with data.', rows: [] }]);
    assert.deepEqual(batch.metrics, {
      startTime: now,
      endTime: now,
      recordsRead: 0,
      recordsWritten: 0,
      failureReason: 'Dataset file is empty. Please upload file with data.',
    });
    assert.deepEqual(dataSetFiles(t, batch.id), []);
    const dataSet = t.ctx.store.collection<DataSet>(SCOPE, COLLECTIONS.dataSets).get(DATASET)!;
    assert.equal(dataSet.lastBatchId, batch.id);
    assert.equal(dataSet.lastBatchStatus, 'failed');
    assert.equal(dataSet.lastSuccessfulBatch, undefined);
    assert.deepEqual(catalog.problems('GET', `/batches/${batch.id}`, 200, keyedById([batch])), []);
    for (const [format, name] of [
      [{ format: 'csv' as const }, 'empty.csv'],
      [{ format: 'parquet' as const }, 'empty.parquet'],
      [{ format: 'json' as const, isMultiLineJson: true }, 'empty-array.json'],
    ] as const) {
      const other = await ingest(t, format, { [name]: name === 'empty-array.json' ? ' [ ]\n' : '' });
      assert.deepEqual([other.status, other.errors?.map((error) => error.code)], ['failed', ['106']], name);
    }
  } finally {
    await t.close();
  }
});

test('a CSV file with an empty header row → failed with code 118', async () => {
  const t = await processingApp();
  try {
    const batch = await ingest(t, { format: 'csv' }, { 'noheader.csv': '\nmember-1,a@example.com\n' });
    assert.equal(batch.status, 'failed');
    assert.deepEqual(batch.errors, [{ code: '118', description: 'CSV file contains empty header row.', rows: [] }]);
    assert.equal(batch.metrics?.failureReason, 'CSV file contains empty header row.');
  } finally {
    await t.close();
  }
});

test('an unparseable file (multi-line JSON, corrupt Parquet, broken CSV) → failed with a failureReason', async () => {
  const t = await processingApp();
  try {
    const json = await ingest(
      t,
      { format: 'json', isMultiLineJson: true },
      { 'broken.json': '[{"_id": "a", "personalEmail": {"address": "a@example.com"}}, {"_id": ' },
    );
    assert.equal(json.status, 'failed');
    assert.equal(
      json.metrics?.failureReason,
      'broken.json: The file is not valid multi-line JSON: the JSON text ends before its array or object is closed (character 70).',
    );
    assert.deepEqual(json.errors, []);

    const parquet = await ingest(t, { format: 'parquet' }, { 'corrupt.parquet': 'this is not parquet at all' });
    assert.equal(parquet.status, 'failed');
    assert.match(String(parquet.metrics?.failureReason), /^corrupt\.parquet: The file is not valid Parquet: /);

    const csv = await ingest(t, { format: 'csv' }, { 'quote.csv': '_id\n"unterminated\n' });
    assert.equal(csv.status, 'failed');
    assert.match(String(csv.metrics?.failureReason), /^quote\.csv: The file is not valid CSV: /);
    assert.deepEqual(dataSetFiles(t, csv.id), []);
  } finally {
    await t.close();
  }
});

test('no valid record → failed, with the failed rows readable', async () => {
  const t = await processingApp();
  try {
    const batch = await ingest(
      t,
      { format: 'json' },
      { 'all-bad.json': `not json at all\n${JSON.stringify({ _id: 5, personalEmail: { address: 'e@example.com' } })}\n` },
    );
    assert.equal(batch.status, 'failed');
    assert.equal(batch.metrics?.failureReason, "None of the 2 records read matches the dataset's schema.");
    assert.equal(batch.metrics?.recordsRead, 2);
    assert.equal(batch.metrics?.recordsWritten, 0);
    assert.deepEqual(
      batch.errors?.map((error) => error.code),
      ['INGEST-1212-400', 'INGEST-1401-400'],
    );
    assert.equal(failedRecords(t, batch.id)?.length, 2);
  } finally {
    await t.close();
  }
});

test('lifecycle on the emulator clock: staging → processing at half the delay → final at the full delay', async () => {
  const t = await processingApp(1000);
  try {
    const batchId = createBatch(t, { format: 'json' });
    await uploadFile(t, batchId, 'm.json', jsonLines([member(1)]));
    const completeAt = t.ctx.clock.now();
    startProcessing(t.ctx, SCOPE, batchId);
    const staging = batchOf(t, batchId);
    assert.equal(staging.status, 'staging');
    assert.equal(staging.started, undefined, 'processing has not started');
    assert.equal(staging.completed, undefined, 'nor finished');
    assert.equal(staging.version, '1.0.1');
    await awaitProcessed(t);
    assert.equal(batchOf(t, batchId).status, 'staging', 'the outcome waits for the clock');
    t.ctx.clock.advance(499);
    assert.equal(batchOf(t, batchId).status, 'staging');
    t.ctx.clock.advance(1);
    const processing = batchOf(t, batchId);
    assert.equal(processing.status, 'processing');
    assert.equal(processing.version, '1.0.2');
    assert.equal(processing.started, completeAt + 500);
    assert.equal(processing.completed, undefined);
    t.ctx.clock.advance(499);
    assert.equal(batchOf(t, batchId).status, 'processing');
    t.ctx.clock.advance(1);
    const done = batchOf(t, batchId);
    assert.equal(done.status, 'success');
    assert.equal(done.version, '1.0.3');
    assert.equal(done.updated, completeAt + 1000);
    assert.equal(done.metrics?.startTime, completeAt + 500);
    assert.equal(done.metrics?.endTime, completeAt + 1000);
    // monotonic: created ≤ started ≤ completed ≤ updated, and completed − started = endTime − startTime
    assert.equal(done.started, completeAt + 500);
    assert.equal(done.completed, completeAt + 1000);
    assert.ok(done.created <= done.started! && done.started! <= done.completed! && done.completed! <= done.updated);
  } finally {
    await t.close();
  }
});

test('the final state waits for processing when the clock has already passed the delay', async () => {
  const t = await processingApp(10);
  try {
    const batchId = createBatch(t, { format: 'json' });
    await uploadFile(t, batchId, 'm.json', jsonLines([member(1)]));
    startProcessing(t.ctx, SCOPE, batchId);
    t.ctx.clock.advance(60_000);
    // Processing has not had its turn yet: the batch shows `processing`, not a final state.
    assert.equal(batchOf(t, batchId).status, 'processing');
    assert.equal((await awaitSettled(t, batchId)).status, 'success');
  } finally {
    await t.close();
  }
});

test('I/O failure while processing (file missing on disk) ends the batch failed with a reason', async () => {
  const t = await processingApp();
  try {
    const batchId = createBatch(t, { format: 'json' });
    const file = await uploadFile(t, batchId, 'gone.json', jsonLines([member(1)]));
    t.ctx.store.collection(SCOPE, COLLECTIONS.batchFiles).put(file.id, { ...file, path: `${batchId}/does-not-exist.json` });
    startProcessing(t.ctx, SCOPE, batchId);
    const batch = await awaitSettled(t, batchId);
    assert.equal(batch.status, 'failed');
    assert.equal(batch.metrics?.failureReason, 'gone.json: the file cannot be read (ENOENT).');
  } finally {
    await t.close();
  }
});

test('a batch with no uploaded file, or a dataset without schema, fails with a reason', async () => {
  const t = await processingApp();
  try {
    const batchId = createBatch(t, { format: 'json' });
    startProcessing(t.ctx, SCOPE, batchId);
    assert.equal((await awaitSettled(t, batchId)).metrics?.failureReason, 'No file was uploaded to the batch.');

    const dataSets = t.ctx.store.collection<DataSet>(SCOPE, COLLECTIONS.dataSets);
    dataSets.put('noschema', {
      ...dataSets.get(DATASET)!,
      id: 'noschema',
      schemaRef: { id: 'https://ns.adobe.com/mocktenant/schemas/missing', contentType: 'application/vnd.adobe.xed+json;version=1' },
    });
    const batch = await ingest(t, { format: 'json' }, { 'm.json': jsonLines([member(1)]) }, { dataSetId: 'noschema' });
    assert.equal(batch.metrics?.failureReason, 'Schema https://ns.adobe.com/mocktenant/schemas/missing of dataset noschema was not found.');
  } finally {
    await t.close();
  }
});

test('reset during processing: the old run writes nothing into the new state', async () => {
  const t = await processingApp();
  try {
    const batchId = createBatch(t, { format: 'json' });
    await uploadFile(t, batchId, 'm.json', jsonLines([member(1), member(2)]));
    startProcessing(t.ctx, SCOPE, batchId);
    await t.ctx.reset();
    await awaitProcessed(t);
    settleBatches(t.ctx, SCOPE);
    assert.equal(t.ctx.store.collection<Batch>(SCOPE, COLLECTIONS.batches).get(batchId), undefined);
    assert.equal(t.ctx.store.collection(SCOPE, COLLECTIONS.pendingBatches).size, 0);
    assert.equal(dataSetFiles(t, batchId).length, 0);
    assert.equal(t.ctx.store.collection<DataSet>(SCOPE, COLLECTIONS.dataSets).get(DATASET)!.lastBatchId, undefined);
  } finally {
    await t.close();
  }
});

test('a pending batch whose processing was lost (restart) is processed again on the next settle', async () => {
  const t = await processingApp();
  try {
    const batchId = createBatch(t, { format: 'json' });
    await uploadFile(t, batchId, 'm.json', jsonLines([member(1)]));
    // As a restarted emulator finds it in its data file: staging, pending, no outcome, no run.
    const batches = t.ctx.store.collection<Batch>(SCOPE, COLLECTIONS.batches);
    batches.put(batchId, { ...batches.get(batchId)!, status: 'staging' });
    t.ctx.store.collection<PendingBatch>(SCOPE, COLLECTIONS.pendingBatches).put(batchId, { id: batchId, completeRequested: t.ctx.clock.now() });
    const batch = await awaitSettled(t, batchId);
    assert.equal(batch.status, 'success');
    assert.equal(batch.metrics?.recordsWritten, 1);
  } finally {
    await t.close();
  }
});

test('an aborted batch is dropped from the pending list without an outcome being applied', async () => {
  const t = await processingApp();
  try {
    const batchId = createBatch(t, { format: 'json' });
    await uploadFile(t, batchId, 'm.json', jsonLines([member(1)]));
    startProcessing(t.ctx, SCOPE, batchId);
    const batches = t.ctx.store.collection<Batch>(SCOPE, COLLECTIONS.batches);
    batches.put(batchId, { ...batches.get(batchId)!, status: 'aborted' });
    await awaitProcessed(t);
    assert.equal(batchOf(t, batchId).status, 'aborted');
    assert.equal(t.ctx.store.collection(SCOPE, COLLECTIONS.pendingBatches).size, 0);
    assert.equal(dataSetFiles(t, batchId).length, 0);
  } finally {
    await t.close();
  }
});

async function awaitProcessed(t: Awaited<ReturnType<typeof processingApp>>): Promise<void> {
  const { processingDone } = await import('../../../src/services/ingestion/processing.js');
  await processingDone(t.ctx);
}

test('persistence: a batch pending when the emulator stopped is processed again after the restart', async () => {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { startApp } = await import('../../helpers.js');
  const dir = await mkdtemp(join(tmpdir(), 'processing-restart-'));
  const options = { processingDelayMs: 0, dataFile: join(dir, 'state.json'), blobDir: join(dir, 'blobs') };
  const first = await startApp(options);
  const batchId = createBatch(first, { format: 'json' });
  await uploadFile(first, batchId, 'm.json', jsonLines([member(1), member(2)]));
  // Stopped between COMPLETE and the outcome: staging, pending, no outcome.
  const batches = first.ctx.store.collection<Batch>(SCOPE, COLLECTIONS.batches);
  batches.put(batchId, { ...batches.get(batchId)!, status: 'staging' });
  first.ctx.store.collection<PendingBatch>(SCOPE, COLLECTIONS.pendingBatches).put(batchId, { id: batchId, completeRequested: first.ctx.clock.now() });
  await first.close();

  const second = await startApp(options);
  try {
    assert.equal(second.ctx.store.collection<Batch>(SCOPE, COLLECTIONS.batches).get(batchId)?.status, 'staging');
    const batch = await awaitSettled(second, batchId);
    assert.equal(batch.status, 'success');
    assert.equal(batch.metrics?.recordsWritten, 2);
  } finally {
    await second.close();
  }
});

test('startProcessing on a batch that is no longer loading changes nothing', async () => {
  const t = await processingApp(1000);
  try {
    const batchId = createBatch(t, { format: 'json' });
    await uploadFile(t, batchId, 'm.json', jsonLines([member(1)]));
    const completeAt = t.ctx.clock.now();
    startProcessing(t.ctx, SCOPE, batchId);
    const staging = batchOf(t, batchId);
    t.ctx.clock.advance(300);
    startProcessing(t.ctx, SCOPE, batchId);
    assert.deepEqual(batchOf(t, batchId), staging);
    assert.equal(t.ctx.store.collection<PendingBatch>(SCOPE, COLLECTIONS.pendingBatches).get(batchId)?.completeRequested, completeAt);
    const done = await awaitSettled(t, batchId);
    startProcessing(t.ctx, SCOPE, batchId);
    assert.deepEqual(batchOf(t, batchId), done);
  } finally {
    await t.close();
  }
});
