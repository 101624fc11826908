import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, DEMO, type TestApp } from '../../helpers.js';
import { scopes, type ScopeKey } from '../../../src/store/store.js';
import { COLLECTIONS, newBatchObject, settleBatches, type Batch, type BatchFile, type InputFormat } from '../../../src/services/platform-objects.js';
import { processingDone, startProcessing } from '../../../src/services/ingestion/processing.js';

export const DATASET = '5c8c3c555033b814b69f947f';
export const SCOPE: ScopeKey = scopes.platform(DEMO.org, 'prod');
export const CALLER = { client: DEMO.clientId, user: '0A1B2C3D4E5F60718293A4B5@techacct.adobe.com' };

/** The emulator with its own blob folder and a frozen clock (times in metrics are then exact). */
export async function processingApp(processingDelayMs = 0): Promise<TestApp> {
  const blobDir = await mkdtemp(join(tmpdir(), 'processing-test-'));
  const t = await startApp({ processingDelayMs, blobDir });
  t.ctx.clock.freeze();
  return t;
}

let counter = 0;

/** A loading batch on the fixture dataset (or another one), stored as Catalog would. */
export function createBatch(t: TestApp, inputFormat?: InputFormat, options: { dataSetId?: string; tags?: Record<string, string[]> } = {}): string {
  counter += 1;
  const id = `01TESTBATCH${String(counter).padStart(6, '0')}`;
  const batch = newBatchObject({
    id,
    imsOrg: DEMO.org,
    dataSetId: options.dataSetId ?? DATASET,
    caller: CALLER,
    now: t.ctx.clock.now(),
    inputFormat,
    tags: options.tags,
  });
  t.ctx.store.collection<Batch>(SCOPE, COLLECTIONS.batches).put(id, batch);
  return id;
}

/** Writes an uploaded file as the upload routes do (contract 2): bytes in blobDir, a complete BatchFile. */
export async function uploadFile(t: TestApp, batchId: string, fileName: string, content: string | Uint8Array, dataSetId = DATASET): Promise<BatchFile> {
  const path = join(batchId, fileName);
  await mkdir(join(t.ctx.config.blobDir, batchId), { recursive: true });
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  await writeFile(join(t.ctx.config.blobDir, path), bytes);
  const file: BatchFile = {
    id: `${batchId}/${fileName}`,
    batchId,
    dataSetId,
    fileName,
    path,
    size: bytes.byteLength,
    uploaded: t.ctx.clock.now(),
    state: 'complete',
  };
  t.ctx.store.collection<BatchFile>(SCOPE, COLLECTIONS.batchFiles).put(file.id, file);
  return file;
}

export function batchOf(t: TestApp, batchId: string): Batch {
  settleBatches(t.ctx, SCOPE);
  const batch = t.ctx.store.collection<Batch>(SCOPE, COLLECTIONS.batches).get(batchId);
  if (!batch) throw new Error(`no batch ${batchId}`);
  return batch;
}

/**
 * Waits until the batch reaches its final state, as a poller would see it: lets processing
 * finish, settles, and moves the emulator's clock by the processing delay when it is not zero.
 */
export async function awaitSettled(t: TestApp, batchId: string): Promise<Batch> {
  for (let attempt = 0; attempt < 50; attempt++) {
    await processingDone(t.ctx);
    const batch = batchOf(t, batchId);
    if (batch.status !== 'staging' && batch.status !== 'processing') return batch;
    if (t.ctx.config.processingDelayMs > 0) t.ctx.clock.advance(t.ctx.config.processingDelayMs);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`batch ${batchId} did not settle`);
}

/** Uploads the files, signals COMPLETE (startProcessing) and waits for the final state. */
export async function ingest(
  t: TestApp,
  inputFormat: InputFormat | undefined,
  files: Record<string, string | Uint8Array>,
  options: Parameters<typeof createBatch>[2] = {},
): Promise<Batch> {
  const batchId = createBatch(t, inputFormat, options);
  for (const [name, content] of Object.entries(files)) await uploadFile(t, batchId, name, content, options.dataSetId);
  startProcessing(t.ctx, SCOPE, batchId);
  return awaitSettled(t, batchId);
}

export function member(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: `member-${n}`,
    personalEmail: { address: `member${n}@example.com` },
    person: { name: { firstName: `First${n}`, lastName: `Last${n}` } },
    _mocktenant: { loyalty: { loyaltyId: `L-${n}`, loyaltyLevel: 'gold', loyaltyPoints: 100 * n, memberSince: '2019-03-05T10:00:00Z' } },
    ...overrides,
  };
}

export function jsonLines(records: unknown[]): string {
  return `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;
}
