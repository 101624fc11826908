import type { AppContext } from '../../../context.js';
import type { ApiError } from '../../../errors/api-error.js';
import { invalidObject } from '../../catalog/errors.js';
import { xdmError } from '../errors.js';

/** The union and Profile-enablement errors, in the registry's XDM envelope (../errors.ts) or the Catalog's. */

// XDM troubleshooting guide, "Schema must include an identityMap or primary identity" (XDM-1528-400).
export function unionNeedsIdentity(ctx: AppContext): ApiError {
  return xdmError(
    ctx,
    400,
    '1528',
    'Union descriptor validation error',
    'To participate in a union, a schema must include an identityMap fieldgroup or a primary identity descriptor.',
  );
}

/**
 * Deleting the primary identity descriptor of a schema in a union, or replacing it by one that is
 * not a primary identity of that schema. Undocumented: the code and title of joining a union
 * without one (XDM-1528-400, above), the rule being the same (emulator's choice and wording).
 */
export function unionIdentityRemoved(ctx: AppContext, schemaId: string, descriptorId: string): ApiError {
  return xdmError(
    ctx,
    400,
    '1528',
    'Union descriptor validation error',
    `The schema ${schemaId} participates in a union: its primary identity descriptor ${descriptorId} cannot be deleted or made non-primary. A schema in a union must include an identityMap fieldgroup or a primary identity descriptor.`,
  );
}

/**
 * A breaking change to a schema that is in a union or holds ingested data. The guides say schema
 * evolution is "purely additive" once a schema is enabled or used, without documenting the error:
 * XDM envelope, code 1529 (emulator's choice).
 */
export function breakingChange(ctx: AppContext, schemaId: string, reason: string): ApiError {
  return xdmError(
    ctx,
    400,
    '1529',
    'Schema evolution validation error',
    `The schema ${schemaId} is enabled for Profile or used by a dataset with data: only additive changes are allowed. ${reason}`,
  );
}

// Unknown union: the schemas' not-found body (XDM-1012-404), unions being read-only schemas.
export function unionNotFound(ctx: AppContext, id: string, version: string): ApiError {
  return xdmError(ctx, 404, '1012', 'Resource Not Found', `Requested resource ${id} with version ${version} is not found`);
}

/** A Catalog dataset tagged for Profile on a schema outside every union (Catalog envelope, emulator's wording). */
export function profileDataSetNeedsUnion(schemaId: string): ApiError {
  return invalidObject(
    `A dataset enabled for Profile (tags.unifiedProfile ["enabled:true"]) needs a schemaRef to a schema enabled for Profile (meta:immutableTags ["union"]); ${schemaId} is not`,
  );
}
