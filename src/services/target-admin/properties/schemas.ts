/** JSON Schemas of the properties routes (read only). */
import { INTEGER, STRING, STRINGS, listEnvelope, objectSchema } from '../../schema-builders.js';
import { PAGE, listQuerystring, routeSchema, tenantIdParams, tenantParams } from '../shared/schema-builders.js';

const property = objectSchema({
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
  response: { 200: listEnvelope('properties', property, PAGE) },
});

export const getPropertySchema = routeSchema('Get a property by id', { params: tenantIdParams, response: { 200: property } });
