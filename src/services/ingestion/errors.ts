/**
 * Batch Ingestion failures. The reference (batch-ingestion.yaml) documents the status codes
 * (400, 404, 413 for oversized bodies via the gateway) but no bodies, so every one of these uses
 * Platform's problem-details envelope ({type, status, title, detail}) with the emulator's wording.
 */
import type { ApiError } from '../../errors/api-error.js';
import { platformProblem } from '../../gateway/platform.js';

// batch-ingestion.yaml: 404 "The batch ... resource is not found".
export const batchNotFound = (batchId: string): ApiError => platformProblem('not-found', `Batch '${batchId}' was not found in this organization and sandbox`);

// batch-ingestion.yaml POST /batches documents 400 (no 404): an unknown dataset is a bad request.
export const dataSetNotFound = (dataSetId: string): ApiError =>
  platformProblem('bad-request', `Dataset '${dataSetId}' was not found in this organization and sandbox`);

// batch-ingestion.yaml: 400 "The request is malformed" (the dataset in the path is not the batch's).
export const dataSetMismatch = (batchId: string, dataSetId: string, expected: string | undefined): ApiError =>
  platformProblem('bad-request', `Batch '${batchId}' belongs to dataset '${expected ?? '(none)'}', not to dataset '${dataSetId}'`);

// IngestBatch.inputFormat.format: JSON, Parquet or CSV.
export const unsupportedFormat = (format: unknown): ApiError =>
  platformProblem('bad-request', `Input format '${String(format)}' is not supported; use json, parquet or csv`);

// troubleshooting.md: multi-line JSON is only supported with the JSON format.
export const multiLineNeedsJson = (format: string): ApiError =>
  platformProblem('bad-request', `isMultiLineJson can only be set for the json format, not for '${format}'`);

// Emulator's wording: a file path that could leave the batch's folder, or cannot name a file.
export const invalidFilePath = (reason: string): ApiError => platformProblem('bad-request', `Invalid file path: ${reason}`);

// troubleshooting.md (batch states): files are written while the batch is Loading only.
export const batchNotLoading = (batchId: string, status: string): ApiError =>
  platformProblem('bad-request', `Batch '${batchId}' is ${status}: files can only be uploaded while the batch is loading`);

// seed 001: "The largest data upload file supported is 512 MB".
export const fileTooLarge = (limit: number): ApiError =>
  platformProblem('payload-too-large', `The file is larger than the ${limit} bytes a single upload accepts; split it or upload it in chunks`);

// Emulator's wording: the body ended before the announced length.
export const bodyLengthMismatch = (expected: number, received: number): ApiError =>
  platformProblem('bad-request', `The request body has ${received} bytes but ${expected} were announced`);

// Emulator's wording: `a` and `a/b` cannot both be files.
export const filePathConflict = (fileName: string): ApiError =>
  platformProblem('bad-request', `File path '${fileName}' conflicts with the folder structure of another file in this batch`);

// batch-ingestion.yaml: POST /batches/{batchId}?action= COMPLETE, ABORT, FAIL or REVERT.
export const unknownBatchAction = (action: string | undefined): ApiError =>
  platformProblem('bad-request', `Unknown action '${action ?? ''}': use COMPLETE, ABORT, FAIL or REVERT`);

// batch-ingestion.yaml: POST .../files/{filePath}?action= INITIALIZE or COMPLETE.
export const unknownFileAction = (action: string | undefined): ApiError =>
  platformProblem('bad-request', `Unknown action '${action ?? ''}': use INITIALIZE or COMPLETE`);

// api-overview.md "Cancel a batch" / troubleshooting.md "Aborted": a finalized batch cannot be aborted.
export const cannotAbort = (batchId: string, status: string): ApiError =>
  platformProblem('bad-request', `Batch '${batchId}' is ${status} and can no longer be aborted`);

// Emulator's choice: an aborted (or otherwise closed) batch cannot be promoted.
export const cannotComplete = (batchId: string, status: string): ApiError =>
  platformProblem('bad-request', `Batch '${batchId}' is ${status} and cannot be completed`);

// Emulator's choice: COMPLETE while a large file is still being uploaded in parts.
export const largeFileUnfinished = (batchId: string, fileName: string): ApiError =>
  platformProblem('bad-request', `Batch '${batchId}' cannot be completed: large file '${fileName}' was initialized but not completed`);

// api-overview.md "Delete a batch": REVERT applies to a promoted batch.
export const cannotRevert = (batchId: string, status: string): ApiError =>
  platformProblem('bad-request', `Batch '${batchId}' is ${status}; only a successful batch can be reverted`);

// Emulator's choice: FAIL is the producer's signal for a batch still loading.
export const cannotFail = (batchId: string, status: string): ApiError =>
  platformProblem('bad-request', `Batch '${batchId}' is ${status}; only a loading batch can be failed`);

// batch-ingestion.yaml PATCH: "Content-Range ... required".
export const invalidContentRange = (value: string | undefined): ApiError =>
  platformProblem(
    'bad-request',
    value === undefined
      ? 'A Content-Range header (bytes <start>-<end>/<total>) is required'
      : `Invalid Content-Range '${value}': expected bytes <start>-<end>/<total> with start <= end < total`,
  );

// Emulator's wording: every chunk of a large file must agree on the total size.
export const totalMismatch = (fileName: string, known: number, given: number): ApiError =>
  platformProblem('bad-request', `Content-Range total ${given} differs from the total ${known} announced earlier for '${fileName}'`);

// batch-ingestion.yaml: 404 "The batch, dataset, or file resource is not found".
export const fileNotFound = (batchId: string, fileName: string): ApiError =>
  platformProblem('not-found', `File '${fileName}' was not found in batch '${batchId}'`);

// batch-ingestion.yaml PATCH: parts belong to a file initialized with ?action=INITIALIZE.
export const fileNotInitialized = (batchId: string, fileName: string): ApiError =>
  platformProblem('not-found', `File '${fileName}' of batch '${batchId}' is not being uploaded in chunks: initialize it with ?action=INITIALIZE first`);

// troubleshooting.md: overlapping chunks of a large file make its COMPLETE fail with 400.
export const chunksOverlap = (fileName: string, start: number, end: number): ApiError =>
  platformProblem('bad-request', `Large file '${fileName}' has overlapping chunks: bytes ${start}-${end} were uploaded more than once`);

// troubleshooting.md: missing chunks of a large file make its COMPLETE fail with 400.
export const chunksMissing = (fileName: string, start: number, end: number | undefined): ApiError =>
  platformProblem('bad-request', `Large file '${fileName}' has missing chunks: bytes ${start}-${end === undefined ? '' : end} were never uploaded`);
