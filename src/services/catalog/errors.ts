/**
 * Catalog's error bodies. Only the ETag mismatch has a documented body; every other failure uses
 * the Platform problem envelope ({type, status, title, detail}) with an explanatory detail.
 */
import { ApiError } from '../../errors/api-error.js';
import { platformProblem } from '../../gateway/platform.js';

// seed 000, "Refresh etag error" (status 412 per help/catalog/api/appendix.md, "If-Match")
export function etagMismatch(supplied: string, current: string): ApiError {
  return new ApiError(412, {
    errorMessage: `Supplied version=[${supplied}] does not match the current version on entity=[${current}]`,
  });
}

/** Emulator's choice (no documented body): an invalid listing parameter (filter-data.md asks for a 400 outlining the range). */
export function listingProblem(detail: string): ApiError {
  return platformProblem('bad-request', detail);
}

/** Emulator's choice: an invalid create/update body. */
export function invalidObject(detail: string): ApiError {
  return platformProblem('bad-request', detail);
}

/** Emulator's choice: an unknown object id (catalog.yaml documents a 404 without a body). */
export function objectNotFound(type: string, id: string): ApiError {
  return platformProblem('not-found', `No ${type} object with id '${id}' in this organization and sandbox`);
}

/** Emulator's choice: a Catalog object type the emulator does not serve, e.g. GET /foo. */
export function unknownObjectType(type: string, known: readonly string[]): ApiError {
  return platformProblem('not-found', `Unknown Catalog object type '${type}'; this emulator serves ${known.join(', ')}`);
}
