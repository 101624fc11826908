/**
 * Seed 001's tutorial, "create a dataset and ingest a batch", run over real HTTP against a
 * listening emulator, step by step, with every JSON response checked against Adobe's
 * published OpenAPI references (a contract test).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { createMockServer, type MockServer } from '../../src/index.js';
import { ReferenceSpec } from '../contract/reference.js';
import { DEMO, OTHER } from '../helpers.js';

const SCHEMA_ID = 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9';
const SCHEMA_ALT_ID = '_mocktenant.schemas.533ca5da28087c44344810891b0f03d9';

const BASES = {
  catalog: '/data/foundation/catalog',
  import: '/data/foundation/import',
  export: '/data/foundation/export',
  schemaregistry: '/data/foundation/schemaregistry',
} as const;

const SPECS = {
  catalog: ReferenceSpec.load('catalog.yaml'),
  import: ReferenceSpec.load('batch-ingestion.yaml'),
  export: ReferenceSpec.load('data-access.yaml'),
  schemaregistry: ReferenceSpec.load('schema-registry.yaml'),
};

type Service = keyof typeof BASES;

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  json(): any;
}

/** A client that only knows the base URL and the credentials, like an SDK pointed here. */
class PlatformClient {
  constructor(
    private readonly server: MockServer,
    private readonly token: string,
    private readonly identity: { clientId: string; org: string; sandbox: string },
  ) {}

  static async connect(server: MockServer, credentials: { clientId: string; clientSecret: string; org: string }, sandbox = 'prod') {
    const response = await fetch(`${server.url}/ims/token/v3`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        scope: 'openid,AdobeID,read_organizations',
      }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const { access_token: token } = (await response.json()) as { access_token: string };
    return new PlatformClient(server, token, { clientId: credentials.clientId, org: credentials.org, sandbox });
  }

  /**
   * Calls a Platform service; when `contract` is set, the JSON answer must conform to the
   * reference's documented response for that status.
   */
  async call(
    service: Service,
    method: string,
    path: string,
    options: { body?: unknown; raw?: Uint8Array | string; headers?: Record<string, string>; contract?: boolean | { allow: RegExp } } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      'x-api-key': this.identity.clientId,
      'x-gw-ims-org-id': this.identity.org,
      'x-sandbox-name': this.identity.sandbox,
      ...options.headers,
    };
    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    } else if (options.raw !== undefined) {
      body = options.raw as BodyInit;
      headers['content-type'] ??= 'application/octet-stream';
    }
    const response = await fetch(`${this.server.url}${BASES[service]}${path}`, { method, headers, body });
    const bytes = Buffer.from(await response.arrayBuffer());
    const reply: Reply = {
      status: response.status,
      headers: response.headers,
      bytes,
      text: bytes.toString('utf8'),
      json: () => JSON.parse(bytes.toString('utf8')),
    };
    if (options.contract && reply.text !== '' && /json/.test(response.headers.get('content-type') ?? '')) {
      const allowed = typeof options.contract === 'object' ? options.contract.allow : null;
      const problems = SPECS[service]
        .problems(method, path, reply.status, reply.json(), response.headers.get('content-type') ?? undefined)
        .filter((problem) => !allowed?.test(problem));
      assert.deepEqual(problems, [], `${method} ${BASES[service]}${path} → ${reply.status} conforms to the reference`);
    }
    return reply;
  }
}

const RECORDS = [
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

const COLUMNS = [
  '_id',
  'personalEmail.address',
  'person.name.firstName',
  'person.name.lastName',
  '_mocktenant.loyalty.loyaltyId',
  '_mocktenant.loyalty.loyaltyLevel',
  '_mocktenant.loyalty.loyaltyPoints',
  '_mocktenant.loyalty.memberSince',
];

function flatten(record: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && typeof value === 'object') Object.assign(out, flatten(value as Record<string, unknown>, `${prefix}${key}.`));
    else out[`${prefix}${key}`] = value;
  }
  return out;
}

const asJsonLines = (records: unknown[]) => `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;
const asCsv = (records: Array<Record<string, unknown>>) =>
  `${[COLUMNS.join(','), ...records.map((record) => COLUMNS.map((column) => String(flatten(record)[column])).join(','))].join('\n')}\n`;
const asParquet = (records: Array<Record<string, unknown>>) => {
  const rows = records.map((record) => flatten(record));
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: COLUMNS.map((name) => ({
        name,
        data: rows.map((row) => row[name]) as never[],
        type: name.endsWith('loyaltyPoints') ? 'INT32' : 'STRING',
      })),
    }),
  );
};

async function pollUntilSettled(client: PlatformClient, batchId: string): Promise<Record<string, any>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const reply = await client.call('catalog', 'GET', `/batches?batch=${batchId}`, { contract: true });
    assert.equal(reply.status, 200);
    const entry = reply.json()[batchId];
    assert.ok(entry, `GET /batches?batch=${batchId} lists the batch`);
    if (entry.status === 'success' || entry.status === 'failed') return entry;
    assert.ok(['loading', 'staging', 'processing'].includes(entry.status), `a status on the way: ${entry.status}`);
    if (Date.now() > deadline) assert.fail(`batch ${batchId} still ${entry.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('seed 001 end to end over HTTP: schema → dataset → batch → upload → COMPLETE → monitor → read back', () => {
  let server: MockServer;
  let client: PlatformClient;
  let dataSetId: string;

  before(async () => {
    server = await createMockServer({ logLevel: 'silent', processingDelayMs: 0 });
    client = await PlatformClient.connect(server, DEMO);
  });
  after(() => server.close());

  test('look up the Loyalty Members schema by meta:altId and by URL-encoded $id', async () => {
    const accept = { accept: 'application/vnd.adobe.xed-full+json; version=1' };
    const byAltId = await client.call('schemaregistry', 'GET', `/tenant/schemas/${SCHEMA_ALT_ID}`, { headers: accept, contract: true });
    assert.equal(byAltId.status, 200, byAltId.text);
    const schema = byAltId.json();
    assert.equal(schema.title, 'Loyalty Members');
    assert.equal(schema.$id, SCHEMA_ID);
    assert.equal(schema['meta:altId'], SCHEMA_ALT_ID);
    assert.deepEqual(Object.keys(schema.properties._mocktenant.properties.loyalty.properties).sort(), [
      'loyaltyId',
      'loyaltyLevel',
      'loyaltyPoints',
      'memberSince',
    ]);

    const byId = await client.call('schemaregistry', 'GET', `/tenant/schemas/${encodeURIComponent(SCHEMA_ID)}`, { headers: accept, contract: true });
    assert.equal(byId.status, 200, byId.text);
    assert.deepEqual(byId.json(), schema);
  });

  test('create the dataset: 201 ["@/dataSets/{id}"], then read it back', async () => {
    const created = await client.call('catalog', 'POST', '/dataSets', {
      body: { name: 'LoyaltyMembersDataset', schemaRef: { id: SCHEMA_ID, contentType: 'application/vnd.adobe.xed+json;version=1' } },
      contract: true,
    });
    assert.equal(created.status, 201, created.text);
    const [ref] = created.json() as string[];
    assert.match(ref, /^@\/dataSets\/[0-9a-f]{24}$/);
    dataSetId = ref.slice('@/dataSets/'.length);

    const read = await client.call('catalog', 'GET', `/dataSets/${dataSetId}`, { contract: true });
    assert.equal(read.status, 200);
    assert.equal(read.json()[dataSetId].name, 'LoyaltyMembersDataset');
    assert.equal(read.json()[dataSetId].schemaRef.id, SCHEMA_ID);
  });

  for (const { format, fileName, bytes } of [
    { format: 'json', fileName: 'loyalty-members.json', bytes: () => Buffer.from(asJsonLines(RECORDS)) },
    { format: 'csv', fileName: 'loyalty-members.csv', bytes: () => Buffer.from(asCsv(RECORDS)) },
    { format: 'parquet', fileName: 'loyalty-members.parquet', bytes: () => Buffer.from(asParquet(RECORDS)) },
  ] as const) {
    test(`ingest a ${format} file and read the exact bytes back`, async () => {
      const content = bytes();
      const batch = await client.call('import', 'POST', '/batches', {
        body: { datasetId: dataSetId, inputFormat: { format } },
        headers: { accept: 'application/json' },
        // batch-ingestion.yaml's enums leave out status `loading` (seed 001's response shows it)
        // and format `csv` (the reference's own request examples and the issue use it).
        contract: { allow: /^\/(status|inputFormat\/format) must be equal to one of the allowed values/ },
      });
      assert.equal(batch.status, 201, batch.text);
      const created = batch.json();
      const batchId: string = created.id;
      assert.equal(created.status, 'loading');
      assert.deepEqual(created.relatedObjects, [{ type: 'dataSet', id: dataSetId }]);
      assert.deepEqual(created.inputFormat, { format });
      assert.deepEqual(created.tags.acp_stagePath, [`${DEMO.clientId}/stage/${batchId}`]);
      assert.equal(created.externalId, batchId);

      const upload = await client.call('import', 'PUT', `/batches/${batchId}/datasets/${dataSetId}/files/${fileName}`, { raw: content });
      assert.equal(upload.status, 200, upload.text);
      assert.equal(upload.text, '');

      const complete = await client.call('import', 'POST', `/batches/${batchId}?action=COMPLETE`);
      assert.equal(complete.status, 200, complete.text);
      assert.equal(complete.text, '');

      const settled = await pollUntilSettled(client, batchId);
      assert.equal(settled.status, 'success', JSON.stringify(settled));
      assert.equal(settled.metrics.recordsRead, RECORDS.length);
      assert.equal(settled.metrics.recordsWritten, RECORDS.length);
      assert.equal(settled.metrics.inputByteSize, content.length);
      assert.ok(settled.metrics.startTime <= settled.metrics.endTime);
      assert.deepEqual(settled.errors ?? [], []);

      const again = await client.call('import', 'POST', `/batches/${batchId}?action=COMPLETE`);
      assert.equal(again.status, 200, 'COMPLETE is safe to retry');

      const dataSet = (await client.call('catalog', 'GET', `/dataSets/${dataSetId}`)).json()[dataSetId];
      assert.equal(dataSet.lastBatchId, batchId);
      assert.equal(dataSet.lastBatchStatus, 'success');

      const files = await client.call('export', 'GET', `/batches/${batchId}/files`, { contract: true });
      assert.equal(files.status, 200, files.text);
      assert.equal(files.json().data.length, 1);
      const dataSetFileId: string = files.json().data[0].dataSetFileId;

      const listing = await client.call('export', 'GET', `/files/${dataSetFileId}`, { contract: true });
      assert.equal(listing.status, 200, listing.text);
      const [entry] = listing.json().data;
      assert.equal(entry.name, fileName);
      assert.equal(String(entry.length), String(content.length));
      assert.match(entry._links.self.href, new RegExp(`/files/${dataSetFileId}\\?path=${encodeURIComponent(fileName).replace(/\./g, '\\.')}$`));

      const download = await client.call('export', 'GET', `/files/${dataSetFileId}?path=${encodeURIComponent(fileName)}`);
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-length'), String(content.length));
      assert.ok(download.bytes.equals(content), 'the exact uploaded bytes come back');

      const range = await client.call('export', 'GET', `/files/${dataSetFileId}?path=${encodeURIComponent(fileName)}`, { headers: { range: 'bytes=0-9' } });
      assert.equal(range.status, 206);
      assert.ok(range.bytes.equals(content.subarray(0, 10)));
    });
  }

  test('a dataset in prod is invisible from another sandbox and from another org', async () => {
    const dev = await PlatformClient.connect(server, DEMO, 'dev');
    const inDev = await dev.call('catalog', 'GET', `/dataSets/${dataSetId}`);
    assert.equal(inDev.status, 404);
    assert.ok(!(dataSetId in (await dev.call('catalog', 'GET', '/dataSets')).json()));

    const other = await PlatformClient.connect(server, OTHER);
    const inOther = await other.call('catalog', 'GET', `/dataSets/${dataSetId}`);
    assert.equal(inOther.status, 404);
    const schemaInOther = await other.call('schemaregistry', 'GET', `/tenant/schemas/${SCHEMA_ALT_ID}`, {
      headers: { accept: 'application/vnd.adobe.xed-full+json; version=1' },
    });
    assert.equal(schemaInOther.status, 404);
  });
});

describe('seed 001 failure paths over HTTP: the batch fails or keeps its bad rows readable', () => {
  let server: MockServer;
  let client: PlatformClient;
  const dataSetId = '5c8c3c555033b814b69f947f';

  before(async () => {
    server = await createMockServer({ logLevel: 'silent', processingDelayMs: 0 });
    client = await PlatformClient.connect(server, DEMO);
  });
  after(() => server.close());

  async function ingest(format: 'json' | 'csv' | 'parquet', fileName: string, content: Buffer | string) {
    const batch = await client.call('import', 'POST', '/batches', { body: { datasetId: dataSetId, inputFormat: { format } } });
    assert.equal(batch.status, 201, batch.text);
    const batchId: string = batch.json().id;
    const upload = await client.call('import', 'PUT', `/batches/${batchId}/datasets/${dataSetId}/files/${fileName}`, {
      raw: typeof content === 'string' ? Buffer.from(content) : content,
    });
    assert.equal(upload.status, 200, upload.text);
    assert.equal((await client.call('import', 'POST', `/batches/${batchId}?action=COMPLETE`)).status, 200);
    return { batchId, settled: await pollUntilSettled(client, batchId) };
  }

  test('an empty file fails the batch with error 106', async () => {
    const { settled } = await ingest('json', 'empty.json', '');
    assert.equal(settled.status, 'failed');
    assert.ok(
      settled.errors.some((error: { code: string }) => error.code === '106'),
      JSON.stringify(settled.errors),
    );
    assert.equal(typeof settled.metrics.failureReason, 'string');
  });

  test('a CSV file with an empty header row fails the batch with error 118', async () => {
    const { settled } = await ingest('csv', 'no-header.csv', '\nmember-1,ada@example.com\n');
    assert.equal(settled.status, 'failed');
    assert.ok(
      settled.errors.some((error: { code: string }) => error.code === '118'),
      JSON.stringify(settled.errors),
    );
  });

  test('an unparseable file fails the batch with a failureReason', async () => {
    const { settled } = await ingest('json', 'broken.json', '{"_id": "x", ');
    assert.equal(settled.status, 'failed');
    assert.ok(settled.metrics.failureReason.length > 0);
  });

  test('records that break the schema are counted, listed and readable through Data Access', async () => {
    const bad = { ...RECORDS[1], _mocktenant: { loyalty: { ...RECORDS[1]._mocktenant.loyalty, loyaltyPoints: 'lots' } } };
    const { batchId, settled } = await ingest('json', 'mixed.json', asJsonLines([RECORDS[0], bad, RECORDS[2]]));
    assert.equal(settled.metrics.recordsRead, 3);
    assert.equal(settled.metrics.recordsWritten, 2);
    assert.ok(settled.errors.length > 0, 'the bad row is reported');
    const failed = await client.call('export', 'GET', `/batches/${batchId}/failed`, { contract: true });
    assert.equal(failed.status, 200, failed.text);
    const [entry] = failed.json().data;
    assert.equal(failed.json().data.length, 1, 'one failed file: the input file with the bad row');
    assert.equal(entry.name, 'mixed.json');
    const rows = await client.call('export', 'GET', `/batches/${batchId}/failed?path=mixed.json`);
    assert.equal(rows.status, 200);
    const lines = rows.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(lines, [{ ...bad, _errors: [{ message: '/_mocktenant/loyalty/loyaltyPoints must be integer' }], _filename: 'mixed.json', _row: 2 }]);
  });

  test('a batch with no valid record fails', async () => {
    const bad = { ...RECORDS[0], _mocktenant: { loyalty: { loyaltyPoints: 'none' } } };
    const { settled } = await ingest('json', 'all-bad.json', asJsonLines([bad]));
    assert.equal(settled.status, 'failed');
    assert.equal(settled.metrics.recordsWritten, 0);
  });
});
