/**
 * The Catalog listing engine: one place for the query parameters every Catalog list route
 * accepts (help/catalog/api/filter-data.md and catalog.yaml):
 *
 * - `limit` (1..100, default 20) and `start` (zero-based offset), also read from headers of the
 *   same names when the query has none (query parameters take precedence);
 * - `orderBy` (`asc:field`, `desc:field`, plain `field`, several comma-separated; `sort` is its
 *   old name);
 * - `properties` (top-level projection);
 * - `tags=name:value` (`*` wildcards, comma = AND, `name:*` = has the tag);
 * - date ranges `createdAfter`/`createdBefore`/`updatedAfter`/`updatedBefore` (exclusive, epoch
 *   ms) and the availability ranges `startAfter`/`startBefore`/`endAfter`/`endBefore` of batches;
 * - `property=` conditional expressions (exists, `!`, `~regex`, `==`, `!=`, `<`, `<=`, `>`, `>=`),
 *   in the Catalog dialect of the Platform query grammar (platform-query.ts);
 * - simple filters on any other top-level property (`status=success`, `name=a,b`, `name=!a`),
 *   plus the per-type aliases the caller supplies (e.g. `dataSet=` on batches).
 *
 * A request is compiled once into a plan (predicates, comparator); running the plan scans the
 * stored objects without copying them, keeps only the best `start + limit` matches when ordering
 * (a bounded heap, not a full sort), and projects only the page.
 */
import {
  CATALOG_DIALECT,
  comparatorFor as sharedComparator,
  compileCondition,
  parseSortKeys,
  QuerySyntaxError,
  scalarText,
  wildcardMatcher,
  type Comparator,
  type SortKey,
} from '../platform-query.js';
import { listingProblem } from './errors.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

type StoredObject = Record<string, unknown> & { id: string };
export type Predicate = (object: StoredObject) => boolean;

export interface ListPlan {
  start: number;
  limit: number;
  /** Top-level properties to keep; undefined = everything. */
  properties?: string[];
  /** All filters ANDed; undefined = everything matches. */
  matches?: Predicate;
  compare?: Comparator;
  /** The orderBy text `compare` was made from (ordered listings are remembered by it). */
  order?: string;
}

export interface ListingOptions {
  /**
   * Filters specific to an object type, by query parameter name (e.g. batches' `dataSet`, which
   * looks into relatedObjects). Each receives the raw value and returns a predicate.
   */
  special?: Record<string, (value: string) => Predicate>;
  /** Caps `limit` when `properties` asks for one of these (dataSets' observableSchema: 20). */
  cappedProperties?: { names: string[]; max: number };
}

/** Parameters that steer the listing itself, or that Catalog accepts and the emulator ignores. */
const RESERVED = new Set([
  'limit',
  'start',
  'orderBy',
  'sort',
  'properties',
  'property',
  'tags',
  'createdAfter',
  'createdBefore',
  'updatedAfter',
  'updatedBefore',
  'startAfter',
  'startBefore',
  'endAfter',
  'endBefore',
  // accepted and ignored: response expansions and flags with no effect in the emulator
  'expansion',
  'aggregate',
  'requestDataSource',
  'isSandboxRequest',
]);

const RANGES: Record<string, { read: (object: StoredObject) => unknown; after: boolean }> = {
  createdAfter: { read: (object) => object.created, after: true },
  createdBefore: { read: (object) => object.created, after: false },
  updatedAfter: { read: (object) => object.updated, after: true },
  updatedBefore: { read: (object) => object.updated, after: false },
  startAfter: { read: (object) => availableDate(object, 'startDate'), after: true },
  startBefore: { read: (object) => availableDate(object, 'startDate'), after: false },
  endAfter: { read: (object) => availableDate(object, 'endDate'), after: true },
  endBefore: { read: (object) => availableDate(object, 'endDate'), after: false },
};

const RANGE_PARAMETERS = Object.entries(RANGES);

function availableDate(object: StoredObject, key: 'startDate' | 'endDate'): unknown {
  const dates = object.availableDates;
  return typeof dates === 'object' && dates !== null ? (dates as Record<string, unknown>)[key] : undefined;
}

type Query = Record<string, unknown>;
type Headers = Record<string, string | string[] | undefined>;

/** One query value as text; repeated parameters are refused where only one makes sense. */
function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw listingProblem(`The query parameter '${name}' may be given only once`);
  return String(value);
}

function all(query: Query, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function headerValue(headers: Headers | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

const INTEGER = /^-?\d+$/;

export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_LIMIT;
  const value = INTEGER.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw listingProblem(`Invalid limit '${raw}': limit must be an integer from 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT})`);
  }
  return value;
}

export function parseStart(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  const value = INTEGER.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw listingProblem(`Invalid start '${raw}': start must be a zero-based offset, an integer of 0 or more`);
  }
  return value;
}

function parseTimestamp(name: string, raw: string): number {
  const value = INTEGER.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw listingProblem(`Invalid ${name} '${raw}': expected a Unix time in milliseconds`);
  return value;
}

/** Compiles a list request's query into a plan; throws a 400 ApiError on invalid parameters. */
export function planListing(query: Query, headers?: Headers, options: ListingOptions = {}): ListPlan {
  let limit = parseLimit(single(query, 'limit') ?? headerValue(headers, 'limit'));
  const start = parseStart(single(query, 'start') ?? headerValue(headers, 'start'));
  const properties = parseProperties(single(query, 'properties'));
  if (properties && options.cappedProperties && properties.some((name) => options.cappedProperties!.names.includes(name))) {
    limit = Math.min(limit, options.cappedProperties.max);
  }

  const predicates: Predicate[] = [];
  for (const [name, range] of RANGE_PARAMETERS) {
    const raw = single(query, name);
    if (raw === undefined) continue;
    const bound = parseTimestamp(name, raw);
    predicates.push(
      range.after
        ? (object) => {
            const value = range.read(object);
            return typeof value === 'number' && value > bound;
          }
        : (object) => {
            const value = range.read(object);
            return typeof value === 'number' && value < bound;
          },
    );
  }
  const tags = single(query, 'tags');
  if (tags !== undefined) predicates.push(tagsPredicate(tags));
  for (const expression of all(query, 'property')) predicates.push(propertyExpression(expression));

  for (const [name, rawValue] of Object.entries(query)) {
    if (RESERVED.has(name) || rawValue === undefined) continue;
    const values = Array.isArray(rawValue) ? rawValue.map(String) : [String(rawValue)];
    for (const value of values) {
      const special = options.special?.[name];
      predicates.push(special ? special(value) : simpleFilter(name, value));
    }
  }

  const orderBy = single(query, 'orderBy') ?? single(query, 'sort');
  return {
    start,
    limit,
    ...(properties ? { properties } : {}),
    ...(predicates.length > 0 ? { matches: allOf(predicates) } : {}),
    ...(orderBy !== undefined && orderBy.trim() !== '' ? { compare: comparatorFor(orderBy), order: orderBy } : {}),
  };
}

function allOf(predicates: Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0]!;
  return (object) => {
    for (let i = 0; i < predicates.length; i += 1) if (!predicates[i]!(object)) return false;
    return true;
  };
}

function parseProperties(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names.length > 0 ? names : undefined;
}

// ---------------------------------------------------------------- filters

/** `tags=name:value,name2:val*,name3:*` — every term must hold (AND). A bare `name` means `name:*`. */
export function tagsPredicate(raw: string): Predicate {
  const terms = raw
    .split(',')
    .map((term) => term.trim())
    .filter((term) => term !== '');
  if (terms.length === 0) throw listingProblem(`Invalid tags '${raw}': expected {TAG_NAME}:{TAG_VALUE}, comma-separated`);
  const checks = terms.map((term) => {
    const colon = term.indexOf(':');
    const name = colon === -1 ? term : term.slice(0, colon);
    const pattern = colon === -1 ? '*' : term.slice(colon + 1);
    if (name === '') throw listingProblem(`Invalid tags '${raw}': a tag name is missing before ':'`);
    if (pattern === '*') {
      return (tags: Record<string, unknown>) => Object.hasOwn(tags, name);
    }
    const matches = wildcardMatcher(pattern);
    return (tags: Record<string, unknown>) => {
      const values = tags[name];
      if (!Array.isArray(values)) return false;
      for (let i = 0; i < values.length; i += 1) {
        const value: unknown = values[i];
        if (matches(typeof value === 'string' ? value : String(value))) return true;
      }
      return false;
    };
  });
  // Indexed loops: these run once per stored object on a scan.
  return (object) => {
    const tags = object.tags;
    if (typeof tags !== 'object' || tags === null) return false;
    for (let i = 0; i < checks.length; i += 1) if (!checks[i]!(tags as Record<string, unknown>)) return false;
    return true;
  };
}

/**
 * Simple filter `{PROPERTY}={VALUE}`: `a,b` matches any of the values, a leading `!` inverts
 * (`!a,b` = none of them). `name` values may use `*` wildcards.
 */
export function simpleFilter(name: string, raw: string): Predicate {
  const negate = raw.startsWith('!');
  const list = (negate ? raw.slice(1) : raw).split(',');
  if (!negate && list.length === 1 && !(name === 'name' && raw.includes('*'))) {
    // the common case, e.g. status=success: one exact value
    const wanted = list[0]!;
    return (object) => {
      const value = object[name];
      if (value === wanted) return true;
      if (typeof value === 'string') return false;
      if (Array.isArray(value)) return value.some((item) => scalarText(item) === wanted);
      return scalarText(value) === wanted;
    };
  }
  const matchers = list.map((value) => (name === 'name' ? wildcardMatcher(value) : (text: string) => text === value));
  const matchesValue = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(matchesValue);
    const text = scalarText(value);
    return text !== undefined && matchers.some((matches) => matches(text));
  };
  return negate ? (object) => !matchesValue(object[name]) : (object) => matchesValue(object[name]);
}

/** `property=` expressions of filter-data.md (top-level properties only; platform-query.ts). */
export function propertyExpression(raw: string): Predicate {
  const expression = raw.trim();
  if (expression === '') throw listingProblem(`Invalid property '': expected a property name or a condition such as name~^test`);
  try {
    return compileCondition(expression, CATALOG_DIALECT);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    throw listingProblem(`Invalid property '${raw}': ${error.message}`);
  }
}

/** `orderBy=name,desc:created` → a comparator (direction defaults to ascending). */
export function comparatorFor(raw: string): Comparator {
  let keys: SortKey[];
  try {
    keys = parseSortKeys(raw, CATALOG_DIALECT);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    const list = error.problem === 'no sort key' ? '' : ', comma-separated';
    throw listingProblem(`Invalid orderBy '${raw}': expected asc:{PROPERTY} or desc:{PROPERTY}${list}`);
  }
  return sharedComparator(keys, CATALOG_DIALECT);
}

// ---------------------------------------------------------------- running a plan

/**
 * The page of `objects` a plan selects, in order, unprojected (the stored objects themselves:
 * callers must not mutate them). Without an order, objects keep the store's (creation) order and
 * the scan stops once the page is full.
 */
export function runListing<T extends StoredObject>(objects: Iterable<T>, plan: ListPlan): T[] {
  const { start, limit, matches, compare } = plan;
  if (!compare) {
    const page: T[] = [];
    let skipped = 0;
    for (const object of objects) {
      if (matches && !matches(object)) continue;
      if (skipped < start) {
        skipped += 1;
        continue;
      }
      page.push(object);
      if (page.length === limit) break;
    }
    return page;
  }
  const best = topK(objects, start + limit, compare, matches);
  return best.slice(start, start + limit);
}

/** The stored objects of one collection, in store order. */
export interface ObjectSource<T> {
  readonly size: number;
  values(): Iterable<T>;
}

/**
 * runListing over a collection, remembering the best `start + limit` objects of each order it was
 * asked for without filters, together with the objects they came from: while the collection holds
 * the very same objects in the same order (checked by identity, far cheaper than ordering again),
 * the answers stand. Stored objects are never changed in place, so identity is enough.
 */
export function listCollection<T extends StoredObject>(collection: ObjectSource<T>, plan: ListPlan): T[] {
  const { start, limit, matches, compare, order } = plan;
  if (matches || !compare || order === undefined) return runListing(collection.values(), plan);
  let remembered = orderedListings.get(collection) as OrderedListings<T> | undefined;
  if (!remembered || !holdsSame(collection, remembered.objects)) {
    remembered = { objects: [...collection.values()], best: new Map() };
    orderedListings.set(collection, remembered);
  }
  const k = start + limit;
  const key = `${k} ${order}`;
  let best = remembered.best.get(key);
  if (!best) {
    best = topK(remembered.objects, k, compare);
    if (remembered.best.size >= ORDERS_REMEMBERED) remembered.best.clear();
    remembered.best.set(key, best);
  }
  return best.slice(start, k);
}

interface OrderedListings<T> {
  /** The collection's objects the listings were made from, in store order. */
  objects: T[];
  /** By `start + limit` and order text: the best objects, in order (a few, the latest asked). */
  best: Map<string, T[]>;
}

const orderedListings = new WeakMap<ObjectSource<StoredObject>, OrderedListings<StoredObject>>();
const ORDERS_REMEMBERED = 8;

function holdsSame<T>(collection: ObjectSource<T>, objects: T[]): boolean {
  if (collection.size !== objects.length) return false;
  let i = 0;
  for (const object of collection.values()) if (object !== objects[i++]) return false;
  return true;
}

/** Every match of a plan, ordered (for aggregations such as uniques); no paging. */
export function allMatches<T extends StoredObject>(objects: Iterable<T>, plan: Pick<ListPlan, 'matches' | 'compare'>): T[] {
  const result: T[] = [];
  for (const object of objects) if (!plan.matches || plan.matches(object)) result.push(object);
  if (plan.compare) stableSort(result, plan.compare);
  return result;
}

function stableSort<T extends StoredObject>(items: T[], compare: Comparator): void {
  items.sort(compare); // Array.prototype.sort is stable
}

/**
 * The k smallest matches under `compare`, sorted, ties kept in scan order: a bounded max-heap of
 * (object, sequence) pairs, so the work is O(n log k) and nothing but the heap is allocated.
 */
function topK<T extends StoredObject>(objects: Iterable<T>, k: number, compare: Comparator, matches?: Predicate): T[] {
  const heap: Array<{ object: T; sequence: number }> = [];
  // "a after b" in the final order: larger by compare, or equal and seen later
  const after = (a: { object: T; sequence: number }, b: { object: T; sequence: number }) => {
    const difference = compare(a.object, b.object);
    return difference > 0 || (difference === 0 && a.sequence > b.sequence);
  };
  let sequence = 0;
  for (const object of objects) {
    if (matches && !matches(object)) continue;
    const current = sequence++;
    if (heap.length < k) {
      heap.push({ object, sequence: current });
      siftUp(heap, heap.length - 1, after);
    } else if (k > 0 && compare(heap[0]!.object, object) > 0) {
      // strictly better than the worst kept one (an equal one came later, so it loses the tie)
      heap[0] = { object, sequence: current };
      siftDown(heap, 0, after);
    }
  }
  heap.sort((a, b) => (after(a, b) ? 1 : after(b, a) ? -1 : 0));
  return heap.map((entry) => entry.object);
}

function siftUp<E>(heap: E[], index: number, after: (a: E, b: E) => boolean): void {
  let child = index;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!after(heap[child]!, heap[parent]!)) break;
    [heap[child], heap[parent]] = [heap[parent]!, heap[child]!];
    child = parent;
  }
}

function siftDown<E>(heap: E[], index: number, after: (a: E, b: E) => boolean): void {
  let parent = index;
  for (;;) {
    const left = parent * 2 + 1;
    const right = left + 1;
    let largest = parent;
    if (left < heap.length && after(heap[left]!, heap[largest]!)) largest = left;
    if (right < heap.length && after(heap[right]!, heap[largest]!)) largest = right;
    if (largest === parent) return;
    [heap[parent], heap[largest]] = [heap[largest]!, heap[parent]!];
    parent = largest;
  }
}

/**
 * One object as Catalog answers it under `properties`: only the requested top-level properties it
 * has; a requested property present without a value (null) shows as an empty object; an object
 * with none of them is `{}` (filter-data.md, "Limit displayed properties").
 */
export function project(object: Record<string, unknown>, properties: string[] | undefined, keepId = false): Record<string, unknown> {
  if (!properties) {
    if (keepId) return { ...object };
    const { id: _id, ...rest } = object;
    return rest;
  }
  const result: Record<string, unknown> = {};
  for (const name of properties) {
    if (!Object.hasOwn(object, name) || (name === 'id' && !keepId)) continue;
    const value = object[name];
    if (value === undefined) continue;
    result[name] = value === null ? {} : value;
  }
  return result;
}

/** `{ "<id>": {...projected object} }` for a page, in page order. */
export function keyedPage(
  page: Array<Record<string, unknown> & { id: string }>,
  properties?: string[],
  keepId = false,
): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const object of page) result[object.id] = project(object, properties, keepId);
  return result;
}

/**
 * A page of stored objects as the JSON text of `keyedPage(page, properties, keepId)`, written
 * without building that object. A response schema cannot help here: Catalog's answer is a map of
 * open objects, which fast-json-stringify writes value by value (slower than one JSON.stringify).
 */
export function keyedPageJson(page: StoredObject[], properties?: string[], keepId = false): string {
  let json = '{';
  for (let i = 0; i < page.length; i += 1) {
    const object = page[i]!;
    if (i > 0) json += ',';
    json += properties ? `${JSON.stringify(object.id)}:${JSON.stringify(project(object, properties, keepId))}` : entryJson(object, keepId);
  }
  return `${json}}`;
}

/**
 * Each stored object's `"<id>":{...}` entry, unprojected, written once: the store never changes an
 * object in place (every write puts a new one), so the text holds for as long as the object lives.
 */
const entryTexts = { withId: new WeakMap<StoredObject, string>(), withoutId: new WeakMap<StoredObject, string>() };

function entryJson(object: StoredObject, keepId: boolean): string {
  const texts = keepId ? entryTexts.withId : entryTexts.withoutId;
  let json = texts.get(object);
  if (json === undefined) {
    json = `${JSON.stringify(object.id)}:${JSON.stringify(project(object, undefined, keepId))}`;
    texts.set(object, json);
  }
  return json;
}
