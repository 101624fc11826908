/**
 * JSON Schema of POST /:tenant/target/batch (seed 002 / seed 004, "Batch Updates"). The body is
 * typed loosely on purpose: every rule (limits, ids, cycles, placeholders) is checked by
 * batch-model.ts, which words the 400 messages.
 */
const TAGS = ['Target Admin'];

const header = {
  type: 'object',
  properties: { name: { type: 'string' }, value: { type: 'string' } },
} as const;

const errorBody = {
  type: 'object',
  properties: {
    httpStatus: { type: 'integer' },
    requestId: { type: 'string' },
    requestTime: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { errorCode: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

export const executeBatchSchema = {
  tags: TAGS,
  summary: 'Execute up to 256 Admin API operations in one batch, with dependencies',
  description:
    'Each operation runs in-process through the same routes as a direct call; relativeUrl is resolved against /{tenant}/target ' +
    '(a leading /vN selects API version N unless the operation sets Content-Type or Accept itself; the legacy names /offers/{id}, ' +
    '/campaigns and /segments reach content offers, activities and audiences). {operationIdResponse:N} is replaced with the id created by POST operation N.',
  params: { type: 'object', properties: { tenant: { type: 'string' } }, required: ['tenant'] },
  body: {
    type: 'object',
    properties: {
      operations: {
        type: 'array',
        description: 'Operations to perform (at most 256; order is irrelevant)',
        items: {
          type: 'object',
          properties: {
            operationId: { type: 'integer', description: 'Unique id, 0-255' },
            dependsOnOperationIds: { type: 'array', items: { type: 'integer' }, description: 'Operations that must succeed (2xx) first' },
            method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
            relativeUrl: { type: 'string', description: 'Path after /{tenant}/target, e.g. /activities or /v1/offers/{operationIdResponse:0}' },
            headers: { type: 'array', items: header, description: 'At most 50; names unique case-insensitively' },
            body: { description: 'JSON object or array; sent for POST and PUT only (default {})' },
          },
        },
      },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        results: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              operationId: { type: 'integer' },
              skipped: { type: 'boolean' },
              statusCode: { type: 'integer' },
              headers: { type: 'array', items: header },
              body: {},
            },
          },
        },
      },
    },
    400: errorBody,
    403: errorBody,
  },
} as const;
