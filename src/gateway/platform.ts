import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, STATUS_OF, type GenericFailure } from '../errors/api-error.js';
import type { AppContext } from '../context.js';
import { scopes } from '../store/store.js';
import { findIntegration } from '../auth/integrations.js';
import {
  checkApiKey,
  gatewayHook,
  hasBody,
  header,
  installErrorHandling,
  isJsonContentType,
  isOctetStream,
  type BearerCheck,
  type ProductEnvelope,
} from './http.js';

/** The Experience Platform gateway's documented header errors, in the order they are checked. */
export const PLATFORM_ERRORS = {
  // seed 000, "OAuth token is missing"
  oauthTokenMissing: { status: 403, body: { error_code: '403010', message: 'Oauth token is missing.' } },
  // seed 000, "OAuth token is not valid"
  oauthTokenInvalid: { status: 401, body: { error_code: '401013', message: 'Oauth token is not valid' } },
  // seed 000, "API key is required"
  apiKeyRequired: { status: 403, body: { error_code: '403000', message: 'Api Key is required' } },
  // seed 000, "API key is invalid" (also seed 003 for Stock)
  apiKeyInvalid: { status: 403, body: { error_code: '403003', message: 'Api Key is invalid' } },
  // seed 000, "Missing header" (x-gw-ims-org-id)
  missingHeader: { status: 400, body: { error_code: '400003', message: 'Missing header' } },
  // seed 000, "User region is missing" (malformed org id)
  userRegionMissing: { status: 403, body: { error_code: '403027', message: 'User region is missing' } },
  // seed 000, "Profile is not valid" (integration not entitled to the org)
  profileNotValid: { status: 403, body: { error_code: '403025', message: 'Profile is not valid' } },
  // seed 000, "Valid content-type not specified"
  contentTypeInvalid: {
    status: 400,
    body: {
      type: '/placeholder/type/uri',
      status: 400,
      title: 'BadRequestError',
      detail: 'A valid content-type must be specified',
    },
  },
} as const;

export type PlatformErrorName = keyof typeof PLATFORM_ERRORS;

export function platformError(name: PlatformErrorName): ApiError {
  const { status, body } = PLATFORM_ERRORS[name];
  return new ApiError(status, body);
}

/**
 * Emulator's choice (undocumented): a sandbox the integration may not use answers 403 in the
 * gateway's {error_code, message} style. Listed in docs/errors.md.
 */
export function sandboxNotAllowed(sandbox: string): ApiError {
  return new ApiError(403, {
    error_code: '403032',
    message: `Sandbox '${sandbox}' is not accessible with these credentials`,
  });
}

/** Default sandbox when x-sandbox-name is absent, as Platform documents. */
export const DEFAULT_SANDBOX = 'prod';
const ORG_ID = /^[0-9A-Fa-f]+@AdobeOrg$/;
const PAYLOAD_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const SANDBOX_NAME = /^[a-z0-9][a-z0-9-]{0,255}$/;

const TITLES: Record<GenericFailure, string> = {
  'bad-request': 'BadRequestError',
  unauthorized: 'UnauthorizedError',
  forbidden: 'ForbiddenError',
  'not-found': 'NotFoundError',
  'method-not-allowed': 'MethodNotAllowedError',
  'request-timeout': 'RequestTimeoutError',
  'payload-too-large': 'PayloadTooLargeError',
  'unsupported-media-type': 'UnsupportedMediaTypeError',
  'too-many-requests': 'TooManyRequestsError',
  'headers-too-large': 'RequestHeaderFieldsTooLargeError',
  internal: 'InternalServerError',
};

/**
 * Failures past the gateway use the problem-details shape of the documented content-type error
 * ({type, status, title, detail}); the emulator's choice where Platform documents nothing more specific.
 */
export const platformEnvelope: ProductEnvelope = {
  product: 'platform',
  failure: (kind, message) => ({
    type: `http://ns.adobe.com/aep/errors/${kind}`,
    status: STATUS_OF[kind],
    title: TITLES[kind],
    detail: message,
  }),
};

/** A Platform failure past the gateway, e.g. an unknown object id. */
export function platformProblem(kind: GenericFailure, message: string): ApiError {
  return new ApiError(STATUS_OF[kind], platformEnvelope.failure(kind, message));
}

/** Runs the documented header checks, in order, once the token is judged (the first failure is returned), then sets request.platform for the services. */
export function platformGatewayChecks(ctx: AppContext, request: FastifyRequest, bearer: BearerCheck): ApiError | undefined {
  if (bearer.status === 'missing') return platformError('oauthTokenMissing');
  if (bearer.status === 'invalid') return platformError('oauthTokenInvalid');

  const apiKey = header(request, 'x-api-key');
  const keyCheck = checkApiKey(ctx, apiKey, bearer.claims);
  if (keyCheck === 'missing') return platformError('apiKeyRequired');
  if (keyCheck === 'invalid') return platformError('apiKeyInvalid');

  const org = header(request, 'x-gw-ims-org-id');
  if (org === undefined || org === '') return platformError('missingHeader');
  if (!ORG_ID.test(org)) return platformError('userRegionMissing');
  const integration = findIntegration(ctx.store, apiKey!);
  if (ctx.config.auth === 'strict' && integration?.orgId !== org) return platformError('profileNotValid');

  if (PAYLOAD_METHODS.has(request.method) && hasBody(request)) {
    const contentType = header(request, 'content-type');
    const binaryAllowed = request.routeOptions.config?.binaryBody === true && isOctetStream(contentType);
    if (!binaryAllowed && !isJsonContentType(contentType)) return platformError('contentTypeInvalid');
  }

  const sandbox = header(request, 'x-sandbox-name') || DEFAULT_SANDBOX;
  if (!SANDBOX_NAME.test(sandbox)) return sandboxNotAllowed(sandbox);
  if (ctx.config.auth === 'strict' && !integration!.sandboxes.includes(sandbox)) return sandboxNotAllowed(sandbox);

  request.principal = { clientId: apiKey!, claims: bearer.claims, integration };
  request.platform = { org, sandbox, scope: scopes.platform(org, sandbox) };
  return undefined;
}

/**
 * Generated clients and Postman send every declared parameter, empty when unset
 * (`?limit=&start=&orderby=`); Platform reads an empty value as no value. Dropped before the
 * route's validation, so every Platform route treats them alike. Of a repeated parameter the
 * non-empty values stay (one left is a plain value again).
 */
export function dropEmptyQueryValues(request: FastifyRequest): void {
  const query = request.query as Record<string, unknown> | undefined;
  if (query === null || typeof query !== 'object') return;
  for (const name in query) {
    const value = query[name];
    if (value === '') delete query[name];
    else if (Array.isArray(value)) {
      const kept = value.filter((item) => item !== '');
      if (kept.length === 0) delete query[name];
      else query[name] = kept.length === 1 ? kept[0] : kept;
    }
  }
}

/** Puts one Platform service behind the gateway, with Platform's error envelope. */
export function installPlatformGateway(instance: FastifyInstance, ctx: AppContext): void {
  instance.addHook(
    'onRequest',
    gatewayHook(ctx, (request, bearer) => platformGatewayChecks(ctx, request, bearer)),
  );
  instance.addHook('preValidation', (request, _reply, done) => {
    dropEmptyQueryValues(request);
    done();
  });
  // A request with a body needs a JSON (or, for uploads, octet-stream) Content-Type, checked
  // above; one without a body (?action=COMPLETE, ...) is taken whatever Content-Type it names.
  instance.addContentTypeParser('*', (_request, payload, done) => {
    payload.resume();
    payload.once('end', () => done(null, undefined));
    payload.once('error', (error) => done(error, undefined));
  });
  installErrorHandling(instance, platformEnvelope);
}
