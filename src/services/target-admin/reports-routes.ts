import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { activityReport } from './reports-model.js';
import { listMboxes, mboxParameters, profileAttributes } from './mboxes-model.js';
import {
  abPerformanceSchema,
  abtPerformanceSchema,
  mboxesSchema,
  mboxParametersSchema,
  ordersReportAliasSchema,
  ordersReportSchema,
  profileAttributesSchema,
  xtPerformanceSchema,
} from './reports-schemas.js';
import type { ListQuery } from './listing.js';

/**
 * Versions served (seed 004 samples send v1; Adobe's SDK, @adobe/aio-lib-target, asks for the
 * reports with `Accept: application/vnd.adobe.target.v3+json`, so reports answer v1 to v3).
 */
export const REPORT_VERSIONS = [1, 2, 3];
export const MBOX_VERSIONS = [1];

/** Reports, mboxes, mbox parameters, profile attributes. */
export const reportAndMboxRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const config = { versions: REPORT_VERSIONS };
  type IdParams = { Params: { id: string } };

  app.get<IdParams>('/activities/ab/:id/report/performance', { schema: abPerformanceSchema, config }, (request) =>
    activityReport(ctx, request.target!, 'ab-performance', request.params.id),
  );
  app.get<IdParams>('/activities/xt/:id/report/performance', { schema: xtPerformanceSchema, config }, (request) =>
    activityReport(ctx, request.target!, 'xt-performance', request.params.id),
  );
  app.get<IdParams>('/activities/abt/:id/report/performance', { schema: abtPerformanceSchema, config }, (request) =>
    activityReport(ctx, request.target!, 'abt-performance', request.params.id),
  );
  app.get<IdParams>('/activities/ab/:id/report/orders', { schema: ordersReportSchema, config }, (request) =>
    activityReport(ctx, request.target!, 'orders', request.params.id),
  );
  // The seed's sample request for the audit report uses this path; it answers the same report.
  app.get<IdParams>('/activities/ab/:id/orders/performance', { schema: ordersReportAliasSchema, config }, (request) =>
    activityReport(ctx, request.target!, 'orders', request.params.id),
  );

  app.get('/mboxes', { schema: mboxesSchema, config: { versions: MBOX_VERSIONS } }, (request) =>
    listMboxes(ctx, request.target!, request.query as ListQuery),
  );
  app.get<{ Params: { mboxName: string } }>('/mbox/:mboxName', { schema: mboxParametersSchema, config: { versions: MBOX_VERSIONS } }, (request) =>
    mboxParameters(ctx, request.target!, request.params.mboxName),
  );
  app.get('/profileattributes/mbox', { schema: profileAttributesSchema, config: { versions: MBOX_VERSIONS } }, (request) =>
    profileAttributes(ctx, request.target!),
  );
};
