import type { ServicePlugin } from '../typed-routes.js';
import { clientCredentialsToken, exchangeJwt, type ImsParams } from './model.js';
import { exchangeJwtSchema, tokenV3Schema } from './schemas.js';

/**
 * The parameters a body carries. A form body (the usual one) parses to string fields; a body of
 * another type that parses to an object is read the same way, as it always was.
 */
function bodyParams(body: unknown): body is ImsParams {
  return body !== null && typeof body === 'object';
}

/** Form fields win over query parameters of the same name. */
function paramsOf(query: ImsParams, body: unknown): ImsParams {
  return { ...query, ...(bodyParams(body) ? body : {}) };
}

export const imsRoutes: ServicePlugin = async (app, { ctx }) => {
  app.post('/token/v3', { schema: tokenV3Schema }, (request) => clientCredentialsToken(ctx, paramsOf(request.query, request.body)));
  app.post('/exchange/jwt', { schema: exchangeJwtSchema }, (request) => exchangeJwt(ctx, paramsOf(request.query, request.body)));
};
