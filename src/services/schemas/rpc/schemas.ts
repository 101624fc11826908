/** JSON Schemas of GET /stats and the /rpc routes (request validation and the OpenAPI document). */

import { describedString, pathParams } from '../../schema-builders.js';

const TAGS = ['Schema Registry'];

const anyObject = { type: 'object', additionalProperties: true } as const;
const objects = { type: 'array', items: anyObject } as const;

const resourceParams = pathParams({ id: describedString('The `meta:altId` or URL-encoded `$id` of the resource') });

/** A resource of the lists (title, `$id`, `meta:altId`, `meta:resourceType`, version); `$id` cannot be a property name here (schema id keyword). */
const listItem = { type: 'object', additionalProperties: true, description: 'title, $id, meta:altId, meta:resourceType and version of a resource' } as const;

export const statsSchema = {
  tags: TAGS,
  summary: "The org's tenant id and the sandbox's resource counts, recently created and updated resources and class usage",
  response: {
    200: {
      type: 'object',
      properties: {
        imsOrg: { type: 'string' },
        tenantId: { type: 'string' },
        counts: {
          type: 'object',
          properties: {
            schemas: { type: 'integer' },
            mixins: { type: 'integer' },
            datatypes: { type: 'integer' },
            classes: { type: 'integer' },
            unions: { type: 'integer' },
          },
        },
        recentlyCreatedResources: { type: 'array', items: listItem },
        recentlyUpdatedResources: { type: 'array', items: listItem },
        classUsage: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: true,
            description: "A class the sandbox's schemas implement: $id, title, numberOfSchemas and the schemas (title, $id, meta:altId)",
          },
        },
      },
    },
  },
} as const;

export const auditLogSchema = {
  tags: TAGS,
  summary: 'The changes of a tenant resource and of the tenant resources it is built from, most recent first',
  params: resourceParams,
  response: { 200: objects },
} as const;

export const exportSchema = {
  tags: TAGS,
  summary: 'An export payload: the resource and the tenant resources it depends on, the tenant id replaced by <XDM_TENANTID_PLACEHOLDER>',
  params: resourceParams,
  response: { 200: objects },
} as const;

export const importSchema = {
  tags: TAGS,
  summary: "Creates the resources of an export payload in the caller's sandbox, under the caller's tenant id",
  body: objects,
  response: { 200: objects },
} as const;

export const sampleDataSchema = {
  tags: TAGS,
  summary: 'A sample record valid against the schema (its full resolved form)',
  params: resourceParams,
  response: { 200: anyObject },
} as const;
