import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { ApiError, STATUS_OF, type GenericFailure } from '../errors/api-error.js';
import { findIntegration } from '../auth/integrations.js';
import type { AccessTokenClaims, TokenVerdict } from '../auth/tokens.js';
import type { AppContext } from '../context.js';

/** How one product family words the failures every API can have. */
export interface ProductEnvelope {
  product: string;
  failure(kind: GenericFailure, message: string, request?: FastifyRequest): unknown;
}

/** Installs the product's error and not-found handlers on its (encapsulated) plugin. */
export function installErrorHandling(instance: FastifyInstance, envelope: ProductEnvelope): void {
  instance.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply, envelope));
  instance.setNotFoundHandler((request, reply) => {
    const message = `No route for ${request.method} ${request.url.split('?')[0]}`;
    return reply.code(404).send(envelope.failure('not-found', message, request));
  });
}

function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, envelope: ProductEnvelope) {
  if (error instanceof ApiError) {
    return reply.code(error.status).headers(error.headers).send(error.body);
  }
  const [kind, message] = classify(error);
  if (kind === 'internal') request.log.error({ err: error }, 'unhandled error');
  return reply.code(STATUS_OF[kind]).send(envelope.failure(kind, message, request));
}

function classify(error: FastifyError): [GenericFailure, string] {
  if (error.validation) {
    return ['bad-request', `Invalid request: ${error.message}`];
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return ['bad-request', 'The request body is not valid JSON'];
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return ['bad-request', 'The request body is empty but its Content-Type says JSON'];
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return ['payload-too-large', 'The request body is larger than this endpoint accepts'];
    case 'MOCK_JSON_TOO_DEEP':
      return ['bad-request', error.message];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return ['unsupported-media-type', 'The request Content-Type is not supported by this endpoint'];
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return ['bad-request', `The request body could not be read: ${error.message}`];
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const kind = (Object.keys(STATUS_OF) as GenericFailure[]).find((k) => STATUS_OF[k] === status) ?? 'bad-request';
    return [kind, error.message];
  }
  return ['internal', 'An unexpected error occurred in the emulator; details are in its log'];
}

const BEARER = /^Bearer +(\S+) *$/i;

export type BearerCheck = { status: 'missing' } | { status: 'invalid' } | { status: 'ok'; token: string; claims: AccessTokenClaims | null };

const MISSING: BearerCheck = Object.freeze({ status: 'missing' });
const INVALID: BearerCheck = Object.freeze({ status: 'invalid' });

/**
 * Checks an Authorization header. Strict mode accepts only valid, unexpired tokens issued
 * here to an integration that still exists; permissive mode accepts any well-formed bearer token (claims are used when it is ours).
 * A token seen before is judged at once; only a new one is answered with a promise (its signature check).
 */
export function checkBearer(ctx: AppContext, header: string | undefined): BearerCheck | Promise<BearerCheck> {
  if (header === undefined || header === '') return MISSING;
  const token = bearerToken(header);
  if (token === null) return INVALID;
  const known = ctx.tokens.verifyKnown(token);
  if (known !== undefined) return bearerCheck(ctx, token, known);
  return ctx.tokens.verify(token).then((verdict) => bearerCheck(ctx, token, verdict));
}

/** The last Authorization header read and its token: a client sends the same one again and again. */
let lastHeader = '';
let lastToken: string | null = null;

/** The token of a `Bearer <token>` header; null when the header is not one. */
function bearerToken(header: string): string | null {
  if (header !== lastHeader) {
    lastToken = BEARER.exec(header)?.[1] ?? null;
    lastHeader = header;
  }
  return lastToken;
}

function bearerCheck(ctx: AppContext, token: string, verdict: TokenVerdict): BearerCheck {
  if (verdict.valid) {
    // Strict mode issues tokens to known integrations only: one that is gone (a deleted tenant set) revokes its tokens.
    if (ctx.config.auth === 'strict' && !findIntegration(ctx.store, verdict.claims.client_id)) return INVALID;
    return { status: 'ok', token, claims: verdict.claims };
  }
  if (ctx.config.auth === 'permissive') return { status: 'ok', token, claims: null };
  return INVALID;
}

/**
 * A gateway's onRequest hook: the token check, then the product's own checks, which return the
 * product's error for a refused request (returned rather than thrown: a throw makes V8 walk the
 * stack to locate it, thousands of instructions per refusal). A token seen before is judged at
 * once, so most requests pass the gateway without a promise.
 */
export function gatewayHook(ctx: AppContext, checks: (request: FastifyRequest, bearer: BearerCheck) => ApiError | undefined): onRequestHookHandler {
  return (request, _reply, done) => {
    const bearer = checkBearer(ctx, header(request, 'authorization'));
    if (bearer instanceof Promise) {
      bearer.then((settled) => checks(request, settled)).then((refused) => done(refused), done);
      return;
    }
    let refused: ApiError | undefined;
    try {
      refused = checks(request, bearer);
    } catch (error) {
      done(error as Error);
      return;
    }
    done(refused);
  };
}

export type ApiKeyCheck = 'missing' | 'invalid' | 'ok';

/** Strict: the key must be a registered client id and, when the token is ours, the token's client. */
export function checkApiKey(ctx: AppContext, key: string | undefined, claims: AccessTokenClaims | null): ApiKeyCheck {
  if (key === undefined || key === '') return 'missing';
  if (ctx.config.auth === 'permissive') return 'ok';
  if (!findIntegration(ctx.store, key)) return 'invalid';
  if (claims && claims.client_id !== key) return 'invalid';
  return 'ok';
}

/** One header value (the first, when a client repeats it). */
export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

const JSON_TYPE = /^application\/(?:json|[\w.+-]+\+json)\s*(?:;|$)/i;

export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_TYPE.test(contentType);
}

export function isOctetStream(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/octet-stream\s*(?:;|$)/i.test(contentType);
}
