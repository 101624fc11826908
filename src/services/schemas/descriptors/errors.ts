import type { AppContext } from '../../../context.js';
import type { ApiError } from '../../../errors/api-error.js';
import { xdmError } from '../errors.js';

/** The descriptor endpoint's documented XDM errors, in the registry's XDM envelope (../errors.ts). */

// schema-registry.yaml, GET /{CONTAINER_ID}/descriptors, 400 example (XDM-1008-400).
export function descriptorListingAcceptInvalid(ctx: AppContext, accept: string): ApiError {
  return xdmError(
    ctx,
    400,
    '1008',
    'Accept header invalid',
    `The supplied Accept header is not valid: ${accept} - A valid Accept value should look like application/vnd.adobe.xdm-id+json`,
  );
}

// schema-registry.yaml, GET /{CONTAINER_ID}/descriptors/{DESCRIPTOR_ID}, 400 example (XDM-1009-400).
export function descriptorLookupAcceptInvalid(ctx: AppContext, accept: string): ApiError {
  return xdmError(
    ctx,
    400,
    '1009',
    'Accept header invalid',
    `The supplied Accept header is not valid: ${accept} - A valid Accept value should look like application/vnd.adobe.xdm+json`,
  );
}

/**
 * An unknown descriptor id. The XDM troubleshooting guide lists XDM-1010..1017-404 "Resource not
 * found" without naming the kind each one is for; descriptors use 1015 here (emulator's choice).
 */
export function descriptorNotFound(ctx: AppContext, id: string): ApiError {
  return xdmError(ctx, 404, '1015', 'Resource not found', `The requested descriptor resource ${id} is not found.`);
}
