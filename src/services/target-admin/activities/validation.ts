/**
 * The rules of an AB / XT activity definition (seed 004, "Create AB Activity" attribute table and
 * "Update Activity Schedule"), turned into a stored definition in the documented key order.
 * No Fastify here: callers pass the request version and the lookups of offers and audiences.
 */
import type { Clock } from '../../../store/clock.js';
import { activityInvalid, activityUnsupportedFeature } from './errors.js';

export type ActivityType = 'ab' | 'xt';
export const ACTIVITY_TYPES: readonly ActivityType[] = ['ab', 'xt'];
export const ACTIVITY_STATES = ['saved', 'approved', 'deactivated'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number] | 'deleted';

export const NAME_MAX = 250;
export const THIRD_PARTY_ID_MAX = 250;
export const WORKSPACE_MAX = 250;
export const PRIORITY_MIN = 0;
export const PRIORITY_MAX = 999;
export const DEFAULT_PRIORITY = 5;
export const DEFAULT_STATE = 'saved';

/** metrics > action > type (attribute table; the two frequency rules come from its conditions rows). */
export const METRIC_ACTION_TYPES = [
  'count_once',
  'count_landings',
  'restart_same_experience',
  'restart_random_experience',
  'restart_new_experience',
  'ban_from_campaign',
  'experience_frequency_capping',
] as const;
/** metrics > action > onConditionMetAction (only with experience_frequency_capping). */
export const ON_CONDITION_MET_ACTIONS = ['restart_new_experience', 'restart_random_experience'] as const;
/** metrics > mboxes > successEvent. */
export const SUCCESS_EVENTS = ['mbox_shown', 'mbox_clicked'] as const;

/**
 * Fields only a higher version of the activities API knows; a body carrying one under a lower
 * Content-Type version is answered 406 Unsupported.Feature (seed 002, versioning note).
 * v2 brought Enterprise Permissions (workspace, properties); v3 brought auto-allocated traffic.
 */
export const VERSIONED_FIELDS: Readonly<Record<string, number>> = {
  workspace: 2,
  propertyIds: 2,
  autoAllocateTraffic: 3,
};

/** The key order of an activity in the samples of seed 004; `type` is kept in the store only. */
export const ACTIVITY_KEYS = [
  'id',
  'type',
  'thirdPartyId',
  'name',
  'startsAt',
  'endsAt',
  'state',
  'priority',
  'entryConstraint',
  'autoAllocateTraffic',
  'locations',
  'experiences',
  'metrics',
  'reportingAudiences',
  'workspace',
  'propertyIds',
  'analytics',
  'modifiedAt',
] as const;

/** The definition fields a client sends (everything but the server's id, type and modifiedAt). */
const DEFINITION_KEYS = ACTIVITY_KEYS.filter((key) => key !== 'id' && key !== 'type' && key !== 'modifiedAt');

export type StoredActivityDefinition = Record<string, unknown> & {
  id: number;
  type: ActivityType;
  thirdPartyId: string;
  name: string;
  state: ActivityState;
  priority: number;
  modifiedAt: string;
};

export interface ValidationLookups {
  offerExists(id: number): boolean;
  audienceExists(id: number): boolean;
  /** The activity id already using this thirdPartyId, if any. */
  thirdPartyIdOwner(thirdPartyId: string): number | undefined;
}

type Json = Record<string, unknown>;

/**
 * The schedule forms of seed 004 ("Update Activity Schedule"), plus yyyy-MM-dd'T'HH:mmXXX used by
 * its samples (`2017-05-01T08:00Z`). Forms without an offset are read as UTC.
 */
const DATE_FORMS: readonly RegExp[] = [
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:?\d{2})$/,
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})()$/,
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2})()()()$/,
  /^(\d{4})-(\d{2})-(\d{2})()()()()$/,
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}()$/,
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}(Z|[+-]\d{2}:?\d{2})$/,
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})()(Z|[+-]\d{2}:?\d{2})$/,
];
export const DATE_FORMS_TEXT =
  "yyyy-MM-dd'T'HH:mm:ssXXX, yyyy-MM-dd'T'HH:mm:ss, yyyy-MM-dd'T'HH, yyyy-MM-dd, yyyy-MM-dd'T'HH:mm:ss.SSS, yyyy-MM-dd'T'HH:mm:ss.SSSXXX or yyyy-MM-dd'T'HH:mmXXX";

/** Epoch ms of an instant in one of the schedule forms; null when it is none of them. */
export function parseScheduleInstant(text: string): number | null {
  for (const form of DATE_FORMS) {
    const match = form.exec(text);
    if (!match) continue;
    const [, y, mo, d, h = '', mi = '', s = '', zone = ''] = match;
    const ms = /\.(\d{3})/.exec(text)?.[1] ?? '0';
    const fields = [Number(y), Number(mo) - 1, Number(d), Number(h || 0), Number(mi || 0), Number(s || 0), Number(ms)] as const;
    const utc = Date.UTC(...fields);
    const check = new Date(utc);
    if (
      check.getUTCFullYear() !== fields[0] ||
      check.getUTCMonth() !== fields[1] ||
      check.getUTCDate() !== fields[2] ||
      check.getUTCHours() !== fields[3] ||
      fields[4] > 59 ||
      fields[5] > 59
    ) {
      return null;
    }
    return utc - offsetMinutes(zone) * 60_000;
  }
  return null;
}

function offsetMinutes(zone: string): number {
  if (zone === '' || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return zone.startsWith('-') ? -minutes : minutes;
}

/** 406 when the body uses a field the request's version does not know. */
export function checkBodyVersion(clock: Clock, body: Json, version: number): void {
  for (const [field, since] of Object.entries(VERSIONED_FIELDS)) {
    if (body[field] !== undefined && version < since) throw activityUnsupportedFeature(clock);
  }
}

export function checkName(clock: Clock, value: unknown, field = 'name'): string {
  if (typeof value !== 'string') throw activityInvalid(clock, field, 'must be a string');
  if (value.trim() === '') throw activityInvalid(clock, field, 'must not be empty');
  if (value.length > NAME_MAX) throw activityInvalid(clock, field, `must be at most ${NAME_MAX} characters`);
  return value;
}

export function checkState(clock: Clock, value: unknown, field = 'state'): (typeof ACTIVITY_STATES)[number] {
  if (typeof value !== 'string' || !(ACTIVITY_STATES as readonly string[]).includes(value)) {
    throw activityInvalid(clock, field, `must be one of ${ACTIVITY_STATES.join(', ')}`);
  }
  return value as (typeof ACTIVITY_STATES)[number];
}

/** Priority is documented as a String holding 0–999: "100" and 100 are both accepted, answered as a number. */
export function checkPriority(clock: Clock, value: unknown, field = 'priority'): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < PRIORITY_MIN || number > PRIORITY_MAX) {
    throw activityInvalid(clock, field, `must be a whole number between ${PRIORITY_MIN} and ${PRIORITY_MAX}`);
  }
  return number;
}

export function checkInstant(clock: Clock, value: unknown, field: string): string {
  if (typeof value !== 'string' || parseScheduleInstant(value) === null) {
    throw activityInvalid(clock, field, `must be an ISO 8601 date-time (${DATE_FORMS_TEXT})`);
  }
  return value;
}

/** startsAt / endsAt, each optional unless `required`; endsAt must not come before startsAt. */
export function checkSchedule(clock: Clock, startsAt: unknown, endsAt: unknown, required: boolean): { startsAt?: string; endsAt?: string } {
  if (required && startsAt === undefined) throw activityInvalid(clock, 'startsAt', 'is required');
  if (required && endsAt === undefined) throw activityInvalid(clock, 'endsAt', 'is required');
  const starts = startsAt === undefined || startsAt === null ? undefined : checkInstant(clock, startsAt, 'startsAt');
  const ends = endsAt === undefined || endsAt === null ? undefined : checkInstant(clock, endsAt, 'endsAt');
  if (starts !== undefined && ends !== undefined && parseScheduleInstant(ends)! < parseScheduleInstant(starts)!) {
    throw activityInvalid(clock, 'endsAt', 'must not be before startsAt');
  }
  return { startsAt: starts, endsAt: ends };
}

/**
 * Checks a full AB / XT definition (POST, or PUT replacing the definition) and returns the
 * definition fields in the documented order. Server fields (id, type, modifiedAt) in the body are ignored.
 */
export function validateDefinition(clock: Clock, body: unknown, lookups: ValidationLookups, selfId?: number): Json {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw activityInvalid(clock, 'body', 'must be a JSON object');
  const input = body as Json;
  const bad = (field: string, problem: string) => activityInvalid(clock, field, problem);
  /** A local id must be a whole number, declared once in its list. */
  const declare = (declared: Set<number>, field: string, value: unknown): void => {
    const localId = localIdOf(value);
    if (localId === null) throw bad(field, 'must be a whole number');
    if (declared.has(localId)) throw bad(field, `${localId} is declared twice`);
    declared.add(localId);
  };
  const out: Json = {};

  if (input.thirdPartyId !== undefined) {
    const value = input.thirdPartyId;
    if (typeof value !== 'string' || value.trim() === '') throw bad('thirdPartyId', 'must be a non-empty string');
    if (value.length > THIRD_PARTY_ID_MAX) throw bad('thirdPartyId', `must be at most ${THIRD_PARTY_ID_MAX} characters`);
    const owner = lookups.thirdPartyIdOwner(value);
    if (owner !== undefined && owner !== selfId) throw bad('thirdPartyId', `'${value}' is already used by activity ${owner}`);
    out.thirdPartyId = value;
  }
  if (input.name === undefined) throw bad('name', 'is required');
  out.name = checkName(clock, input.name);
  const schedule = checkSchedule(clock, input.startsAt, input.endsAt, false);
  if (schedule.startsAt !== undefined) out.startsAt = schedule.startsAt;
  if (schedule.endsAt !== undefined) out.endsAt = schedule.endsAt;
  if (input.state !== undefined) out.state = checkState(clock, input.state);
  if (input.priority !== undefined) out.priority = checkPriority(clock, input.priority);

  const offer = (field: string, value: unknown) => {
    if (!isId(value)) throw bad(field, 'must be an offer id (a whole number)');
    // offerId 0 is the default content (seed 004, "Delete XT Activity" sample).
    if (value !== 0 && !lookups.offerExists(value)) throw bad(field, `refers to offer ${value}, which does not exist`);
  };
  const audience = (field: string, value: unknown) => {
    if (!isId(value)) throw bad(field, 'must be an audience id (a whole number)');
    if (!lookups.audienceExists(value)) throw bad(field, `refers to audience ${value}, which does not exist`);
  };
  const audienceList = (field: string, value: unknown) => {
    if (!Array.isArray(value)) throw bad(field, 'must be an array of audience ids');
    value.forEach((id, index) => audience(`${field}[${index}]`, id));
  };

  if (input.entryConstraint !== undefined) {
    const value = input.entryConstraint;
    if (isObject(value)) {
      if (value.audienceId !== undefined) audience('entryConstraint.audienceId', value.audienceId);
      if (value.mbox !== undefined && typeof value.mbox !== 'string') throw bad('entryConstraint.mbox', 'must be a string');
      if (value.visitorPercentage !== undefined) percentage(clock, 'entryConstraint.visitorPercentage', value.visitorPercentage);
    } else if (typeof value !== 'string') {
      throw bad('entryConstraint', 'must be an object {mbox, audienceId, visitorPercentage}');
    }
    out.entryConstraint = value;
  }

  if (input.autoAllocateTraffic !== undefined) {
    const value = input.autoAllocateTraffic;
    if (!isObject(value)) throw bad('autoAllocateTraffic', 'must be an object {enabled, successEvaluationCriteria}');
    if (value.enabled !== undefined && typeof value.enabled !== 'boolean') throw bad('autoAllocateTraffic.enabled', 'must be a boolean');
    if (value.successEvaluationCriteria !== undefined && typeof value.successEvaluationCriteria !== 'string') {
      throw bad('autoAllocateTraffic.successEvaluationCriteria', 'must be a string');
    }
    out.autoAllocateTraffic = value;
  }

  // A definition without a location or an experience has nothing to deliver: every create and
  // update sample of seed 004 carries both, and a PUT replaces the whole definition.
  const locationIds = new Set<number>();
  if (input.locations === undefined || input.locations === null) throw bad('locations', 'is required');
  const locations = input.locations;
  if (!isObject(locations)) throw bad('locations', 'must be an object {mboxes: [...]}');
  if (!Array.isArray(locations.mboxes)) throw bad('locations.mboxes', locations.mboxes === undefined ? 'is required' : 'must be an array');
  if (locations.mboxes.length === 0) throw bad('locations.mboxes', 'must contain at least one mbox');
  locations.mboxes.forEach((mbox, index) => {
    const field = `locations.mboxes[${index}]`;
    if (!isObject(mbox)) throw bad(field, 'must be an object {locationLocalId, name}');
    declare(locationIds, `${field}.locationLocalId`, mbox.locationLocalId);
    if (typeof mbox.name !== 'string' || mbox.name.trim() === '') throw bad(`${field}.name`, 'must be a non-empty string');
    if (mbox.audienceIds !== undefined) audienceList(`${field}.audienceIds`, mbox.audienceIds);
    if (mbox.audienceId !== undefined) {
      if (Array.isArray(mbox.audienceId)) audienceList(`${field}.audienceId`, mbox.audienceId);
      else audience(`${field}.audienceId`, mbox.audienceId);
    }
  });
  out.locations = locations;

  const experienceIds = new Set<number>();
  if (input.experiences === undefined || input.experiences === null) throw bad('experiences', 'is required');
  const experiences = input.experiences;
  if (!Array.isArray(experiences)) throw bad('experiences', 'must be an array');
  if (experiences.length === 0) throw bad('experiences', 'must contain at least one experience');
  experiences.forEach((experience, index) => {
    const field = `experiences[${index}]`;
    if (!isObject(experience)) throw bad(field, 'must be an object');
    declare(experienceIds, `${field}.experienceLocalId`, experience.experienceLocalId);
    if (experience.name !== undefined) checkName(clock, experience.name, `${field}.name`);
    if (experience.visitorPercentage !== undefined) percentage(clock, `${field}.visitorPercentage`, experience.visitorPercentage);
    if (experience.audienceIds !== undefined) audienceList(`${field}.audienceIds`, experience.audienceIds);
    if (experience.offerLocations !== undefined) {
      if (!Array.isArray(experience.offerLocations)) throw bad(`${field}.offerLocations`, 'must be an array');
      experience.offerLocations.forEach((offerLocation, offerIndex) => {
        const place = `${field}.offerLocations[${offerIndex}]`;
        if (!isObject(offerLocation)) throw bad(place, 'must be an object {locationLocalId, offerId}');
        const location = localIdOf(offerLocation.locationLocalId);
        if (location === null) throw bad(`${place}.locationLocalId`, 'must be a whole number');
        if (!locationIds.has(location)) throw bad(`${place}.locationLocalId`, `${location} is not a declared location (locations.mboxes)`);
        offer(`${place}.offerId`, offerLocation.offerId);
      });
    }
  });
  out.experiences = experiences;

  const metricIds = new Set<number>();
  if (input.metrics !== undefined) {
    const value = input.metrics;
    if (!Array.isArray(value)) throw bad('metrics', 'must be an array');
    value.forEach((metric, index) => {
      const field = `metrics[${index}]`;
      if (!isObject(metric)) throw bad(field, 'must be an object');
      declare(metricIds, `${field}.metricLocalId`, metric.metricLocalId);
      if (metric.name !== undefined && typeof metric.name !== 'string') throw bad(`${field}.name`, 'must be a string');
      if (metric.conversion !== undefined && typeof metric.conversion !== 'boolean') throw bad(`${field}.conversion`, 'must be a boolean');
      if (metric.mboxes !== undefined) checkMetricMboxes(`${field}.mboxes`, metric.mboxes);
      if (metric.action !== undefined) {
        const action = metric.action;
        if (!isObject(action)) throw bad(`${field}.action`, 'must be an object');
        if (!(METRIC_ACTION_TYPES as readonly unknown[]).includes(action.type)) {
          throw bad(`${field}.action.type`, `must be one of ${METRIC_ACTION_TYPES.join(', ')}`);
        }
        if (action.onConditionMetAction !== undefined && !(ON_CONDITION_MET_ACTIONS as readonly unknown[]).includes(action.onConditionMetAction)) {
          throw bad(`${field}.action.onConditionMetAction`, `must be one of ${ON_CONDITION_MET_ACTIONS.join(', ')}`);
        }
        if (action.conditions !== undefined) checkConditions(`${field}.action.conditions`, action.conditions, experienceIds);
        if (action.mboxes !== undefined) checkMetricMboxes(`${field}.action.mboxes`, action.mboxes);
      }
    });
    out.metrics = value;
  }

  if (input.reportingAudiences !== undefined) {
    const value = input.reportingAudiences;
    if (!Array.isArray(value)) throw bad('reportingAudiences', 'must be an array');
    value.forEach((entry, index) => {
      const field = `reportingAudiences[${index}]`;
      if (!isObject(entry)) throw bad(field, 'must be an object {reportingAudienceLocalId, audienceId, metricLocalId}');
      if (entry.reportingAudienceLocalId !== undefined && localIdOf(entry.reportingAudienceLocalId) === null) {
        throw bad(`${field}.reportingAudienceLocalId`, 'must be a whole number');
      }
      audience(`${field}.audienceId`, entry.audienceId);
      if (entry.metricLocalId !== undefined) {
        const metric = localIdOf(entry.metricLocalId);
        if (metric === null || !metricIds.has(metric)) throw bad(`${field}.metricLocalId`, `${String(entry.metricLocalId)} is not a declared metric`);
      }
    });
    out.reportingAudiences = value;
  }

  if (input.workspace !== undefined) {
    const value = input.workspace;
    if (typeof value !== 'string' || value === '') throw bad('workspace', 'must be a non-empty string');
    if (value.length > WORKSPACE_MAX) throw bad('workspace', `must be at most ${WORKSPACE_MAX} characters`);
    out.workspace = value;
  }
  if (input.propertyIds !== undefined) {
    if (!Array.isArray(input.propertyIds) || !input.propertyIds.every(isId)) throw bad('propertyIds', 'must be an array of property ids');
    out.propertyIds = input.propertyIds;
  }
  if (input.analytics !== undefined) {
    const value = input.analytics;
    if (!isObject(value)) throw bad('analytics', 'must be an object {reportSuite, dataCollectionHost}');
    for (const key of ['reportSuite', 'dataCollectionHost']) {
      if (value[key] !== undefined && typeof value[key] !== 'string') throw bad(`analytics.${key}`, 'must be a string');
    }
    out.analytics = value;
  }

  // Only documented fields are kept, in the documented order, as independent copies.
  const ordered: Json = {};
  for (const key of DEFINITION_KEYS) if (out[key] !== undefined) ordered[key] = structuredClone(out[key]);
  return ordered;

  function checkMetricMboxes(field: string, value: unknown): void {
    if (!Array.isArray(value)) throw bad(field, 'must be an array');
    value.forEach((mbox, index) => {
      const place = `${field}[${index}]`;
      if (!isObject(mbox)) throw bad(place, 'must be an object {name, successEvent}');
      if (typeof mbox.name !== 'string' || mbox.name.trim() === '') throw bad(`${place}.name`, 'must be a non-empty string');
      if (mbox.successEvent !== undefined && !(SUCCESS_EVENTS as readonly unknown[]).includes(mbox.successEvent)) {
        throw bad(`${place}.successEvent`, `must be one of ${SUCCESS_EVENTS.join(', ')}`);
      }
      if (mbox.audienceId !== undefined) audience(`${place}.audienceId`, mbox.audienceId);
    });
  }

  function checkConditions(field: string, value: unknown, experiences: Set<number>): void {
    if (!isObject(value)) throw bad(field, 'must be an object');
    for (const key of ['maxVisitCount', 'maxImpressionCount']) {
      if (value[key] !== undefined && !isId(value[key])) throw bad(`${field}.${key}`, 'must be a whole number');
    }
    if (value.experiences !== undefined) {
      if (!Array.isArray(value.experiences)) throw bad(`${field}.experiences`, 'must be an array');
      value.experiences.forEach((entry, index) => {
        const place = `${field}.experiences[${index}]`;
        if (!isObject(entry)) throw bad(place, 'must be an object');
        const localId = localIdOf(entry.experienceLocalId);
        if (localId === null || !experiences.has(localId)) throw bad(`${place}.experienceLocalId`, `${String(entry.experienceLocalId)} is not a declared experience`);
        for (const key of ['maxVisitCount', 'maxImpressionCount']) {
          if (entry[key] !== undefined && !isId(entry[key])) throw bad(`${place}.${key}`, 'must be a whole number');
        }
      });
    }
  }
}

function percentage(clock: Clock, field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw activityInvalid(clock, field, 'must be a number between 0 and 100');
  }
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Local ids are numbers in the samples and "String" in the attribute table: both are read. */
function localIdOf(value: unknown): number | null {
  if (isId(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}
