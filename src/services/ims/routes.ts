import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { clientCredentialsToken, exchangeJwt, type ImsParams } from './model.js';
import { exchangeJwtSchema, tokenV3Schema } from './schemas.js';

/** Form fields win over query parameters of the same name. */
function paramsOf(request: FastifyRequest): ImsParams {
  const body = request.body && typeof request.body === 'object' ? (request.body as ImsParams) : {};
  return { ...(request.query as ImsParams), ...body };
}

export const imsRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/token/v3', { schema: tokenV3Schema }, (request) => clientCredentialsToken(ctx, paramsOf(request)));
  app.post('/exchange/jwt', { schema: exchangeJwtSchema }, (request) => exchangeJwt(ctx, paramsOf(request)));
};
