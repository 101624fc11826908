import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import { ApiError } from '../../../errors/api-error.js';

/**
 * The descriptor endpoint's documented XDM errors: the same envelope as the registry's other
 * XDM errors (../errors.ts), `XDM-<code>-<status>` with a `report`.
 */
function xdmError(ctx: AppContext, status: number, code: string, title: string, message: string): ApiError {
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
