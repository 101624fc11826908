import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, STATUS_OF } from '../errors/api-error.js';
import type { AppContext } from '../context.js';
import { newStockRequestId } from '../store/ids.js';
import { checkApiKey, gatewayHook, header, installErrorHandling, type BearerCheck, type ProductEnvelope } from './http.js';
import { PLATFORM_ERRORS } from './platform.js';

/**
 * Adobe Stock sits behind the same Adobe I/O gateway as Platform (seed 003's 403 answer carries
 * the same {"error_code","message"} body), so the header errors are shared; only 403003 is shown
 * in seed 003 itself.
 */
export const STOCK_ERRORS = {
  apiKeyRequired: PLATFORM_ERRORS.apiKeyRequired,
  apiKeyInvalid: PLATFORM_ERRORS.apiKeyInvalid, // seed 003, "Request ID returned in search response"
  oauthTokenMissing: PLATFORM_ERRORS.oauthTokenMissing,
  oauthTokenInvalid: PLATFORM_ERRORS.oauthTokenInvalid,
} as const;

const stockError = (name: keyof typeof STOCK_ERRORS) => new ApiError(STOCK_ERRORS[name].status, STOCK_ERRORS[name].body);

/** Other failures keep the {error_code, message} style, with the HTTP status as the code. */
export const stockEnvelope: ProductEnvelope = {
  product: 'stock',
  failure: (kind, message) => ({ error_code: String(STATUS_OF[kind]), message }),
};

/** The request id a Stock response carries: the client's X-Request-Id, else a generated one (seed 003). */
function requestIdOf(request: FastifyRequest): string {
  const given = header(request, 'x-request-id');
  return given && given.length <= 256 ? given : newStockRequestId();
}

/** The documented checks in order (the API key first), once the token, if any, is judged. */
export function stockGatewayChecks(ctx: AppContext, request: FastifyRequest, bearer: BearerCheck): ApiError | undefined {
  const apiKey = header(request, 'x-api-key');
  const keyCheck = checkApiKey(ctx, apiKey, null);
  if (keyCheck === 'missing') return stockError('apiKeyRequired');
  if (keyCheck === 'invalid') return stockError('apiKeyInvalid');

  // Authorization is optional for Search and required for Licensing (seed 003); when sent, it must be valid.
  const required = request.routeOptions.config?.authorization === 'required';
  if (bearer.status === 'missing' && required) return stockError('oauthTokenMissing');
  if (bearer.status === 'invalid') return stockError('oauthTokenInvalid');
  if (bearer.status === 'ok' && bearer.claims && ctx.config.auth === 'strict' && bearer.claims.client_id !== apiKey) {
    return stockError('apiKeyInvalid');
  }
  request.principal = { clientId: apiKey!, claims: bearer.status === 'ok' ? bearer.claims : null, integration: undefined };
  return undefined;
}

export function installStockGateway(instance: FastifyInstance, ctx: AppContext): void {
  const checks = gatewayHook(ctx, (request, bearer) => stockGatewayChecks(ctx, request, bearer));
  instance.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', requestIdOf(request));
    // X-Product names the calling application (seed 003); it goes into this request's log lines.
    const product = header(request, 'x-product');
    if (product) {
      request.log = request.log.child({ xProduct: product });
      reply.log = request.log; // the one line per request is written through the reply's logger
    }
    checks.call(instance, request, reply, done);
  });
  installErrorHandling(instance, stockEnvelope);
}
