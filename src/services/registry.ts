import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.js';
import { installPlatformGateway } from '../gateway/platform.js';
import { installTargetGateway } from '../gateway/target.js';
import { installStockGateway } from '../gateway/stock.js';
import { installProfileGateway } from '../gateway/profile.js';
import { installImsGateway } from '../gateway/ims.js';
import { platformEnvelope } from '../gateway/platform.js';
import { targetEnvelope } from '../gateway/target.js';
import { stockEnvelope } from '../gateway/stock.js';
import { profileEnvelope } from '../gateway/profile.js';
import { imsEnvelope } from '../gateway/ims.js';
import { controlEnvelope } from '../gateway/control.js';
import type { ProductEnvelope } from '../gateway/http.js';
import { imsRoutes } from './ims/routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { ingestionRoutes } from './ingestion/routes.js';
import { dataAccessRoutes } from './export/routes.js';
import { schemaRegistryRoutes } from './schemas/routes.js';
import { targetAdminRoutes } from './target-admin/routes.js';
import { stockRoutes } from './stock/routes.js';
import { targetProfileRoutes } from './target-profile/routes.js';

export type Product = 'ims' | 'platform' | 'target' | 'profile' | 'stock';

export interface ServiceEntry {
  name: string;
  product: Product;
  /** Real path prefixes of the service (the real host's paths, unchanged). */
  prefixes: string[];
  routes: FastifyPluginAsync<{ ctx: AppContext }>;
}

/** Every emulated service, with the prefix it has on its real host (ARCHITECTURE.md's table). */
export const SERVICES: ServiceEntry[] = [
  { name: 'ims', product: 'ims', prefixes: ['/ims'], routes: imsRoutes },
  { name: 'catalog', product: 'platform', prefixes: ['/data/foundation/catalog'], routes: catalogRoutes },
  { name: 'ingestion', product: 'platform', prefixes: ['/data/foundation/import'], routes: ingestionRoutes },
  { name: 'export', product: 'platform', prefixes: ['/data/foundation/export'], routes: dataAccessRoutes },
  { name: 'schemaregistry', product: 'platform', prefixes: ['/data/foundation/schemaregistry'], routes: schemaRegistryRoutes },
  { name: 'target-admin', product: 'target', prefixes: ['/:tenant/target'], routes: targetAdminRoutes },
  { name: 'target-profile', product: 'profile', prefixes: ['/rest/v1/profiles', '/m2/:client'], routes: targetProfileRoutes },
  { name: 'stock', product: 'stock', prefixes: ['/Rest'], routes: stockRoutes },
];

/** Each product family's gateway: header checks, error envelope, not-found answer. */
const GATEWAYS: Record<Product, (instance: FastifyInstance, ctx: AppContext) => void> = {
  ims: (instance) => installImsGateway(instance),
  platform: installPlatformGateway,
  target: installTargetGateway,
  profile: installProfileGateway,
  stock: installStockGateway,
};

/** Registers every service under its prefixes, each inside its product's gateway. */
export async function registerServices(app: FastifyInstance, ctx: AppContext): Promise<void> {
  for (const service of SERVICES) await registerService(app, ctx, service);
}

/** One service under each of its prefixes, behind its product's gateway and error envelope. */
export async function registerService(app: FastifyInstance, ctx: AppContext, service: ServiceEntry): Promise<void> {
  for (const prefix of service.prefixes) {
    await app.register(
      async (instance) => {
        GATEWAYS[service.product](instance, ctx);
        await instance.register(service.routes, { ctx });
      },
      { prefix },
    );
  }
}

const ENVELOPES: Record<Product, (ctx: AppContext) => ProductEnvelope> = {
  ims: () => imsEnvelope,
  platform: () => platformEnvelope,
  target: (ctx) => targetEnvelope(ctx.clock),
  profile: () => profileEnvelope,
  stock: () => stockEnvelope,
};

const PREFIX_PATTERNS = SERVICES.flatMap((service) =>
  service.prefixes.map((prefix) => ({
    product: service.product,
    pattern: new RegExp(`^${prefix.replace(/:[^/]+/g, '[^/]+')}(?:/|\\?|$)`),
  })),
);

/**
 * The envelope of the product a raw URL belongs to, for failures Fastify raises before routing
 * (e.g. a malformed percent-encoding), so they still read like that product's errors.
 */
export function envelopeForUrl(ctx: AppContext, url: string): ProductEnvelope {
  const product = productForUrl(url);
  return product ? ENVELOPES[product](ctx) : controlEnvelope;
}

/** The product a raw URL belongs to by its path prefix; null outside every product. */
export function productForUrl(url: string): Product | null {
  return PREFIX_PATTERNS.find(({ pattern }) => pattern.test(url))?.product ?? null;
}
