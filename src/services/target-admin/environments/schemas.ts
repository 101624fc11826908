/** JSON Schema of GET /environments. */
import { INTEGER, STRING, STRINGS, listEnvelope, objectSchema, openObject } from '../../schema-builders.js';
import { PAGE, routeSchema, tenantParams } from '../shared/schema-builders.js';

export const environmentsSchema = routeSchema('List environments', {
  description: 'The environments (host groups) of the tenant, with the shared list semantics: limit, offset, sortBy, filters on id and name.',
  params: tenantParams,
  querystring: openObject({ limit: STRING, offset: STRING, sortBy: STRINGS, id: STRINGS, name: STRINGS }),
  response: { 200: listEnvelope('environments', objectSchema({ id: INTEGER, name: STRING }), PAGE) },
});
