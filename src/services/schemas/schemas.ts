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

/** `property=` filters: comma-separated, or the parameter repeated (create-schema-api.md lists union members so). */
export function propertyParameter(example: string) {
  return {
    anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: `Filters such as ${example}, comma-separated or with the parameter repeated`,
  } as const;
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
        property: propertyParameter('title==Loyalty Members'),
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

/** The kinds a tenant writes (behaviors are global only). */
type WrittenKind = Exclude<ResourceKind, 'behaviors'>;

function perWrittenKind<Schema>(build: (kind: WrittenKind) => Schema): Record<WrittenKind, Schema> {
  return { schemas: build('schemas'), classes: build('classes'), fieldgroups: build('fieldgroups'), datatypes: build('datatypes') };
}

/** The fields a client writes in POST and PUT bodies; the registry assigns the rest. */
const resourceBody = {
  type: 'object',
  required: ['title', 'type'],
  properties: {
    title: { type: 'string', minLength: 1 },
    type: { type: 'string', enum: ['object'] },
    description: { type: 'string' },
    allOf: {
      type: 'array',
      items: { type: 'object' },
      description: 'Objects with a "$ref": a schema\'s class and field groups, a class\'s behavior, or "#/definitions/<name>"',
    },
    properties: { type: 'object', description: 'Fields defined by the resource itself' },
    definitions: { type: 'object' },
    'meta:intendedToExtend': { type: 'array', items: { type: 'string' }, description: 'Field groups: the $ids of the classes they fit' },
    'meta:immutableTags': { type: 'array', items: { type: 'string' } },
  },
} as const;

const patchOperations = {
  type: 'array',
  description: 'RFC 6902 JSON Patch operations on the resource as a lookup shows it',
  items: {
    type: 'object',
    required: ['op', 'path'],
    properties: {
      op: { type: 'string', enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] },
      path: { type: 'string' },
      from: { type: 'string' },
      value: {},
    },
  },
} as const;

/** POST /tenant/{kind}, per kind. */
export const createSchemas = perWrittenKind(
  (kind) =>
    ({
      tags: TAGS,
      summary: `Create ${NAMES[kind].one} in the tenant container`,
      body: resourceBody,
      response: { 201: anyObject },
    }) as const,
);

/** PUT /tenant/{kind}/{id}, per kind. */
export const replaceSchemas = perWrittenKind(
  (kind) =>
    ({
      tags: TAGS,
      summary: `Replace ${NAMES[kind].one} of the tenant container`,
      params: idParams,
      body: resourceBody,
      response: { 200: anyObject },
    }) as const,
);

/** PATCH /tenant/{kind}/{id}, per kind. */
export const patchSchemas = perWrittenKind(
  (kind) =>
    ({
      tags: TAGS,
      summary: `Update part of ${NAMES[kind].one} of the tenant container (JSON Patch)`,
      params: idParams,
      body: patchOperations,
      response: { 200: anyObject },
    }) as const,
);

/** DELETE /tenant/{kind}/{id}, per kind. */
export const deleteSchemas = perWrittenKind(
  (kind) =>
    ({
      tags: TAGS,
      summary: `Delete ${NAMES[kind].one} of the tenant container`,
      params: idParams,
      response: { 204: { type: 'null', description: 'Deleted' } },
    }) as const,
);

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
