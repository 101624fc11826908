import { join } from 'node:path';
import type { AppContext } from '../../context.js';
import type { ScopeKey } from '../../store/store.js';
import { COLLECTIONS, touched, type Batch, type BatchFile, type BatchOutcome, type DataSet, type InputFormat, type PendingBatch } from '../platform-objects.js';
import { fullSchemaFor } from '../schemas/model.js';
import { formatForFile, readRecords, RecordsError } from './records.js';
import { yieldToEventLoop } from './parsers/shared.js';
import { batchErrors, countFailure, newTally, type Tally } from './outcome.js';
import type { RecordValidator } from './validate-records.js';
import { validatorWithIdentity } from './identity.js';

/** Records read between two turns given back to the event loop. */
const RECORDS_PER_TURN = 500;

/**
 * Processing runs of one emulator. A full reset bumps `generation`, a reset of some scopes bumps
 * theirs in `scopeGenerations`: a run started before writes nothing, while runs of the other
 * scopes carry on.
 */
interface Runtime {
  generation: number;
  scopeGenerations: Map<ScopeKey, number>;
  running: Map<string, Promise<void>>;
}
const runtimes = new WeakMap<AppContext, Runtime>();

function runtimeOf(ctx: AppContext): Runtime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    const created: Runtime = { generation: 0, scopeGenerations: new Map(), running: new Map() };
    ctx.onReset((reset) => {
      if (reset.all) {
        created.generation += 1;
        created.running.clear();
        return;
      }
      for (const scope of reset.scopes) {
        if (!reset.covers(scope, COLLECTIONS.pendingBatches)) continue;
        created.scopeGenerations.set(scope, (created.scopeGenerations.get(scope) ?? 0) + 1);
        for (const key of created.running.keys()) if (key.startsWith(runKey(scope, ''))) created.running.delete(key);
      }
    });
    runtimes.set(ctx, created);
    runtime = created;
  }
  return runtime;
}

/**
 * Processes a batch signalled COMPLETE: the batch turns `staging`, a pendingBatches entry is
 * recorded, and the files are read and validated asynchronously; the outcome is stored on the
 * pending entry. settleBatches makes it visible on the emulator's clock, and sets the batch's
 * `started`/`completed` as processing starts and ends.
 * Does nothing for a batch that is not `loading` (already completed, aborted or unknown).
 */
export function startProcessing(ctx: AppContext, scope: ScopeKey, batchId: string): void {
  const batches = ctx.store.collection<Batch>(scope, COLLECTIONS.batches);
  const batch = batches.get(batchId);
  // Only a batch still taking files starts processing: a retried COMPLETE changes nothing.
  if (batch?.status !== 'loading') return;
  const now = ctx.clock.now();
  batches.put(batchId, { ...touched(batch, now), status: 'staging' });
  ctx.store.collection<PendingBatch>(scope, COLLECTIONS.pendingBatches).put(batchId, { id: batchId, completeRequested: now });
  launch(ctx, scope, batchId, now);
}

/**
 * Called by settleBatches for a pending batch without an outcome: when no run of this process
 * is working on it (the emulator restarted from its data file mid-processing), it is
 * processed again from its uploaded files.
 */
export function ensureProcessing(ctx: AppContext, scope: ScopeKey, entry: PendingBatch): void {
  if (runtimeOf(ctx).running.has(runKey(scope, entry.id))) return;
  launch(ctx, scope, entry.id, entry.completeRequested);
}

/** Resolves once every processing run started so far has stored its outcome (tests, shutdown). */
export async function processingDone(ctx: AppContext): Promise<void> {
  const runtime = runtimeOf(ctx);
  while (runtime.running.size > 0) await Promise.all([...runtime.running.values()]);
}

function runKey(scope: ScopeKey, batchId: string): string {
  return `${scope}\n${batchId}`;
}

function launch(ctx: AppContext, scope: ScopeKey, batchId: string, completeRequested: number): void {
  const runtime = runtimeOf(ctx);
  const generation = runtime.generation;
  const scopeGeneration = runtime.scopeGenerations.get(scope) ?? 0;
  const key = runKey(scope, batchId);
  const run = processBatch(ctx, scope, batchId)
    .catch((error: unknown) => {
      ctx.log.error({ err: error, batchId }, 'batch processing failed unexpectedly');
      return failedOutcome(ctx.clock.now(), `Internal error while processing the batch: ${(error as Error)?.message ?? String(error)}`);
    })
    .then((outcome) => {
      // The state (or this scope's part of it) was reset meanwhile.
      if (runtime.generation !== generation || (runtime.scopeGenerations.get(scope) ?? 0) !== scopeGeneration) return;
      runtime.running.delete(key);
      const pending = ctx.store.collection<PendingBatch>(scope, COLLECTIONS.pendingBatches);
      const entry = pending.get(batchId);
      if (!entry || entry.completeRequested !== completeRequested || entry.outcome) return;
      pending.put(batchId, { ...entry, outcome });
    })
    .catch((error: unknown) => ctx.log.error({ err: error, batchId }, 'storing a batch outcome failed'));
  runtime.running.set(key, run);
}

function failedOutcome(now: number, reason: string, tally?: Tally): BatchOutcome {
  return {
    status: 'failed',
    metrics: { startTime: tally?.startTime ?? now, endTime: now, recordsRead: tally?.read ?? 0, recordsWritten: 0 },
    errors: [],
    failureReason: reason,
    files: [],
    failed: tally?.failed ?? [],
  };
}

/** Reads and validates every complete file of the batch; never throws for bad data. */
export async function processBatch(ctx: AppContext, scope: ScopeKey, batchId: string): Promise<BatchOutcome> {
  await yieldToEventLoop();
  const startTime = ctx.clock.now();
  const batch = ctx.store.collection<Batch>(scope, COLLECTIONS.batches).get(batchId);
  if (!batch) return failedOutcome(startTime, 'The batch no longer exists.');
  const dataSetId = batch.relatedObjects.find((related) => related.type === 'dataSet')?.id;
  const dataSet = dataSetId ? ctx.store.collection<DataSet>(scope, COLLECTIONS.dataSets).get(dataSetId) : undefined;
  if (!dataSet) return failedOutcome(startTime, `Dataset ${dataSetId ?? '(none)'} of the batch does not exist.`);
  const schemaId = dataSet.schemaRef?.id;
  const schema = schemaId ? fullSchemaFor(ctx, scope, schemaId) : undefined;
  if (!schema) return failedOutcome(startTime, `Schema ${schemaId ?? '(none)'} of dataset ${dataSet.id} was not found.`);
  // The schema as it is now (fullSchemaFor re-resolves after any write to the schema or to what
  // it uses), with its primary identity required; validatorFor recompiles when that text changes.
  let validator: RecordValidator;
  try {
    validator = validatorWithIdentity(ctx, scope, schemaId as string, schema);
  } catch (error) {
    return failedOutcome(startTime, `Schema ${schemaId} cannot be used for validation: ${(error as Error).message}`);
  }

  const files = [...ctx.store.collection<BatchFile>(scope, COLLECTIONS.batchFiles).values()].filter(
    (file) => file.batchId === batchId && file.state === 'complete',
  );
  if (files.length === 0) return failedOutcome(startTime, 'No file was uploaded to the batch.');

  const tally = newTally(startTime);
  for (const file of files) {
    await processFile(ctx, file, formatForFile(batch.inputFormat, file.fileName), validator, tally);
  }
  return conclude(batch, tally, ctx.clock.now());
}

async function processFile(ctx: AppContext, file: BatchFile, format: InputFormat, validator: RecordValidator, tally: Tally): Promise<void> {
  tally.inputBytes += file.size;
  tally.inputFiles += 1;
  const fromCsv = format.format === 'csv';
  let read = 0;
  let written = 0;
  try {
    for await (const { row, record, corrupt } of readRecords(join(ctx.config.blobDir, file.path), format, { keepCorruptRows: true })) {
      read += 1;
      tally.read += 1;
      if (corrupt) {
        countFailure(
          tally,
          { file: file.fileName, row, record: corrupt.text, errors: [`The row is corrupted and cannot be parsed: ${corrupt.message}`] },
          'corrupt',
        );
      } else {
        const check = validator(record, { fromCsv });
        if (check.valid) written += 1;
        else countFailure(tally, { file: file.fileName, row, record, errors: check.errors }, check.kind ?? 'schema');
      }
      if (tally.read % RECORDS_PER_TURN === 0) await yieldToEventLoop();
    }
    if (read === 0) tally.fileErrors.push({ code: '106', file: file.fileName });
  } catch (error) {
    if (error instanceof RecordsError && error.code === 'empty-header') tally.fileErrors.push({ code: '118', file: file.fileName });
    else if (error instanceof RecordsError) tally.unreadable.push(`${file.fileName}: ${error.message}`);
    else tally.unreadable.push(`${file.fileName}: the file cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    return;
  }
  tally.written += written;
  if (written > 0) {
    tally.files.push({ fileName: file.fileName, records: written, size: file.size });
    tally.outputBytes += file.size;
  }
}

/** The batch's final status, metrics and errors from what its files gave. */
function conclude(batch: Batch, tally: Tally, endTime: number): BatchOutcome {
  const errors = batchErrors(tally);
  const timing = { startTime: tally.startTime, endTime };
  const failedRecords = tally.failed;
  const fail = (reason: string): BatchOutcome => ({
    status: 'failed',
    metrics: { ...timing, recordsRead: tally.read, recordsWritten: 0 },
    errors,
    failureReason: reason,
    files: [],
    failed: failedRecords,
  });
  if (tally.unreadable.length > 0) return fail(tally.unreadable.join(' '));
  if (tally.fileErrors.length > 0)
    return fail(
      errors
        .filter((error) => error.code === '106' || error.code === '118')
        .map((error) => error.description)
        .join(' '),
    );
  if (tally.written === 0) return fail(`None of the ${tally.read} records read matches the dataset's schema.`);
  const threshold = partialIngestionPercent(batch);
  const failedPercent = (tally.failedCount / tally.read) * 100;
  if (threshold !== undefined && failedPercent > threshold) {
    return fail(`${tally.failedCount} of ${tally.read} records failed validation, above the batch's partial ingestion threshold of ${threshold}%.`);
  }
  return {
    status: 'success',
    metrics: {
      ...timing,
      recordsRead: tally.read,
      recordsWritten: tally.written,
      failedRecordCount: tally.failedCount,
      inputFileCount: tally.inputFiles,
      inputByteSize: tally.inputBytes,
      inputRecordSize: tally.read,
      outputByteSize: tally.outputBytes,
      outputRecordSize: tally.written,
      partitionCount: tally.files.length,
    },
    errors,
    files: tally.files,
    failed: failedRecords,
  };
}

/** Partial batch ingestion's threshold, when the batch carries it (tag acp_partialIngestionPercent). */
function partialIngestionPercent(batch: Batch): number | undefined {
  const tag = batch.tags?.acp_partialIngestionPercent as unknown;
  const value = Array.isArray(tag) ? tag[0] : tag;
  const percent = Number(value);
  return value === undefined || value === null || value === '' || !Number.isFinite(percent) ? undefined : percent;
}
