import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import type { ListQuery } from './listing.js';
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
} from './activities-model.js';
import {
  changelogSchema,
  createActivitySchema,
  deleteActivitySchema,
  getActivitySchema,
  listActivitiesSchema,
  setNameSchema,
  setPrioritySchema,
  setScheduleSchema,
  setStateSchema,
  updateActivitySchema,
} from './activities-schemas.js';
import { ACTIVITY_TYPES } from './activities-validation.js';

/** Activities accept v1–v3 on every endpoint (seed 004 samples use v3 for AB/XT, v1 for the rest). */
const VERSIONS = { versions: [1, 2, 3] };

/**
 * Activities keep the key order of their samples, nested objects included (metrics list
 * `action` before or after `mboxes` as the client wrote them): serialized as stored.
 */
const preserveOrder = () => (data: unknown) => JSON.stringify(data);

type IdParams = { id: number };

/** Activities: list, AB, XT, name/state/priority/schedule, changelog (seed 004, "Activities"). */
export const activityRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = { config: VERSIONS, serializerCompiler: preserveOrder };

  app.get('/activities', { ...route, schema: listActivitiesSchema }, (request) =>
    listActivities(ctx, request.target!, request.query as ListQuery),
  );

  for (const type of ACTIVITY_TYPES) {
    app.post(`/activities/${type}`, { ...route, schema: createActivitySchema(type) }, (request) =>
      createActivity(ctx, request.target!, type, request.body),
    );
    app.get(`/activities/${type}/:id`, { ...route, schema: getActivitySchema(type) }, (request) =>
      getActivity(ctx, request.target!, type, (request.params as IdParams).id),
    );
    app.put(`/activities/${type}/:id`, { ...route, schema: updateActivitySchema(type) }, (request) =>
      updateActivity(ctx, request.target!, type, (request.params as IdParams).id, request.body),
    );
    app.delete(`/activities/${type}/:id`, { ...route, schema: deleteActivitySchema(type) }, (request) =>
      deleteActivity(ctx, request.target!, type, (request.params as IdParams).id),
    );
  }

  app.put('/activities/:id/name', { ...route, schema: setNameSchema }, (request) =>
    setActivityName(ctx, request.target!, (request.params as IdParams).id, request.body),
  );
  app.put('/activities/:id/state', { ...route, schema: setStateSchema }, (request) =>
    setActivityState(ctx, request.target!, (request.params as IdParams).id, request.body),
  );
  app.put('/activities/:id/priority', { ...route, schema: setPrioritySchema }, (request) =>
    setActivityPriority(ctx, request.target!, (request.params as IdParams).id, request.body),
  );
  app.put('/activities/:id/schedule', { ...route, schema: setScheduleSchema }, (request) =>
    setActivitySchedule(ctx, request.target!, (request.params as IdParams).id, request.body),
  );
  app.get('/activities/:id/changelog', { ...route, schema: changelogSchema }, (request) =>
    getActivityChangelog(ctx, request.target!, (request.params as IdParams).id, request.query as ListQuery),
  );
};
