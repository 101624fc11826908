/**
 * JSON Schema of POST /:tenant/target/batch (seed 002 / seed 004, "Batch Updates"). The body is
 * typed loosely on purpose: every rule (limits, ids, cycles, placeholders) is checked by
 * batch/model.ts, which words the 400 messages.
 */
import { INTEGER, STRING, arrayOf, objectSchema } from '../../schema-builders.js';
import { routeSchema, tenantParams } from '../shared/schema-builders.js';

const header = objectSchema({ name: STRING, value: STRING });

/** The Target error envelope (seed 002) of a refused batch. */
const errorBody = objectSchema({ httpStatus: INTEGER, requestId: STRING, requestTime: STRING, errors: arrayOf(objectSchema({ errorCode: STRING, message: STRING })) });

export const executeBatchSchema = routeSchema('Execute up to 256 Admin API operations in one batch, with dependencies', {
  description:
    'Each operation runs in-process through the same routes as a direct call; relativeUrl is resolved against /{tenant}/target ' +
    '(a leading /vN selects API version N unless the operation sets Content-Type or Accept itself; the legacy names /offers/{id}, ' +
    '/campaigns and /segments reach content offers, activities and audiences). {operationIdResponse:N} is replaced with the id created by POST operation N.',
  params: tenantParams,
  body: objectSchema({
    operations: {
      type: 'array',
      description: 'Operations to perform (at most 256; order is irrelevant)',
      items: objectSchema({
        operationId: { type: 'integer', description: 'Unique id, 0-255' },
        dependsOnOperationIds: { ...arrayOf(INTEGER), description: 'Operations that must succeed (2xx) first' },
        method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
        relativeUrl: { type: 'string', description: 'Path after /{tenant}/target, e.g. /activities or /v1/offers/{operationIdResponse:0}' },
        headers: { ...arrayOf(header), description: 'At most 50; names unique case-insensitively' },
        body: { description: 'JSON object or array; sent for POST and PUT only (default {})' },
      }),
    },
  }),
  response: {
    200: objectSchema({
      results: arrayOf(objectSchema({ operationId: INTEGER, skipped: { type: 'boolean' }, statusCode: INTEGER, headers: arrayOf(header), body: {} })),
    }),
    400: errorBody,
    403: errorBody,
  },
});
