import type { Clock } from '../../../store/clock.js';
/**
 * AB and XT activities (seed 004, "Activities"): list, create, read, update, delete, the name /
 * state / priority / schedule sub-resources and the changelog. Plain functions over the store.
 *
 * Activities live in the `activities` collection with their `type` ('ab' | 'xt'); a deleted
 * activity stays stored with `state: "deleted"` (so references skip it) but is gone for the API.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import type { TargetRequestScope } from '../../../gateway/types.js';
import type { ScopeKey } from '../../../store/store.js';
import { activityInvalid, activityNotFound } from './errors.js';
import {
  ACTIVITY_KEYS,
  DEFAULT_PRIORITY,
  DEFAULT_STATE,
  checkBodyVersion,
  checkName,
  checkPriority,
  checkSchedule,
  checkState,
  parseScheduleInstant,
  validateDefinition,
  type ActivityType,
  type StoredActivityDefinition,
  type ValidationLookups,
} from './validation.js';
import { changelogOf, recordChanges, recordCreated, targetTimestamp } from '../shared/changelog.js';
import { listItems, type ListQuery } from '../shared/listing.js';
import { DEFAULT_WORKSPACE } from '../shared/fields.js';
import { ACTIVITIES } from '../shared/references.js';

export type StoredActivity = StoredActivityDefinition;
type Json = Record<string, unknown>;

/** The summary of the list (seed 004, "Sample Response for GET Activities"). */
export const SUMMARY_FIELDS = ['id', 'thirdPartyId', 'type', 'state', 'name', 'priority', 'modifiedAt', 'workspace'] as const;
/** Filterable / sortable fields of the list: the summary plus the schedule. */
export const LIST_FIELDS = [...SUMMARY_FIELDS, 'startsAt', 'endsAt'] as const;
const LIST_DATES = ['startsAt', 'endsAt', 'modifiedAt'] as const;

function activities(ctx: AppContext, scope: ScopeKey) {
  return ctx.store.collection<StoredActivity>(scope, ACTIVITIES);
}

/** The stored activity, unless absent, deleted or (when a type is given) of another type: 404. */
function findActivity(ctx: AppContext, scope: ScopeKey, id: number, type?: ActivityType): StoredActivity {
  const activity = activities(ctx, scope).get(id);
  if (!activity || activity.state === 'deleted' || (type !== undefined && activity.type !== type)) {
    throw activityNotFound(ctx.clock, id, type);
  }
  return activity;
}

/** The detail object of the samples: every stored field but `type`, in the documented order. */
export function activityView(activity: StoredActivity): Json {
  const view: Json = {};
  for (const key of ACTIVITY_KEYS) {
    if (key !== 'type' && activity[key] !== undefined) view[key] = activity[key];
  }
  return view;
}

function ordered(fields: Json): StoredActivity {
  const out: Json = {};
  for (const key of ACTIVITY_KEYS) if (fields[key] !== undefined) out[key] = fields[key];
  return out as StoredActivity;
}

function lookups(ctx: AppContext, scope: ScopeKey): ValidationLookups {
  const offers = ctx.store.collection(scope, 'offers');
  const audiences = ctx.store.collection(scope, 'audiences');
  return {
    offerExists: (id) => offers.has(id),
    audienceExists: (id) => audiences.has(id),
    thirdPartyIdOwner: (thirdPartyId) => {
      for (const activity of activities(ctx, scope).values()) if (activity.thirdPartyId === thirdPartyId) return activity.id;
      return undefined;
    },
  };
}

/** GET /activities: the documented list semantics over the summaries of the live activities. */
export function listActivities(ctx: AppContext, target: TargetRequestScope, query: ListQuery) {
  const page = listItems(
    ctx.clock,
    activities(ctx, target.scope).values(),
    query,
    { fields: LIST_FIELDS, dates: LIST_DATES, substring: ['name'] },
    { keep: (activity) => activity.state !== 'deleted', view: listRowOf },
  );
  return {
    total: page.total,
    offset: page.offset,
    limit: page.limit,
    activities: page.items.map((row) => summaries.get(row)!),
  };
}

/**
 * Stored activities are never changed in place (a change stores a new object), so the list row
 * of each stored version is built once: the list is the hot read of the Admin API.
 */
const listRows = new WeakMap<StoredActivity, Json>();
/** The answered summary of each list row: the row without the normalized schedule. */
const summaries = new WeakMap<Json, Json>();

function listRowOf(activity: StoredActivity): Json {
  let row = listRows.get(activity);
  if (row) return row;
  const summary: Json = {};
  for (const field of SUMMARY_FIELDS) if (activity[field] !== undefined) summary[field] = activity[field];
  row = { ...summary };
  // Schedules may be written in any documented form; filters compare instants.
  for (const field of ['startsAt', 'endsAt'] as const) {
    const instant = typeof activity[field] === 'string' ? parseScheduleInstant(activity[field] as string) : null;
    if (instant !== null) row[field] = new Date(instant).toISOString();
  }
  listRows.set(activity, row);
  summaries.set(row, summary);
  return row;
}

export function getActivity(ctx: AppContext, target: TargetRequestScope, type: ActivityType, id: number): Json {
  return activityView(findActivity(ctx, target.scope, id, type));
}

/**
 * POST /activities/{ab|xt}: thirdPartyId generated when absent; state `saved`, priority 5 and the
 * default workspace unless given.
 */
export function createActivity(ctx: AppContext, target: TargetRequestScope, type: ActivityType, body: unknown): Json {
  if (body !== null && typeof body === 'object') checkBodyVersion(ctx.clock, body as Json, target.version);
  const definition = validateDefinition(ctx.clock, body, lookups(ctx, target.scope));
  const id = ctx.store.nextInteger(target.scope, ACTIVITIES);
  const activity = ordered({
    state: DEFAULT_STATE,
    priority: DEFAULT_PRIORITY,
    workspace: DEFAULT_WORKSPACE,
    thirdPartyId: randomUUID(),
    ...definition,
    id,
    type,
    modifiedAt: targetTimestamp(ctx.clock),
  });
  activities(ctx, target.scope).put(id, activity);
  recordCreated(ctx, target.scope, activity);
  return activityView(activity);
}

/**
 * PUT /activities/{ab|xt}/{id}: the body is the new definition. id and type stay; thirdPartyId,
 * state, priority and workspace keep their stored values when the body leaves them out;
 * every other field absent from the body is removed.
 */
export function updateActivity(ctx: AppContext, target: TargetRequestScope, type: ActivityType, id: number, body: unknown): Json {
  const before = findActivity(ctx, target.scope, id, type);
  if (body !== null && typeof body === 'object') checkBodyVersion(ctx.clock, body as Json, target.version);
  const definition = validateDefinition(ctx.clock, body, lookups(ctx, target.scope), id);
  const kept: Json = {
    thirdPartyId: before.thirdPartyId,
    state: before.state,
    priority: before.priority,
    workspace: before.workspace ?? DEFAULT_WORKSPACE,
  };
  const after = ordered({ ...kept, ...definition, id, type: before.type, modifiedAt: targetTimestamp(ctx.clock) });
  activities(ctx, target.scope).put(id, after);
  recordChanges(ctx, target.scope, before, after);
  return activityView(after);
}

/**
 * DELETE /activities/{ab|xt}/{id}: answers the activity with `state: "deleted"` and its
 * thirdPartyId suffixed `_<epoch ms>` (seed 004, both delete samples), freeing the original id.
 */
export function deleteActivity(ctx: AppContext, target: TargetRequestScope, type: ActivityType, id: number): Json {
  const before = findActivity(ctx, target.scope, id, type);
  const now = ctx.clock.now();
  const after = ordered({
    ...before,
    thirdPartyId: `${before.thirdPartyId}_${now}`,
    state: 'deleted',
    modifiedAt: targetTimestamp(ctx.clock),
  });
  activities(ctx, target.scope).put(id, after);
  recordChanges(ctx, target.scope, before, after);
  return activityView(after);
}

function patchActivity(ctx: AppContext, scope: ScopeKey, id: number, fields: Json): StoredActivity {
  const before = findActivity(ctx, scope, id);
  const after = ordered({ ...before, ...fields, modifiedAt: targetTimestamp(ctx.clock) });
  activities(ctx, scope).put(id, after);
  recordChanges(ctx, scope, before, after);
  return after;
}

function bodyObject(ctx: AppContext, body: unknown): Json {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw activityInvalid(ctx.clock, 'body', 'must be a JSON object');
  return body as Json;
}

/**
 * PUT /activities/{id}/name|state|priority → {id, <field>, modifiedAt}: the one field is required
 * and checked by its attribute rule (priority also reads `"100"` as 100).
 */
function setActivityAttribute(
  ctx: AppContext,
  target: TargetRequestScope,
  id: number,
  body: unknown,
  field: 'name' | 'state' | 'priority',
  check: (clock: Clock, value: unknown) => unknown,
) {
  findActivity(ctx, target.scope, id);
  const input = bodyObject(ctx, body);
  if (input[field] === undefined) throw activityInvalid(ctx.clock, field, 'is required');
  const activity = patchActivity(ctx, target.scope, id, { [field]: check(ctx.clock, input[field]) });
  return { id, [field]: activity[field], modifiedAt: activity.modifiedAt };
}

export const setActivityName = (ctx: AppContext, target: TargetRequestScope, id: number, body: unknown) =>
  setActivityAttribute(ctx, target, id, body, 'name', checkName);
export const setActivityState = (ctx: AppContext, target: TargetRequestScope, id: number, body: unknown) =>
  setActivityAttribute(ctx, target, id, body, 'state', checkState);
export const setActivityPriority = (ctx: AppContext, target: TargetRequestScope, id: number, body: unknown) =>
  setActivityAttribute(ctx, target, id, body, 'priority', checkPriority);

/** PUT /activities/{id}/schedule → {id, startsAt, endsAt, modifiedAt}; both instants are required. */
export function setActivitySchedule(ctx: AppContext, target: TargetRequestScope, id: number, body: unknown) {
  findActivity(ctx, target.scope, id);
  const given = bodyObject(ctx, body);
  // Adobe's Node SDK sends the documented fields wrapped in `schedule`.
  const input = given.startsAt === undefined && typeof given.schedule === 'object' && given.schedule !== null ? (given.schedule as typeof given) : given;
  const schedule = checkSchedule(ctx.clock, input.startsAt, input.endsAt, true);
  const activity = patchActivity(ctx, target.scope, id, schedule);
  return { id, startsAt: activity.startsAt, endsAt: activity.endsAt, modifiedAt: activity.modifiedAt };
}

/** GET /activities/{id}/changelog → {offset, limit, total, activityChangelogs}, newest first. */
export function getActivityChangelog(ctx: AppContext, target: TargetRequestScope, id: number, query: ListQuery) {
  findActivity(ctx, target.scope, id);
  const entries = changelogOf(ctx, target.scope, id) as unknown as Json[];
  const page = listItems(ctx.clock, entries, { limit: query.limit, offset: query.offset }, { fields: [] });
  return { offset: page.offset, limit: page.limit, total: page.total, activityChangelogs: page.items };
}
