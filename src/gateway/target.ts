import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify';
import { ApiError, STATUS_OF, type GenericFailure } from '../errors/api-error.js';
import type { AppContext } from '../context.js';
import type { Clock } from '../store/clock.js';
import { scopes } from '../store/store.js';
import { findIntegration } from '../auth/integrations.js';
import { checkApiKey, gatewayHook, header, installErrorHandling, type BearerCheck, type ProductEnvelope } from './http.js';
import { refusal, rightsRule, type TargetRight } from './target-roles.js';

/**
 * Every Target Admin error uses the envelope of seed 002's "Unsupported features" sample:
 * {httpStatus, requestId, requestTime, errors: [{errorCode, message}]}.
 */
export function targetErrorBody(clock: Clock, status: number, errorCode: string, message: string) {
  return {
    httpStatus: status,
    requestId: randomUUID(),
    requestTime: clock.iso(),
    errors: [{ errorCode, message }],
  };
}

export function targetError(clock: Clock, status: number, errorCode: string, message: string): ApiError {
  return new ApiError(status, targetErrorBody(clock, status, errorCode, message));
}

/** The gateway's own refusals: the header checks (emulator's codes) and seed 002 / seed 004's unsupported features. */
export const TARGET_GATEWAY_ERRORS = {
  authorizationMissing: { status: 401, errorCode: 'Authorization.Missing', message: 'The Authorization header is missing' },
  authorizationInvalid: { status: 401, errorCode: 'Authorization.Invalid', message: 'The access token is not valid' },
  apiKeyMissing: { status: 403, errorCode: 'ApiKey.Missing', message: 'The x-api-key header is missing' },
  apiKeyInvalid: { status: 403, errorCode: 'ApiKey.Invalid', message: 'Api Key is invalid' },
  // seed 002 / seed 004, "Error Message for unsupported features"
  unsupportedFeature: { status: 406, errorCode: 'Unsupported.Feature', message: 'Unsupported features detected' },
} as const;

function gatewayError(clock: Clock, name: keyof typeof TARGET_GATEWAY_ERRORS): ApiError {
  const { status, errorCode, message } = TARGET_GATEWAY_ERRORS[name];
  return targetError(clock, status, errorCode, message);
}

export const unsupportedFeature = (clock: Clock): ApiError => gatewayError(clock, 'unsupportedFeature');

/** Error codes where the documents give none (the emulator's choice; listed in docs/errors.md). */
export const TARGET_ERROR_CODES: Record<GenericFailure, string> = {
  'bad-request': 'Request.Invalid',
  unauthorized: 'Authorization.Invalid',
  forbidden: 'Access.Forbidden',
  'not-found': 'Resource.NotFound',
  'method-not-allowed': 'Method.NotAllowed',
  'request-timeout': 'Request.Timeout',
  'payload-too-large': 'Request.TooLarge',
  'unsupported-media-type': 'Unsupported.Feature',
  'too-many-requests': 'Request.Throttled',
  'headers-too-large': 'Request.HeadersTooLarge',
  internal: 'Server.Error',
};

export function targetEnvelope(clock: Clock): ProductEnvelope {
  return {
    product: 'target',
    failure: (kind, message) => targetErrorBody(clock, STATUS_OF[kind], TARGET_ERROR_CODES[kind], message),
  };
}

const VENDOR_VERSION = /application\/vnd\.adobe\.target\.v(\d+)\+json/i;
const PAYLOAD_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The API version a request asks for (seed 002): from Content-Type when the method carries a
 * payload, from Accept otherwise; absent, application/json or a wildcard mean v1.
 * Null when the header names something that is not a Target version.
 */
export function requestedVersion(method: string, contentType: string | undefined, accept: string | undefined): number | null {
  const source = PAYLOAD_METHODS.has(method) ? contentType : accept;
  if (source === undefined || source.trim() === '') return 1;
  const vendor = VENDOR_VERSION.exec(source);
  if (vendor) return Number(vendor[1]);
  const types = source.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  if (types.some((type) => type === 'application/json' || type === '*/*' || type === 'application/*')) return 1;
  return null;
}

/** The tenant of a /:tenant/target URL (params are not set for unmatched routes). */
function tenantOf(request: FastifyRequest): string {
  const params = request.params as { tenant?: string } | undefined;
  return params?.tenant ?? decodeURIComponent(request.url.split('/')[1] ?? '');
}

/** The documented checks in order, once the token is judged; the first failure is returned (see gatewayHook). */
export function targetGatewayChecks(ctx: AppContext, request: FastifyRequest, bearer: BearerCheck): ApiError | undefined {
  if (bearer.status === 'missing') return gatewayError(ctx.clock, 'authorizationMissing');
  if (bearer.status === 'invalid') return gatewayError(ctx.clock, 'authorizationInvalid');

  const apiKey = header(request, 'x-api-key');
  const keyCheck = checkApiKey(ctx, apiKey, bearer.claims);
  if (keyCheck === 'missing') return gatewayError(ctx.clock, 'apiKeyMissing');
  if (keyCheck === 'invalid') return gatewayError(ctx.clock, 'apiKeyInvalid');

  const tenant = tenantOf(request);
  const integration = findIntegration(ctx.store, apiKey!);
  if (ctx.config.auth === 'strict' && integration?.tenant !== tenant) {
    return targetError(ctx.clock, 403, 'Tenant.Forbidden', `Access to tenant '${tenant}' is forbidden for this integration`);
  }

  const version = requestedVersion(request.method, header(request, 'content-type'), header(request, 'accept'));
  // request.routeOptions builds a new object on each read: read once.
  const route = request.is404 ? null : request.routeOptions;
  if (route !== null) {
    const served = route.config?.versions ?? [1];
    if (version === null || !served.includes(version)) return unsupportedFeature(ctx.clock);
  }

  request.principal = { clientId: apiKey!, claims: bearer.claims, integration };
  request.target = { tenant, version: version ?? 1, scope: scopes.target(tenant) };

  // Roles: a fixed rule is applied before the body is read; a body-dependent one once it is parsed.
  const rule = route !== null ? rightsRule(request.method, route.config) : null;
  return Array.isArray(rule) ? rightsRefusal(ctx.clock, request, rule) : undefined;
}

/** The one 403 of Target roles, for direct calls and /batch operations alike (target-roles.ts). */
function rightsRefusal(clock: Clock, request: FastifyRequest, needed: readonly TargetRight[]): ApiError | undefined {
  const reason = refusal(request.principal?.integration, needed);
  return reason === null ? undefined : targetError(clock, 403, 'Access.Forbidden', reason);
}

export function installTargetGateway(instance: FastifyInstance, ctx: AppContext): void {
  instance.addHook(
    'onRequest',
    gatewayHook(ctx, (request, bearer) => targetGatewayChecks(ctx, request, bearer)),
  );
  // Only the routes whose rights depend on the body get the hook that reads it.
  instance.addHook('onRoute', (route) => {
    const rule = route.config?.rights;
    if (typeof rule !== 'function') return;
    const check: preValidationHookHandler = (request, _reply, done) => {
      try {
        done(rightsRefusal(ctx.clock, request, rule(request.body)));
      } catch (error) {
        done(error as Error);
      }
    };
    route.preValidation = [...(route.preValidation === undefined ? [] : [route.preValidation].flat()), check];
  });
  installErrorHandling(instance, targetEnvelope(ctx.clock));
}
