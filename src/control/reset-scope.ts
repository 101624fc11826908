import type { ServiceDeclaration } from '../services/declaration.js';
import { SERVICES, type Product } from '../services/registry.js';
import type { ScopeKey } from '../store/store.js';
import { collectionsOfKind, scopeKind, serviceNamed } from './declared.js';
import type { ResetPart } from './state-keeper.js';

/** Query of POST /_mock/reset. */
export interface ResetQuery {
  service?: string;
  org?: string;
  sandbox?: string;
  tenant?: string;
  client?: string;
}

/** A reset query that cannot be served; the message says why. */
export class ResetQueryError extends Error {}

const everything = () => true;

interface ServiceReach {
  scopes: (scope: ScopeKey) => boolean;
  collections: (name: string) => boolean;
}

/**
 * What a reset of one service puts back, as its declaration says: its scopes; its collections
 * and those of the services it shares a lifecycle with; and, when it says so, whatever else of
 * those scopes no service declares.
 */
function reachOf(service: ServiceDeclaration): ServiceReach {
  const kinds = new Set(service.scopes.map((declared) => declared.kind));
  const sharing = [service, ...(service.reset.together ?? []).map((name) => serviceNamed(name)!)];
  const owned = new Set(sharing.flatMap((member) => member.collections.map((collection) => collection.name)));
  const declared = new Set([...kinds].flatMap((kind) => collectionsOfKind(kind).map((collection) => collection.name)));
  return {
    scopes: (scope) => kinds.has(scopeKind(scope)),
    collections: (name) => owned.has(name) || (service.reset.undeclared && !declared.has(name)),
  };
}

export const SERVICE_NAMES = SERVICES.map((service) => service.name);

/** Which parameters narrow which product's scopes. */
const PARAMETER_PRODUCT: Record<'org' | 'sandbox' | 'tenant' | 'client', Product> = {
  org: 'platform',
  sandbox: 'platform',
  tenant: 'target',
  client: 'profile',
};

/**
 * The scopes (and collections) a reset query selects, among `known` scopes; null means the whole
 * state. `org`/`sandbox` pick Platform scopes, `tenant` Target Admin's, `client` the profiles';
 * `service` keeps only what that service owns. Given several, a scope must match them all,
 * except that org/sandbox, tenant and client each add their own product's scopes.
 */
export function resetParts(query: ResetQuery, known: ScopeKey[]): ResetPart[] | null {
  const given = (name: keyof ResetQuery) => query[name] !== undefined && query[name] !== '';
  if (!(['service', 'org', 'sandbox', 'tenant', 'client'] as const).some(given)) return null;

  let reach: ServiceReach = { scopes: everything, collections: everything };
  let product: Product | undefined;
  if (given('service')) {
    const service = serviceNamed(query.service!);
    if (!service) throw new ResetQueryError(`Unknown service '${query.service}'; known services: ${SERVICE_NAMES.join(', ')}`);
    product = service.product;
    reach = reachOf(service);
  }

  const narrowing = (['org', 'sandbox', 'tenant', 'client'] as const).filter(given);
  for (const name of narrowing) {
    if (product !== undefined && PARAMETER_PRODUCT[name] !== product) {
      throw new ResetQueryError(`'${name}' selects ${PARAMETER_PRODUCT[name]} scopes; it does not apply to service '${query.service}'`);
    }
  }
  const filters: Array<(scope: ScopeKey) => boolean> = [];
  if (given('org') || given('sandbox')) {
    filters.push((scope) => {
      const [kind, org, sandbox] = scope.split('/');
      return kind === 'platform' && (!given('org') || org === query.org) && (!given('sandbox') || sandbox === query.sandbox);
    });
  }
  if (given('tenant')) filters.push((scope) => scope === `target/${query.tenant}`);
  if (given('client')) filters.push((scope) => scope === `profile/${query.client}`);

  const selected = known.filter((scope) => reach.scopes(scope) && (filters.length === 0 || filters.some((filter) => filter(scope))));
  return selected.map((scope) => ({ scope, includes: reach.collections }));
}
