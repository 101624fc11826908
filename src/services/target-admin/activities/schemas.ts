/**
 * JSON Schemas of the activities endpoints (seed 004, "Activities"; target_api.json `Activity`,
 * `ActivityList`, `ActivityChangeLogList`...). Bodies are checked for types here; the rules
 * (lengths, ranges, references, enums) live in activities-validation.ts so their messages name
 * the field. Responses keep the stored key order (see `preserveOrder` in activities-routes.ts).
 */
import { DATE_FORMS_TEXT, METRIC_ACTION_TYPES, SUCCESS_EVENTS, VERSIONED_FIELDS } from './validation.js';

const TAGS = ['Target Admin'];
const tenant = { tenant: { type: 'string' } } as const;
const idParams = {
  type: 'object',
  properties: { ...tenant, id: { type: 'integer', minimum: 0, description: 'The activity id' } },
  required: ['tenant', 'id'],
} as const;
const tenantParams = { type: 'object', properties: tenant, required: ['tenant'] } as const;

const stringList = { type: 'array', items: { type: 'string' } } as const;
const localId = { type: ['integer', 'string'], description: 'Tracks the item across POST/PUT requests' } as const;
const idList = { type: 'array', items: { type: 'integer' } } as const;
const instant = { type: 'string', description: `ISO 8601: ${DATE_FORMS_TEXT}` } as const;

const versionNote = Object.entries(VERSIONED_FIELDS)
  .map(([field, version]) => `${field} (v${version})`)
  .join(', ');

const metricMboxes = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      successEvent: { type: 'string', description: SUCCESS_EVENTS.join(' | ') },
      audienceId: { type: 'integer' },
    },
  },
} as const;

const definitionProperties = {
  thirdPartyId: { type: 'string', description: 'At most 250 characters, unique among activities; a UUID is generated when absent' },
  name: { type: 'string', description: '1–250 characters' },
  startsAt: instant,
  endsAt: instant,
  state: { type: 'string', description: 'saved | approved | deactivated (answers: also deleted)' },
  priority: { type: ['number', 'string'], description: '0–999, default 5' },
  entryConstraint: {
    type: ['object', 'string'],
    properties: { mbox: { type: 'string' }, audienceId: { type: 'integer' }, visitorPercentage: { type: 'number' } },
  },
  autoAllocateTraffic: {
    type: 'object',
    description: 'v3',
    properties: { enabled: { type: 'boolean' }, successEvaluationCriteria: { type: 'string' } },
  },
  locations: {
    type: 'object',
    properties: {
      mboxes: {
        type: 'array',
        items: {
          type: 'object',
          properties: { locationLocalId: localId, name: { type: 'string' }, audienceIds: idList },
        },
      },
    },
  },
  experiences: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        experienceLocalId: localId,
        name: { type: 'string' },
        audienceIds: { ...idList, description: 'XT: the audiences the experience targets' },
        visitorPercentage: { type: 'number' },
        offerLocations: {
          type: 'array',
          items: {
            type: 'object',
            properties: { locationLocalId: localId, offerId: { type: 'integer', description: '0: default content' } },
          },
        },
      },
    },
  },
  metrics: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        metricLocalId: localId,
        name: { type: 'string' },
        conversion: { type: 'boolean' },
        mboxes: metricMboxes,
        action: {
          type: 'object',
          properties: {
            type: { type: 'string', description: METRIC_ACTION_TYPES.join(' | ') },
            conditions: { type: 'object' },
            onConditionMetAction: { type: 'string' },
            mboxes: metricMboxes,
          },
        },
      },
    },
  },
  reportingAudiences: {
    type: 'array',
    items: {
      type: 'object',
      properties: { reportingAudienceLocalId: localId, audienceId: { type: 'integer' }, metricLocalId: localId },
    },
  },
  workspace: { type: 'string', description: 'v2' },
  propertyIds: { ...idList, description: 'v2' },
  analytics: { type: 'object', properties: { reportSuite: { type: 'string' }, dataCollectionHost: { type: 'string' } } },
} as const;

const activityObject = {
  type: 'object',
  properties: { id: { type: 'integer' }, ...definitionProperties, modifiedAt: { type: 'string' } },
} as const;

const activityBody = {
  type: 'object',
  description: `AB / XT activity definition. Fields only a higher version knows: ${versionNote}.`,
  properties: definitionProperties,
} as const;

const summary = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    thirdPartyId: { type: 'string' },
    type: { type: 'string' },
    state: { type: 'string' },
    name: { type: 'string' },
    priority: { type: 'integer' },
    modifiedAt: { type: 'string' },
    workspace: { type: 'string' },
  },
} as const;

export const listActivitiesSchema = {
  tags: TAGS,
  summary: 'List activities (limit, offset, sortBy, filters on the summary fields and the schedule)',
  params: tenantParams,
  querystring: {
    type: 'object',
    additionalProperties: true,
    properties: {
      limit: { type: 'string', description: 'Default 2147483647' },
      offset: { type: 'string' },
      sortBy: { ...stringList, description: 'Repeatable; "-" prefix for descending' },
      id: { ...stringList, description: 'Repeated values or a comma list: OR; "!" prefix negates' },
      thirdPartyId: stringList,
      type: stringList,
      state: stringList,
      name: { ...stringList, description: 'Case-insensitive substring' },
      priority: stringList,
      workspace: stringList,
      startsAt: { ...stringList, description: 'Range <from>/<to> of ISO 8601 instants' },
      endsAt: { ...stringList, description: 'Range <from>/<to> of ISO 8601 instants' },
      modifiedAt: { ...stringList, description: 'Range <from>/<to> of ISO 8601 instants' },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        offset: { type: 'integer' },
        limit: { type: 'integer' },
        activities: { type: 'array', items: summary },
      },
    },
  },
} as const;

const typeName = { ab: 'AB', xt: 'XT' } as const;

export const getActivitySchema = (type: 'ab' | 'xt') =>
  ({ tags: TAGS, summary: `Get an ${typeName[type]} activity`, params: idParams, response: { 200: activityObject } }) as const;

export const createActivitySchema = (type: 'ab' | 'xt') =>
  ({
    tags: TAGS,
    summary: `Create an ${typeName[type]} activity (Content-Type application/vnd.adobe.target.v1|v2|v3+json)`,
    params: tenantParams,
    body: activityBody,
    response: { 200: activityObject },
  }) as const;

export const updateActivitySchema = (type: 'ab' | 'xt') =>
  ({
    tags: TAGS,
    summary: `Update an ${typeName[type]} activity (replaces its definition)`,
    params: idParams,
    body: activityBody,
    response: { 200: activityObject },
  }) as const;

export const deleteActivitySchema = (type: 'ab' | 'xt') =>
  ({
    tags: TAGS,
    summary: `Delete an ${typeName[type]} activity (answers it with state "deleted")`,
    params: idParams,
    response: { 200: activityObject },
  }) as const;

const partial = (field: string, schema: object, summaryText: string, required: string[] = [field]) =>
  ({
    tags: TAGS,
    summary: summaryText,
    params: idParams,
    body: { type: 'object', properties: { [field]: schema }, required },
    response: {
      200: { type: 'object', properties: { id: { type: 'integer' }, [field]: schema, modifiedAt: { type: 'string' } } },
    },
  }) as const;

export const setNameSchema = partial('name', { type: 'string' }, 'Rename an activity');
export const setStateSchema = partial('state', { type: 'string', description: 'saved | approved | deactivated' }, 'Set the state of an activity');
export const setPrioritySchema = partial('priority', { type: ['number', 'string'] }, 'Set the priority of an activity (0–999; "100" accepted)');

export const setScheduleSchema = {
  tags: TAGS,
  summary: 'Set the schedule (startsAt and endsAt) of an activity',
  params: idParams,
  // The documented body is {startsAt, endsAt}; Adobe's Node SDK wraps it as {schedule: {...}}.
  body: {
    type: 'object',
    properties: {
      startsAt: instant,
      endsAt: instant,
      schedule: { type: 'object', properties: { startsAt: instant, endsAt: instant }, required: ['startsAt', 'endsAt'] },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: { id: { type: 'integer' }, startsAt: instant, endsAt: instant, modifiedAt: { type: 'string' } },
    },
  },
} as const;

export const changelogSchema = {
  tags: TAGS,
  summary: 'Get the changelog of an activity, newest first',
  params: idParams,
  querystring: { type: 'object', additionalProperties: true, properties: { limit: { type: 'string' }, offset: { type: 'string' } } },
  response: {
    200: {
      type: 'object',
      properties: {
        offset: { type: 'integer' },
        limit: { type: 'integer' },
        total: { type: 'integer' },
        activityChangelogs: {
          type: 'array',
          items: {
            type: 'object',
            description: 'One of activityParameters, modifiedOffer or activityLocationOfferChange, with modifiedAt',
            properties: {
              modifiedAt: { type: 'string' },
              activityParameters: { type: 'object', additionalProperties: { type: 'object' } },
              modifiedOffer: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
              activityLocationOfferChange: { type: 'object' },
            },
          },
        },
      },
    },
  },
} as const;
