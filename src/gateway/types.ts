import type { AccessTokenClaims } from '../auth/tokens.js';
import type { Integration } from '../auth/integrations.js';
import type { ScopeKey } from '../store/store.js';
import type { RightsRule } from './target-roles.js';

/** Who is calling, as established by a gateway. */
export interface Principal {
  clientId: string;
  /** Null in permissive mode when the token is not one this emulator issued. */
  claims: AccessTokenClaims | null;
  integration: Integration | undefined;
}

export interface PlatformRequestScope {
  org: string;
  sandbox: string;
  scope: ScopeKey;
}

export interface TargetRequestScope {
  tenant: string;
  /** API version negotiated from Content-Type / Accept (seed 002). */
  version: number;
  scope: ScopeKey;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    platform: PlatformRequestScope | null;
    target: TargetRequestScope | null;
  }
  interface FastifyContextConfig {
    /** Route takes a binary body (file upload): application/octet-stream passes the content-type check. */
    binaryBody?: boolean;
    /** Target Admin API versions the route serves; absent means [1]. */
    versions?: number[];
    /** Target: the rights a route needs (target-roles.ts); absent, reads for GET/HEAD, edits otherwise. */
    rights?: RightsRule;
    /** Stock: whether the route needs an Authorization header (seed 003: Licensing yes, Search no). */
    authorization?: 'required' | 'optional';
  }
}
