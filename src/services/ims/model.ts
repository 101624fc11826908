import type { AppContext } from '../../context.js';
import { findIntegration, type Integration } from '../../auth/integrations.js';
import { decodeClaims } from '../../auth/tokens.js';
import { imsError } from '../../gateway/ims.js';

/** IMS parameters arrive as a form body or as query parameters (seed 004 uses the query). */
export interface ImsParams {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  scope?: string;
  jwt_token?: string;
}

/** /ims/token/v3 answers seconds (86399); /ims/exchange/jwt answers milliseconds (86399990, seed 004). */
const TOKEN_V3_EXPIRES_IN_S = 86_399;
const JWT_EXCHANGE_EXPIRES_IN_MS = 86_399_990;
/** Metascopes are claims of the form "https://ims-na1.adobelogin.com/s/<scope>": true. */
const METASCOPE = /\/s\/([^/]+)$/;

/**
 * Checks the client credentials. Strict mode knows only the fixture integrations; permissive
 * mode also accepts unknown clients (an SDK configured with real credentials), but a known
 * client must still present its own secret.
 */
function authenticateClient(ctx: AppContext, params: ImsParams): Integration | null {
  const clientId = params.client_id;
  if (!clientId) throw imsError(400, 'invalid_client', 'invalid client_id parameter');
  const integration = findIntegration(ctx.store, clientId);
  if (!integration) {
    if (ctx.config.auth === 'permissive' && params.client_secret) return null;
    throw imsError(400, 'invalid_client', 'invalid client_id parameter');
  }
  if (params.client_secret !== integration.clientSecret) {
    throw imsError(401, 'invalid_client', 'invalid client_secret parameter');
  }
  return integration;
}

function requestedScopes(ctx: AppContext, integration: Integration | null, scope: string | undefined): string[] {
  const asked = (scope ?? '').split(/[\s,]+/).filter(Boolean);
  if (asked.length === 0) return integration?.scopes ?? ['openid'];
  if (integration && ctx.config.auth === 'strict') {
    const unknown = asked.filter((name) => !integration.scopes.includes(name));
    if (unknown.length > 0) throw imsError(400, 'invalid_scope', `invalid scope: ${unknown.join(',')}`);
  }
  return asked;
}

/** OAuth server-to-server: POST /ims/token/v3 with grant_type=client_credentials. */
export async function clientCredentialsToken(ctx: AppContext, params: ImsParams) {
  if (!params.grant_type) throw imsError(400, 'invalid_request', 'missing grant_type parameter');
  if (params.grant_type !== 'client_credentials') {
    throw imsError(400, 'unsupported_grant_type', `unsupported grant_type: ${params.grant_type}`);
  }
  const integration = authenticateClient(ctx, params);
  const { token } = await ctx.tokens.issue({
    clientId: params.client_id!,
    userId: integration?.technicalAccountId ?? `${params.client_id}@techacct.adobe.com`,
    org: integration?.orgId ?? null,
    scopes: requestedScopes(ctx, integration, params.scope),
  });
  return { access_token: token, token_type: 'bearer', expires_in: TOKEN_V3_EXPIRES_IN_S };
}

/**
 * Service account (JWT) exchange: POST /ims/exchange/jwt (seed 004). The jwt_token must be a
 * well-formed JWT whose aud names the client (".../c/<client_id>"); an exp in the past on the
 * emulator's clock is refused; in strict mode its iss must be the integration's org.
 * The signature is not checked: the emulator does not hold the client's public certificate.
 */
export async function exchangeJwt(ctx: AppContext, params: ImsParams) {
  const integration = authenticateClient(ctx, params);
  if (!params.jwt_token) throw imsError(400, 'invalid_request', 'missing jwt_token parameter');
  const claims = decodeClaims(params.jwt_token);
  if (!claims) throw imsError(400, 'invalid_token', 'jwt_token is not a well-formed JWT');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((aud) => typeof aud === 'string' && aud.endsWith(`/c/${params.client_id}`))) {
    throw imsError(400, 'invalid_token', `the JWT's aud claim does not name client ${params.client_id}`);
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= ctx.clock.now()) {
    throw imsError(400, 'invalid_token', 'the JWT has expired');
  }
  if (integration && ctx.config.auth === 'strict' && claims.iss !== integration.orgId) {
    throw imsError(400, 'invalid_token', "the JWT's iss claim is not the integration's org");
  }
  const metascopes = Object.keys(claims)
    .filter((name) => claims[name] === true && METASCOPE.test(name))
    .map((name) => METASCOPE.exec(name)![1]);
  const { token } = await ctx.tokens.issue({
    clientId: params.client_id!,
    userId: typeof claims.sub === 'string' ? claims.sub : (integration?.technicalAccountId ?? params.client_id!),
    org: integration?.orgId ?? (typeof claims.iss === 'string' ? claims.iss : null),
    scopes: metascopes.length > 0 ? metascopes : (integration?.scopes ?? ['openid']),
  });
  return { token_type: 'bearer', access_token: token, expires_in: JWT_EXCHANGE_EXPIRES_IN_MS };
}
