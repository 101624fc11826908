/**
 * The JSON Schemas only Target Admin routes use, built on the generic builders
 * (../../schema-builders.ts): the tenant path parameters, the list query and the order of a list
 * answer's paging fields, a route's tag and summary, and the get/create/update/delete schemas of
 * a resource.
 *
 * Each builds exactly the literal it stands for, key order included: responses are serialized
 * in schema order, and the OpenAPI document shows the schemas as built. Results are `as const`
 * data, so the request types of the routes still come from them (typed-routes.ts).
 */
import { STRING, openObject, pathParams, stringParams, type Field } from '../../schema-builders.js';
import { MAX_LIMIT } from './listing.js';

export const TAGS = ['Target Admin'] as const;

/** The path parameters of a tenant-wide route: `{tenant}`. */
export const tenantParams = stringParams('tenant');

/** The path parameters of a route on one named thing of the tenant: `{tenant, <name>}`. */
export function tenantParamsWith<const K extends string, const S extends Field>(name: K, schema: S) {
  return pathParams({ tenant: STRING, [name]: schema } as { readonly tenant: typeof STRING } & { readonly [P in K]: S });
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

/** The paging fields of a list answer (`listEnvelope(key, items, PAGE)`), in the order most lists give them. */
export const PAGE = ['total', 'offset', 'limit'] as const;
/** The order of the audiences list and the activity changelog (seed 004 samples). */
export const PAGE_TOTAL_LAST = ['offset', 'limit', 'total'] as const;

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
