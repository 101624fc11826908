import type { ServicePlugin } from '../../typed-routes.js';
import {
  createActivity,
  deleteActivity,
  getActivity,
  getActivityChangelog,
  listActivities,
  setActivityName,
  setActivityPriority,
  setActivitySchedule,
  setActivityState,
  updateActivity,
} from './model.js';
import {
  activitySchemas,
  changelogSchema,
  listActivitiesSchema,
  setNameSchema,
  setPrioritySchema,
  setScheduleSchema,
  setStateSchema,
} from './schemas.js';
import { ACTIVITY_TYPES } from './validation.js';
import { activityBodyRights, type TargetRight } from '../../../gateway/target-roles.js';

/** Activities accept v1–v3 on every endpoint (seed 004 samples use v3 for AB/XT, v1 for the rest). */
const VERSIONS = { versions: [1, 2, 3] };
const ACTIVATE: readonly TargetRight[] = ['activate'];

/**
 * Activities keep the key order of their samples, nested objects included (metrics list
 * `action` before or after `mboxes` as the client wrote them): serialized as stored.
 */
const preserveOrder = () => (data: unknown) => JSON.stringify(data);

/**
 * The list is the hot read of the Admin API: each summary's JSON is kept per summary object
 * (summaries are built once per stored version, see activities/model.ts), so a page is joined
 * text rather than serialized afresh. Other statuses (errors) are serialized as usual.
 */
const summaryJson = new WeakMap<object, string>();
const listSerializer = ({ httpStatus }: { httpStatus?: string }) =>
  httpStatus !== '200'
    ? (data: unknown) => JSON.stringify(data)
    : (page: { total: number; offset: number; limit: number; activities: object[] }) => {
        const items: string[] = [];
        for (const summary of page.activities) {
          let json = summaryJson.get(summary);
          if (json === undefined) {
            json = JSON.stringify(summary);
            summaryJson.set(summary, json);
          }
          items.push(json);
        }
        return `{"total":${page.total},"offset":${page.offset},"limit":${page.limit},"activities":[${items.join(',')}]}`;
      };

/** Activities: list, AB, XT, name/state/priority/schedule, changelog (seed 004, "Activities"). */
export const activityRoutes: ServicePlugin = async (app, { ctx }) => {
  const route = { config: VERSIONS, serializerCompiler: preserveOrder };
  // Creating or replacing an activity in a live or stopped state is a state change too.
  const bodyRights = { ...VERSIONS, rights: activityBodyRights };

  app.get('/activities', { ...route, serializerCompiler: listSerializer, schema: listActivitiesSchema }, (request) =>
    listActivities(ctx, request.target!, request.query),
  );

  for (const type of ACTIVITY_TYPES) {
    const schemas = activitySchemas(type);
    app.post(`/activities/${type}`, { ...route, config: bodyRights, schema: schemas.create }, (request) =>
      createActivity(ctx, request.target!, type, request.body),
    );
    app.get(`/activities/${type}/:id`, { ...route, schema: schemas.get }, (request) =>
      getActivity(ctx, request.target!, type, request.params.id),
    );
    app.put(`/activities/${type}/:id`, { ...route, config: bodyRights, schema: schemas.update }, (request) =>
      updateActivity(ctx, request.target!, type, request.params.id, request.body),
    );
    app.delete(`/activities/${type}/:id`, { ...route, schema: schemas.delete }, (request) =>
      deleteActivity(ctx, request.target!, type, request.params.id),
    );
  }

  app.put('/activities/:id/name', { ...route, schema: setNameSchema }, (request) =>
    setActivityName(ctx, request.target!, request.params.id, request.body),
  );
  app.put('/activities/:id/state', { ...route, config: { ...VERSIONS, rights: ACTIVATE }, schema: setStateSchema }, (request) =>
    setActivityState(ctx, request.target!, request.params.id, request.body),
  );
  app.put('/activities/:id/priority', { ...route, schema: setPrioritySchema }, (request) =>
    setActivityPriority(ctx, request.target!, request.params.id, request.body),
  );
  app.put('/activities/:id/schedule', { ...route, schema: setScheduleSchema }, (request) =>
    setActivitySchedule(ctx, request.target!, request.params.id, request.body),
  );
  app.get('/activities/:id/changelog', { ...route, schema: changelogSchema }, (request) =>
    getActivityChangelog(ctx, request.target!, request.params.id, request.query),
  );
};
