import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ReferenceSpec } from '../../contract/reference.js';
import { COLLECTIONS, type Batch, type BatchFile } from '../../../src/services/platform-objects.js';
import { DEMO } from '../../helpers.js';
import { checkFilePath } from '../../../src/services/ingestion/model.js';
import type { ApiError } from '../../../src/errors/api-error.js';
import { DATASET, IMPORT, PROD_SCOPE, problem, startUploadApp, type UploadApp } from './upload-helpers.js';

const MAX = 1024 * 1024;

function batchOf(t: UploadApp, id: string): Batch {
  return t.ctx.store.collection<Batch>(PROD_SCOPE, COLLECTIONS.batches).get(id)!;
}

function fileOf(t: UploadApp, batchId: string, name: string): BatchFile | undefined {
  return t.ctx.store.collection<BatchFile>(PROD_SCOPE, COLLECTIONS.batchFiles).get(`${batchId}/${name}`);
}

/** Every file under a folder, relative paths. */
function listFiles(folder: string, prefix = ''): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** `size` pseudo-random bytes produced chunk by chunk, never held whole. */
function generated(size: number, seed = 1): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const chunk = Buffer.alloc(Math.min(64 * 1024, size - sent), (sent / 65536 + seed) % 251);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('Batch Ingestion: POST /batches', () => {
  let t: UploadApp;
  before(async () => {
    t = await startUploadApp();
  });
  after(() => t.close());

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    t.inject({
      method: 'POST',
      url: `${IMPORT}/batches`,
      headers: { ...t.headers(), 'content-type': 'application/json', ...headers },
      payload: payload as object,
    });

  it('answers 201 with the batch object of seed 001, stored in Catalog', async () => {
    const response = await post({ datasetId: DATASET, inputFormat: { format: 'json', isMultiLineJson: true } });
    assert.equal(response.statusCode, 201);
    const batch = response.json() as Batch;
    assert.match(batch.id, /^[0-9a-f]{32}$/);
    assert.deepEqual(batch, {
      id: batch.id,
      imsOrg: DEMO.org,
      updated: batch.created,
      status: 'loading',
      created: batch.created,
      relatedObjects: [{ type: 'dataSet', id: DATASET }],
      version: '1.0.0',
      tags: {
        acp_producer: [DEMO.clientId],
        acp_stagePath: [`${DEMO.clientId}/stage/${batch.id}`],
        use_plan_b_batch_status: ['false'],
      },
      createdUser: batch.createdUser,
      updatedUser: batch.createdUser,
      externalId: batch.id,
      createdClient: DEMO.clientId,
      inputFormat: { format: 'json', isMultiLineJson: true },
    });
    assert.deepEqual(batchOf(t, batch.id), batch);
  });

  it('conforms to batch-ingestion.yaml, except that its status enum lacks the documented "loading"', async () => {
    const response = await post({ datasetId: DATASET, inputFormat: { format: 'parquet' } });
    const problems = ReferenceSpec.load('batch-ingestion.yaml').problems('POST', '/batches', 201, response.json());
    // Seed 001 and api-overview.md both answer "status": "loading"; the reference's Batch.status enum omits it.
    assert.deepEqual(
      problems.map((line) => line.split(' ')[0]),
      ['/status'],
    );
  });

  it('creates a Parquet batch from the bare {"datasetId"} body of seed 001', async () => {
    const response = await post({ datasetId: DATASET });
    assert.equal(response.statusCode, 201);
    assert.deepEqual((response.json() as Batch).inputFormat, { format: 'parquet' });
  });

  it('accepts the reference spelling of formats (CSV) and keeps externalId and tags', async () => {
    const response = await post({ datasetId: DATASET, inputFormat: { format: 'CSV', delimiter: ';' }, externalId: 'ext-1', tags: { team: ['a'] } });
    assert.equal(response.statusCode, 201);
    const batch = response.json() as Batch;
    assert.deepEqual(batch.inputFormat, { format: 'csv', delimiter: ';' });
    assert.equal(batch.externalId, 'ext-1');
    assert.deepEqual(batch.tags.team, ['a']);
  });

  it('answers 400 for a dataset that does not exist in this org and sandbox', async () => {
    const unknown = await post({ datasetId: '000000000000000000000000', inputFormat: { format: 'json' } });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json(), problem(400, "Dataset '000000000000000000000000' was not found in this organization and sandbox"));
    const otherSandbox = await post({ datasetId: DATASET, inputFormat: { format: 'json' } }, { 'x-sandbox-name': 'dev' });
    assert.equal(otherSandbox.statusCode, 400);
    assert.deepEqual(otherSandbox.json(), problem(400, `Dataset '${DATASET}' was not found in this organization and sandbox`));
  });

  it('answers 400 for an unsupported format, multi-line CSV and a missing datasetId', async () => {
    const xml = await post({ datasetId: DATASET, inputFormat: { format: 'xml' } });
    assert.equal(xml.statusCode, 400);
    assert.deepEqual(xml.json(), problem(400, "Input format 'xml' is not supported; use json, parquet or csv"));
    const noFormat = await post({ datasetId: DATASET, inputFormat: {} });
    assert.deepEqual(noFormat.json(), problem(400, "Input format 'undefined' is not supported; use json, parquet or csv"));
    const multiLineCsv = await post({ datasetId: DATASET, inputFormat: { format: 'csv', isMultiLineJson: true } });
    assert.equal(multiLineCsv.statusCode, 400);
    assert.deepEqual(multiLineCsv.json(), problem(400, "isMultiLineJson can only be set for the json format, not for 'csv'"));
    const missing = await post({ inputFormat: { format: 'json' } });
    assert.equal(missing.statusCode, 400);
    const wrongType = await post({ datasetId: DATASET, inputFormat: { format: 'json', isMultiLineJson: 'yes' } });
    assert.equal(wrongType.statusCode, 400);
  });
});

describe('Batch Ingestion: PUT /batches/{batchId}/datasets/{datasetId}/files/{filePath}', () => {
  let t: UploadApp;
  before(async () => {
    t = await startUploadApp({ maxUploadBytes: MAX });
  });
  after(() => t.close());

  it('stores the bytes and a BatchFile, answering 200 with an empty body', async () => {
    const batchId = await t.createBatch();
    const bytes = Buffer.from('{"_id":"1"}\n{"_id":"2"}\n');
    const response = await t.put(batchId, 'members.json', bytes);
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, '');
    const file = fileOf(t, batchId, 'members.json')!;
    assert.deepEqual(file, {
      id: `${batchId}/members.json`,
      batchId,
      dataSetId: DATASET,
      fileName: 'members.json',
      path: file.path,
      size: bytes.length,
      uploaded: file.uploaded,
      state: 'complete',
    });
    assert.match(file.path, new RegExp(`^[0-9a-f]{16}/${batchId}/members\\.json$`));
    assert.deepEqual(await readFile(join(t.blobDir, file.path)), bytes);
  });

  it('streams a multi-megabyte body without a Content-Length to disk, byte for byte', async () => {
    const big = await startUploadApp(); // default 512 MiB limit
    try {
      const batchId = await big.createBatch();
      const size = 24 * 1024 * 1024 + 17;
      const response = await big.put(batchId, 'big.json', generated(size));
      assert.equal(response.statusCode, 200);
      const file = big.ctx.store.collection<BatchFile>(PROD_SCOPE, COLLECTIONS.batchFiles).get(`${batchId}/big.json`)!;
      assert.equal(file.size, size);
      const { createReadStream } = await import('node:fs');
      assert.equal(await sha256Of(createReadStream(join(big.blobDir, file.path))), await sha256Of(generated(size)));
    } finally {
      await big.close();
    }
  });

  it('keeps folders of nested file paths inside the batch folder', async () => {
    const batchId = await t.createBatch();
    assert.equal((await t.put(batchId, 'folder/part-1.json', '{}')).statusCode, 200);
    assert.equal((await t.put(batchId, 'folder%2Fpart-2.json', '{}')).statusCode, 200);
    const one = fileOf(t, batchId, 'folder/part-1.json')!;
    const two = fileOf(t, batchId, 'folder/part-2.json')!;
    assert.ok(one.path.endsWith(`/${batchId}/folder/part-1.json`));
    assert.ok(two.path.endsWith(`/${batchId}/folder/part-2.json`));
    assert.ok(existsSync(join(t.blobDir, two.path)));
  });

  it('replaces a file uploaded again under the same name', async () => {
    const batchId = await t.createBatch();
    await t.put(batchId, 'again.json', 'first version, longer');
    const response = await t.put(batchId, 'again.json', 'second');
    assert.equal(response.statusCode, 200);
    const file = fileOf(t, batchId, 'again.json')!;
    assert.equal(file.size, 6);
    assert.equal(await readFile(join(t.blobDir, file.path), 'utf8'), 'second');
    const files = [...t.ctx.store.collection<BatchFile>(PROD_SCOPE, COLLECTIONS.batchFiles).values()].filter((f) => f.batchId === batchId);
    assert.equal(files.length, 1);
  });

  it('refuses hostile file paths with 400 and writes nothing', async () => {
    const batchId = await t.createBatch();
    const before = listFiles(t.blobDir).filter((path) => !path.startsWith('.tmp'));
    const cases: Array<[string, string]> = [
      ['..%2F..%2Fescape.json', "Invalid file path: '..' segments are not allowed"],
      ['folder/..%2F..%2F..%2Fescape.json', "Invalid file path: '..' segments are not allowed"],
      ['%2Fetc%2Fpasswd', 'Invalid file path: absolute paths are not allowed'],
      ['C:%5Cwindows', 'Invalid file path: backslashes are not allowed; separate folders with /'],
      ['C:evil', 'Invalid file path: absolute paths are not allowed'],
      ['evil%00.json', 'Invalid file path: control characters (such as NUL) are not allowed'],
      ['line%0Abreak', 'Invalid file path: control characters (such as NUL) are not allowed'],
      ['back%5Cslash.json', 'Invalid file path: backslashes are not allowed; separate folders with /'],
      ['a//b.json', 'Invalid file path: empty folder or file names (//, trailing /) are not allowed'],
      [`${'x'.repeat(256)}.json`, 'Invalid file path: a name is longer than 255 bytes'],
      ['', 'Invalid file path: the file name is empty'],
    ];
    for (const [name, detail] of cases) {
      const response = await t.put(batchId, name, 'data');
      assert.equal(response.statusCode, 400, name);
      assert.deepEqual(response.json(), problem(400, detail), name);
    }
    // Dot segments a client library resolves itself never reach a file route: still a 4xx, no file.
    for (const name of ['../escape.json', '%2e%2e/escape.json']) {
      const response = await t.put(batchId, name, 'data');
      assert.equal(response.statusCode, 400, name);
    }
    assert.deepEqual(
      listFiles(t.blobDir).filter((path) => !path.startsWith('.tmp')),
      before,
    );
    const recorded = [...t.ctx.store.collection<BatchFile>(PROD_SCOPE, COLLECTIONS.batchFiles).values()].filter((f) => f.batchId === batchId);
    assert.deepEqual(recorded, []);
  });

  it("answers 400 when a path collides with another file's folder", async () => {
    const batchId = await t.createBatch();
    assert.equal((await t.put(batchId, 'x', 'file')).statusCode, 200);
    const nested = await t.put(batchId, 'x/y.json', 'nested');
    assert.equal(nested.statusCode, 400);
    assert.deepEqual(nested.json(), problem(400, "File path 'x/y.json' conflicts with the folder structure of another file in this batch"));
    assert.equal(await readFile(join(t.blobDir, fileOf(t, batchId, 'x')!.path), 'utf8'), 'file');
  });

  it("answers 404 for an unknown batch and 400 for a dataset that is not the batch's", async () => {
    const missing = await t.put('0123456789abcdef0123456789abcdef', 'a.json', 'x');
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), problem(404, "Batch '0123456789abcdef0123456789abcdef' was not found in this organization and sandbox"));
    const batchId = await t.createBatch();
    const wrong = await t.put(batchId, 'a.json', 'x', {}, 'aaaaaaaaaaaaaaaaaaaaaaaa');
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(wrong.json(), problem(400, `Batch '${batchId}' belongs to dataset '${DATASET}', not to dataset 'aaaaaaaaaaaaaaaaaaaaaaaa'`));
    assert.equal(fileOf(t, batchId, 'a.json'), undefined);
  });

  it('is isolated per sandbox: another sandbox does not see the batch', async () => {
    const batchId = await t.createBatch();
    const response = await t.put(batchId, 'a.json', 'x', { 'x-sandbox-name': 'dev' });
    assert.equal(response.statusCode, 404);
  });

  it('answers 413 beyond the limit, by Content-Length up front and by counting otherwise, leaving the old file intact', async () => {
    const batchId = await t.createBatch();
    await t.put(batchId, 'keep.json', 'old bytes');
    const announced = await t.put(batchId, 'keep.json', Buffer.alloc(MAX + 1));
    assert.equal(announced.statusCode, 413);
    assert.deepEqual(announced.json(), problem(413, `The file is larger than the ${MAX} bytes a single upload accepts; split it or upload it in chunks`));
    const streamed = await t.put(batchId, 'keep.json', generated(MAX + 1));
    assert.equal(streamed.statusCode, 413);
    assert.deepEqual(streamed.json(), announced.json());
    const exactly = await t.put(batchId, 'exact.json', generated(MAX));
    assert.equal(exactly.statusCode, 200);
    assert.equal(await readFile(join(t.blobDir, fileOf(t, batchId, 'keep.json')!.path), 'utf8'), 'old bytes');
    assert.equal(fileOf(t, batchId, 'keep.json')!.size, 9);
    assert.deepEqual(readdirSync(join(t.blobDir, '.tmp')), []);
  });

  it('accepts an empty file (processing reports it)', async () => {
    const batchId = await t.createBatch();
    const response = await t.put(batchId, 'empty.json', '');
    assert.equal(response.statusCode, 200);
    assert.equal(fileOf(t, batchId, 'empty.json')!.size, 0);
  });

  it('answers 400 for a body that is not application/octet-stream (gateway)', async () => {
    const batchId = await t.createBatch();
    const response = await t.put(batchId, 'a.json', 'x', { 'content-type': 'text/plain' });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json(), {
      type: '/placeholder/type/uri',
      status: 400,
      title: 'BadRequestError',
      detail: 'A valid content-type must be specified',
    });
  });

  it('HEAD answers the stored size, and 404 for a file that is not there', async () => {
    const batchId = await t.createBatch();
    await t.put(batchId, 'sized.json', '12345');
    const head = await t.inject({ method: 'HEAD', url: t.filesUrl(batchId, 'sized.json'), headers: t.headers() });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-length'], '5');
    assert.equal(head.body, '');
    const absent = await t.inject({ method: 'HEAD', url: t.filesUrl(batchId, 'absent.json'), headers: t.headers() });
    assert.equal(absent.statusCode, 404);
  });

  it('deletes uploaded bytes on reset', async () => {
    const batchId = await t.createBatch();
    await t.put(batchId, 'gone.json', 'bytes');
    const path = join(t.blobDir, fileOf(t, batchId, 'gone.json')!.path);
    assert.ok(existsSync(path));
    await t.ctx.reset();
    assert.equal(existsSync(path), false);
    assert.equal(fileOf(t, batchId, 'gone.json'), undefined);
  });
});

describe('Batch Ingestion: uploads persist beside the data file', () => {
  it('keeps BatchFiles in the data file and the bytes in <data file>.files across a restart', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'upload-persist-'));
    const dataFile = join(folder, 'state.json');
    try {
      const first = await startUploadApp({ dataFile, blobDir: undefined });
      const batchId = await first.createBatch();
      assert.equal((await first.put(batchId, 'kept.json', '{"kept":true}')).statusCode, 200);
      const path = fileOf(first, batchId, 'kept.json')!.path;
      assert.equal(first.ctx.config.blobDir, `${dataFile}.files`);
      await first.close();

      const second = await startUploadApp({ dataFile, blobDir: undefined });
      try {
        const file = fileOf(second, batchId, 'kept.json')!;
        assert.equal(file.path, path);
        assert.equal(await readFile(join(second.ctx.config.blobDir, file.path), 'utf8'), '{"kept":true}');
        const head = await second.inject({ method: 'HEAD', url: second.filesUrl(batchId, 'kept.json'), headers: second.headers() });
        assert.equal(head.headers['content-length'], '13');
      } finally {
        await second.close();
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('checkFilePath (the rule behind every file route)', () => {
  it('accepts plain and nested names and refuses anything that could leave the batch folder', () => {
    assert.equal(checkFilePath('part-1.json'), 'part-1.json');
    assert.equal(checkFilePath('year=2024/month=01/part-1.parquet'), 'year=2024/month=01/part-1.parquet');
    const refused: Array<[string | undefined, string]> = [
      [undefined, 'the file name is empty'],
      ['..', "'..' segments are not allowed"],
      ['a/../../b', "'..' segments are not allowed"],
      ['./a', "'.' segments are not allowed"],
      ['/etc/passwd', 'absolute paths are not allowed'],
      ['a\\..\\b', 'backslashes are not allowed; separate folders with /'],
      ['a\u0000b', 'control characters (such as NUL) are not allowed'],
      ['a/', 'empty folder or file names (//, trailing /) are not allowed'],
      ['x'.repeat(1025), 'longer than 1024 characters'],
    ];
    for (const [path, reason] of refused) {
      assert.throws(
        () => checkFilePath(path),
        (error: ApiError) => {
          assert.deepEqual(error.body, problem(400, `Invalid file path: ${reason}`));
          return true;
        },
      );
    }
  });
});

describe('Batch Ingestion: POST /batches/{batchId}?action=...', () => {
  let t: UploadApp;
  before(async () => {
    t = await startUploadApp();
  });
  after(() => t.close());

  const signal = (batchId: string, action: string) => t.inject({ method: 'POST', url: `${IMPORT}/batches/${batchId}?action=${action}`, headers: t.headers() });

  it('COMPLETE answers 200 with an empty body, and again when retried', async () => {
    const batchId = await t.createBatch();
    await t.put(batchId, 'a.json', '{"_id":"1"}\n');
    const first = await signal(batchId, 'COMPLETE');
    assert.equal(first.statusCode, 200);
    assert.equal(first.body, '');
    const again = await signal(batchId, 'COMPLETE');
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, '');
    // Processing has moved the batch on: it takes no more files.
    const status = batchOf(t, batchId).status;
    assert.notEqual(status, 'loading');
    const late = await t.put(batchId, 'late.json', '{}');
    assert.equal(late.statusCode, 400);
    assert.deepEqual(late.json(), problem(400, `Batch '${batchId}' is ${status}: files can only be uploaded while the batch is loading`));
  });

  it('a completed batch (any final status) takes no more files, and COMPLETE stays 200', async () => {
    const batchId = await t.createBatch();
    const batches = t.ctx.store.collection<Batch>(PROD_SCOPE, COLLECTIONS.batches);
    batches.put(batchId, { ...batchOf(t, batchId), status: 'success' });
    const late = await t.put(batchId, 'late.json', '{}');
    assert.equal(late.statusCode, 400);
    assert.deepEqual(late.json(), problem(400, `Batch '${batchId}' is success: files can only be uploaded while the batch is loading`));
    assert.equal((await signal(batchId, 'COMPLETE')).statusCode, 200);
    assert.equal(batchOf(t, batchId).status, 'success');
  });

  it('a batch signalled COMPLETE takes no more files while it is being processed, and COMPLETE stays 200', async () => {
    const slow = await startUploadApp({ processingDelayMs: 60_000 });
    try {
      const batchId = await slow.createBatch();
      await slow.put(batchId, 'a.json', '{"_id":"1"}\n');
      const complete = () => slow.inject({ method: 'POST', url: `${IMPORT}/batches/${batchId}?action=COMPLETE`, headers: slow.headers() });
      assert.equal((await complete()).statusCode, 200);
      assert.equal(batchOf(slow, batchId).status, 'staging');
      const late = await slow.put(batchId, 'late.json', '{}');
      assert.equal(late.statusCode, 400);
      assert.deepEqual(late.json(), problem(400, `Batch '${batchId}' is staging: files can only be uploaded while the batch is loading`));
      assert.equal((await complete()).statusCode, 200);
      assert.equal(batchOf(slow, batchId).status, 'staging', 'a retried COMPLETE does not start over');
    } finally {
      await slow.close();
    }
  });

  it('ABORT makes the batch aborted; it then takes no files and cannot be completed', async () => {
    const batchId = await t.createBatch();
    const response = await signal(batchId, 'ABORT');
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, '');
    const batch = batchOf(t, batchId);
    assert.equal(batch.status, 'aborted');
    assert.equal(batch.version, '1.0.1');
    assert.equal((await signal(batchId, 'abort')).statusCode, 200);
    const upload = await t.put(batchId, 'a.json', '{}');
    assert.deepEqual(upload.json(), problem(400, `Batch '${batchId}' is aborted: files can only be uploaded while the batch is loading`));
    const complete = await signal(batchId, 'COMPLETE');
    assert.equal(complete.statusCode, 400);
    assert.deepEqual(complete.json(), problem(400, `Batch '${batchId}' is aborted and cannot be completed`));
  });

  it('ABORT is refused once the batch is processed', async () => {
    for (const status of ['success', 'failed'] as const) {
      const batchId = await t.createBatch();
      t.ctx.store.collection<Batch>(PROD_SCOPE, COLLECTIONS.batches).put(batchId, { ...batchOf(t, batchId), status });
      const response = await signal(batchId, 'ABORT');
      assert.equal(response.statusCode, 400);
      assert.deepEqual(response.json(), problem(400, `Batch '${batchId}' is ${status} and can no longer be aborted`));
    }
  });

  it('REVERT makes a successful batch inactive; FAIL fails a loading batch', async () => {
    const reverted = await t.createBatch();
    assert.deepEqual((await signal(reverted, 'REVERT')).json(), problem(400, `Batch '${reverted}' is loading; only a successful batch can be reverted`));
    t.ctx.store.collection<Batch>(PROD_SCOPE, COLLECTIONS.batches).put(reverted, { ...batchOf(t, reverted), status: 'success' });
    assert.equal((await signal(reverted, 'REVERT')).statusCode, 200);
    assert.equal(batchOf(t, reverted).status, 'inactive');
    const failed = await t.createBatch();
    assert.equal((await signal(failed, 'FAIL')).statusCode, 200);
    assert.equal(batchOf(t, failed).status, 'failed');
  });

  it('answers 400 for an unknown or missing action and 404 for an unknown batch', async () => {
    const batchId = await t.createBatch();
    const unknown = await signal(batchId, 'PROMOTE');
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json(), problem(400, "Unknown action 'PROMOTE': use COMPLETE, ABORT, FAIL or REVERT"));
    const missing = await t.inject({ method: 'POST', url: `${IMPORT}/batches/${batchId}`, headers: t.headers() });
    assert.deepEqual(missing.json(), problem(400, "Unknown action '': use COMPLETE, ABORT, FAIL or REVERT"));
    const notFound = await signal('ffffffffffffffffffffffffffffffff', 'COMPLETE');
    assert.equal(notFound.statusCode, 404);
    assert.deepEqual(notFound.json(), problem(404, "Batch 'ffffffffffffffffffffffffffffffff' was not found in this organization and sandbox"));
  });

  it('seed 001 gives no byte of randomness away: uploads are stored exactly', async () => {
    const batchId = await t.createBatch();
    const bytes = randomBytes(100_000);
    await t.put(batchId, 'random.bin', bytes);
    assert.deepEqual(await readFile(join(t.blobDir, fileOf(t, batchId, 'random.bin')!.path)), bytes);
  });
});
