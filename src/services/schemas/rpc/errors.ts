import type { AppContext } from '../../../context.js';
import type { ApiError } from '../../../errors/api-error.js';
import { resourceNotFound, xdmError, type ResourceKind } from '../errors.js';

/**
 * The kind an id names (`_{TENANT}.mixins.…`, `https://ns.adobe.com/{TENANT}/datatypes/…`),
 * schemas when it names none: an unknown id answers that kind's 404.
 */
export function kindOfId(id: string): Exclude<ResourceKind, 'behaviors'> {
  const match = /[./](schemas|mixins|fieldgroups|datatypes|classes)[./]/.exec(id);
  if (!match) return 'schemas';
  return match[1] === 'mixins' ? 'fieldgroups' : (match[1] as Exclude<ResourceKind, 'behaviors'>);
}

/** An rpc's unknown resource: the not-found body of the kind the id names (schema-registry.yaml: XDM-1012-404 for a schema). */
export function rpcNotFound(ctx: AppContext, id: string): ApiError {
  return resourceNotFound(ctx, kindOfId(id), id, '1');
}

// schema-registry.yaml, POST /rpc/import, 400 example (XDM-3005-400): the reason follows "Error: ".
export function importFailed(ctx: AppContext, reason: string): ApiError {
  return xdmError(ctx, 400, '3005', 'Import Resource Failed', `Failed to import resources. Error: ${reason}`);
}
