/**
 * JSON Schemas of the offers routes (request validation and the OpenAPI document). Bodies carry
 * types only: presence, emptiness and length rules live in the model, which words their errors.
 * Response properties are listed in the samples' order (the serializer writes them so).
 */
import { MAX_LIMIT } from '../shared/listing.js';

const TAGS = ['Target Admin'];

export const tenantParams = { type: 'object', properties: { tenant: { type: 'string' } }, required: ['tenant'] } as const;

export const tenantIdParams = {
  type: 'object',
  properties: { tenant: { type: 'string' }, id: { type: 'string', description: 'Numeric id' } },
  required: ['tenant', 'id'],
} as const;

/** The shared list parameters; any listed field may also be given as a filter (repeatable, `!`, commas, date ranges). */
export function listQuerystring(sortable: readonly string[]) {
  return {
    type: 'object',
    properties: {
      limit: { type: 'integer', minimum: 0, maximum: MAX_LIMIT, description: `Number of items to return (default ${MAX_LIMIT})` },
      offset: { type: 'integer', minimum: 0, maximum: MAX_LIMIT, description: 'Index of the first item to return' },
      sortBy: {
        type: 'array',
        items: { type: 'string' },
        description: `Sort keys, repeatable, applied in order; a leading "-" sorts descending (${sortable.join(', ')})`,
      },
    },
    additionalProperties: true,
  } as const;
}

const offerProperties = {
  id: { type: 'integer' },
  name: { type: 'string' },
  content: { type: 'string' },
  modifiedAt: { type: 'string' },
  workspace: { type: 'string' },
} as const;

const offer = { type: 'object', properties: offerProperties } as const;

const offerBody = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'Required, not empty, at most 250 characters' },
    content: { type: 'string', description: 'Required: the content shown to the visitor' },
    workspace: { type: 'string', description: 'Optional workspace id (offers v2), at most 250 characters; default workspace when absent' },
  },
} as const;

const OFFER_FIELDS = ['id', 'name', 'type', 'modifiedAt', 'workspace'] as const;

export const listOffersSchema = {
  tags: TAGS,
  summary: 'List content offers',
  params: tenantParams,
  querystring: listQuerystring(OFFER_FIELDS),
  response: {
    200: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        offset: { type: 'integer' },
        limit: { type: 'integer' },
        offers: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              name: { type: 'string' },
              type: { type: 'string' },
              modifiedAt: { type: 'string' },
              workspace: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

export const getOfferSchema = {
  tags: TAGS,
  summary: 'Get a content offer by id',
  params: tenantIdParams,
  response: { 200: offer },
} as const;

export const createOfferSchema = {
  tags: TAGS,
  summary: 'Create a content offer',
  params: tenantParams,
  body: offerBody,
  response: { 200: offer },
} as const;

export const updateOfferSchema = {
  tags: TAGS,
  summary: 'Update a content offer',
  params: tenantIdParams,
  body: offerBody,
  response: { 200: offer },
} as const;

export const deleteOfferSchema = {
  tags: TAGS,
  summary: 'Delete a content offer (refused while an activity uses it)',
  params: tenantIdParams,
  response: { 200: offer },
} as const;
