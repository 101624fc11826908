import { SERVICES, type Product } from '../services/registry.js';
import { XDM_COLLECTIONS } from '../services/schemas/model.js';
import type { ScopeKey } from '../store/store.js';
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

const SCHEMA_REGISTRY = new Set<string>(Object.values(XDM_COLLECTIONS));
/** Standard XDM resources shared by every org (the schema registry's global container). */
const GLOBAL_XDM_SCOPE = 'xdm/global';

const everything = () => true;

/** Which scopes of a product, by the scope key's shape (src/store/store.ts `scopes`). */
const PRODUCT_SCOPES: Record<Product, (scope: ScopeKey) => boolean> = {
  ims: (scope) => scope === 'ims',
  platform: (scope) => scope.startsWith('platform/'),
  target: (scope) => scope.startsWith('target/'),
  profile: (scope) => scope.startsWith('profile/'),
  stock: (scope) => scope === 'stock' || scope.startsWith('stock/'),
};

interface ServiceReach {
  scopes: (scope: ScopeKey) => boolean;
  collections: (name: string) => boolean;
}

/**
 * What a service owns. Catalog, Batch Ingestion and Data Access share one lifecycle (a dataset's
 * batches, their uploaded files, the files processing wrote), so resetting any of them puts all of
 * that back together; the schema registry owns the XDM resources, including the global container.
 */
function reachOf(service: string, product: Product): ServiceReach {
  if (service === 'schemaregistry') {
    return { scopes: (scope) => PRODUCT_SCOPES.platform(scope) || scope === GLOBAL_XDM_SCOPE, collections: (name) => SCHEMA_REGISTRY.has(name) };
  }
  if (product === 'platform') return { scopes: PRODUCT_SCOPES.platform, collections: (name) => !SCHEMA_REGISTRY.has(name) };
  return { scopes: PRODUCT_SCOPES[product], collections: everything };
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
    const service = SERVICES.find((entry) => entry.name === query.service);
    if (!service) throw new ResetQueryError(`Unknown service '${query.service}'; known services: ${SERVICE_NAMES.join(', ')}`);
    product = service.product;
    reach = reachOf(service.name, service.product);
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
