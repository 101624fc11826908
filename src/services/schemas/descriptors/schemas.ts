/** JSON Schemas of the descriptor routes (request validation and the OpenAPI document). */

import { describedString, pathParams } from '../../schema-builders.js';
import { propertyParameter } from '../schemas.js';

const TAGS = ['Schema Registry'];

const anyObject = { type: 'object', additionalProperties: true } as const;

const idParams = pathParams({ id: describedString('The `@id` of the descriptor') });

const DESCRIPTOR_TYPES = [
  'xdm:descriptorIdentity',
  'xdm:alternateDisplayInfo',
  'xdm:descriptorOneToOne',
  'xdm:descriptorRelationship',
  'xdm:descriptorReferenceIdentity',
  'xdm:descriptorPrimaryKey',
  'xdm:descriptorVersion',
  'xdm:descriptorTimestamp',
] as const;

/** A descriptor as POST and PUT take it; the fields each type requires are checked by the model (descriptors.md, "Defining descriptors"). */
const descriptorBody = {
  type: 'object',
  required: ['@type', 'xdm:sourceSchema', 'xdm:sourceProperty'],
  additionalProperties: true,
  properties: {
    '@type': { type: 'string', enum: DESCRIPTOR_TYPES },
    'xdm:sourceSchema': { type: 'string', description: 'The `$id` of a tenant schema of this sandbox' },
    'xdm:sourceVersion': { anyOf: [{ type: 'integer' }, { type: 'string' }], description: 'The major version of the source schema: 1' },
    'xdm:sourceProperty': {
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      description: 'Path to the field, e.g. /personalEmail/address (an array of paths for a composite primary key)',
    },
    'xdm:namespace': { type: 'string', description: 'Identity: the identity namespace code or id' },
    'xdm:property': { type: 'string', enum: ['xdm:id', 'xdm:code'], description: 'Identity: what xdm:namespace holds' },
    'xdm:isPrimary': { type: 'boolean', description: 'Identity: the primary identity of the schema (one per schema)' },
    'xdm:title': anyObject,
    'xdm:description': anyObject,
    'meta:enum': anyObject,
    'xdm:destinationSchema': { type: 'string', description: 'Relationship: the `$id` of the reference schema' },
    'xdm:destinationVersion': { anyOf: [{ type: 'integer' }, { type: 'string' }] },
    'xdm:destinationProperty': { type: 'string' },
    'xdm:cardinality': { type: 'string', enum: ['1:1', '1:0', 'M:1', 'M:0'] },
    'xdm:identityNamespace': { type: 'string', description: 'Reference identity: the namespace of the reference schema primary identity' },
  },
} as const;

export const listDescriptorsSchema = {
  tags: TAGS,
  summary:
    'List the descriptors, grouped by @type (Accept: application/vnd.adobe.xdm-id+json, application/vnd.adobe.xdm-link+json or application/vnd.adobe.xdm+json)',
  querystring: {
    type: 'object',
    properties: { property: propertyParameter('xdm:sourceSchema==https://ns.adobe.com/…') },
  },
  response: { 200: { type: 'object', additionalProperties: { type: 'array' } } },
} as const;

export const createDescriptorSchema = {
  tags: TAGS,
  summary: 'Create a descriptor on a tenant schema',
  body: descriptorBody,
  response: { 201: anyObject },
} as const;

export const getDescriptorSchema = {
  tags: TAGS,
  summary: 'Look up a descriptor (no Accept needed; application/vnd.adobe.xdm+json accepted)',
  params: idParams,
  response: { 200: anyObject },
} as const;

export const updateDescriptorSchema = {
  tags: TAGS,
  summary: 'Replace a descriptor',
  params: idParams,
  body: descriptorBody,
  response: { 200: anyObject },
} as const;

export const deleteDescriptorSchema = {
  tags: TAGS,
  summary: 'Delete a descriptor',
  params: idParams,
  response: { 204: { type: 'null' } },
} as const;
