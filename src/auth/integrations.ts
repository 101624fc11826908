import { scopes, type Store } from '../store/store.js';

/**
 * An Adobe Developer Console integration (a project's OAuth server-to-server or JWT
 * credential) as the emulator knows it. Integrations live in the store (`ims` scope),
 * so fixtures define them and state import can add more.
 */
export interface Integration {
  /** Client id, which is also the API key (x-api-key). */
  id: string;
  clientSecret: string;
  name: string;
  /** IMS org the credential belongs to, e.g. 0123456789ABCDEF01234567@AdobeOrg. */
  orgId: string;
  technicalAccountId: string;
  /** Platform sandboxes it may use. */
  sandboxes: string[];
  /** Target Admin tenant and Target client code it may use. */
  tenant: string;
  clientCode: string;
  /** Target role: what it may do is src/gateway/target-roles.ts's table. */
  role: 'editor' | 'viewer' | 'approver' | 'publisher';
  /** OAuth scopes the credential may request. */
  scopes: string[];
}

export const INTEGRATIONS = 'integrations';

/** The demo integration: the fixtures' first (the banner and /docs show it). */
export function demoIntegration(store: Store): Integration | undefined {
  return store.collection<Integration>(scopes.ims(), INTEGRATIONS).values().next().value;
}

export function findIntegration(store: Store, clientId: string): Integration | undefined {
  return store.collection<Integration>(scopes.ims(), INTEGRATIONS).get(clientId);
}
