/**
 * JSON Schemas of the audiences routes. Rules are checked structurally by audiences-rules.ts;
 * here they are any JSON, written back as stored.
 */
import { listQuerystring, tenantIdParams, tenantParams } from '../offers/schemas.js';

const TAGS = ['Target Admin'];

/** Any JSON here: audiences-rules.ts checks the structure and words the errors. */
const rule = (description: string) => ({ description: `${description} (an object, or an array of them)` });
const TARGET_RULE = 'Logical tree (and, or, not) of conditions such as {"profile": "memberLevel", "equals": ["gold"]}';
const AUDIENCE_RULE = 'Logical tree (and, or, not) over pre-built audiences: {"audienceId": <id>} leaves';

const audience = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    description: { type: 'string' },
    origin: { type: 'string' },
    targetRule: { description: TARGET_RULE },
    audienceRule: { description: AUDIENCE_RULE },
    modifiedAt: { type: 'string' },
    workspace: { type: 'string' },
  },
} as const;

const audienceBody = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'Required, not empty, at most 250 characters' },
    description: { type: 'string' },
    targetRule: rule(`${TARGET_RULE}; exactly one of targetRule and audienceRule`),
    audienceRule: rule(`${AUDIENCE_RULE}; exactly one of targetRule and audienceRule`),
    workspace: { type: 'string', description: 'Optional workspace id (audiences v3), at most 250 characters; default workspace when absent' },
  },
} as const;

export const listAudiencesSchema = {
  tags: TAGS,
  summary: 'List audiences',
  params: tenantParams,
  querystring: listQuerystring(['id', 'name', 'description', 'origin', 'modifiedAt', 'workspace']),
  response: {
    200: {
      type: 'object',
      properties: {
        offset: { type: 'integer' },
        limit: { type: 'integer' },
        total: { type: 'integer' },
        audiences: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              name: { type: 'string' },
              description: { type: 'string' },
              origin: { type: 'string' },
              modifiedAt: { type: 'string' },
              workspace: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

export const getAudienceSchema = {
  tags: TAGS,
  summary: 'Get an audience by id',
  params: tenantIdParams,
  response: { 200: audience },
} as const;

export const createAudienceSchema = {
  tags: TAGS,
  summary: 'Create an audience',
  params: tenantParams,
  body: audienceBody,
  response: { 200: audience },
} as const;

export const updateAudienceSchema = {
  tags: TAGS,
  summary: 'Update an audience',
  params: tenantIdParams,
  body: audienceBody,
  response: { 200: audience },
} as const;

export const deleteAudienceSchema = {
  tags: TAGS,
  summary: 'Delete an audience (refused while an activity or another audience uses it)',
  params: tenantIdParams,
  response: { 200: audience },
} as const;
