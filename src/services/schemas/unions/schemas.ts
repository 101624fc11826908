/** JSON Schemas of the union routes (request validation and the OpenAPI document). */

import { describedString, pathParams } from '../../schema-builders.js';
import { propertyParameter } from '../schemas.js';

const TAGS = ['Schema Registry'];

const anyObject = { type: 'object', additionalProperties: true } as const;

export const listUnionsSchema = {
  tags: TAGS,
  summary: 'List the unions, one per class with schemas enabled for Profile (Accept: application/vnd.adobe.xed-id+json or application/vnd.adobe.xed+json)',
  querystring: {
    type: 'object',
    properties: { property: propertyParameter('meta:class==https://ns.adobe.com/xdm/context/profile') },
  },
  response: { 200: { type: 'object', properties: { results: { type: 'array', items: anyObject } } } },
} as const;

export const lookupUnionSchema = {
  tags: TAGS,
  summary: "Look up a union, its member schemas' fields merged with xed-full (Accept: application/vnd.adobe.xed[-full]+json; version=1)",
  params: pathParams({ id: describedString('The URL-encoded `$id` of the union (the class `$id` followed by `__union`) or its `meta:altId`') }),
  response: { 200: anyObject },
} as const;
