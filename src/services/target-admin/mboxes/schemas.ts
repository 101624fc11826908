/** JSON Schemas of the mbox and profile-attribute routes (seed 004, "Mboxes and Environments"). */
import { STRING, STRINGS, listEnvelope, object, openObject, routeSchema, tenantParams, tenantParamsWith, arrayOf } from '../shared/schema-builders.js';

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
  response: { 200: listEnvelope('mboxes', object({ name: STRING, status: STRING, lastRequestedAt: STRING })) },
});

export const mboxParametersSchema = routeSchema('List the parameters of an mbox', {
  description: '404 when the tenant has no mbox of that name.',
  params: tenantParamsWith('mboxName', STRING),
  response: { 200: object({ name: STRING, mboxParameters: arrayOf(object({ name: STRING, parameterType: STRING })) }) },
});

export const profileAttributesSchema = routeSchema('List profile attributes and mbox parameters of type profile', {
  params: tenantParams,
  response: { 200: object({ mboxProfileAttributes: STRINGS }) },
});
