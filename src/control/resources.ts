/**
 * GET /_mock/resources: what the emulator holds, per scope and collection, as counts and short
 * summaries of the newest objects. Feeds the dashboard; handy for debugging a test run too.
 *
 * Summaries pick a few fields from the stored objects (never whole objects, never secrets), so
 * the answer stays small and cheap even with a thousand offers in a scope.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.js';
import type { CollectionDeclaration, ResourceSummary, StoredObject, Summarizer } from '../services/declaration.js';
import { PRODUCT_FAMILIES, PRODUCTS, type Product } from '../services/registry.js';
import { arrayOf, objectSchema } from '../services/schema-builders.js';
import type { ScopeKey } from '../store/store.js';
import { humanise } from './collection-titles.js';
import { collectionsOfKind, declaredScope, scopeKind, viewsOfKind } from './declared.js';
import { productOrUnknown } from './schemas.js';
import { genericSummary } from './summaries.js';

export type { ResourceSummary } from '../services/declaration.js';

/** A scope no service declares is of product `unknown`. */
type ScopeProduct = Product | 'unknown';

export interface CollectionOverview {
  /** What the dashboard shows as the collection's heading ("Large file uploads"). */
  title: string;
  count: number;
  items: ResourceSummary[];
}

export interface ScopeOverview {
  scope: ScopeKey;
  product: ScopeProduct;
  label: string;
  collections: Record<string, CollectionOverview>;
}

/** A collection's count and newest summaries, before its title is added. */
type Listing = Omit<CollectionOverview, 'title'>;

export const DEFAULT_ITEMS = 50;
const MAX_ITEMS = 500;

/** Where a product's section comes on the dashboard; scopes no service declares come last. */
const position = (product: ScopeProduct) => (product === 'unknown' ? PRODUCTS.length : PRODUCT_FAMILIES[product].dashboardPosition);

/** Internal scopes (the token signing key) are never shown. */
const isInternalScope = (scope: ScopeKey) => scope.startsWith('_');

/** The time an object last changed, in ms (for "newest first"); 0 when it carries none. */
function changedAt(object: StoredObject): number {
  for (const key of ['updated', 'modifiedAt', 'lastModified', 'meta:updated', 'created', 'createdAt']) {
    const value = object[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string') {
      const ms = Date.parse(value);
      if (!Number.isNaN(ms)) return ms;
    }
  }
  return 0;
}

const listedByDefault = () => true;

/**
 * Count and the `limit` newest objects (by their own update time; among equals, the later
 * stored first). One pass with a small sorted window: no sorting or copying of the collection.
 */
function overview(summarize: Summarizer, listed: (object: StoredObject) => boolean, values: Iterable<unknown>, limit: number): Listing {
  let count = 0;
  let position = 0;
  const newest: Array<{ at: number; position: number; object: StoredObject }> = [];
  for (const value of values) {
    position++;
    if (!value || typeof value !== 'object') continue;
    const object = value as StoredObject;
    if (!listed(object)) continue;
    count++;
    if (limit === 0) continue;
    const at = changedAt(object);
    if (newest.length === limit && at < newest[limit - 1]!.at) continue;
    let index = newest.length;
    while (index > 0 && newest[index - 1]!.at <= at) index--;
    newest.splice(index, 0, { at, position, object });
    if (newest.length > limit) newest.pop();
  }
  return { count, items: newest.map((entry) => summarize(String(entry.object.id ?? entry.position), entry.object)) };
}

/**
 * Above this size (bulk profile uploads make hundreds of thousands) the newest are the last
 * stored: no timestamp parsing per object on every dashboard refresh.
 */
const BY_TIME_UP_TO = 20_000;

function lastStored(summarize: Summarizer, count: number, entries: Iterable<[string, unknown]>, limit: number): Listing {
  if (limit === 0) return { count, items: [] };
  // A ring of the last `limit` entries seen.
  const ring: Array<[string, unknown]> = [];
  let seen = 0;
  for (const entry of entries) ring[seen++ % limit] = entry;
  const items: ResourceSummary[] = [];
  for (let back = 1; back <= Math.min(limit, seen); back++) {
    const [id, value] = ring[(seen - back) % limit]!;
    items.push(summarize(id, (value ?? {}) as StoredObject));
  }
  return { count, items };
}

export function collectResources(ctx: AppContext, limit = DEFAULT_ITEMS): { scopes: ScopeOverview[] } {
  const result: ScopeOverview[] = [];
  for (const scope of ctx.store.scopeKeys()) {
    if (isInternalScope(scope)) continue;
    const declared = declaredScope(scope);
    const rest = scope.split('/').slice(1);
    const product: ScopeProduct = declared?.product ?? 'unknown';
    const label = declared ? declared.declaration.label(rest, scope) : scope;
    declared?.declaration.settle?.(ctx, scope);
    const known = new Map<string, CollectionDeclaration>();
    for (const collection of collectionsOfKind(scopeKind(scope))) if (!known.has(collection.name)) known.set(collection.name, collection);
    // The primary collections first, in their declared order (even when empty, so an empty "batches" reads as "none yet").
    const names = [...known.values()].filter((collection) => collection.primary).map((collection) => collection.name);
    const collections: Record<string, CollectionOverview> = {};
    const present = ctx.store.collectionNames(scope);
    for (const name of present) if (!names.includes(name)) names.push(name);
    for (const name of names) {
      const declaration = known.get(name);
      if (name.startsWith('_') || declaration?.hidden) continue;
      const summarize = declaration?.summary ?? genericSummary;
      const collection = present.includes(name) ? ctx.store.collection(scope, name) : null;
      const { count, items } =
        collection && collection.size > BY_TIME_UP_TO
          ? lastStored(summarize, collection.size, collection.entries(), limit)
          : overview(summarize, declaration?.listed ?? listedByDefault, collection?.values() ?? [], limit);
      collections[name] = { title: declaration?.title ?? humanise(name), count, items };
    }
    for (const view of viewsOfKind(scopeKind(scope))) {
      if (collections[view.name]) continue;
      const items = view.items(ctx, scope);
      if (items.length > 0) collections[view.name] = { title: view.title, count: items.length, items: items.slice(0, limit) };
    }
    result.push({ scope, product, label, collections });
  }
  // Stable: within a product, scopes keep the store's order (fixtures first, then as created).
  result.sort((a, b) => position(a.product) - position(b.product));
  return { scopes: result };
}

const summarySchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { type: ['string', 'integer'] },
    name: { type: 'string' },
    status: { type: 'string', description: 'Batch status, activity state, ...' },
    type: { type: 'string' },
    created: { type: 'string' },
    updated: { type: 'string' },
  },
} as const;

export const resourceRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get<{ Querystring: { limit?: number } }>(
    '/resources',
    {
      schema: {
        tags: ['Emulator control'],
        summary: 'Resources per scope (org + sandbox, tenant, client code): counts and the newest objects in short',
        description:
          'Feeds the dashboard at `/`. Per scope and collection: how many objects there are and short summaries ' +
          '(id, name, status, created/updated; batches with their metrics) of the newest ones.',
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 0, maximum: MAX_ITEMS, default: DEFAULT_ITEMS, description: 'Summaries per collection' } },
          additionalProperties: false,
        },
        response: {
          200: objectSchema({
            scopes: arrayOf(
              objectSchema({
                scope: 'string',
                product: productOrUnknown,
                label: 'string',
                collections: {
                  type: 'object',
                  additionalProperties: objectSchema({
                    title: { type: 'string', description: 'The readable name ("Large file uploads" for largeFileUploads)' },
                    count: 'integer',
                    items: arrayOf(summarySchema),
                  }),
                },
              }),
            ),
          }),
        },
      },
    },
    async (request) => collectResources(ctx, request.query.limit ?? DEFAULT_ITEMS),
  );
};
