/**
 * The list semantics every Target Admin collection shares (seed 004, "GET /activities" and the
 * offers/audiences/mboxes lists):
 *
 * - `limit` (default 2147483647) and `offset`;
 * - `sortBy`, repeatable, `-` prefix for descending, keys applied in order (`?sortBy=id&sortBy=-name`);
 * - filters on any listed field: repeated parameters are OR (`?id=3&id=4`), a comma list is OR
 *   too (`?workspace=1234567,12345678`), a leading `!` negates (`?priority=!4`);
 * - date ranges `from/to` on date fields (`?startsAt=1800-09-01T02:04:00.000-07:00/2114-...`);
 * - `name` matches by substring, case-insensitive (`?name=ab` in the sample finds "AB ..." names).
 */
import { ApiError } from '../../../errors/api-error.js';
import { targetError } from '../../../gateway/target.js';
import type { Clock } from '../../../store/clock.js';

/**
 * A list request's query as the route's schema leaves it: strings or repeated strings, with
 * `limit`/`offset` numbers where the schema coerces them.
 */
export type ListQuery = { readonly [name: string]: unknown };

export interface ListOptions {
  /** Fields that may be filtered and sorted on (the summary fields of the list's items). */
  fields: readonly string[];
  /** Fields holding ISO 8601 instants: filtered by `from/to` ranges. */
  dates?: readonly string[];
  /** Fields matched by case-insensitive substring rather than equality. */
  substring?: readonly string[];
  defaultLimit?: number;
}

/** How stored objects become list items, when the list is not of the stored objects themselves. */
export interface ListSource<S, T> {
  /** Stored objects that belong in the list at all (e.g. not soft-deleted). */
  keep?: (stored: S) => boolean;
  /** The list item of a stored object (its summary); only built for the items a request needs. */
  view: (stored: S) => T;
  /** How many stored objects there are, when known: a plain page then stops at its last item. */
  size?: number;
}

export interface ListPage<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

export const MAX_LIMIT = 2147483647;
const PAGING = new Set(['limit', 'offset', 'sortBy']);

type Item = Record<string, unknown>;
type Predicate = (item: Item) => boolean;

/**
 * Filters, sorts and pages `items` as the query asks; a malformed parameter is a 400.
 * With a `source`, `items` are stored objects turned into list items by `source.view`; a plain
 * page (no filter, no sort) then views only the objects on the page.
 */
export function listItems<T extends Item>(clock: Clock, items: Iterable<T>, query: ListQuery, options: ListOptions): ListPage<T>;
export function listItems<S, T extends Item>(clock: Clock, items: Iterable<S>, query: ListQuery, options: ListOptions, source: ListSource<S, T>): ListPage<T>;
export function listItems<S, T extends Item>(
  clock: Clock,
  items: Iterable<S>,
  query: ListQuery,
  options: ListOptions,
  source?: ListSource<S, T>,
): ListPage<T> {
  const bad = (message: string): ApiError => targetError(clock, 400, 'Request.Invalid', message);
  const limit = integerParam(query.limit, options.defaultLimit ?? MAX_LIMIT, 'limit', bad);
  const offset = integerParam(query.offset, 0, 'offset', bad);
  const predicates: Predicate[] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (PAGING.has(name) || raw === undefined || !options.fields.includes(name)) continue;
    const values = textValues(raw).filter((value) => value !== '');
    if (values.length === 0) continue;
    predicates.push(fieldPredicate(name, values, options, bad));
  }
  const sortKeys = (query.sortBy === undefined ? [] : textValues(query.sortBy))
    .flatMap((key) => key.split(','))
    .map((key) => key.trim())
    .filter((key) => key !== '');
  const keys = sortKeys.map((key) => {
    const descending = key.startsWith('-');
    const field = descending ? key.slice(1) : key;
    if (!options.fields.includes(field)) throw bad(`sortBy: '${field}' is not a sortable field (${options.fields.join(', ')})`);
    return { field, sign: descending ? -1 : 1 };
  });
  const keep = source?.keep;
  const view = source?.view ?? ((stored: S) => stored as unknown as T);

  if (predicates.length === 0 && keys.length === 0) {
    const page: T[] = [];
    let total = 0;
    const known = keep ? undefined : source?.size;
    for (const stored of items) {
      if (keep && !keep(stored)) continue;
      if (total >= offset && total - offset < limit) page.push(view(stored));
      total += 1;
      if (known !== undefined && total - offset >= limit) break;
    }
    return { total: known ?? total, offset, limit, items: page };
  }

  const matches: T[] = [];
  for (const stored of items) {
    if (keep && !keep(stored)) continue;
    const item = view(stored);
    if (predicates.every((predicate) => predicate(item))) matches.push(item);
  }
  if (keys.length > 0) {
    matches.sort((a, b) => {
      for (const { field, sign } of keys) {
        const difference = compareValues(a[field], b[field]);
        if (difference !== 0) return sign * difference;
      }
      return 0;
    });
  }
  return { total: matches.length, offset, limit, items: matches.slice(offset, offset + limit) };
}

/** A query parameter's values (a repeated one is an array): query strings are text. */
function textValues(raw: unknown): string[] {
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

function integerParam(raw: unknown, fallback: number, name: string, bad: (message: string) => ApiError): number {
  const text = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_LIMIT) throw bad(`${name} must be a whole number between 0 and ${MAX_LIMIT}`);
  return value;
}

function fieldPredicate(name: string, values: string[], options: ListOptions, bad: (message: string) => ApiError): Predicate {
  if (options.dates?.includes(name)) {
    const ranges = values.map((value) => dateRange(name, value, bad));
    return (item) => {
      const instant = typeof item[name] === 'string' ? Date.parse(item[name] as string) : NaN;
      return !Number.isNaN(instant) && ranges.some(([from, to]) => instant >= from && instant <= to);
    };
  }
  const substring = options.substring?.includes(name) ?? false;
  const positive: string[] = [];
  const negative: string[] = [];
  for (const value of values.flatMap((entry) => entry.split(','))) {
    if (value.startsWith('!')) negative.push(value.slice(1));
    else positive.push(value);
  }
  const equals = (actual: unknown, wanted: string): boolean => {
    if (Array.isArray(actual)) return actual.some((element) => equals(element, wanted));
    if (actual === undefined || actual === null || typeof actual === 'object') return false;
    const text = String(actual);
    return substring ? text.toLowerCase().includes(wanted.toLowerCase()) : text === wanted;
  };
  return (item) => {
    const actual = item[name];
    if (negative.some((wanted) => equals(actual, wanted))) return false;
    return positive.length === 0 || positive.some((wanted) => equals(actual, wanted));
  };
}

function dateRange(name: string, value: string, bad: (message: string) => ApiError): [number, number] {
  const [fromText, toText, extra] = value.split('/');
  const from = fromText ? Date.parse(fromText) : -Infinity;
  const to = toText ? Date.parse(toText) : Infinity;
  if (extra !== undefined || toText === undefined || Number.isNaN(from) || Number.isNaN(to)) {
    throw bad(`${name} must be a range <from>/<to> of ISO 8601 instants`);
  }
  return [from, to];
}

/** Numbers numerically, everything else as text; absent values first. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/**
 * Memoizes a per-object view (a list summary) by object identity. Stored objects are never
 * changed in place — a change stores a new object — so a view stays right for as long as its
 * object is stored, and lists stop rebuilding thousands of summaries per request.
 */
export function viewPerStoredObject<T extends object, V>(build: (object: T) => V): (object: T) => V {
  const views = new WeakMap<T, V>();
  return (object) => {
    let view = views.get(object);
    if (view === undefined) {
      view = build(object);
      views.set(object, view);
    }
    return view;
  };
}
