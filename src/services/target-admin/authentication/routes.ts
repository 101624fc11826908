import type { ServicePlugin } from '../../typed-routes.js';
import { createAuthenticationToken } from './model.js';
import { authenticationTokenSchema } from './schemas.js';

/** POST /authentication/token. */
export const authenticationRoutes: ServicePlugin = async (app, { ctx }) => {
  // Issuing a Profile API token changes no Target object: a viewer may (target-roles.ts).
  app.post('/authentication/token', { schema: authenticationTokenSchema, config: { versions: [1], rights: ['read'] } }, (request) =>
    createAuthenticationToken(ctx, request.target!, request.principal!, request.query.scope),
  );
};
