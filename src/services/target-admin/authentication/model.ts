/**
 * POST /authentication/token: tokens for the Profile API (scope profile_api) and mboxTrace
 * (debug_tools), kept in the tenant's store so target-profile can check them.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import type { TargetRequestScope, Principal } from '../../../gateway/types.js';
import { targetError } from '../../../gateway/target.js';

/** Lifetime of profile_api / debug_tools tokens, in seconds (seed 004's sample response). */
export const AUTH_TOKEN_EXPIRES_IN_S = 7_775_999;
export const AUTH_TOKEN_SCOPES = ['profile_api', 'debug_tools'] as const;
export type AuthTokenScope = (typeof AUTH_TOKEN_SCOPES)[number];

/** A token issued by /authentication/token, kept so the Profile API can check it later. */
export interface StoredAuthToken {
  id: string;
  scope: AuthTokenScope;
  tenant: string;
  clientId: string;
  createdAt: number;
  expiresIn: number;
}

export const AUTH_TOKENS = 'authenticationTokens';

export function createAuthenticationToken(ctx: AppContext, target: TargetRequestScope, principal: Principal, scope: unknown) {
  if (typeof scope !== 'string' || scope === '') {
    throw targetError(ctx.clock, 400, 'Request.Invalid', `scope is required: one of ${AUTH_TOKEN_SCOPES.join(', ')}`);
  }
  if (!AUTH_TOKEN_SCOPES.includes(scope as AuthTokenScope)) {
    throw targetError(ctx.clock, 400, 'Request.Invalid', `scope '${scope}' is not supported: use one of ${AUTH_TOKEN_SCOPES.join(', ')}`);
  }
  const token: StoredAuthToken = {
    id: randomUUID(),
    scope: scope as AuthTokenScope,
    tenant: target.tenant,
    clientId: principal.clientId,
    createdAt: ctx.clock.now(),
    expiresIn: AUTH_TOKEN_EXPIRES_IN_S,
  };
  ctx.store.collection<StoredAuthToken>(target.scope, AUTH_TOKENS).put(token.id, token);
  return { accessToken: token.id, tokenType: 'bearer', scope: token.scope, expiresIn: token.expiresIn };
}
