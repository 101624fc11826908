const tenantParams = { type: 'object', properties: { tenant: { type: 'string' } }, required: ['tenant'] } as const;

export const authenticationTokenSchema = {
  tags: ['Target Admin'],
  summary: 'Generate a profile_api or debug_tools authentication token',
  params: tenantParams,
  description:
    'scope=profile_api issues a token for the authenticated Profile API (sent there as the access_token header); scope=debug_tools one for mboxTrace. A missing or other scope is a 400 Request.Invalid naming the accepted scopes.',
  // The scope is checked by the model (so the 400 names it exactly), not by the schema.
  querystring: {
    type: 'object',
    properties: { scope: { type: 'string', description: 'profile_api or debug_tools' } },
    additionalProperties: true,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        accessToken: { type: 'string' },
        tokenType: { type: 'string' },
        scope: { type: 'string' },
        expiresIn: { type: 'integer' },
      },
    },
  },
} as const;
