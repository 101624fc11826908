import { objectSchema } from '../schema-builders.js';

const param = { type: 'string', maxLength: 8192 } as const;

export const tokenV3Schema = {
  tags: ['IMS'],
  summary: 'OAuth server-to-server access token (client_credentials)',
  querystring: objectSchema({ grant_type: param, client_id: param, client_secret: param, scope: param }),
  response: {
    200: objectSchema({ access_token: 'string', token_type: 'string', expires_in: 'integer' }),
  },
} as const;

export const exchangeJwtSchema = {
  tags: ['IMS'],
  summary: 'Exchange a service-account JWT for an access token',
  querystring: objectSchema({ client_id: param, client_secret: param, jwt_token: param }),
  response: {
    200: objectSchema({ token_type: 'string', access_token: 'string', expires_in: 'integer' }),
  },
} as const;
