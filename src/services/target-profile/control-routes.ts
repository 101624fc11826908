import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import type { RequestSchemaProvider } from '../typed-routes.js';
import { isAuthenticationOn, setAuthentication } from './authentication.js';
import { authenticationStateSchema, authenticationSwitchSchema } from './schemas.js';

/**
 * /_mock/profile-authentication/{client}: the emulator's stand-in for the Target UI toggle that
 * turns Profile API authentication on for a client code.
 */
export const profileControlRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (plugin, { ctx }) => {
  const app = plugin.withTypeProvider<RequestSchemaProvider>();

  app.get('/profile-authentication/:client', { schema: authenticationStateSchema }, async (request) => ({
    client: request.params.client,
    enabled: isAuthenticationOn(ctx, request.params.client),
  }));

  app.put('/profile-authentication/:client', { schema: authenticationSwitchSchema }, async (request) => {
    setAuthentication(ctx, request.params.client, request.body.enabled);
    return { client: request.params.client, enabled: request.body.enabled };
  });
};
