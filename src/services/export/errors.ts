import { ApiError } from '../../errors/api-error.js';
import { platformProblem } from '../../gateway/platform.js';

/**
 * Data Access failures. data-access.yaml documents 404 ("The requested file was not found",
 * "The path is not found") without a body, so every one of these uses the Platform problem
 * envelope ({type, status, title, detail}); the wording is the emulator's.
 */

// data-access.yaml: 404 on /batches/{batchId}/* (no body documented)
export const batchNotFound = (batchId: string): ApiError => platformProblem('not-found', `Batch '${batchId}' was not found in this org and sandbox`);

// data-access.yaml: GET /files/{dataSetFileId} 404 "The requested file was not found"
export const dataSetFileNotFound = (dataSetFileId: string): ApiError =>
  platformProblem('not-found', `Dataset file '${dataSetFileId}' was not found in this org and sandbox`);

// data-access.yaml: 404 "The path is not found" (meta), "The requested file was not found" (files)
export const pathNotFound = (path: string): ApiError => platformProblem('not-found', `No file or directory at path '${path}'`);

// data-access.yaml: GET /datasets/{id}/preview 404 "The requested dataset was not found"
export const dataSetNotFound = (dataSetId: string): ApiError => platformProblem('not-found', `Dataset '${dataSetId}' was not found in this org and sandbox`);

// Emulator's choice (undocumented): a path that leaves its directory ('..', absolute, NUL) is refused.
export const hostilePath = (path: string): ApiError =>
  platformProblem('bad-request', `The path '${path.replace(/\0/g, '\\0')}' is not allowed: it must name a file inside the listing, without '..' segments`);

// RFC 9110 §15.5.17: 416 with Content-Range "bytes */{size}"; the body is the emulator's, in the Platform envelope.
export const rangeNotSatisfiable = (range: string, size: number): ApiError =>
  new ApiError(
    416,
    {
      type: 'http://ns.adobe.com/aep/errors/range-not-satisfiable',
      status: 416,
      title: 'RangeNotSatisfiableError',
      detail: `The range '${range}' does not overlap the file's ${size} bytes`,
    },
    { 'content-range': `bytes */${size}` },
  );
