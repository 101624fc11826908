/**
 * JSON Schemas of the Batch Ingestion routes (request validation and the OpenAPI document).
 * Only success responses have schemas: error bodies come in several documented shapes (gateway
 * errors, problem details) and a response schema would strip their fields.
 */

import { describedString, objectSchema, pathParams, stringProperties } from '../schema-builders.js';

const TAGS = ['Batch Ingestion'];

const batchParams = pathParams({ batchId: describedString('The batch id') });

const fileParams = pathParams(
  {
    batchId: describedString('The batch id'),
    datasetId: describedString("The batch's dataset id"),
    '*': describedString('The file path within the batch (folders allowed, e.g. part/1.json)'),
  },
  ['batchId', 'datasetId'],
);

/** `?action=` of the signal routes. */
const actionQuery = (description: string) => objectSchema({ action: describedString(description) });

const emptyBody = { type: 'null', description: 'Empty body' } as const;

/** The batch object of seed 001's POST /batches response (Catalog's shape, with its id). */
const batchObject = {
  type: 'object',
  additionalProperties: true,
  properties: {
    ...stringProperties('id', 'imsOrg', 'status'),
    created: { type: 'integer' },
    updated: { type: 'integer' },
    ...stringProperties('version', 'externalId', 'createdUser', 'updatedUser', 'createdClient'),
    relatedObjects: { type: 'array', items: objectSchema(stringProperties('type', 'id')) },
    tags: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    inputFormat: { type: 'object', additionalProperties: true },
  },
} as const;

const fileInfo = {
  type: 'object',
  properties: { name: { type: 'string' }, sizeInBytes: { type: 'integer' } },
} as const;

export const createBatchSchema = {
  tags: TAGS,
  summary: 'Create a batch',
  description: 'A bare {"datasetId"} body creates a Parquet batch, as in the seed tutorial.',
  body: {
    type: 'object',
    required: ['datasetId'],
    properties: {
      datasetId: { type: 'string', minLength: 1 },
      inputFormat: {
        type: 'object',
        properties: {
          format: { type: 'string', description: 'json, parquet or csv (any case)' },
          isMultiLineJson: { type: 'boolean' },
          delimiter: { type: 'string' },
          quote: { type: 'string' },
          escape: { type: 'string' },
          nullMarker: { type: 'string' },
          charset: { type: 'string' },
          header: { anyOf: [{ type: 'boolean' }, { type: 'string' }] },
        },
      },
      externalId: { type: 'string', minLength: 1 },
      tags: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      replay: {
        type: 'object',
        properties: {
          reason: { type: 'string' },
          predecessors: { type: 'array', items: { type: 'string' } },
          predecessorsByExternalId: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
  response: { 201: batchObject },
} as const;

export const batchActionSchema = {
  tags: TAGS,
  summary: 'Signal a batch: COMPLETE, ABORT, FAIL or REVERT',
  params: batchParams,
  querystring: actionQuery('COMPLETE, ABORT, FAIL or REVERT'),
  response: { 200: emptyBody },
} as const;

/** A route on one file of a batch (`.../batches/{batchId}/datasets/{datasetId}/files/{filePath}`). */
const fileRoute = <Rest extends object>(summary: string, rest: Rest) => ({ tags: TAGS, summary, params: fileParams, ...rest }) as const;

export const putFileSchema = fileRoute('Upload a file to a batch (application/octet-stream, streamed)', { response: { 200: emptyBody } } as const);

export const patchFileSchema = fileRoute('Upload a chunk of a large file (Content-Range: bytes start-end/total)', {
  headers: { type: 'object', properties: { 'content-range': { type: 'string' } } },
  response: { 200: fileInfo },
} as const);

export const fileActionSchema = fileRoute('Initialize or complete a large file upload', {
  querystring: actionQuery('INITIALIZE or COMPLETE'),
  response: { 200: fileInfo },
} as const);

export const headFileSchema = fileRoute('Size of an uploaded file, or the bytes received so far of a large file', {});
