/**
 * Batch Ingestion rules, without HTTP: creating batches, the batch actions (COMPLETE, ABORT,
 * FAIL, REVERT), which file paths are acceptable, the BatchFile records of uploaded files, and
 * the bookkeeping of large-file uploads (chunks, coverage check at COMPLETE).
 */
import type { AppContext } from '../../context.js';
import type { Answer } from '../answer.js';
import type { ScopeKey } from '../../store/store.js';
import { newBatchId } from '../../store/ids.js';
import {
  COLLECTIONS,
  newBatchObject,
  settleBatches,
  touched,
  type Batch,
  type BatchFile,
  type Caller,
  type DataSet,
  type InputFormat,
} from '../platform-objects.js';
import { startProcessing } from './processing.js';
import * as errors from './errors.js';

/** Formats the emulator can read (IngestBatch.inputFormat.format, any case). */
const FORMATS = ['json', 'parquet', 'csv'] as const;

/**
 * Format of a batch created with a bare `{"datasetId"}` body: seed 001 creates its batch that
 * way and the response shows `"inputFormat": {"format": "parquet"}`.
 */
export const DEFAULT_INPUT_FORMAT: InputFormat = { format: 'parquet' };

export interface CreateBatchBody {
  datasetId: string;
  inputFormat?: {
    format?: string;
    isMultiLineJson?: boolean;
    delimiter?: string;
    quote?: string;
    escape?: string;
    nullMarker?: string;
    header?: string | boolean;
    charset?: string;
  };
  externalId?: string;
  tags?: Record<string, string[]>;
  replay?: { reason?: string; predecessors?: string[]; predecessorsByExternalId?: string[] };
}

/** 200 with no body: how Batch Ingestion answers batch signals and whole-file uploads. */
export const EMPTY_OK: Answer<undefined> = { body: undefined };

/** POST /batches → 201 with a new batch in `loading` state for a dataset of the caller's org and sandbox. */
export function createBatch(ctx: AppContext, scope: ScopeKey, org: string, caller: Caller, body: CreateBatchBody): Answer<Batch> {
  settleBatches(ctx, scope);
  const inputFormat = normalizeInputFormat(body.inputFormat);
  if (!ctx.store.collection<DataSet>(scope, COLLECTIONS.dataSets).has(body.datasetId)) throw errors.dataSetNotFound(body.datasetId);
  const batch = newBatchObject({
    id: newBatchId(),
    imsOrg: org,
    dataSetId: body.datasetId,
    caller,
    now: ctx.clock.now(),
    inputFormat,
    ...(body.tags ? { tags: body.tags } : {}),
    ...(body.externalId ? { externalId: body.externalId } : {}),
  });
  const stored: Batch = body.replay ? { ...batch, replay: body.replay } : batch;
  return { body: ctx.store.collection<Batch>(scope, COLLECTIONS.batches).put(stored.id, stored), status: 201 };
}

function normalizeInputFormat(given: CreateBatchBody['inputFormat']): InputFormat {
  if (given === undefined) return { ...DEFAULT_INPUT_FORMAT };
  const format = given.format?.toLowerCase();
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) throw errors.unsupportedFormat(given.format);
  if (given.isMultiLineJson === true && format !== 'json') throw errors.multiLineNeedsJson(format!);
  const result: InputFormat = { format: format as InputFormat['format'] };
  if (given.isMultiLineJson !== undefined) result.isMultiLineJson = given.isMultiLineJson;
  for (const key of ['delimiter', 'quote', 'escape', 'nullMarker', 'charset'] as const) {
    if (given[key] !== undefined) result[key] = given[key];
  }
  if (given.header !== undefined) result.header = String(given.header);
  return result;
}

/** The batch named in a request, or 404. Settles pending batches first, so statuses are current. */
export function findBatch(ctx: AppContext, scope: ScopeKey, batchId: string): Batch {
  settleBatches(ctx, scope);
  const batch = ctx.store.collection<Batch>(scope, COLLECTIONS.batches).get(batchId);
  if (!batch) throw errors.batchNotFound(batchId);
  return batch;
}

export function dataSetOf(batch: Batch): string | undefined {
  return batch.relatedObjects.find((related) => related.type === 'dataSet')?.id;
}

/** The batch of a file route: it must exist (404) and belong to the dataset in the path (400). */
export function batchOfFileRoute(ctx: AppContext, scope: ScopeKey, batchId: string, dataSetId: string): Batch {
  const batch = findBatch(ctx, scope, batchId);
  const expected = dataSetOf(batch);
  if (expected !== dataSetId) throw errors.dataSetMismatch(batchId, dataSetId, expected);
  return batch;
}

/**
 * Files are written only while the batch is loading (before COMPLETE, ABORT, ...). A batch
 * signalled COMPLETE counts as staging even if processing has not moved its status yet.
 */
export function requireLoading(ctx: AppContext, scope: ScopeKey, batch: Batch): void {
  const completing = batch.status === 'loading' && ctx.store.collection(scope, COLLECTIONS.pendingBatches).has(batch.id);
  if (batch.status !== 'loading' || completing) throw errors.batchNotLoading(batch.id, completing ? 'staging' : batch.status);
}

const MAX_PATH_LENGTH = 1024;
const MAX_SEGMENT_BYTES = 255;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks a file path from the URL (already percent-decoded). Folders are allowed, as the
 * reference preserves the directory structure of `{filePath}`, but nothing that could name a
 * place outside the batch's folder: no absolute path, no `.`/`..` segment, no empty segment,
 * no backslash, NUL or other control character. Returns the path unchanged when acceptable.
 */
export function checkFilePath(path: string | undefined): string {
  if (path === undefined || path === '') throw errors.invalidFilePath('the file name is empty');
  if (path.length > MAX_PATH_LENGTH) throw errors.invalidFilePath(`longer than ${MAX_PATH_LENGTH} characters`);
  if (CONTROL.test(path)) throw errors.invalidFilePath('control characters (such as NUL) are not allowed');
  if (path.includes('\\')) throw errors.invalidFilePath('backslashes are not allowed; separate folders with /');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) throw errors.invalidFilePath('absolute paths are not allowed');
  for (const segment of path.split('/')) {
    if (segment === '') throw errors.invalidFilePath('empty folder or file names (//, trailing /) are not allowed');
    if (segment === '.' || segment === '..') throw errors.invalidFilePath(`'${segment}' segments are not allowed`);
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) throw errors.invalidFilePath(`a name is longer than ${MAX_SEGMENT_BYTES} bytes`);
  }
  return path;
}

export const batchFileKey = (batchId: string, fileName: string): string => `${batchId}/${fileName}`;

export function batchFiles(ctx: AppContext, scope: ScopeKey) {
  return ctx.store.collection<BatchFile>(scope, COLLECTIONS.batchFiles);
}

/** Records (or replaces) the BatchFile of a file whose bytes are now at `path`. */
export function recordFile(
  ctx: AppContext,
  scope: ScopeKey,
  batch: Batch,
  fileName: string,
  path: string,
  size: number,
  state: BatchFile['state'] = 'complete',
): BatchFile {
  const id = batchFileKey(batch.id, fileName);
  const file: BatchFile = { id, batchId: batch.id, dataSetId: dataSetOf(batch) ?? '', fileName, path, size, uploaded: ctx.clock.now(), state };
  return batchFiles(ctx, scope).put(id, file);
}

// ---------------------------------------------------------------------------------------------
// Batch actions: POST /batches/{batchId}?action=...

export type BatchAction = 'COMPLETE' | 'ABORT' | 'FAIL' | 'REVERT';

export function parseBatchAction(action: string | undefined): BatchAction {
  const upper = action?.toUpperCase();
  if (upper === 'COMPLETE' || upper === 'ABORT' || upper === 'FAIL' || upper === 'REVERT') return upper;
  throw errors.unknownBatchAction(action);
}

/** Statuses a batch can only have reached through COMPLETE (so a retried COMPLETE is a no-op). */
const COMPLETED: ReadonlySet<string> = new Set(['staging', 'processing', 'success', 'failed', 'active', 'retrying', 'queued', 'staged', 'inactive', 'deleted']);
/** Statuses from which ABORT is still possible: not finalized yet. */
const ABORTABLE: ReadonlySet<string> = new Set(['loading', 'staging', 'processing', 'queued', 'retrying']);

export function applyBatchAction(ctx: AppContext, scope: ScopeKey, caller: Caller, batchId: string, action: BatchAction): void {
  const batch = findBatch(ctx, scope, batchId);
  const batches = ctx.store.collection<Batch>(scope, COLLECTIONS.batches);
  const pending = ctx.store.collection(scope, COLLECTIONS.pendingBatches);
  switch (action) {
    case 'COMPLETE': {
      // troubleshooting.md: retrying CompleteBatch is safe and answers success again.
      if (COMPLETED.has(batch.status) || pending.has(batchId)) return;
      if (batch.status !== 'loading') throw errors.cannotComplete(batchId, batch.status);
      const unfinished = [...batchFiles(ctx, scope).values()].find((file) => file.batchId === batchId && file.state !== 'complete');
      if (unfinished) throw errors.largeFileUnfinished(batchId, unfinished.fileName);
      startProcessing(ctx, scope, batchId);
      return;
    }
    case 'ABORT': {
      if (batch.status === 'aborted') return;
      if (!ABORTABLE.has(batch.status)) throw errors.cannotAbort(batchId, batch.status);
      // A batch aborted while staging/processing must not be settled to its outcome later.
      pending.delete(batchId);
      batches.put(batchId, { ...touched(batch, ctx.clock.now(), caller.user), status: 'aborted' });
      return;
    }
    case 'FAIL': {
      if (batch.status === 'failed') return;
      if (batch.status !== 'loading') throw errors.cannotFail(batchId, batch.status);
      const now = ctx.clock.now();
      batches.put(batchId, { ...touched(batch, now, caller.user), status: 'failed', completed: now });
      return;
    }
    case 'REVERT': {
      if (batch.status === 'inactive') return;
      if (batch.status !== 'success' && batch.status !== 'active') throw errors.cannotRevert(batchId, batch.status);
      batches.put(batchId, { ...touched(batch, ctx.clock.now(), caller.user), status: 'inactive' });
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Large files: POST ?action=INITIALIZE, PATCH with Content-Range, POST ?action=COMPLETE.

/** Collection of large-file uploads in progress, keyed like BatchFile (`${batchId}/${fileName}`). */
export const LARGE_FILE_UPLOADS = 'largeFileUploads';

export interface ChunkRange {
  start: number;
  /** Inclusive, as in Content-Range. */
  end: number;
}

export interface LargeFileUpload {
  id: string;
  /** Names the folder of the chunks on disk (never derived from the request). */
  uploadId: string;
  batchId: string;
  fileName: string;
  /** The total announced by Content-Range, once one chunk gave it. */
  total?: number;
  /** Chunks received, in arrival order; a retried identical range replaces its chunk. */
  chunks: ChunkRange[];
  initialized: number;
}

export function largeFileUploads(ctx: AppContext, scope: ScopeKey) {
  return ctx.store.collection<LargeFileUpload>(scope, LARGE_FILE_UPLOADS);
}

export type FileAction = 'INITIALIZE' | 'COMPLETE';

export function parseFileAction(action: string | undefined): FileAction {
  const upper = action?.toUpperCase();
  if (upper === 'INITIALIZE' || upper === 'COMPLETE') return upper;
  throw errors.unknownFileAction(action);
}

const CONTENT_RANGE = /^bytes[ =](\d{1,16})-(\d{1,16})(?:\/(\d{1,16}|\*))?$/i;

/** `bytes <start>-<end>/<total>` (total may be `*` or left out). */
export function parseContentRange(value: string | undefined): ChunkRange & { total?: number } {
  const match = value === undefined ? null : CONTENT_RANGE.exec(value.trim());
  if (!match) throw errors.invalidContentRange(value);
  const start = Number(match[1]);
  const end = Number(match[2]);
  const total = match[3] === undefined || match[3] === '*' ? undefined : Number(match[3]);
  if (start > end || (total !== undefined && end >= total)) throw errors.invalidContentRange(value);
  return { start, end, ...(total !== undefined ? { total } : {}) };
}

/** Where the next chunk goes in the upload's record (same range again replaces, anything else adds). */
export function withChunk(upload: LargeFileUpload, range: ChunkRange, total: number | undefined): LargeFileUpload {
  checkTotal(upload, total);
  const chunks = upload.chunks.filter((chunk) => chunk.start !== range.start || chunk.end !== range.end);
  chunks.push({ start: range.start, end: range.end });
  return { ...upload, chunks, ...(total !== undefined ? { total } : {}) };
}

/** Checks a total announced by a new chunk against the upload before its bytes are read. */
export function checkTotal(upload: LargeFileUpload, total: number | undefined): void {
  if (total !== undefined && upload.total !== undefined && total !== upload.total) throw errors.totalMismatch(upload.fileName, upload.total, total);
}

/**
 * The chunks in file order, once they cover every byte of the file exactly once (from 0 to the
 * announced total, or to the last chunk's end when no total was given). Overlapping or missing
 * chunks are a 400, as the troubleshooting guide says of the large-file COMPLETE call.
 */
export function coveringChunks(upload: LargeFileUpload): ChunkRange[] {
  const ordered = [...upload.chunks].sort((a, b) => a.start - b.start || a.end - b.end);
  let next = 0;
  for (const chunk of ordered) {
    if (chunk.start < next) throw errors.chunksOverlap(upload.fileName, chunk.start, Math.min(chunk.end, next - 1));
    if (chunk.start > next) throw errors.chunksMissing(upload.fileName, next, chunk.start - 1);
    next = chunk.end + 1;
  }
  if (upload.total !== undefined && next < upload.total) throw errors.chunksMissing(upload.fileName, next, upload.total - 1);
  return ordered;
}

/** Bytes received so far (distinct chunks), and the merged ranges they cover: HEAD's figures. */
export function receivedSoFar(upload: LargeFileUpload): { bytes: number; ranges: ChunkRange[] } {
  const ordered = [...upload.chunks].sort((a, b) => a.start - b.start);
  const ranges: ChunkRange[] = [];
  for (const chunk of ordered) {
    const last = ranges.at(-1);
    if (last && chunk.start <= last.end + 1) last.end = Math.max(last.end, chunk.end);
    else ranges.push({ ...chunk });
  }
  return { bytes: ranges.reduce((sum, range) => sum + range.end - range.start + 1, 0), ranges };
}
