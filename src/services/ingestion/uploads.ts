/**
 * File uploads of Batch Ingestion: a whole file with PUT, or a large file in chunks
 * (INITIALIZE, PATCH with Content-Range, COMPLETE). Bodies are streamed to disk through the
 * blob store, never held in memory; the batch is checked again once the bytes are in, so a
 * batch completed or aborted during a long upload does not receive the file.
 */
import type { Answer } from '../answer.js';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../context.js';
import type { ScopeKey } from '../../store/store.js';
import {
  BlobClientAbortError,
  BlobLengthMismatchError,
  BlobPathConflictError,
  BlobTooLargeError,
  type BlobStore,
  type ReceivedBlob,
} from '../../store/blobs.js';
import { platformProblem } from '../../gateway/platform.js';
import type { Batch, BatchFile } from '../platform-objects.js';
import * as errors from './errors.js';
import {
  batchFileKey,
  batchFiles,
  batchOfFileRoute,
  checkFilePath,
  checkTotal,
  coveringChunks,
  largeFileUploads,
  parseContentRange,
  receivedSoFar,
  recordFile,
  requireLoading,
  withChunk,
  type ChunkRange,
} from './model.js';

/** A file route's path parameters: /batches/{batchId}/datasets/{datasetId}/files/{filePath}. */
export interface FileTarget {
  scope: ScopeKey;
  batchId: string;
  dataSetId: string;
  /** As decoded from the URL; checked here before anything else. */
  filePath: string | undefined;
}

/** batch-ingestion.yaml's File: the uploaded file's name (path) and size. */
export interface FileInfo {
  name: string;
  sizeInBytes: number;
}

/** The batch and checked file name of a file route whose batch must still be loading. */
function loadingTarget(ctx: AppContext, target: FileTarget): { batch: Batch; fileName: string } {
  const fileName = checkFilePath(target.filePath);
  const batch = batchOfFileRoute(ctx, target.scope, target.batchId, target.dataSetId);
  requireLoading(ctx, target.scope, batch);
  return { batch, fileName };
}

/**
 * After a body has been received: the batch must still exist, belong to the dataset and be
 * loading. Otherwise the received bytes are discarded and the request fails.
 */
async function recheck(ctx: AppContext, blobs: BlobStore, target: FileTarget, received: ReceivedBlob): Promise<Batch> {
  try {
    const batch = batchOfFileRoute(ctx, target.scope, target.batchId, target.dataSetId);
    requireLoading(ctx, target.scope, batch);
    return batch;
  } catch (error) {
    await blobs.discard(received);
    throw error;
  }
}

/** Translates the blob store's failures into the API's answers. */
function asApiError(error: unknown, fileName: string): unknown {
  if (error instanceof BlobTooLargeError) return errors.fileTooLarge(error.limit);
  if (error instanceof BlobLengthMismatchError) return errors.bodyLengthMismatch(error.expected, error.received);
  if (error instanceof BlobPathConflictError) return errors.filePathConflict(fileName);
  if (error instanceof BlobClientAbortError) return platformProblem('bad-request', 'The upload ended before the whole body was received');
  return error;
}

/** PUT .../files/{filePath}: streams the body into the batch's folder, replacing any file of that name. */
export async function putFile(
  ctx: AppContext,
  blobs: BlobStore,
  target: FileTarget,
  body: Readable,
  contentLength: number | undefined,
): Promise<BatchFile> {
  const { fileName } = loadingTarget(ctx, target);
  const limit = ctx.config.maxUploadBytes;
  // Decided up front when the client announces the size, while streaming otherwise.
  if (contentLength !== undefined && contentLength > limit) throw errors.fileTooLarge(limit);
  let received: ReceivedBlob;
  try {
    received = await blobs.receive(body, { maxBytes: limit });
  } catch (error) {
    throw asApiError(error, fileName);
  }
  const batch = await recheck(ctx, blobs, target, received);
  const path = `${blobs.batchFolder(target.scope, batch.id)}/${fileName}`;
  try {
    await blobs.commit(received, path);
  } catch (error) {
    throw asApiError(error, fileName);
  }
  // A whole file replaces a chunked upload of the same name that was in progress.
  await dropLargeUpload(ctx, blobs, target.scope, batchFileKey(batch.id, fileName));
  return recordFile(ctx, target.scope, batch, fileName, path, received.size);
}

async function dropLargeUpload(ctx: AppContext, blobs: BlobStore, scope: ScopeKey, key: string): Promise<void> {
  const uploads = largeFileUploads(ctx, scope);
  const upload = uploads.get(key);
  if (!upload) return;
  uploads.delete(key);
  await blobs.removeParts(upload.uploadId);
}

/**
 * POST .../files/{filePath}?action=INITIALIZE: starts (or restarts) a chunked upload of that file.
 * Answers the File with nothing received yet: batch-ingestion.yaml documents one answer, 200 with a File.
 */
export async function initializeLargeFile(ctx: AppContext, blobs: BlobStore, target: FileTarget): Promise<FileInfo> {
  const { batch, fileName } = loadingTarget(ctx, target);
  const key = batchFileKey(batch.id, fileName);
  await dropLargeUpload(ctx, blobs, target.scope, key);
  largeFileUploads(ctx, target.scope).put(key, {
    id: key,
    uploadId: randomUUID(),
    batchId: batch.id,
    fileName,
    chunks: [],
    initialized: ctx.clock.now(),
  });
  const path = `${blobs.batchFolder(target.scope, batch.id)}/${fileName}`;
  recordFile(ctx, target.scope, batch, fileName, path, 0, 'initialized');
  return { name: fileName, sizeInBytes: 0 };
}

/** PATCH .../files/{filePath} with Content-Range: stores one chunk; ranges are checked at COMPLETE. */
export async function putChunk(
  ctx: AppContext,
  blobs: BlobStore,
  target: FileTarget,
  body: Readable,
  contentRange: string | undefined,
  contentLength: number | undefined,
): Promise<FileInfo> {
  const { batch, fileName } = loadingTarget(ctx, target);
  const key = batchFileKey(batch.id, fileName);
  const upload = largeFileUploads(ctx, target.scope).get(key);
  if (!upload) throw errors.fileNotInitialized(batch.id, fileName);
  const range = parseContentRange(contentRange);
  checkTotal(upload, range.total);
  const length = range.end - range.start + 1;
  const limit = ctx.config.maxUploadBytes;
  if (length > limit) throw errors.fileTooLarge(limit);
  if (contentLength !== undefined && contentLength !== length) throw errors.bodyLengthMismatch(length, contentLength);

  let received: ReceivedBlob;
  try {
    received = await blobs.receive(body, { maxBytes: limit, exactBytes: length });
  } catch (error) {
    throw asApiError(error, fileName);
  }
  await recheck(ctx, blobs, target, received);
  // INITIALIZE again (or a PUT) while this chunk was arriving starts over: the chunk is stale.
  const current = largeFileUploads(ctx, target.scope).get(key);
  if (current?.uploadId !== upload.uploadId) {
    await blobs.discard(received);
    throw errors.fileNotInitialized(batch.id, fileName);
  }
  await blobs.commitPart(received, upload.uploadId, range.start, range.end);
  // Read again after the await: other chunks may have been recorded meanwhile.
  const latest = largeFileUploads(ctx, target.scope).get(key) ?? current;
  const updated = largeFileUploads(ctx, target.scope).put(key, withChunk(latest, range, range.total));
  return { name: fileName, sizeInBytes: receivedSoFar(updated).bytes };
}

/**
 * POST .../files/{filePath}?action=COMPLETE: checks that the chunks cover the file exactly once,
 * stitches them into the file (replacing any earlier file of that name) and marks it complete.
 * Completing a file that is already complete answers its figures again.
 */
export async function completeLargeFile(ctx: AppContext, blobs: BlobStore, target: FileTarget): Promise<FileInfo> {
  const fileName = checkFilePath(target.filePath);
  const batch = batchOfFileRoute(ctx, target.scope, target.batchId, target.dataSetId);
  const key = batchFileKey(batch.id, fileName);
  const upload = largeFileUploads(ctx, target.scope).get(key);
  if (!upload) {
    const file = batchFiles(ctx, target.scope).get(key);
    if (file?.state === 'complete') return { name: fileName, sizeInBytes: file.size };
    throw errors.fileNotFound(batch.id, fileName);
  }
  requireLoading(ctx, target.scope, batch);
  const chunks: ChunkRange[] = coveringChunks(upload);
  const stitched = await blobs.stitch(upload.uploadId, chunks);
  const current = await recheck(ctx, blobs, target, stitched);
  if (largeFileUploads(ctx, target.scope).get(key)?.uploadId !== upload.uploadId) {
    // Completed (or restarted) by a concurrent request meanwhile.
    await blobs.discard(stitched);
    return completeLargeFile(ctx, blobs, target);
  }
  const path = `${blobs.batchFolder(target.scope, current.id)}/${fileName}`;
  try {
    await blobs.commit(stitched, path);
  } catch (error) {
    throw asApiError(error, fileName);
  }
  largeFileUploads(ctx, target.scope).delete(key);
  await blobs.removeParts(upload.uploadId);
  recordFile(ctx, target.scope, current, fileName, path, stitched.size);
  return { name: fileName, sizeInBytes: stitched.size };
}

/**
 * HEAD .../files/{filePath}: the stored size, or the bytes received so far of a chunked upload,
 * as Content-Length, with the byte ranges received in `Range` (none for an empty file).
 */
export function fileStatus(ctx: AppContext, target: FileTarget): Answer<undefined> {
  const { length, ranges } = receivedOf(ctx, target);
  const headers: Record<string, string> = {};
  if (ranges.length > 0) headers.range = `bytes=${ranges.map(({ start, end }) => `${start}-${end}`).join(',')}`;
  headers['content-length'] = String(length);
  return { body: undefined, headers };
}

function receivedOf(ctx: AppContext, target: FileTarget): { length: number; ranges: ChunkRange[] } {
  const fileName = checkFilePath(target.filePath);
  const batch = batchOfFileRoute(ctx, target.scope, target.batchId, target.dataSetId);
  const key = batchFileKey(batch.id, fileName);
  const upload = largeFileUploads(ctx, target.scope).get(key);
  if (upload) {
    const { bytes, ranges } = receivedSoFar(upload);
    return { length: bytes, ranges };
  }
  const file = batchFiles(ctx, target.scope).get(key);
  if (!file || file.state !== 'complete') throw errors.fileNotFound(batch.id, fileName);
  return { length: file.size, ranges: file.size > 0 ? [{ start: 0, end: file.size - 1 }] : [] };
}
