import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReferenceSpec } from '../../contract/reference.js';
import { COLLECTIONS, type BatchFile } from '../../../src/services/platform-objects.js';
import { IMPORT, PROD_SCOPE, problem, startUploadApp, type UploadApp } from './upload-helpers.js';

describe('Batch Ingestion: large files (INITIALIZE, PATCH chunks, COMPLETE, HEAD)', () => {
  let t: UploadApp;
  before(async () => {
    t = await startUploadApp({ maxUploadBytes: 64 * 1024 });
  });
  after(() => t.close());

  const action = (batchId: string, name: string, verb: string) =>
    t.inject({ method: 'POST', url: `${t.filesUrl(batchId, name)}?action=${verb}`, headers: t.headers() });
  const chunk = (batchId: string, name: string, bytes: Buffer, range: string | undefined) =>
    t.inject({
      method: 'PATCH',
      url: t.filesUrl(batchId, name),
      headers: { ...t.headers(), 'content-type': 'application/octet-stream', ...(range === undefined ? {} : { 'content-range': range }) },
      payload: bytes,
    });
  const head = (batchId: string, name: string) => t.inject({ method: 'HEAD', url: t.filesUrl(batchId, name), headers: t.headers() });
  const fileOf = (batchId: string, name: string) => t.ctx.store.collection<BatchFile>(PROD_SCOPE, COLLECTIONS.batchFiles).get(`${batchId}/${name}`);

  it('stitches chunks sent in any order into the file, byte for byte', async () => {
    const batchId = await t.createBatch();
    const bytes = randomBytes(150_000); // larger than one upload may be: three chunks
    const init = await action(batchId, 'big.parquet', 'INITIALIZE');
    // batch-ingestion.yaml: the action answers 200 with the File (nothing received yet)
    assert.equal(init.statusCode, 200);
    assert.deepEqual(init.json(), { name: 'big.parquet', sizeInBytes: 0 });
    assert.deepEqual(ReferenceSpec.load('batch-ingestion.yaml').problems('POST', `/batches/${batchId}/datasets/x/files/big.parquet`, 200, init.json()), []);
    assert.equal(fileOf(batchId, 'big.parquet')!.state, 'initialized');

    const parts: Array<[number, number]> = [
      [100_000, 149_999],
      [0, 49_999],
      [50_000, 99_999],
    ];
    for (const [start, end] of parts) {
      const response = await chunk(batchId, 'big.parquet', bytes.subarray(start, end + 1), `bytes ${start}-${end}/150000`);
      assert.equal(response.statusCode, 200);
      assert.equal((response.json() as { name: string }).name, 'big.parquet');
    }
    const progress = await head(batchId, 'big.parquet');
    assert.equal(progress.statusCode, 200);
    assert.equal(progress.headers['content-length'], '150000');
    assert.equal(progress.headers.range, 'bytes=0-149999');

    const done = await action(batchId, 'big.parquet', 'COMPLETE');
    assert.equal(done.statusCode, 200);
    assert.deepEqual(done.json(), { name: 'big.parquet', sizeInBytes: 150_000 });
    assert.deepEqual(ReferenceSpec.load('batch-ingestion.yaml').problems('POST', `/batches/${batchId}/datasets/x/files/big.parquet`, 200, done.json()), []);
    const file = fileOf(batchId, 'big.parquet')!;
    assert.equal(file.state, 'complete');
    assert.equal(file.size, 150_000);
    assert.deepEqual(await readFile(join(t.blobDir, file.path)), bytes);
    assert.equal((await head(batchId, 'big.parquet')).headers['content-length'], '150000');
    // The chunks are gone once stitched; COMPLETE again answers the same.
    assert.deepEqual(readdirSync(join(t.blobDir, '.parts')), []);
    assert.deepEqual((await action(batchId, 'big.parquet', 'COMPLETE')).json(), { name: 'big.parquet', sizeInBytes: 150_000 });
  });

  it('HEAD reports the ranges received so far', async () => {
    const batchId = await t.createBatch();
    await action(batchId, 'partial.json', 'INITIALIZE');
    await chunk(batchId, 'partial.json', Buffer.alloc(10), 'bytes 0-9/40');
    await chunk(batchId, 'partial.json', Buffer.alloc(10), 'bytes 20-29/40');
    const response = await head(batchId, 'partial.json');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-length'], '20');
    assert.equal(response.headers.range, 'bytes=0-9,20-29');
  });

  it('COMPLETE answers 400 for overlapping chunks and keeps them for a retry', async () => {
    const batchId = await t.createBatch();
    await action(batchId, 'overlap.json', 'INITIALIZE');
    await chunk(batchId, 'overlap.json', Buffer.alloc(60), 'bytes 0-59/100');
    await chunk(batchId, 'overlap.json', Buffer.alloc(50), 'bytes 50-99/100');
    const response = await action(batchId, 'overlap.json', 'COMPLETE');
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json(), problem(400, "Large file 'overlap.json' has overlapping chunks: bytes 50-59 were uploaded more than once"));
    assert.equal(fileOf(batchId, 'overlap.json')!.state, 'initialized');
  });

  it('COMPLETE answers 400 for missing chunks, inside or at the end', async () => {
    const batchId = await t.createBatch();
    await action(batchId, 'gap.json', 'INITIALIZE');
    await chunk(batchId, 'gap.json', Buffer.alloc(10), 'bytes 0-9/100');
    await chunk(batchId, 'gap.json', Buffer.alloc(10), 'bytes 20-29/100');
    const inside = await action(batchId, 'gap.json', 'COMPLETE');
    assert.equal(inside.statusCode, 400);
    assert.deepEqual(inside.json(), problem(400, "Large file 'gap.json' has missing chunks: bytes 10-19 were never uploaded"));
    await chunk(batchId, 'gap.json', Buffer.alloc(10), 'bytes 10-19/100');
    const tail = await action(batchId, 'gap.json', 'COMPLETE');
    assert.deepEqual(tail.json(), problem(400, "Large file 'gap.json' has missing chunks: bytes 30-99 were never uploaded"));
    // A batch with an unfinished large file cannot be completed.
    const batchComplete = await t.inject({ method: 'POST', url: `${IMPORT}/batches/${batchId}?action=COMPLETE`, headers: t.headers() });
    assert.equal(batchComplete.statusCode, 400);
    assert.deepEqual(batchComplete.json(), problem(400, `Batch '${batchId}' cannot be completed: large file 'gap.json' was initialized but not completed`));
  });

  it('a retried chunk (same range) replaces itself rather than overlapping', async () => {
    const batchId = await t.createBatch();
    await action(batchId, 'retry.json', 'INITIALIZE');
    await chunk(batchId, 'retry.json', Buffer.from('aaaa'), 'bytes 0-3/8');
    await chunk(batchId, 'retry.json', Buffer.from('bbbb'), 'bytes 4-7/8');
    await chunk(batchId, 'retry.json', Buffer.from('cccc'), 'bytes 0-3/8');
    assert.deepEqual((await action(batchId, 'retry.json', 'COMPLETE')).json(), { name: 'retry.json', sizeInBytes: 8 });
    assert.equal(await readFile(join(t.blobDir, fileOf(batchId, 'retry.json')!.path), 'utf8'), 'ccccbbbb');
  });

  it('refuses bad chunks: no INITIALIZE (404), bad or missing Content-Range, wrong length, other total, too large', async () => {
    const batchId = await t.createBatch();
    const notInitialized = await chunk(batchId, 'never.json', Buffer.alloc(4), 'bytes 0-3/4');
    assert.equal(notInitialized.statusCode, 404);
    assert.deepEqual(
      notInitialized.json(),
      problem(404, `File 'never.json' of batch '${batchId}' is not being uploaded in chunks: initialize it with ?action=INITIALIZE first`),
    );
    await action(batchId, 'c.json', 'INITIALIZE');
    const missing = await chunk(batchId, 'c.json', Buffer.alloc(4), undefined);
    assert.deepEqual(missing.json(), problem(400, 'A Content-Range header (bytes <start>-<end>/<total>) is required'));
    for (const range of ['bytes 5-2/10', 'bytes 0-10/10', 'items 0-3/4', 'bytes a-b/c']) {
      const response = await chunk(batchId, 'c.json', Buffer.alloc(4), range);
      assert.equal(response.statusCode, 400, range);
      assert.deepEqual(response.json(), problem(400, `Invalid Content-Range '${range}': expected bytes <start>-<end>/<total> with start <= end < total`));
    }
    const wrongLength = await chunk(batchId, 'c.json', Buffer.alloc(3), 'bytes 0-3/10');
    assert.equal(wrongLength.statusCode, 400);
    assert.deepEqual(wrongLength.json(), problem(400, 'The request body has 3 bytes but 4 were announced'));
    assert.equal((await chunk(batchId, 'c.json', Buffer.alloc(4), 'bytes 0-3/10')).statusCode, 200);
    const otherTotal = await chunk(batchId, 'c.json', Buffer.alloc(4), 'bytes 4-7/12');
    assert.deepEqual(otherTotal.json(), problem(400, "Content-Range total 12 differs from the total 10 announced earlier for 'c.json'"));
    await action(batchId, 'd.json', 'INITIALIZE');
    const tooLarge = await chunk(batchId, 'd.json', Buffer.alloc(10), `bytes 0-${64 * 1024}/${64 * 1024 + 1}`);
    assert.equal(tooLarge.statusCode, 413);
    assert.equal(readdirSync(join(t.blobDir, '.tmp')).length, 0);
  });

  it('file actions: unknown action 400, COMPLETE of an unknown file 404, no uploads once the batch is aborted', async () => {
    const batchId = await t.createBatch();
    const unknown = await action(batchId, 'f.json', 'START');
    assert.deepEqual(unknown.json(), problem(400, "Unknown action 'START': use INITIALIZE or COMPLETE"));
    const complete = await action(batchId, 'nothing.json', 'COMPLETE');
    assert.equal(complete.statusCode, 404);
    assert.deepEqual(complete.json(), problem(404, `File 'nothing.json' was not found in batch '${batchId}'`));
    await t.inject({ method: 'POST', url: `${IMPORT}/batches/${batchId}?action=ABORT`, headers: t.headers() });
    const init = await action(batchId, 'f.json', 'INITIALIZE');
    assert.deepEqual(init.json(), problem(400, `Batch '${batchId}' is aborted: files can only be uploaded while the batch is loading`));
  });

  it('body-less actions take any Content-Type (the reference lists no 415 for them)', async () => {
    const batchId = await t.createBatch();
    const post = (url: string, contentType: string) => t.inject({ method: 'POST', url, headers: { ...t.headers(), 'content-type': contentType } });
    const init = await post(`${t.filesUrl(batchId, 'form.json')}?action=INITIALIZE`, 'multipart/form-data');
    assert.equal(init.statusCode, 200, init.body);
    await chunk(batchId, 'form.json', Buffer.from('{"a":1}\n'), 'bytes 0-7/8');
    const complete = await post(`${t.filesUrl(batchId, 'form.json')}?action=COMPLETE`, 'text/plain');
    assert.equal(complete.statusCode, 200, complete.body);
    assert.deepEqual(complete.json(), { name: 'form.json', sizeInBytes: 8 });
    const batch = await post(`${IMPORT}/batches/${batchId}?action=COMPLETE`, 'multipart/form-data; boundary=x');
    assert.equal(batch.statusCode, 200, batch.body);
    assert.equal(batch.body, '');
  });

  it('a PUT of the same name replaces a chunked upload in progress', async () => {
    const batchId = await t.createBatch();
    await action(batchId, 'switch.json', 'INITIALIZE');
    await chunk(batchId, 'switch.json', Buffer.alloc(4), 'bytes 0-3/8');
    assert.equal((await t.put(batchId, 'switch.json', 'whole')).statusCode, 200);
    const file = fileOf(batchId, 'switch.json')!;
    assert.equal(file.state, 'complete');
    assert.equal(file.size, 5);
    assert.equal(t.ctx.store.collection(PROD_SCOPE, 'largeFileUploads').has(`${batchId}/switch.json`), false);
    assert.ok(existsSync(join(t.blobDir, file.path)));
  });
});
