import type { AppContext } from '../../context.js';
import { scopes } from '../../store/store.js';
import { AUTH_TOKENS, type StoredAuthToken } from '../target-admin/authentication/model.js';
import { accessTokenExpired, accessTokenMissing, accessTokenUnknown, accessTokenWrongScope } from './errors.js';

const SETTINGS = 'settings';
const AUTHENTICATION = 'authentication';

interface AuthenticationSetting {
  id: typeof AUTHENTICATION;
  enabled: boolean;
}

/** The client's Profile API authentication switch: set through /_mock, else from the profileAuthentication option. */
export function isAuthenticationOn(ctx: AppContext, client: string): boolean {
  const setting = ctx.store.collection<AuthenticationSetting>(scopes.profile(client), SETTINGS).get(AUTHENTICATION);
  return setting ? setting.enabled : ctx.config.profileAuthentication.includes(client);
}

export function setAuthentication(ctx: AppContext, client: string, enabled: boolean): void {
  ctx.store.collection<AuthenticationSetting>(scopes.profile(client), SETTINGS).put(AUTHENTICATION, { id: AUTHENTICATION, enabled });
}

/**
 * Seed 004: with authentication ON, profile requests carry `access_token: <token>` from
 * POST /{tenant}/target/authentication/token?scope=profile_api (the tenant is the client code).
 * Tokens expire `expiresIn` seconds after issue on the emulator's clock.
 */
export function checkAccessToken(ctx: AppContext, client: string, token: string | undefined): void {
  if (token === undefined || token === '') throw accessTokenMissing(client);
  const stored = ctx.store.collection<StoredAuthToken>(scopes.target(client), AUTH_TOKENS).get(token);
  if (!stored) throw accessTokenUnknown(client);
  if (stored.scope !== 'profile_api') throw accessTokenWrongScope(stored.scope);
  if (ctx.clock.now() >= stored.createdAt + stored.expiresIn * 1000) throw accessTokenExpired();
}
