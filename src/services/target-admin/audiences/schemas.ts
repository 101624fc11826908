/**
 * JSON Schemas of the audiences routes. Rules are checked structurally by audiences/rules.ts;
 * here they are any JSON, written back as stored.
 */
import { INTEGER, STRING, listEnvelope, objectSchema } from '../../schema-builders.js';
import { PAGE_TOTAL_LAST, listQuerystring, objectSchemas, routeSchema, tenantIdParams, tenantParams } from '../shared/schema-builders.js';

/** Any JSON here: audiences/rules.ts checks the structure and words the errors. */
const rule = (description: string) => ({ description: `${description} (an object, or an array of them)` });
const TARGET_RULE = 'Logical tree (and, or, not) of conditions such as {"profile": "memberLevel", "equals": ["gold"]}';
const AUDIENCE_RULE = 'Logical tree (and, or, not) over pre-built audiences: {"audienceId": <id>} leaves';

const audience = objectSchema({
  id: INTEGER,
  name: STRING,
  description: STRING,
  origin: STRING,
  targetRule: { description: TARGET_RULE },
  audienceRule: { description: AUDIENCE_RULE },
  modifiedAt: STRING,
  workspace: STRING,
});

const audienceBody = objectSchema({
  name: { type: 'string', description: 'Required, not empty, at most 250 characters' },
  description: STRING,
  targetRule: rule(`${TARGET_RULE}; exactly one of targetRule and audienceRule`),
  audienceRule: rule(`${AUDIENCE_RULE}; exactly one of targetRule and audienceRule`),
  workspace: { type: 'string', description: 'Optional workspace id (audiences v3), at most 250 characters; default workspace when absent' },
});

const summary = objectSchema({ id: INTEGER, name: STRING, description: STRING, origin: STRING, modifiedAt: STRING, workspace: STRING });

export const listAudiencesSchema = routeSchema('List audiences', {
  params: tenantParams,
  querystring: listQuerystring(['id', 'name', 'description', 'origin', 'modifiedAt', 'workspace']),
  response: { 200: listEnvelope('audiences', summary, PAGE_TOTAL_LAST) },
});

export const audienceSchemas = objectSchemas({
  idParams: tenantIdParams,
  object: audience,
  body: audienceBody,
  summaries: {
    get: 'Get an audience by id',
    create: 'Create an audience',
    update: 'Update an audience',
    delete: 'Delete an audience (refused while an activity or another audience uses it)',
  },
});
