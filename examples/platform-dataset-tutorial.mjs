#!/usr/bin/env node
// Experience Platform, "Create a dataset using APIs" (seed 001), end to end:
// look up the Loyalty Members schema, create a dataset on it, create a batch, upload a JSON file,
// signal completion, follow the batch to "success", then read the file back through Data Access.
//
//   node examples/platform-dataset-tutorial.mjs [http://127.0.0.1:4590]
import { Walkthrough, platformHeaders } from './lib.mjs';

const PLATFORM = '/data/foundation';
// The fixture schema of seed 001's tutorial (tenant id "mocktenant").
const SCHEMA_ALT_ID = '_mocktenant.schemas.533ca5da28087c44344810891b0f03d9';
const FILE_NAME = 'members.json';

// Three loyalty members, one JSON object per line, shaped by the Loyalty Members schema.
const MEMBERS = [
  {
    _id: 'member-1',
    personalEmail: { address: 'ada@example.com' },
    person: { name: { firstName: 'Ada', lastName: 'Lovelace' } },
    _mocktenant: { loyalty: { loyaltyId: 'L-1', loyaltyLevel: 'gold', loyaltyPoints: 1200, memberSince: '2019-03-05T10:00:00Z' } },
  },
  {
    _id: 'member-2',
    personalEmail: { address: 'alan@example.com' },
    person: { name: { firstName: 'Alan', lastName: 'Turing' } },
    _mocktenant: { loyalty: { loyaltyId: 'L-2', loyaltyLevel: 'silver', loyaltyPoints: 300, memberSince: '2020-07-01T08:30:00Z' } },
  },
  {
    _id: 'member-3',
    personalEmail: { address: 'grace@example.com' },
    person: { name: { firstName: 'Grace', lastName: 'Hopper' } },
    _mocktenant: { loyalty: { loyaltyId: 'L-3', loyaltyLevel: 'bronze', loyaltyPoints: 15, memberSince: '2021-11-20T16:45:00Z' } },
  },
];
const FILE_CONTENT = `${MEMBERS.map((member) => JSON.stringify(member)).join('\n')}\n`;

await new Walkthrough('Experience Platform: create a dataset, ingest a batch, read it back (seed 001)').run(async (w) => {
  const token = await w.token();
  const headers = platformHeaders(token);

  const schema = await w.step('Look up the Loyalty Members schema, resolved into one document (xed-full), to know the fields a record may carry', {
    path: `${PLATFORM}/schemaregistry/tenant/schemas/${SCHEMA_ALT_ID}`,
    headers: { ...headers, Accept: 'application/vnd.adobe.xed-full+json; version=1' },
    summary: ({ json }) => ({
      title: json.title,
      $id: json.$id,
      'meta:class': json['meta:class'],
      loyaltyFields: Object.keys(json.properties?._mocktenant?.properties?.loyalty?.properties ?? {}),
    }),
  });
  const schemaId = schema.json.$id;

  const created = await w.step("Create a dataset that stores records of that schema; the answer is the new dataset's reference", {
    method: 'POST',
    path: `${PLATFORM}/catalog/dataSets`,
    headers,
    json: {
      name: `LoyaltyMembersDataset ${new Date().toISOString()}`,
      schemaRef: { id: schemaId, contentType: 'application/vnd.adobe.xed+json;version=1' },
    },
    expect: 201,
  });
  const datasetId = String(created.json[0]).split('/').pop();
  w.check(/^\w+$/.test(datasetId), `the new dataset's id is ${datasetId}`);

  const batch = await w.step('Create a batch for the dataset: the unit of ingestion that receives the files (format: JSON)', {
    method: 'POST',
    path: `${PLATFORM}/import/batches`,
    headers,
    json: { datasetId, inputFormat: { format: 'json' } },
    expect: 201,
    summary: ({ json }) => ({ id: json.id, status: json.status, inputFormat: json.inputFormat, relatedObjects: json.relatedObjects }),
  });
  const batchId = batch.json.id;
  w.check(batch.json.status === 'loading', 'a new batch is "loading": it accepts files');

  await w.step(`Upload ${FILE_NAME} (${MEMBERS.length} records, JSON lines) into the batch`, {
    method: 'PUT',
    path: `${PLATFORM}/import/batches/${batchId}/datasets/${datasetId}/files/${FILE_NAME}`,
    headers: { ...headers, 'Content-Type': 'application/octet-stream' },
    body: FILE_CONTENT,
    summary: ({ text }) => (text ? text : '(empty body: the file is stored)'),
  });

  await w.step('Signal completion: no more files, Platform may now read and validate them', {
    method: 'POST',
    path: `${PLATFORM}/import/batches/${batchId}?action=COMPLETE`,
    headers,
    summary: ({ text }) => (text ? text : '(empty body: processing starts)'),
  });

  // Processing takes a while on the emulator's clock (1 s by default). The tutorial polls the
  // Catalog; rather than sleeping, each unfinished poll moves the emulator's clock forward.
  const polled = await w.pollUntil(
    (attempt) =>
      w.step(`Monitor ingestion (poll ${attempt}): read the batch from the Catalog, keyed by its id`, {
        path: `${PLATFORM}/catalog/batches?batch=${batchId}`,
        headers,
        summary: ({ json }) => {
          const entry = json[batchId] ?? {};
          return { status: entry.status, metrics: entry.metrics, errors: entry.errors };
        },
      }),
    (answer) => ['success', 'failed'].includes(answer.json[batchId]?.status),
  );
  const status = polled?.json[batchId]?.status;
  w.check(status === 'success', `the batch ended "success" (got "${status}")`);

  const files = await w.step('Data Access: list the dataset files the batch wrote', {
    path: `${PLATFORM}/export/batches/${batchId}/files`,
    headers,
    summary: ({ json }) => json.data?.map((file) => ({ dataSetFileId: file.dataSetFileId, dataSetViewId: file.dataSetViewId })),
  });
  const fileId = files.json.data?.[0]?.dataSetFileId;
  w.check(Boolean(fileId), 'the batch wrote a dataset file');

  await w.step("Data Access: the dataset file's entries (name, size, a download link)", {
    path: `${PLATFORM}/export/files/${fileId}`,
    headers,
    summary: ({ json }) => json.data,
  });

  const download = await w.step(`Data Access: download ${FILE_NAME} itself`, {
    path: `${PLATFORM}/export/files/${fileId}?path=${encodeURIComponent(FILE_NAME)}`,
    headers,
    summary: ({ text }) => text.trimEnd(),
  });
  w.check(download.text === FILE_CONTENT, 'the downloaded bytes are exactly the uploaded file');
});
