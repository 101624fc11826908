/**
 * JSON Schemas of the offers routes (request validation and the OpenAPI document). Bodies carry
 * types only: presence, emptiness and length rules live in the model, which words their errors.
 * Response properties are listed in the samples' order (the serializer writes them so).
 */
import { INTEGER, STRING, listEnvelope, objectSchema } from '../../schema-builders.js';
import { PAGE, listQuerystring, objectSchemas, routeSchema, tenantIdParams, tenantParams } from '../shared/schema-builders.js';

const offer = objectSchema({ id: INTEGER, name: STRING, content: STRING, modifiedAt: STRING, workspace: STRING });

const offerBody = objectSchema({
  name: { type: 'string', description: 'Required, not empty, at most 250 characters' },
  content: { type: 'string', description: 'Required: the content shown to the visitor' },
  workspace: { type: 'string', description: 'Optional workspace id (offers v2), at most 250 characters; default workspace when absent' },
});

const OFFER_FIELDS = ['id', 'name', 'type', 'modifiedAt', 'workspace'] as const;

export const listOffersSchema = routeSchema('List content offers', {
  params: tenantParams,
  querystring: listQuerystring(OFFER_FIELDS),
  response: { 200: listEnvelope('offers', objectSchema({ id: INTEGER, name: STRING, type: STRING, modifiedAt: STRING, workspace: STRING }), PAGE) },
});

export const offerSchemas = objectSchemas({
  idParams: tenantIdParams,
  object: offer,
  body: offerBody,
  summaries: {
    get: 'Get a content offer by id',
    create: 'Create a content offer',
    update: 'Update a content offer',
    delete: 'Delete a content offer (refused while an activity uses it)',
  },
});
