/** JSON Schemas of the Schema Registry routes (request validation and the OpenAPI document). */

import { describedString, pathParams } from '../schema-builders.js';
import type { ResourceKind } from './errors.js';

const TAGS = ['Schema Registry'];

const anyObject = { type: 'object', additionalProperties: true } as const;

const idParams = pathParams({ id: describedString('The `meta:altId` or the URL-encoded `$id` of the resource') });

/** How summaries name each kind of resource. */
const NAMES: Record<ResourceKind, { several: string; one: string }> = {
  schemas: { several: 'schemas', one: 'a schema' },
  classes: { several: 'classes', one: 'a class' },
  fieldgroups: { several: 'field groups', one: 'a field group' },
  datatypes: { several: 'data types', one: 'a data type' },
  behaviors: { several: 'behaviors (global only)', one: 'a behavior' },
};

function perKind<Schema>(build: (kind: ResourceKind) => Schema): Record<ResourceKind, Schema> {
  return {
    schemas: build('schemas'),
    classes: build('classes'),
    fieldgroups: build('fieldgroups'),
    datatypes: build('datatypes'),
    behaviors: build('behaviors'),
  };
}

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

/** GET /{container}/{kind}, per kind. */
export const listingSchemas = perKind((kind) => listingSchema(`List ${NAMES[kind].several}`));

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

/** GET /{container}/{kind}/{id}, per kind. */
export const lookupSchemas = perKind((kind) => lookupSchema(`Look up ${NAMES[kind].one}`));
