import type { Ajv } from 'ajv';
import { newAjv } from '../../lazy-libraries.js';
import type { AppContext } from '../../context.js';
import { versionOf, type Collection, type ScopeKey } from '../../store/store.js';
import { INTEGRATIONS, type Integration } from '../../auth/integrations.js';
import { listingFormat, lookupFormat, versionAvailable, type ListingFormat } from './accept.js';
import { invalidResource, notAcceptable, resourceNotFound, type ResourceKind } from './errors.js';
import { comparatorFor, compileCondition, parseSortKeys, QuerySyntaxError, SCHEMA_REGISTRY_DIALECT, valueOrder } from '../platform-query.js';
import { resolveFull, ResolutionError, withoutText, type Json, type Lookup, type XdmResource } from './resolve.js';

/** Schema Registry objects, per Platform scope (org + sandbox): the tenant container. */
export const SCHEMAS = 'schemas';

/**
 * The `global` container: Adobe's standard classes, behaviors, field groups and data types,
 * the same for every org and sandbox, read-only. Kept in one scope of their own (fixtures).
 */
export const GLOBAL_XDM_SCOPE: ScopeKey = 'xdm/global';

/** Collection names per resource kind (field groups answer `meta:resourceType: "mixins"`). */
export const XDM_COLLECTIONS: Record<ResourceKind, string> = {
  schemas: SCHEMAS,
  classes: 'classes',
  fieldgroups: 'fieldgroups',
  datatypes: 'datatypes',
  behaviors: 'behaviors',
};

export type StoredSchema = Record<string, unknown> & { id: string; $id: string; 'meta:altId': string };
export type StoredResource = XdmResource & { id: string };

/** `https://ns.adobe.com/mocktenant/schemas/abc` → `_mocktenant.schemas.abc`, the registry's alternate id. */
export function altIdOf(id: string): string {
  return `_${id.replace(/^https?:\/\/ns\.adobe\.com\//, '').replace(/\//g, '.')}`;
}

export function collection(ctx: AppContext, scope: ScopeKey, kind: ResourceKind) {
  return ctx.store.collection<StoredResource>(scope, XDM_COLLECTIONS[kind]);
}

/** One resource of a container by `$id` or `meta:altId`, plain or URL-encoded. */
export function findIn(ctx: AppContext, scope: ScopeKey, kind: ResourceKind, idOrAltId: string): StoredResource | undefined {
  const items = collection(ctx, scope, kind);
  const key = keyIn(items, idOrAltId);
  return key === undefined ? undefined : items.get(key);
}

/**
 * The store key of the resource findIn finds. Candidates are looked at without copying what a
 * reset shared (store.ts): only the one found is read (copied) by findIn.
 */
function keyIn(items: Collection<StoredResource>, idOrAltId: string): string | undefined {
  const matches = (resource: StoredResource, candidate: string) => resource.$id === candidate || resource['meta:altId'] === candidate;
  for (const candidate of candidatesOf(idOrAltId)) {
    const key = items.has(candidate) ? candidate : altIdOf(candidate);
    const direct = items.peek(key);
    if (direct && matches(direct, candidate)) return key;
  }
  for (const [key, resource] of items.readOnlyEntries()) {
    if (candidatesOf(idOrAltId).some((candidate) => matches(resource, candidate))) return key;
  }
  return undefined;
}

/**
 * findSchema without copying a schema a reset shared, for reading only: the object must not be
 * changed or handed out (an answer, the store).
 */
export function peekSchema(ctx: AppContext, scope: ScopeKey, idOrAltId: string): StoredSchema | undefined {
  const items = collection(ctx, scope, 'schemas');
  const key = keyIn(items, idOrAltId);
  return key === undefined ? undefined : (items.peek(key) as StoredSchema);
}

function candidatesOf(idOrAltId: string): string[] {
  const candidates = [idOrAltId];
  try {
    const decoded = decodeURIComponent(idOrAltId);
    if (decoded !== idOrAltId) candidates.push(decoded);
  } catch {
    // not URL-encoded
  }
  return candidates;
}

/** A tenant schema by its `$id` (URI) or its `meta:altId`, plain or URL-encoded. */
export function findSchema(ctx: AppContext, scope: ScopeKey, idOrAltId: string): StoredSchema | undefined {
  return findIn(ctx, scope, 'schemas', idOrAltId);
}

/** Resolves a referenced `$id` the way the registry does: the tenant container of the scope, then the global one. */
export function lookupFor(ctx: AppContext, scope: ScopeKey, seen?: Array<[string, ScopeKey, string, unknown]>): Lookup {
  return (id) => {
    for (const [container, kinds] of [
      [scope, ['classes', 'fieldgroups', 'datatypes'] as ResourceKind[]],
      [GLOBAL_XDM_SCOPE, ['classes', 'fieldgroups', 'datatypes', 'behaviors'] as ResourceKind[]],
    ] as const) {
      for (const kind of kinds) {
        const found = findIn(ctx, container, kind, id);
        if (found) {
          seen?.push([kind, container, found.id, found]);
          return found;
        }
      }
    }
    return undefined;
  };
}

// ---- full form, cached per stored version of the schema and of everything it references ----

interface CachedFull {
  /** The container the references were resolved from. */
  scope: ScopeKey;
  full: Json;
  /** `full` without its top-level `$id` (fullSchemaFor), made once. */
  withoutId?: Json;
  /**
   * What the result was built from, as stored versions (versionOf): stale as soon as one of
   * them is replaced or removed; still good after a reset put the same fixture contents back.
   */
  sources: Array<[ResourceKind, ScopeKey, string, unknown]>;
}
/** Keyed by the stored version of the resource. */
const fullCache = new WeakMap<object, CachedFull>();

function cachedFull(ctx: AppContext, scope: ScopeKey, resource: StoredResource): CachedFull {
  const version = versionOf(resource);
  const cached = fullCache.get(version);
  const current = ([kind, container, id, object]: CachedFull['sources'][number]) => versionOf(collection(ctx, container, kind).peek(id)) === object;
  if (cached?.scope === scope && cached.sources.every(current)) return cached;
  const seen: CachedFull['sources'] = [];
  const full = resolveFull(resource, lookupFor(ctx, scope, seen));
  const entry: CachedFull = { scope, full, sources: seen.map(([kind, container, id, object]) => [kind, container, id, versionOf(object)]) };
  fullCache.set(version, entry);
  return entry;
}

/**
 * The schema with every reference resolved (the `xed-full` form) as one JSON Schema that ajv
 * (strict: false, ajv-formats) compiles to validate ingested records; undefined when not found.
 * A schema with only inline properties resolves to itself. The top-level `$id` is left out so
 * that compiling the result twice in one Ajv instance cannot clash; `meta:*` keys remain.
 * The result is shared: do not modify it.
 */
export function fullSchemaFor(ctx: AppContext, scope: ScopeKey, idOrAltId: string): Record<string, unknown> | undefined {
  const schema = peekSchema(ctx, scope, idOrAltId);
  if (!schema) return undefined;
  const cached = cachedFull(ctx, scope, schema);
  if (cached.withoutId === undefined) {
    const { $id: _id, ...full } = cached.full;
    cached.withoutId = full;
  }
  return cached.withoutId;
}

// ---- HTTP representations ----

/**
 * GET /{container}/{kind}/{id}: a resource of a container (a Platform scope for `tenant`,
 * GLOBAL_XDM_SCOPE for `global`) in the lookup format the Accept header asks for. Accept errors
 * → 400/406 first; unknown id → 404; a major version the resource does not have → 406.
 */
export function lookupResource(ctx: AppContext, scope: ScopeKey, kind: ResourceKind, idOrAltId: string, acceptHeader: string | undefined): Json {
  const accept = lookupFormat(ctx, acceptHeader);
  const resource = findIn(ctx, scope, kind, idOrAltId);
  if (!resource) throw resourceNotFound(ctx, kind, safeDecode(idOrAltId), accept.version);
  if (!versionAvailable(resource.version, accept.version)) {
    throw notAcceptable(`Accept version ${accept.version} is not available for ${resource.$id} (current version ${String(resource.version)})`);
  }
  const full = accept.format.startsWith('xed-full') || accept.format === 'xed-deprecatefield';
  const body = full ? cachedFull(ctx, scope, resource).full : publicForm(resource);
  if (accept.format.endsWith('notext')) return withoutText(body, { titles: true, descriptions: true }) as Json;
  if (accept.format === 'xed-full-desc') return withoutText(body, { titles: true, descriptions: false }) as Json;
  return body;
}

const lookupBytes = new WeakMap<Json, Buffer>();

/**
 * lookupResource as the UTF-8 JSON bytes of the answer. The full form is shared until something
 * it was built from changes (cachedFull), so its bytes are kept beside it: a schema of 2,000
 * fields is about 120 KiB, and serializing it was most of a lookup's time.
 */
export function lookupResourceBytes(ctx: AppContext, scope: ScopeKey, kind: ResourceKind, idOrAltId: string, acceptHeader: string | undefined): Buffer {
  const body = lookupResource(ctx, scope, kind, idOrAltId, acceptHeader);
  let bytes = lookupBytes.get(body);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(body));
    lookupBytes.set(body, bytes);
  }
  return bytes;
}

export function publicForm(resource: StoredResource): Json {
  const { id: _id, ...rest } = resource;
  return rest;
}

export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// ---- listing ----

export interface ListingQuery {
  orderby?: string;
  start?: string;
  limit?: number;
  /** Repeated (`property=a&property=b`, as create-schema-api.md lists union members) or comma-separated. */
  property?: string | string[];
}

/** Sort values and `start` compare as numbers or text, missing values last (platform-query.ts). */
const compareValues = valueOrder(SCHEMA_REGISTRY_DIALECT);

/** The registry caps a listing at 300 results (help/xdm/api/schemas.md). */
export const LISTING_CAP = 300;

/** Where a listing is asked for: `/{container}/{path}` (path: the name used, e.g. `mixins` for field groups). */
export interface ListedContainer {
  container: 'tenant' | 'global';
  /** The Platform scope of `tenant`, GLOBAL_XDM_SCOPE for `global`. */
  scope: ScopeKey;
  kind: ResourceKind;
  path: string;
  /** The registry's base URL as the client reached it: links point at the emulator itself, so a client following them stays here. */
  base: string;
}

export interface Listing {
  results: Json[];
  _page: { orderby?: string; next: string | null; count: number };
  _links: { next: string | null; global_schemas?: { href: string } };
}

/**
 * GET /{container}/{path}: a page of the container's resources in the listing format the Accept
 * header asks for (Accept errors first), with the registry's `_page` and `_links`.
 */
export function listContainer(ctx: AppContext, where: ListedContainer, acceptHeader: string | undefined, query: ListingQuery): Listing {
  const format = listingFormat(ctx, acceptHeader);
  const { results, _page, nextStart } = listResources(ctx, where.scope, where.kind, format, query);
  const { base, container, path, kind } = where;
  return {
    results,
    _page,
    _links: {
      next: nextStart === null ? null : `${base}/${container}/${path}?${nextPageQuery(query, nextStart)}`,
      ...(kind === 'schemas' && container === 'tenant' ? { global_schemas: { href: `${base}/global/schemas` } } : {}),
    },
  };
}

function nextPageQuery(query: ListingQuery, start: string): string {
  const params = new URLSearchParams();
  if (query.orderby) params.set('orderby', query.orderby);
  params.set('start', start);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  for (const property of [query.property ?? []].flat()) params.append('property', property);
  return params.toString();
}

/** Lists a container's resources: `property` filters, `orderby` sorting, `start`/`limit` paging. */
function listResources(
  ctx: AppContext,
  scope: ScopeKey,
  kind: ResourceKind,
  format: ListingFormat,
  query: ListingQuery,
): Omit<Listing, '_links'> & { nextStart: string | null } {
  if ((query.limit !== undefined || query.start !== undefined) && !query.orderby) {
    throw invalidResource('The limit and start parameters can only be used together with orderby');
  }
  if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 500)) {
    throw invalidResource('limit must be an integer between 1 and 500');
  }
  let items = [...collection(ctx, scope, kind).values()].map(publicForm);
  if (query.property) items = items.filter(propertyFilter(query.property));

  let page = items;
  let nextStart: string | null = null;
  const order = query.orderby ? parseSortKeys(query.orderby, SCHEMA_REGISTRY_DIALECT) : [];
  if (order.length > 0) {
    items.sort(comparatorFor(order, SCHEMA_REGISTRY_DIALECT));
    const primary = order[0];
    if (query.start !== undefined) {
      items = items.filter((item) => {
        const difference = compareValues(item[primary.property], query.start);
        return primary.descending ? difference < 0 : difference > 0;
      });
    }
    const limit = Math.min(query.limit ?? LISTING_CAP, LISTING_CAP);
    page = items.slice(0, limit);
    // Paging continues strictly after the last primary value, so a page keeps every item sharing it.
    while (
      page.length < items.length &&
      page.length > 0 &&
      compareValues(items[page.length][primary.property], page[page.length - 1][primary.property]) === 0
    ) {
      page = items.slice(0, page.length + 1);
    }
    if (page.length < items.length && page.length > 0) nextStart = String(page[page.length - 1][primary.property] ?? '');
  } else {
    page = items.slice(0, LISTING_CAP);
  }
  const results = format === 'xed-id' ? page.map(summaryOf) : page;
  return {
    results,
    _page: { ...(query.orderby ? { orderby: query.orderby } : {}), next: nextStart, count: results.length },
    nextStart,
  };
}

function summaryOf(resource: Json): Json {
  return { $id: resource.$id, 'meta:altId': resource['meta:altId'], version: resource.version, title: resource.title };
}

/** `property=title==x,version>1` (appendix.md "Filtering"): comma-separated conditions, all must hold. Descriptor listings use it too. */
export function propertyFilter(property: string | string[]): (item: Json) => boolean {
  const conditions = [property]
    .flat()
    .flatMap((text) => text.split(','))
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return compileCondition(part, SCHEMA_REGISTRY_DIALECT);
      } catch (error) {
        // the one syntax error of this dialect: a `~` pattern that is not a regular expression
        if (error instanceof QuerySyntaxError) throw invalidResource(`The property filter ${part} is not a valid regular expression`);
        throw error;
      }
    });
  return (item) => conditions.every((holds) => holds(item));
}

// ---- authoring helpers (authoring.ts writes) ----

/** The tenant id of an org (the Developer Console integration's tenant), e.g. `mocktenant`. */
export function tenantOf(ctx: AppContext, org: string): string {
  for (const integration of ctx.store.collection<Integration>('ims', INTEGRATIONS).values()) {
    if (integration.orgId === org && integration.tenant) return integration.tenant;
  }
  return org.split('@')[0].toLowerCase();
}

/** The `$id` of another resource of the container with this title (titles are unique across every kind, XDM troubleshooting guide). */
export function findByTitle(ctx: AppContext, scope: ScopeKey, title: string, except?: string): string | undefined {
  for (const kind of ['schemas', 'classes', 'fieldgroups', 'datatypes'] as ResourceKind[]) {
    for (const resource of collection(ctx, scope, kind).values()) {
      if (resource.title === title && resource.$id !== except) return resource.$id;
    }
  }
  return undefined;
}

let validatorCompiler: Ajv | null = null;

/** Resolves the new resource and compiles the result, so that no stored schema can fail later. */
export function checkResolvable(resource: XdmResource, lookup: Lookup): void {
  let full: Json;
  try {
    full = resolveFull(resource, lookup);
  } catch (error) {
    if (error instanceof ResolutionError) throw invalidResource(`The schema cannot be resolved: ${error.message}`);
    throw error;
  }
  validatorCompiler ??= newAjv({ strict: false, allErrors: false });
  const { $id: _id, ...withoutId } = full;
  try {
    validatorCompiler.compile(withoutId);
  } catch (error) {
    throw invalidResource(`The schema's fields are not a valid JSON Schema: ${(error as Error).message}`);
  } finally {
    validatorCompiler.removeSchema(withoutId);
  }
}
