/** JSON Schemas of the Schema Registry routes (request validation and the OpenAPI document). */

const TAGS = ['Schema Registry'];

const anyObject = { type: 'object', additionalProperties: true } as const;

const idParams = {
  type: 'object',
  properties: { id: { type: 'string', description: 'The `meta:altId` or the URL-encoded `$id` of the resource' } },
  required: ['id'],
} as const;

function listingSchema(summary: string) {
  return {
    tags: TAGS,
    summary: `${summary} (Accept: application/vnd.adobe.xed-id+json or application/vnd.adobe.xed+json)`,
    querystring: {
      type: 'object',
      properties: {
        orderby: { type: 'string', description: 'Sort fields, comma-separated; a leading "-" sorts descending' },
        start: { type: 'string', description: 'With orderby: list items whose primary sort value comes after this one' },
        limit: { type: 'integer', description: 'With orderby: page size hint (1-500)' },
        property: { type: 'string', description: 'Filters such as title==Loyalty Members, comma-separated' },
      },
    },
    response: {
      200: {
        type: 'object',
        properties: {
          results: { type: 'array', items: anyObject },
          _page: anyObject,
          _links: anyObject,
        },
      },
    },
  } as const;
}

export const listSchemasSchema = listingSchema('List schemas');
export const listClassesSchema = listingSchema('List classes');
export const listFieldGroupsSchema = listingSchema('List field groups');
export const listDataTypesSchema = listingSchema('List data types');
export const listBehaviorsSchema = listingSchema('List behaviors (global only)');

export const createSchemaSchema = {
  tags: TAGS,
  summary: 'Create a schema in the tenant container',
  body: {
    type: 'object',
    required: ['title', 'type'],
    properties: {
      title: { type: 'string', minLength: 1 },
      type: { type: 'string', enum: ['object'] },
      description: { type: 'string' },
      allOf: { type: 'array', items: { type: 'object' }, description: 'Objects with a "$ref" to the class and the field groups the schema implements' },
      properties: { type: 'object', description: 'Fields defined by the schema itself' },
      definitions: { type: 'object' },
      'meta:immutableTags': { type: 'array', items: { type: 'string' } },
    },
  },
  response: { 201: anyObject },
} as const;

function lookupSchema(summary: string) {
  return {
    tags: TAGS,
    summary: `${summary} (Accept: application/vnd.adobe.xed[-full][-notext]+json; version=1)`,
    params: idParams,
    response: { 200: anyObject },
  } as const;
}

export const lookupSchemaSchema = lookupSchema('Look up a schema');
export const lookupClassSchema = lookupSchema('Look up a class');
export const lookupFieldGroupSchema = lookupSchema('Look up a field group');
export const lookupDataTypeSchema = lookupSchema('Look up a data type');
export const lookupBehaviorSchema = lookupSchema('Look up a behavior');
