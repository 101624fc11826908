const tenantParams = { type: 'object', properties: { tenant: { type: 'string' } }, required: ['tenant'] } as const;

export const authenticationTokenSchema = {
  tags: ['Target Admin'],
  summary: 'Generate a profile_api or debug_tools authentication token',
  params: tenantParams,
  querystring: { type: 'object', properties: { scope: { type: 'string', enum: ['profile_api', 'debug_tools'] } }, required: ['scope'] },
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

export const environmentsSchema = {
  tags: ['Target Admin'],
  summary: 'List environments',
  params: tenantParams,
  response: {
    200: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        offset: { type: 'integer' },
        limit: { type: 'integer' },
        environments: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
        },
      },
    },
  },
} as const;
