import type { ServicePlugin } from '../../typed-routes.js';
import { listEnvironments } from './model.js';
import { environmentsSchema } from './schemas.js';

/** GET /environments. */
export const environmentRoutes: ServicePlugin = async (app, { ctx }) => {
  app.get('/environments', { schema: environmentsSchema, config: { versions: [1] } }, (request) =>
    listEnvironments(ctx, request.target!, request.query),
  );
};
