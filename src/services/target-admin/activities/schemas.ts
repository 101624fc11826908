/**
 * JSON Schemas of the activities endpoints (seed 004, "Activities"; target_api.json `Activity`,
 * `ActivityList`, `ActivityChangeLogList`...). Bodies are checked for types here; the rules
 * (lengths, ranges, references, enums) live in activities/validation.ts so their messages name
 * the field. Responses keep the stored key order (see `preserveOrder` in activities/routes.ts).
 */
import { DATE_FORMS_TEXT, METRIC_ACTION_TYPES, SUCCESS_EVENTS, VERSIONED_FIELDS } from './validation.js';
import { INTEGER, STRING, STRINGS, arrayOf, listEnvelope, objectSchema } from '../../schema-builders.js';
import { PAGE, PAGE_TOTAL_LAST, objectSchemas, routeSchema, tenantParams, tenantParamsWith } from '../shared/schema-builders.js';

const idParams = tenantParamsWith('id', { type: 'integer', minimum: 0, description: 'The activity id' });

const localId = { type: ['integer', 'string'], description: 'Tracks the item across POST/PUT requests' } as const;
const idList = arrayOf(INTEGER);
const instant = { type: 'string', description: `ISO 8601: ${DATE_FORMS_TEXT}` } as const;

const versionNote = Object.entries(VERSIONED_FIELDS)
  .map(([field, version]) => `${field} (v${version})`)
  .join(', ');

const metricMboxes = arrayOf(objectSchema({ name: STRING, successEvent: { type: 'string', description: SUCCESS_EVENTS.join(' | ') }, audienceId: INTEGER }));

const definitionProperties = {
  thirdPartyId: { type: 'string', description: 'At most 250 characters, unique among activities; a UUID is generated when absent' },
  name: { type: 'string', description: '1–250 characters' },
  startsAt: instant,
  endsAt: instant,
  state: { type: 'string', description: 'saved | approved | deactivated (answers: also deleted)' },
  priority: { type: ['number', 'string'], description: '0–999, default 5' },
  entryConstraint: {
    type: ['object', 'string'],
    properties: { mbox: STRING, audienceId: INTEGER, visitorPercentage: { type: 'number' } },
  },
  autoAllocateTraffic: {
    type: 'object',
    description: 'v3',
    properties: { enabled: { type: 'boolean' }, successEvaluationCriteria: STRING },
  },
  locations: objectSchema({ mboxes: arrayOf(objectSchema({ locationLocalId: localId, name: STRING, audienceIds: idList })) }),
  experiences: arrayOf(
    objectSchema({
      experienceLocalId: localId,
      name: STRING,
      audienceIds: { ...idList, description: 'XT: the audiences the experience targets' },
      visitorPercentage: { type: 'number' },
      offerLocations: arrayOf(objectSchema({ locationLocalId: localId, offerId: { type: 'integer', description: '0: default content' } })),
    }),
  ),
  metrics: arrayOf(
    objectSchema({
      metricLocalId: localId,
      name: STRING,
      conversion: { type: 'boolean' },
      mboxes: metricMboxes,
      action: objectSchema({
        type: { type: 'string', description: METRIC_ACTION_TYPES.join(' | ') },
        conditions: { type: 'object' },
        onConditionMetAction: STRING,
        mboxes: metricMboxes,
      }),
    }),
  ),
  reportingAudiences: arrayOf(objectSchema({ reportingAudienceLocalId: localId, audienceId: INTEGER, metricLocalId: localId })),
  workspace: { type: 'string', description: 'v2' },
  propertyIds: { ...idList, description: 'v2' },
  analytics: objectSchema({ reportSuite: STRING, dataCollectionHost: STRING }),
} as const;

const activityObject = objectSchema({ id: INTEGER, ...definitionProperties, modifiedAt: STRING });

const activityBody = {
  type: 'object',
  description: `AB / XT activity definition. Fields only a higher version knows: ${versionNote}.`,
  properties: definitionProperties,
} as const;

/** The fields of an activity's summary, which the reports repeat. */
export const summaryProperties = {
  id: INTEGER,
  thirdPartyId: STRING,
  type: STRING,
  state: STRING,
  name: STRING,
  priority: INTEGER,
  modifiedAt: STRING,
} as const;

const RANGE = 'Range <from>/<to> of ISO 8601 instants';

export const listActivitiesSchema = routeSchema('List activities (limit, offset, sortBy, filters on the summary fields and the schedule)', {
  params: tenantParams,
  querystring: {
    type: 'object',
    additionalProperties: true,
    properties: {
      limit: { type: 'string', description: 'Default 2147483647' },
      offset: STRING,
      sortBy: { ...STRINGS, description: 'Repeatable; "-" prefix for descending' },
      id: { ...STRINGS, description: 'Repeated values or a comma list: OR; "!" prefix negates' },
      thirdPartyId: STRINGS,
      type: STRINGS,
      state: STRINGS,
      name: { ...STRINGS, description: 'Case-insensitive substring' },
      priority: STRINGS,
      workspace: STRINGS,
      startsAt: { ...STRINGS, description: RANGE },
      endsAt: { ...STRINGS, description: RANGE },
      modifiedAt: { ...STRINGS, description: RANGE },
    },
  },
  response: { 200: listEnvelope('activities', objectSchema({ ...summaryProperties, workspace: STRING }), PAGE) },
});

const typeName = { ab: 'AB', xt: 'XT' } as const;

/** Get, create, update and delete of one activity type: each answers the activity. */
export const activitySchemas = (type: 'ab' | 'xt') =>
  objectSchemas({
    idParams,
    object: activityObject,
    body: activityBody,
    summaries: {
      get: `Get an ${typeName[type]} activity`,
      create: `Create an ${typeName[type]} activity (Content-Type application/vnd.adobe.target.v1|v2|v3+json)`,
      update: `Update an ${typeName[type]} activity (replaces its definition)`,
      delete: `Delete an ${typeName[type]} activity (answers it with state "deleted")`,
    },
  });

const partial = (field: string, schema: object, summaryText: string, required: string[] = [field]) =>
  routeSchema(summaryText, {
    params: idParams,
    body: { type: 'object', properties: { [field]: schema }, required },
    response: { 200: objectSchema({ id: INTEGER, [field]: schema, modifiedAt: STRING }) },
  });

export const setNameSchema = partial('name', STRING, 'Rename an activity');
export const setStateSchema = partial('state', { type: 'string', description: 'saved | approved | deactivated' }, 'Set the state of an activity');
export const setPrioritySchema = partial('priority', { type: ['number', 'string'] }, 'Set the priority of an activity (0–999; "100" accepted)');

export const setScheduleSchema = routeSchema('Set the schedule (startsAt and endsAt) of an activity', {
  params: idParams,
  // The documented body is {startsAt, endsAt}; Adobe's Node SDK wraps it as {schedule: {...}}.
  body: objectSchema({
    startsAt: instant,
    endsAt: instant,
    schedule: { type: 'object', properties: { startsAt: instant, endsAt: instant }, required: ['startsAt', 'endsAt'] },
  }),
  response: { 200: objectSchema({ id: INTEGER, startsAt: instant, endsAt: instant, modifiedAt: STRING }) },
});

const changelogEntry = {
  type: 'object',
  description: 'One of activityParameters, modifiedOffer or activityLocationOfferChange, with modifiedAt',
  properties: {
    modifiedAt: STRING,
    activityParameters: { type: 'object', additionalProperties: { type: 'object' } },
    modifiedOffer: objectSchema({ id: INTEGER, name: STRING }),
    activityLocationOfferChange: { type: 'object' },
  },
} as const;

export const changelogSchema = routeSchema('Get the changelog of an activity, newest first', {
  params: idParams,
  querystring: { type: 'object', additionalProperties: true, properties: { limit: STRING, offset: STRING } },
  response: { 200: listEnvelope('activityChangelogs', changelogEntry, PAGE_TOTAL_LAST) },
});
