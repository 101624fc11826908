/**
 * One batch file processed in process, as the emulator does after COMPLETE: the file is written
 * where an upload would put it, processing starts, and the time to the batch's final state, the
 * event loop's delay meanwhile and the RSS growth are measured. Shared by bench/processing.ts and
 * the schema-registry section of `npm run bench`.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { TestApp } from '../test/helpers.js';
import { awaitSettled, createBatch, DATASET, SCOPE } from '../test/services/ingestion/processing-helpers.js';
import { startProcessing } from '../src/services/ingestion/processing.js';
import { COLLECTIONS, type BatchFile, type InputFormat } from '../src/services/platform-objects.js';
import { collectGarbage } from './lib.js';

export interface BatchFileToProcess {
  /** The dataset of the batch (the fixture Loyalty Members dataset unless told). */
  dataSetId?: string;
  format: InputFormat;
  fileName: string;
  /** How many records the file holds (for records/s). */
  records: number;
  /** Writes the file at `path`. */
  write(path: string): Promise<void>;
}

export interface ProcessedBatch {
  status: string;
  recordsWritten: number;
  bytes: number;
  seconds: number;
  recordsPerSecond: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  rssGrowthBytes: number;
}

/** Processes one file in a new batch of `t` (started with processingDelayMs 0) and measures it. */
export async function processBatchFile(t: TestApp, input: BatchFileToProcess): Promise<ProcessedBatch> {
  const dataSetId = input.dataSetId ?? DATASET;
  const batchId = createBatch(t, input.format, { dataSetId });
  await mkdir(join(t.ctx.config.blobDir, batchId), { recursive: true });
  const path = join(batchId, input.fileName);
  await input.write(join(t.ctx.config.blobDir, path));
  const { size } = await stat(join(t.ctx.config.blobDir, path));
  const file: BatchFile = { id: `${batchId}/${input.fileName}`, batchId, dataSetId, fileName: input.fileName, path, size, uploaded: 0, state: 'complete' };
  t.ctx.store.collection<BatchFile>(SCOPE, COLLECTIONS.batchFiles).put(file.id, file);
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  startProcessing(t.ctx, SCOPE, batchId);
  const batch = await awaitSettled(t, batchId);
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  clearInterval(sampler);
  return {
    status: batch.status,
    recordsWritten: Number(batch.metrics?.recordsWritten ?? 0),
    bytes: size,
    seconds,
    recordsPerSecond: input.records / seconds,
    loopDelayP99Ms: delay.percentile(99) / 1e6,
    loopDelayMaxMs: delay.max / 1e6,
    rssGrowthBytes: rssPeak - rssBefore,
  };
}
