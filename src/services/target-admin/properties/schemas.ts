/** JSON Schemas of the properties routes (read only). */
import { INTEGER, STRING, STRINGS, listEnvelope, listQuerystring, object, routeSchema, tenantIdParams, tenantParams } from '../shared/schema-builders.js';

const property = object({
  id: INTEGER,
  name: STRING,
  description: STRING,
  channel: STRING,
  segmentId: INTEGER,
  modifiedAt: STRING,
  workspaces: STRINGS,
});

export const listPropertiesSchema = routeSchema('List properties', {
  params: tenantParams,
  querystring: listQuerystring(['id', 'name', 'description', 'channel', 'segmentId', 'modifiedAt']),
  response: { 200: listEnvelope('properties', property) },
});

export const getPropertySchema = routeSchema('Get a property by id', { params: tenantIdParams, response: { 200: property } });
