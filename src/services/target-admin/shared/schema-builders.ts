/**
 * Builders of the JSON Schemas the Target Admin routes repeat: objects and arrays, the tenant
 * path parameters, the list query and envelope, a route's tag and summary, and the
 * get/create/update/delete schemas of a resource.
 *
 * Each builds exactly the literal it stands for, key order included: responses are serialized
 * in schema order, and the OpenAPI document shows the schemas as built. Results are `as const`
 * data, so the request types of the routes still come from them (typed-routes.ts).
 */
import { MAX_LIMIT } from './listing.js';

export const TAGS = ['Target Admin'] as const;
export const STRING = { type: 'string' } as const;
export const INTEGER = { type: 'integer' } as const;

/** `{type: 'object', properties}` */
export const object = <const P extends object>(properties: P) => ({ type: 'object', properties }) as const;

/** `{type: 'object', properties, additionalProperties: true}`: a query, or a stored object answered whole. */
export const openObject = <const P extends object>(properties: P) => ({ type: 'object', properties, additionalProperties: true }) as const;

/** `{type: 'array', items}` */
export const arrayOf = <const I>(items: I) => ({ type: 'array', items }) as const;

export const STRINGS = arrayOf(STRING);

/** The path parameters of a tenant-wide route: `{tenant}`. */
export const tenantParams = { type: 'object', properties: { tenant: STRING }, required: ['tenant'] } as const;

/** The path parameters of a route on one named thing of the tenant: `{tenant, <name>}`. */
export function tenantParamsWith<const K extends string, const S>(name: K, schema: S) {
  const properties = { tenant: STRING, [name]: schema } as { readonly tenant: typeof STRING } & { readonly [P in K]: S };
  return { type: 'object', properties, required: ['tenant', name] as readonly ['tenant', K] } as const;
}

/** `{tenant, id}` of the offers, audiences and properties routes (the model reads the numeric id). */
export const tenantIdParams = tenantParamsWith('id', { type: 'string', description: 'Numeric id' });

/** A route's schema: the Target Admin tag and the summary, then the rest in the order given. */
export const routeSchema = <const S extends object>(summary: string, rest: S) => ({ tags: TAGS, summary, ...rest }) as const;

/** The shared list parameters; any listed field may also be given as a filter (repeatable, `!`, commas, date ranges). */
export function listQuerystring(sortable: readonly string[]) {
  return openObject({
    limit: { type: 'integer', minimum: 0, maximum: MAX_LIMIT, description: `Number of items to return (default ${MAX_LIMIT})` },
    offset: { type: 'integer', minimum: 0, maximum: MAX_LIMIT, description: 'Index of the first item to return' },
    sortBy: {
      type: 'array',
      items: STRING,
      description: `Sort keys, repeatable, applied in order; a leading "-" sorts descending (${sortable.join(', ')})`,
    },
  });
}

/** The paging fields of a list answer, in the order most lists give them. */
export const PAGE = { total: INTEGER, offset: INTEGER, limit: INTEGER } as const;
/** The order of the audiences list and the activity changelog (seed 004 samples). */
export const PAGE_TOTAL_LAST = { offset: INTEGER, limit: INTEGER, total: INTEGER } as const;

/** A list answer: the paging fields, then `<key>: [items]`. */
export function listEnvelope(key: string, items: object, page: object = PAGE) {
  return object({ ...page, [key]: arrayOf(items) });
}

interface ObjectRoutes<Params, Body> {
  /** The path parameters naming one object. */
  idParams: Params;
  /** What every one of the four routes answers. */
  object: object;
  /** The body of create and update. */
  body: Body;
  summaries: { get: string; create: string; update: string; delete: string };
}

/** The get/create/update/delete schemas of a resource whose four routes answer the object. */
export function objectSchemas<const Params, const Body>({ idParams, object: answered, body, summaries }: ObjectRoutes<Params, Body>) {
  return {
    get: routeSchema(summaries.get, { params: idParams, response: { 200: answered } }),
    create: routeSchema(summaries.create, { params: tenantParams, body, response: { 200: answered } }),
    update: routeSchema(summaries.update, { params: idParams, body, response: { 200: answered } }),
    delete: routeSchema(summaries.delete, { params: idParams, response: { 200: answered } }),
  };
}
