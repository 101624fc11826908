const param = { type: 'string', maxLength: 8192 } as const;

export const tokenV3Schema = {
  tags: ['IMS'],
  summary: 'OAuth server-to-server access token (client_credentials)',
  querystring: { type: 'object', properties: { grant_type: param, client_id: param, client_secret: param, scope: param } },
  response: {
    200: {
      type: 'object',
      properties: { access_token: { type: 'string' }, token_type: { type: 'string' }, expires_in: { type: 'integer' } },
    },
  },
} as const;

export const exchangeJwtSchema = {
  tags: ['IMS'],
  summary: 'Exchange a service-account JWT for an access token',
  querystring: { type: 'object', properties: { client_id: param, client_secret: param, jwt_token: param } },
  response: {
    200: {
      type: 'object',
      properties: { token_type: { type: 'string' }, access_token: { type: 'string' }, expires_in: { type: 'integer' } },
    },
  },
} as const;
