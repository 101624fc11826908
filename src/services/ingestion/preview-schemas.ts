/** JSON Schemas of Batch Ingestion's preview route (batch-ingestion.yaml, retrievePreview). */
import { objectSchema, stringParams, stringProperties } from '../schema-builders.js';

export const previewSchema = {
  tags: ['Batch Ingestion'],
  summary: 'Retrieve a preview for a batch',
  params: stringParams('batchId', 'datasetId'),
  querystring: {
    type: 'object',
    properties: {
      format: { type: 'string', enum: ['json', 'csv', 'parquet', 'avro'] },
      isMultiLineJson: { type: 'boolean' },
      delimiter: { type: 'string', minLength: 1 },
      quote: { type: 'string', minLength: 1 },
      escape: { type: 'string', minLength: 1 },
      charset: { type: 'string' },
      header: { type: 'boolean' },
      nrow: { type: 'integer', minimum: 0 },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        formatParams: {
          type: 'object',
          properties: { ...stringProperties('delimiter', 'quote', 'escape', 'charset'), header: { type: 'boolean' }, format: { type: 'string' } },
        },
        preview: {
          type: 'object',
          properties: {
            columns: {
              type: 'array',
              items: objectSchema(stringProperties('cid', 'name')),
            },
            rows: { type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } },
          },
        },
      },
    },
  },
} as const;
