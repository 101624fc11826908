import type { ServicePlugin } from '../../typed-routes.js';
import { activityReport } from './model.js';
import { abPerformanceSchema, abtPerformanceSchema, ordersReportAliasSchema, ordersReportSchema, xtPerformanceSchema } from './schemas.js';

/**
 * Versions served (seed 004 samples send v1; Adobe's SDK, @adobe/aio-lib-target, asks for the
 * reports with `Accept: application/vnd.adobe.target.v3+json`, so reports answer v1 to v3).
 */
export const REPORT_VERSIONS = [1, 2, 3];

/** Performance and orders reports of activities. */
export const reportRoutes: ServicePlugin = async (app, { ctx }) => {
  const config = { versions: REPORT_VERSIONS };

  app.get('/activities/ab/:id/report/performance', { schema: abPerformanceSchema, config }, (request) =>
    activityReport(ctx, request.target!, 'ab-performance', request.params.id),
  );
  app.get('/activities/xt/:id/report/performance', { schema: xtPerformanceSchema, config }, (request) =>
    activityReport(ctx, request.target!, 'xt-performance', request.params.id),
  );
  app.get('/activities/abt/:id/report/performance', { schema: abtPerformanceSchema, config }, (request) =>
    activityReport(ctx, request.target!, 'abt-performance', request.params.id),
  );
  app.get('/activities/ab/:id/report/orders', { schema: ordersReportSchema, config }, (request) =>
    activityReport(ctx, request.target!, 'orders', request.params.id),
  );
  // The seed's sample request for the audit report uses this path; it answers the same report.
  app.get('/activities/ab/:id/orders/performance', { schema: ordersReportAliasSchema, config }, (request) =>
    activityReport(ctx, request.target!, 'orders', request.params.id),
  );
};
