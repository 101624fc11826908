/**
 * JSON Schema builders shared by the Platform services' route schemas (Catalog, Batch Ingestion,
 * Data Access, Schema Registry). They return `as const`-typed data, so typed routes
 * (typed-routes.ts) read the parameters they describe.
 */

type StringParameter<Description> = Description extends string
  ? { readonly type: 'string'; readonly description: Description }
  : { readonly type: 'string' };

/**
 * Path parameters, all strings, by name with their descriptions (`undefined`: documented without
 * one); all required unless `required` names fewer.
 *
 *   pathParams({ batchId: 'The batch id' })
 *   → { type: 'object', properties: { batchId: { type: 'string', description: 'The batch id' } }, required: ['batchId'] }
 */
export function pathParams<const Params extends Record<string, string | undefined>, const Required extends keyof Params & string = keyof Params & string>(
  params: Params,
  required?: readonly Required[],
) {
  const properties: Record<string, { type: 'string'; description?: string }> = {};
  for (const [name, description] of Object.entries(params)) {
    properties[name] = description === undefined ? { type: 'string' } : { type: 'string', description };
  }
  return {
    type: 'object',
    properties: properties as { readonly [Name in keyof Params]: StringParameter<Params[Name]> },
    required: (required ?? Object.keys(params)) as readonly Required[],
  } as const;
}

/** Properties of type string, in the order given: `{ ...stringProperties('id', 'imsOrg'), created: { type: 'integer' } }`. */
export function stringProperties<const Names extends readonly string[]>(...names: Names) {
  const properties: Record<string, { type: 'string' }> = {};
  for (const name of names) properties[name] = { type: 'string' };
  return properties as { readonly [Name in Names[number]]: { readonly type: 'string' } };
}
