/** JSON Schemas of the mbox and profile-attribute routes (seed 004, "Mboxes and Environments"). */
import { STRING, STRINGS, arrayOf, listEnvelope, objectSchema, openObject } from '../../schema-builders.js';
import { PAGE, routeSchema, tenantParams, tenantParamsWith } from '../shared/schema-builders.js';

export const mboxesSchema = routeSchema('List mboxes', {
  description:
    'The list semantics of every Target Admin list (limit, offset, repeatable sortBy with - for descending, filters on name (substring), status, lastRequestedAt (from/to range)). Without limit, 5 mboxes are answered, as in the documented sample.',
  params: tenantParams,
  querystring: openObject({
    limit: { type: 'string', description: 'Items to answer (default 5)' },
    offset: { type: 'string', description: 'First item to answer (default 0)' },
    sortBy: { ...STRINGS, description: 'Sort keys, - prefix for descending' },
    name: STRINGS,
    status: STRINGS,
    lastRequestedAt: STRINGS,
  }),
  response: { 200: listEnvelope('mboxes', objectSchema({ name: STRING, status: STRING, lastRequestedAt: STRING }), PAGE) },
});

export const mboxParametersSchema = routeSchema('List the parameters of an mbox', {
  description: '404 when the tenant has no mbox of that name.',
  params: tenantParamsWith('mboxName', STRING),
  response: { 200: objectSchema({ name: STRING, mboxParameters: arrayOf(objectSchema({ name: STRING, parameterType: STRING })) }) },
});

export const profileAttributesSchema = routeSchema('List profile attributes and mbox parameters of type profile', {
  params: tenantParams,
  response: { 200: objectSchema({ mboxProfileAttributes: STRINGS }) },
});
