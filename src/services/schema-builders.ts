/**
 * Builders for the JSON Schema shapes the route schemas of every service repeat: an object of
 * typed fields, path parameters, an array, a list envelope, one schema answered under several
 * statuses. Product-specific shapes (a service's tags, its list query) are built on these in the
 * service's own module (e.g. target-admin/shared/schema-builders.ts).
 *
 * Two rules make them safe to use in place of hand-written literals:
 * - Key order is the hand-written order (`type`, `properties`, then any extras in the order the
 *   caller lists them). The OpenAPI document is written from these objects, so a builder must
 *   produce exactly the literal it replaces, down to key order.
 * - Types stay literal (const type parameters), as if the result had been written `as const`, so
 *   json-schema-to-ts still types a route's request from them (see typed-routes.ts).
 *
 *   const params = pathParams({ tenant: 'string', id: describedString('Numeric id') }); // or stringParams('tenant', 'id')
 *   // { type: 'object', properties: { tenant: { type: 'string' }, id: { type: 'string', description: 'Numeric id' } }, required: ['tenant', 'id'] }
 *   const error = objectSchema({ error_code: 'string', message: 'string' });
 *   response: { 200: listEnvelope('files', file, ['nb_results']), ...sameSchema(error, [400, 401, 404]) }
 *
 * A literal whose keys stand in another order (say `additionalProperties` before `properties`)
 * keeps its own shape and takes only `fields(...)` (or `stringProperties(...)`) for its
 * properties. After a change, compare the OpenAPI document
 * (`node dist/src/tools/write-openapi.js && git diff openapi/`).
 */

/** A JSON Schema primitive type named on its own: `'integer'` stands for `{ type: 'integer' }`. */
export type PrimitiveType = 'string' | 'integer' | 'number' | 'boolean';

/** A field: a primitive type's name, or any JSON Schema. */
export type Field = PrimitiveType | object;

/** The schemas the `fields` shorthand stands for. */
export type FieldSchemas<F extends Record<string, Field>> = {
  readonly [K in keyof F]: F[K] extends PrimitiveType ? { readonly type: F[K] } : F[K];
};

/** The keywords an object schema may carry after its properties. */
export interface ObjectExtras {
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | object;
  readonly description?: string;
}

/** One flat object type for `A & B` (json-schema-to-ts reads it as a single schema). */
type Flat<T> = { readonly [K in keyof T]: T[K] };

/** The schemas `'string'` and `'integer'` stand for, where a schema is needed itself (spread, nested in a literal). */
export const STRING = { type: 'string' } as const;
export const INTEGER = { type: 'integer' } as const;

/** `{ type: 'string', description }`. */
export function describedString<const D extends string>(description: D): { readonly type: 'string'; readonly description: D } {
  return { type: 'string', description };
}

/** `properties` from shorthand: each primitive type name becomes `{ type: name }`, schemas stay as given. */
export function fields<const F extends Record<string, Field>>(shorthand: F): FieldSchemas<F> {
  const schemas: Record<string, object> = {};
  for (const [name, field] of Object.entries(shorthand)) schemas[name] = typeof field === 'string' ? { type: field } : field;
  return schemas as FieldSchemas<F>;
}

/** `{ type: 'object', properties, ...extras }`, the properties written with the `fields` shorthand. */
export function objectSchema<const F extends Record<string, Field>, const E extends ObjectExtras = {}>(
  properties: F,
  extras?: E,
): Flat<{ readonly type: 'object'; readonly properties: FieldSchemas<F> } & E> {
  return { type: 'object', properties: fields(properties), ...extras } as Flat<{ readonly type: 'object'; readonly properties: FieldSchemas<F> } & E>;
}

/** `{ type: 'object', properties, additionalProperties: true }`: a query, or a stored object answered whole. */
export function openObject<const F extends Record<string, Field>>(properties: F) {
  return objectSchema(properties, { additionalProperties: true });
}

/** Properties of type string, in the order given: `{ ...stringProperties('id', 'imsOrg'), created: { type: 'integer' } }`. */
export function stringProperties<const N extends readonly string[]>(...names: N): { readonly [Name in N[number]]: typeof STRING } {
  const properties: Record<string, typeof STRING> = {};
  for (const name of names) properties[name] = { type: 'string' };
  return properties as { readonly [Name in N[number]]: typeof STRING };
}

/**
 * Path parameters, in the order given: an object schema whose every field is required, unless
 * `required` names fewer.
 *
 *   pathParams({ batchId: describedString('The batch id'), '*': 'string' }, ['batchId'])
 */
export function pathParams<const F extends Record<string, Field>, const R extends keyof F & string = keyof F & string>(
  properties: F,
  required?: readonly R[],
): { readonly type: 'object'; readonly properties: FieldSchemas<F>; readonly required: readonly R[] } {
  return { type: 'object', properties: fields(properties), required: required ?? (Object.keys(properties) as R[]) };
}

/** Path parameters that are all plain strings: `stringParams('tenant', 'id')`. */
export function stringParams<const N extends readonly string[]>(...names: N) {
  return pathParams(stringProperties(...names));
}

/** `{ type: 'array', items }`. */
export function arrayOf<const I extends Field>(items: I): { readonly type: 'array'; readonly items: FieldSchemas<{ items: I }>['items'] } {
  return { type: 'array', items: fields({ items }).items };
}

/** `{ type: 'array', items: { type: 'string' } }` */
export const STRINGS = arrayOf(STRING);

/**
 * A list answer: integer counters (e.g. total, offset, limit, in the order given) and then the
 * array of items under `key`.
 */
export function listEnvelope<const K extends string, const I extends Field, const C extends readonly string[]>(
  key: K,
  items: I,
  counters: C,
): {
  readonly type: 'object';
  readonly properties: Flat<{ readonly [N in C[number]]: { readonly type: 'integer' } } & { readonly [N in K]: ReturnType<typeof arrayOf<I>> }>;
} {
  const properties: Record<string, object> = {};
  for (const counter of counters) properties[counter] = { type: 'integer' };
  properties[key] = arrayOf(items);
  return { type: 'object', properties } as ReturnType<typeof listEnvelope<K, I, C>>;
}

/**
 * One schema under several statuses of a route's `response` map, typically the service's error
 * body: `{ 200: thing, ...sameSchema(error, [400, 404]) }` (numeric keys keep ascending order).
 */
export function sameSchema<const S extends object, const N extends readonly number[]>(schema: S, statuses: N): { readonly [Status in N[number]]: S } {
  const responses: Record<number, S> = {};
  for (const status of statuses) responses[status] = schema;
  return responses as { readonly [Status in N[number]]: S };
}
