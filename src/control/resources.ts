/**
 * GET /_mock/resources: what the emulator holds, per scope and collection, as counts and short
 * summaries of the newest objects. Feeds the dashboard; handy for debugging a test run too.
 *
 * Summaries pick a few fields from the stored objects (never whole objects, never secrets), so
 * the answer stays small and cheap even with a thousand offers in a scope.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.js';
import { COLLECTIONS, settleBatches } from '../services/platform-objects.js';
import type { ScopeKey } from '../store/store.js';
import { collectionTitle } from './collection-titles.js';

type Json = Record<string, unknown>;
type Product = 'ims' | 'platform' | 'target' | 'profile' | 'stock' | 'unknown';

export interface ResourceSummary {
  id: string | number;
  name?: string;
  status?: string;
  type?: string;
  created?: string;
  updated?: string;
  [detail: string]: unknown;
}

export interface CollectionOverview {
  /** What the dashboard shows as the collection's heading ("Large file uploads"). */
  title: string;
  count: number;
  items: ResourceSummary[];
}

export interface ScopeOverview {
  scope: ScopeKey;
  product: Product;
  label: string;
  collections: Record<string, CollectionOverview>;
}

/** A collection's count and newest summaries, before its title is added. */
type Listing = Omit<CollectionOverview, 'title'>;

export const DEFAULT_ITEMS = 50;
const MAX_ITEMS = 500;

/**
 * Collections shown first, per kind of scope, in this order (even when empty, so an empty
 * "batches" reads as "none yet"); any other collection of the scope follows.
 */
const PRIMARY: Record<string, string[]> = {
  platform: [COLLECTIONS.dataSets, COLLECTIONS.batches],
  target: ['activities', 'offers', 'audiences'],
  profile: ['profiles'],
};

/** Bookkeeping collections that mean nothing to a reader (or hold secrets). */
const HIDDEN = new Set<string>([
  // Profiles (Part A's layout): thirdPartyId → tntId links and the daily quota counters.
  'thirdPartyIds',
  'usage',
  COLLECTIONS.batchFiles,
  COLLECTIONS.pendingBatches,
  COLLECTIONS.failedRecords,
  'activityChangelogs',
  'mboxParameters',
  'reports',
  'authenticationTokens',
  'keys',
]);

/** Internal scopes (the token signing key) are never shown. */
const isInternalScope = (scope: ScopeKey) => scope.startsWith('_');

function describeScope(scope: ScopeKey): { product: Product; label: string } {
  const [kind, ...rest] = scope.split('/');
  switch (kind) {
    case 'platform':
      return rest.length >= 2 ? { product: 'platform', label: `${rest.slice(0, -1).join('/')} · sandbox ${rest.at(-1)}` } : { product: 'platform', label: scope };
    case 'xdm':
      return { product: 'platform', label: `XDM standard registry (${rest.join('/') || 'global'})` };
    case 'target':
      return { product: 'target', label: `tenant ${rest.join('/')}` };
    case 'profile':
      return { product: 'profile', label: `client code ${rest.join('/')}` };
    case 'ims':
      return { product: 'ims', label: 'integrations (all orgs)' };
    case 'stock':
      return { product: 'stock', label: 'Adobe Stock' };
    default:
      return { product: 'unknown', label: scope };
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

/** Catalog keeps epoch milliseconds, Target ISO strings; the summaries use ISO strings. */
function instant(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
  return undefined;
}

/** The time an object last changed, in ms (for "newest first"); 0 when it carries none. */
function changedAt(object: Json): number {
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

function compact(summary: Json): ResourceSummary {
  for (const key of Object.keys(summary)) if (summary[key] === undefined) delete summary[key];
  return summary as ResourceSummary;
}

/** Fields every summary may carry, whatever the collection. */
function basics(id: string, object: Json): Json {
  return {
    id: typeof object.id === 'number' ? object.id : id,
    name: text(object.name) ?? text(object.title),
    status: text(object.status) ?? text(object.state),
    created: instant(object.created ?? object.createdAt ?? object['meta:created']),
    updated: instant(object.updated ?? object.modifiedAt ?? object.lastModified ?? object['meta:updated']),
  };
}

const SCALAR = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** Profiles written by a batch file keep their values as one string of cells beside shared column names. */
const CELL_SEPARATOR = '\u001f';

/** A handful of scalar attributes of a profile, wherever the store keeps them. */
function someAttributes(object: Json, limit = 5): Json | undefined {
  if (Array.isArray(object.columns) && typeof object.cells === 'string' && !object.attributes) {
    const picked: Json = {};
    const cells = object.cells.split(CELL_SEPARATOR);
    object.columns.forEach((column, index) => {
      if (Object.keys(picked).length < limit && cells[index]) picked[String(column)] = cells[index];
    });
    return picked;
  }
  for (const key of ['profileAttributes', 'attributes', 'profile', 'parameters']) {
    const holder = object[key];
    if (!holder || typeof holder !== 'object' || Array.isArray(holder)) continue;
    const picked: Json = {};
    for (const [name, value] of Object.entries(holder as Json)) {
      if (Object.keys(picked).length >= limit) break;
      if (SCALAR(value)) picked[name] = value;
      else if (value && typeof value === 'object' && 'value' in (value as Json) && SCALAR((value as Json).value)) picked[name] = (value as Json).value;
    }
    return picked;
  }
  return undefined;
}

type Summarizer = (id: string, object: Json) => ResourceSummary;

const profileSummary: Summarizer = (id, o) =>
  compact({
    ...basics(id, o),
    tntId: o.thirdPartyOnly ? undefined : text(o.tntId),
    thirdPartyId: text(o.thirdPartyId),
    attributes: someAttributes(o),
  });

/** By `<kind of scope>/<collection>` first, then by collection name. */
const SUMMARIZERS: Record<string, Summarizer> = {
  'profile/batches': (id, o) =>
    compact({
      ...basics(id, o),
      rows: Array.isArray(o.ids) ? o.ids.length : undefined,
      rejected: o.errors && typeof o.errors === 'object' ? Object.keys(o.errors).length : undefined,
      version: o.version,
    }),
  'profile/settings': (id, o) => compact({ ...basics(id, o), enabled: typeof o.enabled === 'boolean' ? o.enabled : undefined }),
  dataSets: (id, o) =>
    compact({
      ...basics(id, o),
      status: undefined,
      lastBatchId: text(o.lastBatchId),
      lastBatchStatus: text(o.lastBatchStatus),
      schema: text((o.schemaRef as Json | undefined)?.id),
    }),
  batches: (id, o) => {
    const related = Array.isArray(o.relatedObjects) ? (o.relatedObjects as Json[]) : [];
    return compact({
      ...basics(id, o),
      dataSetId: text(related.find((entry) => entry.type === 'dataSet')?.id),
      format: text((o.inputFormat as Json | undefined)?.format),
      started: instant(o.started),
      completed: instant(o.completed),
      metrics: o.metrics && typeof o.metrics === 'object' ? o.metrics : undefined,
      errors: Array.isArray(o.errors) && o.errors.length > 0 ? o.errors.length : undefined,
    });
  },
  dataSetFiles: (id, o) => compact({ ...basics(id, o), name: text(o.name), batchId: text(o.batchId), records: o.records, size: o.size }),
  activities: (id, o) => compact({ ...basics(id, o), type: text(o.type), priority: o.priority }),
  offers: (id, o) => compact({ ...basics(id, o), workspace: text(o.workspace) }),
  audiences: (id, o) => compact({ ...basics(id, o), origin: text(o.origin) }),
  profiles: profileSummary,
  thirdPartyProfiles: profileSummary,
};

const genericSummary: Summarizer = (id, o) => compact(basics(id, o));

/** Deleted activities stay stored (references skip them) but are gone for the API: not shown. */
const isShown = (name: string, object: Json) => !(name === 'activities' && object.state === 'deleted');

/**
 * Count and the `limit` newest objects (by their own update time; among equals, the later
 * stored first). One pass with a small sorted window: no sorting or copying of the collection.
 */
function overview(summarize: Summarizer, name: string, values: Iterable<unknown>, limit: number): Listing {
  let count = 0;
  let position = 0;
  const newest: Array<{ at: number; position: number; object: Json }> = [];
  for (const value of values) {
    position++;
    if (!value || typeof value !== 'object') continue;
    const object = value as Json;
    if (!isShown(name, object)) continue;
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
    items.push(summarize(id, (value ?? {}) as Json));
  }
  return { count, items };
}

export function collectResources(ctx: AppContext, limit = DEFAULT_ITEMS): { scopes: ScopeOverview[] } {
  const result: ScopeOverview[] = [];
  for (const scope of ctx.store.scopeKeys()) {
    if (isInternalScope(scope)) continue;
    const { product, label } = describeScope(scope);
    const kind = scope.split('/')[0]!;
    // Batches whose processing time has come on the emulator's clock show their final state, as a Catalog read would.
    if (kind === 'platform') settleBatches(ctx, scope);
    const names = [...(PRIMARY[kind] ?? [])];
    const collections: Record<string, CollectionOverview> = {};
    const present = ctx.store.collectionNames(scope);
    for (const name of present) if (!names.includes(name)) names.push(name);
    for (const name of names) {
      if (name.startsWith('_') || HIDDEN.has(name)) continue;
      const summarize = SUMMARIZERS[`${kind}/${name}`] ?? SUMMARIZERS[name] ?? genericSummary;
      const collection = present.includes(name) ? ctx.store.collection(scope, name) : null;
      const { count, items } =
        collection && collection.size > BY_TIME_UP_TO
          ? lastStored(summarize, collection.size, collection.entries(), limit)
          : overview(summarize, name, collection?.values() ?? [], limit);
      collections[name] = { title: collectionTitle(name), count, items };
    }
    result.push({ scope, product, label, collections });
  }
  const order: Product[] = ['platform', 'target', 'profile', 'stock', 'ims', 'unknown'];
  // Stable: within a product, scopes keep the store's order (fixtures first, then as created).
  result.sort((a, b) => order.indexOf(a.product) - order.indexOf(b.product));
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
          200: {
            type: 'object',
            properties: {
              scopes: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    scope: { type: 'string' },
                    product: { type: 'string', enum: ['ims', 'platform', 'target', 'profile', 'stock', 'unknown'] },
                    label: { type: 'string' },
                    collections: {
                      type: 'object',
                      additionalProperties: {
                        type: 'object',
                        properties: {
                          title: { type: 'string', description: 'The readable name ("Large file uploads" for largeFileUploads)' },
                          count: { type: 'integer' },
                          items: { type: 'array', items: summarySchema },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request) => collectResources(ctx, request.query.limit ?? DEFAULT_ITEMS),
  );
};
