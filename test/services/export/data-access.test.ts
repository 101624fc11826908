import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEMO, OTHER, platformHeaders, startApp, tokenFor, type TestApp } from '../../helpers.js';
import { ReferenceSpec } from '../../contract/reference.js';
import { scopes, type ScopeKey } from '../../../src/store/store.js';
import { newBatchId } from '../../../src/store/ids.js';
import {
  COLLECTIONS,
  newBatchObject,
  type Batch,
  type BatchFile,
  type BatchOutcome,
  type CatalogObject,
  type DataSet,
  type InputFormat,
  type PendingBatch,
} from '../../../src/services/platform-objects.js';
import { previewDataset, type RecordReader } from '../../../src/services/export/model.js';
import { readRecords } from '../../../src/services/ingestion/records.js';

const BASE = '/data/foundation/export';
const HOST = 'emulator.test:4010';
const ORIGIN = `http://${HOST}${BASE}`;
const DATASET = '5c8c3c555033b814b69f947f';
const SPEC = ReferenceSpec.load('data-access.yaml');

const MEMBERS = [
  { _id: 'm-1', personalEmail: { address: 'ada@example.com' }, _mocktenant: { loyalty: { loyaltyId: 'L1', loyaltyPoints: 10 } } },
  { _id: 'm-2', personalEmail: { address: 'not-an-email' }, _mocktenant: { loyalty: { loyaltyId: 'L2', loyaltyPoints: 'many' } } },
  { _id: 'm-3', personalEmail: { address: 'zoë@example.com' }, _mocktenant: { loyalty: { loyaltyId: 'L3', loyaltyPoints: 30 } } },
];
const MEMBERS_BYTES = Buffer.from(`${MEMBERS.map((member) => JSON.stringify(member)).join('\n')}\n`);
/** Every byte value, twice: a download must give them back untouched. */
const BINARY_BYTES = Buffer.from([...Array(512).keys()].map((index) => index % 256));
const FAILED: BatchOutcome['failed'] = [{ file: 'members.json', row: 2, record: MEMBERS[1], errors: ['/_mocktenant/loyalty/loyaltyPoints must be integer'] }];

interface SeededBatch {
  batchId: string;
  /** dataSetFile id → file name */
  files: Array<{ id: string; name: string; bytes: Buffer }>;
}

/** A processed, successful batch as processing leaves it: batch, uploaded files + bytes, dataSetFiles, failed records. */
async function seedBatch(
  t: TestApp,
  scope: ScopeKey,
  options: { dataSetId?: string; files: Array<{ name: string; bytes: Buffer }>; failed?: BatchOutcome['failed']; completed?: number; format?: InputFormat },
): Promise<SeededBatch> {
  const { ctx } = t;
  const now = options.completed ?? ctx.clock.now();
  const batchId = newBatchId();
  const dataSetId = options.dataSetId ?? DATASET;
  const batch = newBatchObject({
    id: batchId,
    imsOrg: DEMO.org,
    dataSetId,
    caller: { client: DEMO.clientId, user: DEMO.clientId },
    now,
    inputFormat: options.format ?? { format: 'json' },
  });
  ctx.store.collection<Batch>(scope, COLLECTIONS.batches).put(batchId, { ...batch, status: 'success', completed: now, updated: now });
  const seeded: SeededBatch = { batchId, files: [] };
  for (const [index, file] of options.files.entries()) {
    const path = `${batchId}/${file.name}`;
    await mkdir(dirname(join(ctx.config.blobDir, path)), { recursive: true });
    await writeFile(join(ctx.config.blobDir, path), file.bytes);
    ctx.store.collection<BatchFile>(scope, COLLECTIONS.batchFiles).put(path, {
      id: path,
      batchId,
      dataSetId,
      fileName: file.name,
      path,
      size: file.bytes.length,
      uploaded: now,
      state: 'complete',
    });
    const id = `${batchId}-${index + 1}`;
    ctx.store.collection<CatalogObject>(scope, COLLECTIONS.dataSetFiles).put(id, {
      id,
      dataSetId,
      batchId,
      name: file.name,
      records: 3,
      size: file.bytes.length,
      isValid: true,
      created: now,
      updated: now,
      version: '1.0.0',
    });
    seeded.files.push({ id, ...file });
  }
  if (options.failed) {
    ctx.store
      .collection<{ id: string; records: BatchOutcome['failed'] }>(scope, COLLECTIONS.failedRecords)
      .put(batchId, { id: batchId, records: options.failed });
  }
  return seeded;
}

/** Test stand-in for readRecords (JSON lines only), until the real reader lands. */
const jsonLinesReader: RecordReader = async function* (absolutePath) {
  const lines = (await readFile(absolutePath, 'utf8')).split('\n');
  for (const [index, line] of lines.entries()) if (line.trim() !== '') yield { row: index + 1, record: JSON.parse(line) as Record<string, unknown> };
};

const problem = (status: number, title: string, kind: string, detail: string) => ({ type: `http://ns.adobe.com/aep/errors/${kind}`, status, title, detail });

describe('Data Access (/data/foundation/export)', () => {
  let t: TestApp;
  let blobDir: string;
  let headers: Record<string, string>;
  let batch: SeededBatch;
  let members: { id: string; name: string; bytes: Buffer };
  let binary: { id: string; name: string; bytes: Buffer };
  const scope = scopes.platform(DEMO.org, 'prod');

  before(async () => {
    blobDir = await mkdtemp(join(tmpdir(), 'export-test-'));
    t = await startApp({ blobDir, processingDelayMs: 0 });
    headers = { ...platformHeaders(await tokenFor(t)), host: HOST };
    batch = await seedBatch(t, scope, {
      files: [
        { name: 'members.json', bytes: MEMBERS_BYTES },
        { name: 'blob.bin', bytes: BINARY_BYTES },
      ],
      failed: FAILED,
    });
    [members, binary] = batch.files;
  });
  after(async () => {
    await t.close();
    await rm(blobDir, { recursive: true, force: true });
  });

  const get = (url: string, extra: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    t.inject({ method, url: `${BASE}${url}`, headers: { ...headers, ...extra } });

  const conforms = (method: string, url: string, status: number, body: unknown) =>
    assert.deepEqual(SPEC.problems(method, url.split('?')[0], status, body), [], `${method} ${url} should match data-access.yaml`);

  describe('GET /batches/{batchId}/files', () => {
    test("lists the batch's dataset files as documented (dataSetFileId, dataSetViewId, strings for times, _links.self)", async () => {
      const response = await get(`/batches/${batch.batchId}/files`);
      assert.equal(response.statusCode, 200);
      const created = String(t.ctx.store.collection<CatalogObject>(scope, COLLECTIONS.dataSetFiles).get(members.id)!.created);
      const entry = (file: { id: string; bytes: Buffer }) => ({
        dataSetFileId: file.id,
        dataSetViewId: DATASET,
        version: '1.0.0',
        created,
        updated: created,
        records: '3',
        size: String(file.bytes.length),
        isValid: true,
        _links: { self: { href: `${ORIGIN}/files/${file.id}` } },
      });
      assert.deepEqual(response.json(), { data: [entry(members), entry(binary)], _page: { limit: 100, count: 2 } });
      conforms('GET', `/batches/${batch.batchId}/files`, 200, response.json());
    });

    test('limit/start page through the list; _page.count is the total; _links.next/page when more follow', async () => {
      const first = await get(`/batches/${batch.batchId}/files?limit=1`);
      assert.equal(first.statusCode, 200);
      const body = first.json();
      assert.deepEqual(
        body.data.map((item: { dataSetFileId: string }) => item.dataSetFileId),
        [members.id],
      );
      assert.deepEqual(body._page, { limit: 1, count: 2 });
      assert.deepEqual(body._links, {
        next: { href: `${ORIGIN}/batches/${batch.batchId}/files?start=1&limit=1` },
        page: { href: `${ORIGIN}/batches/${batch.batchId}/files?start=0&limit=1`, templated: true },
      });
      conforms('GET', `/batches/${batch.batchId}/files`, 200, body);

      const second = (await get(`/batches/${batch.batchId}/files?start=1&limit=1`)).json();
      assert.deepEqual(
        second.data.map((item: { dataSetFileId: string }) => item.dataSetFileId),
        [binary.id],
      );
      assert.equal(second._links, undefined);

      const past = (await get(`/batches/${batch.batchId}/files?start=5`)).json();
      assert.deepEqual(past, { data: [], _page: { limit: 100, count: 2 } });
    });

    test('limit above 100 is served as 100 (the documented maximum); limit=0, negative start, text → 400', async () => {
      assert.deepEqual((await get(`/batches/${batch.batchId}/files?limit=500`)).json()._page, { limit: 100, count: 2 });
      for (const query of ['limit=0', 'limit=-1', 'start=-1', 'limit=ten', 'start=1.5']) {
        const response = await get(`/batches/${batch.batchId}/files?${query}`);
        assert.equal(response.statusCode, 400, query);
        assert.equal(response.json().title, 'BadRequestError', query);
      }
    });

    test('a batch with no dataset files (yet) lists nothing; an unknown batch → 404', async () => {
      const empty = newBatchObject({ id: newBatchId(), imsOrg: DEMO.org, dataSetId: DATASET, caller: { client: 'c', user: 'u' }, now: t.ctx.clock.now() });
      t.ctx.store.collection<Batch>(scope, COLLECTIONS.batches).put(empty.id, empty);
      assert.deepEqual((await get(`/batches/${empty.id}/files`)).json(), { data: [], _page: { limit: 100, count: 0 } });

      const response = await get('/batches/00000000000000000000000000000000/files');
      assert.equal(response.statusCode, 404);
      assert.deepEqual(
        response.json(),
        problem(404, 'NotFoundError', 'not-found', "Batch '00000000000000000000000000000000' was not found in this org and sandbox"),
      );
    });

    test('settles pending batches first: files appear as soon as the batch succeeds on the emulator clock', async () => {
      const pendingBatch = newBatchObject({
        id: newBatchId(),
        imsOrg: DEMO.org,
        dataSetId: DATASET,
        caller: { client: 'c', user: 'u' },
        now: t.ctx.clock.now(),
      });
      t.ctx.store.collection<Batch>(scope, COLLECTIONS.batches).put(pendingBatch.id, { ...pendingBatch, status: 'staging' });
      t.ctx.store.collection<PendingBatch>(scope, COLLECTIONS.pendingBatches).put(pendingBatch.id, {
        id: pendingBatch.id,
        completeRequested: t.ctx.clock.now(),
        outcome: { status: 'success', metrics: {}, errors: [], files: [{ fileName: 'late.json', records: 1, size: 2 }], failed: [] },
      });
      const body = (await get(`/batches/${pendingBatch.id}/files`)).json();
      assert.deepEqual(
        body.data.map((item: { dataSetFileId: string }) => item.dataSetFileId),
        [`${pendingBatch.id}-1`],
      );
    });
  });

  describe('GET /files/{dataSetFileId}', () => {
    test('lists the file: name, length (string), _links.self with ?path=', async () => {
      const response = await get(`/files/${members.id}`);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), {
        data: [{ name: 'members.json', length: String(MEMBERS_BYTES.length), _links: { self: { href: `${ORIGIN}/files/${members.id}?path=members.json` } } }],
        _page: { limit: 100, count: 1 },
      });
      conforms('GET', `/files/${members.id}`, 200, response.json());
    });

    test('?path= downloads the exact uploaded bytes, with Content-Length and Accept-Ranges', async () => {
      for (const file of [members, binary]) {
        const response = await get(`/files/${file.id}?path=${file.name}`);
        assert.equal(response.statusCode, 200);
        assert.equal(response.headers['content-type'], 'application/octet-stream');
        assert.equal(response.headers['content-length'], String(file.bytes.length));
        assert.equal(response.headers['accept-ranges'], 'bytes');
        assert.ok(response.rawPayload.equals(file.bytes), `${file.name} bytes differ`);
      }
    });

    test('Range bytes=a-b → 206 with Content-Range and just those bytes', async () => {
      const response = await get(`/files/${binary.id}?path=blob.bin`, { range: 'bytes=0-99' });
      assert.equal(response.statusCode, 206);
      assert.equal(response.headers['content-range'], `bytes 0-99/${BINARY_BYTES.length}`);
      assert.equal(response.headers['content-length'], '100');
      assert.ok(response.rawPayload.equals(BINARY_BYTES.subarray(0, 100)));

      const middle = await get(`/files/${binary.id}?path=blob.bin`, { range: 'bytes=250-260' });
      assert.equal(middle.statusCode, 206);
      assert.equal(middle.headers['content-range'], `bytes 250-260/512`);
      assert.ok(middle.rawPayload.equals(BINARY_BYTES.subarray(250, 261)));
    });

    test('open-ended (bytes=a-), suffix (bytes=-n) and past-the-end ends are served from what exists', async () => {
      const open = await get(`/files/${binary.id}?path=blob.bin`, { range: 'bytes=500-' });
      assert.equal(open.statusCode, 206);
      assert.equal(open.headers['content-range'], 'bytes 500-511/512');
      assert.ok(open.rawPayload.equals(BINARY_BYTES.subarray(500)));

      const suffix = await get(`/files/${binary.id}?path=blob.bin`, { range: 'bytes=-10' });
      assert.equal(suffix.statusCode, 206);
      assert.equal(suffix.headers['content-range'], 'bytes 502-511/512');
      assert.equal(suffix.headers['content-length'], '10');
      assert.ok(suffix.rawPayload.equals(BINARY_BYTES.subarray(502)));

      const longSuffix = await get(`/files/${binary.id}?path=blob.bin`, { range: 'bytes=-9999' });
      assert.equal(longSuffix.headers['content-range'], 'bytes 0-511/512');
      assert.ok(longSuffix.rawPayload.equals(BINARY_BYTES));

      const clamped = await get(`/files/${binary.id}?path=blob.bin`, { range: 'bytes=510-9999' });
      assert.equal(clamped.headers['content-range'], 'bytes 510-511/512');
      assert.ok(clamped.rawPayload.equals(BINARY_BYTES.subarray(510)));
    });

    test('an unsatisfiable range → 416 with Content-Range: bytes */size', async () => {
      for (const range of ['bytes=512-', 'bytes=600-700', 'bytes=-0']) {
        const response = await get(`/files/${binary.id}?path=blob.bin`, { range });
        assert.equal(response.statusCode, 416, range);
        assert.equal(response.headers['content-range'], 'bytes */512', range);
        assert.deepEqual(response.json(), {
          type: 'http://ns.adobe.com/aep/errors/range-not-satisfiable',
          status: 416,
          title: 'RangeNotSatisfiableError',
          detail: `The range '${range}' does not overlap the file's 512 bytes`,
        });
      }
    });

    test('ranges that cannot be honoured as one (several, other units, malformed) get the whole file', async () => {
      for (const range of ['bytes=0-1,5-6', 'items=0-5', 'bytes=9-2', 'bytes=abc']) {
        const response = await get(`/files/${binary.id}?path=blob.bin`, { range });
        assert.equal(response.statusCode, 200, range);
        assert.ok(response.rawPayload.equals(BINARY_BYTES), range);
      }
    });

    test('HEAD gives the same headers without a body (and honours Range)', async () => {
      const response = await get(`/files/${members.id}?path=members.json`, {}, 'HEAD');
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/octet-stream');
      assert.equal(response.headers['content-length'], String(MEMBERS_BYTES.length));
      assert.equal(response.headers['accept-ranges'], 'bytes');
      assert.equal(response.rawPayload.length, 0);

      const partial = await get(`/files/${binary.id}?path=blob.bin`, { range: 'bytes=0-9' }, 'HEAD');
      assert.equal(partial.statusCode, 206);
      assert.equal(partial.headers['content-range'], 'bytes 0-9/512');
      assert.equal(partial.headers['content-length'], '10');

      assert.equal((await get(`/files/${members.id}?path=other.json`, {}, 'HEAD')).statusCode, 404);
      assert.equal((await get(`/files/${members.id}`, {}, 'HEAD')).statusCode, 400);
    });

    test('unknown file id or path → 404', async () => {
      const unknown = await get('/files/nope-1');
      assert.equal(unknown.statusCode, 404);
      assert.deepEqual(unknown.json(), problem(404, 'NotFoundError', 'not-found', "Dataset file 'nope-1' was not found in this org and sandbox"));

      const unknownDownload = await get('/files/nope-1?path=members.json');
      assert.equal(unknownDownload.statusCode, 404);

      const wrongPath = await get(`/files/${members.id}?path=blob.bin`);
      assert.equal(wrongPath.statusCode, 404);
      assert.deepEqual(wrongPath.json(), problem(404, 'NotFoundError', 'not-found', "No file or directory at path 'blob.bin'"));
    });

    test('a path that tries to escape (.., absolute, NUL, backslash) → 400, nothing read', async () => {
      for (const [query, shown] of [
        ['../../etc/passwd', '../../etc/passwd'],
        ['%2e%2e%2fmembers.json', '../members.json'],
        ['..', '..'],
        ['%2Fetc%2Fpasswd', '/etc/passwd'],
        ['members.json%00', 'members.json\\0'],
        ['..%5Cmembers.json', '..\\members.json'],
      ]) {
        const response = await get(`/files/${members.id}?path=${query}`);
        assert.equal(response.statusCode, 400, query);
        assert.deepEqual(
          response.json(),
          problem(400, 'BadRequestError', 'bad-request', `The path '${shown}' is not allowed: it must name a file inside the listing, without '..' segments`),
          query,
        );
      }
    });

    test('bytes that vanished from disk → 404, not a crash', async () => {
      const gone = await seedBatch(t, scope, { files: [{ name: 'gone.json', bytes: Buffer.from('{}\n') }] });
      await rm(join(blobDir, gone.batchId), { recursive: true });
      assert.equal((await get(`/files/${gone.files[0].id}?path=gone.json`)).statusCode, 404);
    });
  });

  describe('GET /batches/{batchId}/failed', () => {
    const failedLine = `${JSON.stringify({ ...MEMBERS[1], _errors: [{ message: FAILED[0].errors[0] }], _filename: 'members.json', _row: 2 })}\n`;

    test('lists one failed file per input file that had failed records', async () => {
      const response = await get(`/batches/${batch.batchId}/failed`);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), {
        data: [
          {
            name: 'members.json',
            length: String(Buffer.byteLength(failedLine)),
            _links: { self: { href: `${ORIGIN}/batches/${batch.batchId}/failed?path=members.json` } },
          },
        ],
        _page: { limit: 100, count: 1 },
      });
      conforms('GET', `/batches/${batch.batchId}/failed`, 200, response.json());
    });

    test('?path= downloads the failed records as JSON lines: the record, _errors, _filename, _row', async () => {
      const response = await get(`/batches/${batch.batchId}/failed?path=members.json`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/octet-stream');
      assert.equal(response.body, failedLine);
      assert.equal(response.headers['content-length'], String(Buffer.byteLength(failedLine)));
    });

    test('a batch without failures lists nothing; unknown path → 404; escaping path → 400; unknown batch → 404', async () => {
      const clean = await seedBatch(t, scope, { files: [{ name: 'clean.json', bytes: Buffer.from('{}\n') }] });
      assert.deepEqual((await get(`/batches/${clean.batchId}/failed`)).json(), { data: [], _page: { limit: 100, count: 0 } });
      assert.equal((await get(`/batches/${batch.batchId}/failed?path=blob.bin`)).statusCode, 404);
      assert.equal((await get(`/batches/${batch.batchId}/failed?path=../members.json`)).statusCode, 400);
      assert.equal((await get('/batches/unknown/failed')).statusCode, 404);
    });
  });

  describe('GET /batches/{batchId}/meta', () => {
    const failedLine = `${JSON.stringify({ ...MEMBERS[1], _errors: [{ message: FAILED[0].errors[0] }], _filename: 'members.json', _row: 2 })}\n`;
    const meta = (path?: string) => `${ORIGIN}/batches/${batch.batchId}/meta${path === undefined ? '' : `?path=${encodeURIComponent(path)}`}`;

    test('the meta directory: input_files, row_errors, row_errors_sample.json', async () => {
      const response = await get(`/batches/${batch.batchId}/meta`);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), {
        data: [
          { name: 'input_files', length: '0', _links: { self: { href: meta('input_files') } } },
          { name: 'row_errors', length: '0', _links: { self: { href: meta('row_errors') } } },
          { name: 'row_errors_sample.json', length: String(Buffer.byteLength(failedLine)), _links: { self: { href: meta('row_errors_sample.json') } } },
        ],
        _page: { limit: 100, count: 3 },
      });
      conforms('GET', `/batches/${batch.batchId}/meta`, 200, response.json());
    });

    test('?path=input_files lists one metadata file per uploaded file; each holds {"path": name} as a JSON line', async () => {
      const listing = await get(`/batches/${batch.batchId}/meta?path=input_files`);
      assert.equal(listing.statusCode, 200);
      const line = (name: string) => `${JSON.stringify({ path: name })}\n`;
      assert.deepEqual(listing.json(), {
        data: [
          { name: 'fileMetaData1.json', length: String(line('blob.bin').length), _links: { self: { href: meta('input_files/fileMetaData1.json') } } },
          { name: 'fileMetaData2.json', length: String(line('members.json').length), _links: { self: { href: meta('input_files/fileMetaData2.json') } } },
        ],
        _page: { limit: 100, count: 2 },
      });
      conforms('GET', `/batches/${batch.batchId}/meta`, 200, listing.json());

      const file = await get(`/batches/${batch.batchId}/meta?path=${encodeURIComponent('input_files/fileMetaData2.json')}`);
      assert.equal(file.statusCode, 200);
      assert.equal(file.body, line('members.json'));
      // The unencoded form of the path works too.
      assert.equal((await get(`/batches/${batch.batchId}/meta?path=input_files/fileMetaData1.json`)).body, line('blob.bin'));
    });

    test('row_errors lists conversion_errors_0.json (the failed records); row_errors_sample.json downloads them', async () => {
      const listing = (await get(`/batches/${batch.batchId}/meta?path=row_errors`)).json();
      assert.deepEqual(listing.data, [
        {
          name: 'conversion_errors_0.json',
          length: String(Buffer.byteLength(failedLine)),
          _links: { self: { href: meta('row_errors/conversion_errors_0.json') } },
        },
      ]);
      assert.equal((await get(`/batches/${batch.batchId}/meta?path=row_errors/conversion_errors_0.json`)).body, failedLine);
      assert.equal((await get(`/batches/${batch.batchId}/meta?path=row_errors_sample.json`)).body, failedLine);
    });

    test('a batch without failures has only input_files; unknown path → 404; escaping path → 400; unknown batch → 404', async () => {
      const clean = await seedBatch(t, scope, { files: [{ name: 'clean.json', bytes: Buffer.from('{}\n') }] });
      assert.deepEqual(
        (await get(`/batches/${clean.batchId}/meta`)).json().data.map((entry: { name: string }) => entry.name),
        ['input_files'],
      );
      const missing = await get(`/batches/${batch.batchId}/meta?path=row_errors/nothing.json`);
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(missing.json(), problem(404, 'NotFoundError', 'not-found', "No file or directory at path 'row_errors/nothing.json'"));
      assert.equal((await get(`/batches/${batch.batchId}/meta?path=input_files/../../x`)).statusCode, 400);
      assert.equal((await get('/batches/unknown/meta')).statusCode, 404);
    });
  });

  describe('GET /datasets/{id}/preview', () => {
    test('unknown dataset → 404; a dataset without successful batches previews no rows', async () => {
      const response = await get('/datasets/000000000000000000000000/preview');
      assert.equal(response.statusCode, 404);
      assert.deepEqual(response.json(), problem(404, 'NotFoundError', 'not-found', "Dataset '000000000000000000000000' was not found in this org and sandbox"));

      const now = t.ctx.clock.now();
      const fresh: DataSet = { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 'Fresh', imsOrg: DEMO.org, created: now, updated: now, version: '1.0.0' };
      t.ctx.store.collection<DataSet>(scope, COLLECTIONS.dataSets).put(fresh.id, fresh);
      const empty = await get(`/datasets/${fresh.id}/preview`);
      assert.equal(empty.statusCode, 200);
      assert.deepEqual(empty.json(), { data: [] });
      conforms('GET', `/datasets/${fresh.id}/preview`, 200, empty.json());
    });

    test('model: newest successful batch first, failed rows left out, at most 100 rows (stub JSON lines reader)', async () => {
      const now = t.ctx.clock.now();
      const dataSetId = 'bbbbbbbbbbbbbbbbbbbbbbbb';
      t.ctx.store
        .collection<DataSet>(scope, COLLECTIONS.dataSets)
        .put(dataSetId, { id: dataSetId, name: 'Preview', imsOrg: DEMO.org, created: now, updated: now, version: '1.0.0' });
      await seedBatch(t, scope, { dataSetId, files: [{ name: 'old.json', bytes: Buffer.from('{"n":"old-1"}\n{"n":"old-2"}\n') }], completed: now - 1000 });
      await seedBatch(t, scope, {
        dataSetId,
        files: [{ name: 'new.json', bytes: Buffer.from('{"n":"new-1"}\n{"n":"new-2"}\n{"n":"new-3"}\n') }],
        failed: [{ file: 'new.json', row: 2, record: { n: 'new-2' }, errors: ['bad'] }],
        completed: now,
      });
      const preview = await previewDataset(t.ctx, scope, dataSetId, jsonLinesReader);
      assert.deepEqual(preview, { data: [{ n: 'new-1' }, { n: 'new-3' }, { n: 'old-1' }, { n: 'old-2' }] });
      conforms('GET', `/datasets/${dataSetId}/preview`, 200, preview);

      const many = Buffer.from([...Array(150).keys()].map((index) => JSON.stringify({ n: index })).join('\n'));
      await seedBatch(t, scope, { dataSetId, files: [{ name: 'many.json', bytes: many }], completed: now + 1000 });
      const capped = await previewDataset(t.ctx, scope, dataSetId, jsonLinesReader);
      assert.equal(capped.data.length, 100);
      assert.deepEqual(capped.data[0], { n: 0 });
      assert.deepEqual(capped.data[99], { n: 99 });
    });

    test('model: values JSON cannot carry (BigInt, Date) are previewed as numbers/strings', async () => {
      const now = t.ctx.clock.now();
      const dataSetId = 'cccccccccccccccccccccccc';
      t.ctx.store
        .collection<DataSet>(scope, COLLECTIONS.dataSets)
        .put(dataSetId, { id: dataSetId, name: 'Typed', imsOrg: DEMO.org, created: now, updated: now, version: '1.0.0' });
      await seedBatch(t, scope, { dataSetId, files: [{ name: 'typed.parquet', bytes: Buffer.from('x') }], format: { format: 'parquet' } });
      const typedReader: RecordReader = async function* (_path, format) {
        assert.equal(format.format, 'parquet');
        yield { row: 1, record: { points: 42n, huge: 2n ** 70n, at: new Date(0), nested: [{ n: 1n }] } };
      };
      const preview = await previewDataset(t.ctx, scope, dataSetId, typedReader);
      assert.deepEqual(preview, { data: [{ points: 42, huge: '1180591620717411303424', at: '1970-01-01T00:00:00.000Z', nested: [{ n: 1 }] }] });
    });

    test('over HTTP with the real readRecords (skipped until src/services/ingestion/records.ts is implemented)', async (context) => {
      const probe = join(blobDir, 'probe.json');
      await writeFile(probe, '{"a":1}\n');
      try {
        for await (const record of readRecords(probe, { format: 'json' })) void record;
      } catch (error) {
        if (/not implemented/.test(String(error))) return context.skip('readRecords is still the placeholder; this test runs once processing lands');
      }
      const response = await get(`/datasets/${DATASET}/preview`);
      assert.equal(response.statusCode, 200);
      const ids = response.json().data.map((record: { _id?: string }) => record._id);
      // members.json of the seeded batch, without its failed row 2.
      for (const id of ['m-1', 'm-3']) assert.ok(ids.includes(id), `${id} in ${ids}`);
      assert.ok(!ids.includes('m-2'));
      conforms('GET', `/datasets/${DATASET}/preview`, 200, response.json());
    });
  });

  describe('isolation: another sandbox and another org see none of it', () => {
    test('sandbox dev of the same org', async () => {
      const dev = { 'x-sandbox-name': 'dev' };
      for (const url of [
        `/batches/${batch.batchId}/files`,
        `/batches/${batch.batchId}/failed`,
        `/batches/${batch.batchId}/meta`,
        `/files/${members.id}`,
        `/files/${members.id}?path=members.json`,
        `/datasets/${DATASET}/preview`,
      ]) {
        assert.equal((await get(url, dev)).statusCode, 404, url);
      }
      assert.equal((await get(`/files/${members.id}?path=members.json`, dev, 'HEAD')).statusCode, 404);
    });

    test('the other org', async () => {
      const other = { ...platformHeaders(await tokenFor(t, OTHER), { 'x-api-key': OTHER.clientId, 'x-gw-ims-org-id': OTHER.org }), host: HOST };
      for (const url of [
        `/batches/${batch.batchId}/files`,
        `/batches/${batch.batchId}/failed?path=members.json`,
        `/batches/${batch.batchId}/meta`,
        `/files/${members.id}?path=members.json`,
        `/datasets/${DATASET}/preview`,
      ]) {
        const response = await t.inject({ method: 'GET', url: `${BASE}${url}`, headers: other });
        assert.equal(response.statusCode, 404, url);
      }
    });
  });
});
