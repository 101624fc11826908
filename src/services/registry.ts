import type { FastifyInstance } from 'fastify';
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
import type { ServiceDeclaration, ServiceEntry } from './declaration.js';
import { imsService } from './ims/service.js';
import { catalogService } from './catalog/service.js';
import { ingestionService } from './ingestion/service.js';
import { dataAccessService } from './export/service.js';
import { schemaRegistryService } from './schemas/service.js';
import { targetAdminService } from './target-admin/service.js';
import { targetProfileService } from './target-profile/service.js';
import { stockService } from './stock/service.js';

export type { ServiceDeclaration, ServiceEntry } from './declaration.js';

/**
 * The product families: the title of each one's section on the dashboard, and where that
 * section comes (Platform first). Their order here is the order of the `product` enums in the
 * control API's schemas (faults, journal, resources).
 */
export const PRODUCT_FAMILIES = {
  ims: { title: 'Adobe IMS', dashboardPosition: 4 },
  platform: { title: 'Adobe Experience Platform', dashboardPosition: 0 },
  target: { title: 'Adobe Target · Admin API', dashboardPosition: 1 },
  profile: { title: 'Adobe Target · profiles', dashboardPosition: 2 },
  stock: { title: 'Adobe Stock', dashboardPosition: 3 },
} as const;

export type Product = keyof typeof PRODUCT_FAMILIES;
export const PRODUCTS = Object.keys(PRODUCT_FAMILIES) as readonly Product[];

/**
 * Every emulated service, each declared in its own folder (src/services/<service>/service.ts):
 * adding a service is that folder and one line here. Their routes are registered, and /_mock/health
 * lists them, in this order.
 */
export const SERVICES: readonly ServiceDeclaration[] = [
  imsService,
  catalogService,
  ingestionService,
  dataAccessService,
  schemaRegistryService,
  targetAdminService,
  targetProfileService,
  stockService,
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
