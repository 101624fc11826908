/** JSON Schemas of the properties routes (read only). */
import { listQuerystring, tenantIdParams, tenantParams } from '../offers/schemas.js';

const TAGS = ['Target Admin'];

const property = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    description: { type: 'string' },
    channel: { type: 'string' },
    segmentId: { type: 'integer' },
    modifiedAt: { type: 'string' },
    workspaces: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const listPropertiesSchema = {
  tags: TAGS,
  summary: 'List properties',
  params: tenantParams,
  querystring: listQuerystring(['id', 'name', 'description', 'channel', 'segmentId', 'modifiedAt']),
  response: {
    200: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        offset: { type: 'integer' },
        limit: { type: 'integer' },
        properties: { type: 'array', items: property },
      },
    },
  },
} as const;

export const getPropertySchema = {
  tags: TAGS,
  summary: 'Get a property by id',
  params: tenantIdParams,
  response: { 200: property },
} as const;
