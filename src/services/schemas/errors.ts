import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { ApiError } from '../../errors/api-error.js';
import { platformProblem } from '../../gateway/platform.js';

/**
 * The Schema Registry's own error bodies. Its documented errors carry an `XDM-<code>-<status>`
 * type and a `report` with a request id and a timestamp (MM-DD-YYYY HH:mm:ss, UTC).
 */
export function xdmError(ctx: AppContext, status: number, code: string, title: string, message: string): ApiError {
  return new ApiError(status, {
    type: `http://ns.adobe.com/aep/errors/XDM-${code}-${status}`,
    title,
    status,
    report: {
      registryRequestId: randomUUID(),
      timestamp: registryTimestamp(ctx.clock.now()),
      'detailed-message': message,
      'sub-errors': [],
    },
    detail: message,
  });
}

function registryTimestamp(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}-${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** The kinds of registry resources, with the words their not-found errors use. */
export type ResourceKind = 'schemas' | 'classes' | 'fieldgroups' | 'datatypes' | 'behaviors';

/**
 * Not-found codes. Schemas: schema-registry.yaml `notFoundError` (XDM-1012-404); classes: XDM
 * troubleshooting guide, "Resource not found" (XDM-1010-404). The guide lists XDM-1010..1017-404
 * without saying which kind uses which: field groups, data types and behaviors use 1011, 1013
 * and 1014 here (emulator's choice).
 */
const NOT_FOUND: Record<ResourceKind, { code: string; title: string; message: (id: string, version: string) => string }> = {
  schemas: { code: '1012', title: 'Resource Not Found', message: (id, v) => `Requested resource ${id} with version ${v} is not found` },
  classes: { code: '1010', title: 'Resource not found', message: (id, v) => `The requested class resource ${id} with version ${v} is not found.` },
  fieldgroups: { code: '1011', title: 'Resource not found', message: (id, v) => `The requested field group resource ${id} with version ${v} is not found.` },
  datatypes: { code: '1013', title: 'Resource not found', message: (id, v) => `The requested data type resource ${id} with version ${v} is not found.` },
  behaviors: { code: '1014', title: 'Resource not found', message: (id, v) => `The requested behavior resource ${id} with version ${v} is not found.` },
};

export function resourceNotFound(ctx: AppContext, kind: ResourceKind, id: string, version: string): ApiError {
  const { code, title, message } = NOT_FOUND[kind];
  return xdmError(ctx, 404, code, title, message(id, version));
}

// schema-registry.yaml `acceptErrorList` and the XDM troubleshooting guide, "Accept header invalid" (XDM-1006-400).
export function acceptInvalidForListing(ctx: AppContext, accept: string): ApiError {
  return xdmError(
    ctx,
    400,
    '1006',
    'Accept header invalid',
    `The supplied Accept header is not valid: ${accept} - A valid Accept value should look like application/vnd.adobe.'{xed|xdm'}+json`,
  );
}

// schema-registry.yaml `acceptErrorLookup` (XDM-1007-400): a lookup needs a version in Accept.
export function acceptInvalidForLookup(ctx: AppContext, accept: string): ApiError {
  return xdmError(
    ctx,
    400,
    '1007',
    'Accept header invalid',
    `The supplied Accept header is not valid: ${accept} - A valid Accept value should look like application/vnd.adobe.'{xed|xdm'}+json; version=1 (Version should be specified)`,
  );
}

// XDM troubleshooting guide (2020 edition), "Unknown Accept media supplied": 406 NotAcceptableError.
// schema-registry.yaml documents the 406 of a lookup ("format/version is not available") without a body.
export function notAcceptable(detail: string): ApiError {
  return new ApiError(406, { type: '/placeholder/type/uri', status: 406, title: 'NotAcceptableError', detail });
}

// XDM troubleshooting guide, "Title not unique" (XDM-1521-400).
export function titleNotUnique(ctx: AppContext, existingId: string): ApiError {
  return xdmError(ctx, 400, '1521', 'Title not unique', `Object titles must be unique. An object ${existingId} already exists with the same title`);
}

/** A request body the registry cannot accept; no specific body is documented (Platform envelope). */
export function invalidResource(message: string): ApiError {
  return platformProblem('bad-request', message);
}

// XDM troubleshooting guide, "Namespace validation error" (XDM-1021-400; the guide lists 1020-1024
// for the variants without telling them apart): custom fields of a resource built on a standard
// class must sit under the tenant's top-level field.
export function namespaceInvalid(ctx: AppContext, tenantNamespace: string, field: string): ApiError {
  return xdmError(
    ctx,
    400,
    '1021',
    'Namespace validation error',
    `A custom field is defined under an invalid namespace. All custom fields must be defined under a top-level field named ${tenantNamespace}. Field: ${field}`,
  );
}

// XDM troubleshooting guide, "Cannot merge incompatible data types" (XDM-1413-400, "Merge Schema
// Error"): here for two field groups of one schema defining the same field path (emulator's wording).
export function fieldPathCollision(ctx: AppContext, path: string, first: string, second: string): ApiError {
  return xdmError(ctx, 400, '1413', 'Merge Schema Error', `Cannot merge field groups. The path ${path} is defined by both ${first} and ${second}`);
}

/** A resource still in use cannot be deleted; the guides document no body (Platform envelope, emulator's choice). */
export function resourceInUse(id: string, user: string): ApiError {
  return platformProblem('bad-request', `The resource ${id} cannot be deleted: it is referenced by ${user}`);
}
