import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { createAuthenticationToken, listEnvironments } from './model.js';
import { authenticationTokenSchema, environmentsSchema } from './schemas.js';
import { activityRoutes } from './activities-routes.js';
import { offerAudiencePropertyRoutes } from './offers-routes.js';
import { reportAndMboxRoutes } from './reports-routes.js';
import { batchRoutes } from './batch-routes.js';
import type { ListQuery } from './listing.js';

/** Target Admin API under /:tenant/target (mc.adobe.io). */
export const targetAdminRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(activityRoutes, { ctx });
  await app.register(offerAudiencePropertyRoutes, { ctx });
  await app.register(reportAndMboxRoutes, { ctx });
  await app.register(batchRoutes, { ctx });

  // Issuing a Profile API token changes no Target object: a viewer may (target-roles.ts).
  app.post('/authentication/token', { schema: authenticationTokenSchema, config: { versions: [1], rights: ['read'] } }, (request) =>
    createAuthenticationToken(ctx, request.target!, request.principal!, (request.query as { scope?: string }).scope),
  );

  app.get('/environments', { schema: environmentsSchema, config: { versions: [1] } }, (request) =>
    listEnvironments(ctx, request.target!, request.query as ListQuery),
  );
};
