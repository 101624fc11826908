/** JSON Schemas of the mbox and profile-attribute routes (seed 004, "Mboxes and Environments"). */
const tenantParams = { type: 'object', properties: { tenant: { type: 'string' } }, required: ['tenant'] } as const;

const mbox = {
  type: 'object',
  properties: { name: { type: 'string' }, status: { type: 'string' }, lastRequestedAt: { type: 'string' } },
} as const;

export const mboxesSchema = {
  tags: ['Target Admin'],
  summary: 'List mboxes',
  description:
    'The list semantics of every Target Admin list (limit, offset, repeatable sortBy with - for descending, filters on name (substring), status, lastRequestedAt (from/to range)). Without limit, 5 mboxes are answered, as in the documented sample.',
  params: tenantParams,
  querystring: {
    type: 'object',
    properties: {
      limit: { type: 'string', description: 'Items to answer (default 5)' },
      offset: { type: 'string', description: 'First item to answer (default 0)' },
      sortBy: { type: 'array', items: { type: 'string' }, description: 'Sort keys, - prefix for descending' },
      name: { type: 'array', items: { type: 'string' } },
      status: { type: 'array', items: { type: 'string' } },
      lastRequestedAt: { type: 'array', items: { type: 'string' } },
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
        mboxes: { type: 'array', items: mbox },
      },
    },
  },
} as const;

export const mboxParametersSchema = {
  tags: ['Target Admin'],
  summary: 'List the parameters of an mbox',
  description: '404 when the tenant has no mbox of that name.',
  params: {
    type: 'object',
    properties: { tenant: { type: 'string' }, mboxName: { type: 'string' } },
    required: ['tenant', 'mboxName'],
  },
  response: {
    200: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        mboxParameters: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' }, parameterType: { type: 'string' } } },
        },
      },
    },
  },
} as const;

export const profileAttributesSchema = {
  tags: ['Target Admin'],
  summary: 'List profile attributes and mbox parameters of type profile',
  params: tenantParams,
  response: {
    200: {
      type: 'object',
      properties: { mboxProfileAttributes: { type: 'array', items: { type: 'string' } } },
    },
  },
} as const;
