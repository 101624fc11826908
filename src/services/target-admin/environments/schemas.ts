const tenantParams = { type: 'object', properties: { tenant: { type: 'string' } }, required: ['tenant'] } as const;

export const environmentsSchema = {
  tags: ['Target Admin'],
  summary: 'List environments',
  description: 'The environments (host groups) of the tenant, with the shared list semantics: limit, offset, sortBy, filters on id and name.',
  params: tenantParams,
  querystring: {
    type: 'object',
    properties: {
      limit: { type: 'string' },
      offset: { type: 'string' },
      sortBy: { type: 'array', items: { type: 'string' } },
      id: { type: 'array', items: { type: 'string' } },
      name: { type: 'array', items: { type: 'string' } },
    },
    additionalProperties: true,
  },
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
