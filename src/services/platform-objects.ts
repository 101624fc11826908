/**
 * The Experience Platform objects several services share, and the one place their lifecycle
 * rules live where more than one service touches them:
 *
 * - Catalog owns dataSets, batches and dataSetFiles (list, read, update);
 * - Batch Ingestion creates batches, stores uploaded files and starts processing;
 * - processing computes a batch's outcome; `settleBatches` makes it visible on the emulator's clock;
 * - Data Access reads the files and failed records of settled batches.
 *
 * Everything is stored per Platform scope (org + sandbox) in these collections.
 */
import type { AppContext } from '../context.js';
import type { ScopeKey } from '../store/store.js';
import { ensureProcessing } from './ingestion/processing.js';

export const COLLECTIONS = {
  dataSets: 'dataSets',
  batches: 'batches',
  dataSetFiles: 'dataSetFiles',
  /** Files uploaded to a batch (Batch Ingestion), before and after processing. */
  batchFiles: 'batchFiles',
  /** Batches signalled COMPLETE whose final state is not visible yet. */
  pendingBatches: 'pendingBatches',
  /** Records that failed validation, per batch (Data Access /batches/{id}/failed). */
  failedRecords: 'failedRecords',
} as const;

/** A Catalog object as stored: the response object plus its id (Catalog answers `{ "<id>": {...} }`). */
export type CatalogObject = Record<string, unknown> & { id: string; created: number; updated: number; version: string };

export type BatchStatus =
  | 'loading'
  | 'staging'
  | 'processing'
  | 'success'
  | 'failed'
  | 'aborted'
  | 'abandoned'
  | 'retrying'
  | 'active'
  | 'inactive'
  | 'queued'
  | 'staged'
  | 'deleted';

export interface InputFormat {
  format: 'json' | 'csv' | 'parquet' | 'avro';
  isMultiLineJson?: boolean;
  delimiter?: string;
  quote?: string;
  escape?: string;
  nullMarker?: string;
  header?: string;
  charset?: string;
}

export type Batch = CatalogObject & {
  imsOrg: string;
  status: BatchStatus;
  relatedObjects: Array<{ type: string; id: string }>;
  tags: Record<string, string[]>;
  createdUser: string;
  updatedUser: string;
  createdClient: string;
  externalId: string;
  inputFormat?: InputFormat;
  metrics?: Record<string, number | string>;
  errors?: BatchError[];
  started?: number;
  completed?: number;
};

export type DataSet = CatalogObject & {
  name: string;
  imsOrg: string;
  schemaRef?: { id: string; contentType: string };
  tags?: Record<string, string[]>;
  lastBatchId?: string;
  lastBatchStatus?: string;
  lastSuccessfulBatch?: string;
};

/** Documented batch error entry (troubleshooting guide): code, description, the rows concerned. */
export interface BatchError {
  code: string;
  description: string;
  /** The rows concerned, as `file:row` (empty for file-level errors such as 106 and 118). */
  rows?: string[];
  /** How many rows failed for this code (error diagnostics' per-code entries). */
  recordCount?: number;
}

/** A file uploaded to a batch. `path` is relative to `ctx.config.blobDir`. */
export interface BatchFile {
  /** `${batchId}/${fileName}` */
  id: string;
  batchId: string;
  dataSetId: string;
  fileName: string;
  path: string;
  size: number;
  uploaded: number;
  /** `complete` once the bytes are all there; large-file uploads are `initialized` until COMPLETE. */
  state: 'complete' | 'initialized';
}

/** What processing found; applied by settleBatches when the batch's time has come. */
export interface BatchOutcome {
  status: 'success' | 'failed';
  /** recordsRead, recordsWritten, inputByteSize, inputRecordSize, outputByteSize, outputRecordSize, partitionCount, ... */
  metrics: Record<string, number | string>;
  errors: BatchError[];
  failureReason?: string;
  /** One dataSetFile per input file written (success only). */
  files: Array<{ fileName: string; records: number; size: number }>;
  /** Records that failed validation: { file, row, record, errors }. */
  failed: Array<{ file: string; row: number; record: unknown; errors: string[] }>;
}

export interface PendingBatch {
  id: string;
  completeRequested: number;
  /** Filled when processing is done (asynchronously, in real time). */
  outcome?: BatchOutcome;
}

/** Answers objects keyed by id, as Catalog does: `{ "<id>": { ...object without id } }`. */
export function keyedById(objects: Iterable<CatalogObject>): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const { id, ...rest } of objects) result[id] = rest;
  return result;
}

/** Catalog object versions count up on each change: 1.0.0, 1.0.1, ... */
export function nextVersion(version: string): string {
  const [major, minor, patch] = version.split('.').map(Number);
  return `${major ?? 1}.${minor ?? 0}.${(patch ?? 0) + 1}`;
}

/** Stamps an update: `updated`, `updatedUser`, `version`. */
export function touched<T extends CatalogObject>(object: T, now: number, user?: string): T {
  return { ...object, updated: now, version: nextVersion(object.version), ...(user ? { updatedUser: user } : {}) };
}

/**
 * Makes processed batches visible once their time has come on the emulator's clock:
 * `staging` right after COMPLETE, `processing` from half the processing delay, and the final
 * state at the full delay (or later, if processing itself is not done yet). Applying an
 * outcome writes the batch's final state, its dataSetFiles, its failed records and the
 * dataset's lastBatch fields. A pending batch without an outcome and without a running process
 * (the emulator restarted from its data file) is processed again. A batch that left
 * staging/processing meanwhile (aborted, deleted) is dropped from the pending list.
 * Cheap when nothing is pending: every Catalog/Data Access read calls it.
 */
export function settleBatches(ctx: AppContext, scope: ScopeKey): void {
  const pending = ctx.store.collection<PendingBatch>(scope, COLLECTIONS.pendingBatches);
  if (pending.size === 0) return;
  const now = ctx.clock.now();
  const delay = ctx.config.processingDelayMs;
  const batches = ctx.store.collection<Batch>(scope, COLLECTIONS.batches);
  for (const entry of [...pending.values()]) {
    const batch = batches.get(entry.id);
    if (!batch || (batch.status !== 'staging' && batch.status !== 'processing')) {
      pending.delete(entry.id);
      continue;
    }
    const elapsed = now - entry.completeRequested;
    if (elapsed >= delay && entry.outcome) {
      applyOutcome(ctx, scope, batch, entry, now);
      pending.delete(entry.id);
      continue;
    }
    if (!entry.outcome) ensureProcessing(ctx, scope, entry);
    if (elapsed >= delay / 2 && batch.status === 'staging') {
      const started = processingStart(entry, delay);
      batches.put(batch.id, { ...touched(batch, Math.max(batch.updated, started)), status: 'processing', started });
    }
  }
}

/** When a batch's processing is shown to start: half the processing delay after COMPLETE. */
function processingStart(entry: PendingBatch, delay: number): number {
  return entry.completeRequested + Math.floor(delay / 2);
}

/**
 * Writes a batch's outcome. Times follow the emulator's clock: the processing is shown as
 * running from half the delay to the full delay after COMPLETE (or as long as it really took).
 * The batch's `started`/`completed` are those times, so that completed − started is the
 * processing time, as catalog.yaml reads them (and equal metrics.startTime/endTime).
 */
function applyOutcome(ctx: AppContext, scope: ScopeKey, batch: Batch, entry: PendingBatch, now: number): void {
  const outcome = entry.outcome!;
  const delay = ctx.config.processingDelayMs;
  const dataSetId = batch.relatedObjects.find((related) => related.type === 'dataSet')?.id;
  const dataSetFiles = ctx.store.collection<CatalogObject>(scope, COLLECTIONS.dataSetFiles);
  const fileIds: string[] = [];
  if (outcome.status === 'success' && dataSetId) {
    for (const file of outcome.files) {
      // dataSetFile ids are the batch id with a running number, as Data Access lists them.
      const id = `${batch.id}-${fileIds.length + 1}`;
      fileIds.push(id);
      dataSetFiles.put(id, {
        id,
        dataSetId,
        batchId: batch.id,
        name: file.fileName,
        imsOrg: batch.imsOrg,
        records: file.records,
        size: file.size,
        isValid: true,
        created: now,
        updated: now,
        createdClient: batch.createdClient,
        createdUser: batch.createdUser,
        updatedUser: batch.updatedUser,
        version: '1.0.0',
      });
    }
  }
  if (outcome.failed.length > 0) {
    ctx.store.collection<{ id: string; records: BatchOutcome['failed'] }>(scope, COLLECTIONS.failedRecords).put(batch.id, {
      id: batch.id,
      records: outcome.failed,
    });
  }
  const startTime = batch.started ?? Math.max(Number(outcome.metrics.startTime ?? 0), processingStart(entry, delay));
  const endTime = Math.min(now, Math.max(Number(outcome.metrics.endTime ?? 0), entry.completeRequested + delay, startTime));
  const final: Batch = {
    ...batch,
    status: outcome.status,
    updated: now,
    version: nextVersion(batch.version),
    started: startTime,
    completed: endTime,
    metrics: {
      ...outcome.metrics,
      startTime,
      endTime,
      ...(outcome.failureReason ? { failureReason: outcome.failureReason } : {}),
    },
    errors: outcome.errors,
    relatedObjects: [...batch.relatedObjects, ...fileIds.map((id) => ({ type: 'dataSetFile', id }))],
  };
  ctx.store.collection<Batch>(scope, COLLECTIONS.batches).put(batch.id, final);

  if (dataSetId) {
    const dataSets = ctx.store.collection<DataSet>(scope, COLLECTIONS.dataSets);
    const dataSet = dataSets.get(dataSetId);
    if (dataSet) {
      dataSets.put(dataSetId, {
        ...touched(dataSet, now),
        lastBatchId: batch.id,
        lastBatchStatus: outcome.status,
        ...(outcome.status === 'success' ? { lastSuccessfulBatch: batch.id } : {}),
      });
    }
  }
}

/** Who made a Platform request, as Catalog records it on the objects it creates and updates. */
export interface Caller {
  /** The integration's client id (x-api-key): Catalog's `createdClient`. */
  client: string;
  /** The technical account id (or the client id when unknown): Catalog's `createdUser`/`updatedUser`. */
  user: string;
}

/** The caller of a request that passed the Platform gateway. */
export function callerOf(principal: { clientId: string; integration?: { technicalAccountId: string } | undefined } | null): Caller {
  const client = principal?.clientId ?? 'unknown-client';
  return { client, user: principal?.integration?.technicalAccountId ?? client };
}

/**
 * A new batch in `loading` state, shaped as seed 001's POST /batches response. Both Batch
 * Ingestion's and Catalog's POST /batches create batches through this one function.
 */
export function newBatchObject(options: {
  id: string;
  imsOrg: string;
  dataSetId: string;
  caller: Caller;
  now: number;
  inputFormat?: InputFormat;
  /** Caller-supplied tags, merged over the system ones. */
  tags?: Record<string, string[]>;
  externalId?: string;
}): Batch {
  const { id, imsOrg, dataSetId, caller, now } = options;
  return {
    id,
    imsOrg,
    updated: now,
    status: 'loading',
    created: now,
    relatedObjects: [{ type: 'dataSet', id: dataSetId }],
    version: '1.0.0',
    tags: {
      acp_producer: [caller.client],
      acp_stagePath: [`${caller.client}/stage/${id}`],
      use_plan_b_batch_status: ['false'],
      ...options.tags,
    },
    createdUser: caller.user,
    updatedUser: caller.user,
    externalId: options.externalId ?? id,
    createdClient: caller.client,
    ...(options.inputFormat ? { inputFormat: options.inputFormat } : {}),
  };
}
