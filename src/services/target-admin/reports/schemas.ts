/**
 * JSON Schemas of the activity report routes (seed 004). Properties are
 * declared in the samples' key order (the serializer writes them in that order); objects keep
 * `additionalProperties: true` so nothing a stored report carries is dropped.
 */
const activityIdParams = {
  type: 'object',
  properties: { tenant: { type: 'string' }, id: { type: 'string', description: 'The activity id' } },
  required: ['tenant', 'id'],
} as const;

const counter = {
  type: 'object',
  properties: {
    totals: {
      type: 'object',
      properties: { entries: { type: 'integer' }, conversions: { type: 'integer' } },
      additionalProperties: true,
    },
  },
  additionalProperties: true,
} as const;

const counters = {
  type: 'object',
  properties: { visitor: counter, visit: counter, impression: counter, landing: counter },
  additionalProperties: true,
} as const;

const reportActivity = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    thirdPartyId: { type: 'string' },
    type: { type: 'string' },
    state: { type: 'string' },
    name: { type: 'string' },
    priority: { type: 'integer' },
    modifiedAt: { type: 'string' },
    metrics: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, metricLocalId: { type: 'integer' } },
        additionalProperties: true,
      },
    },
    experiences: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, experienceLocalId: { type: 'integer' }, deletedAt: { type: 'string' } },
        additionalProperties: true,
      },
    },
  },
  additionalProperties: true,
} as const;

const conversionMetricLocalIds = { type: 'array', items: { type: 'integer' } } as const;

const performanceReport = {
  type: 'object',
  properties: {
    reportParameters: {
      type: 'object',
      properties: {
        activityId: { type: 'integer' },
        environmentId: { type: 'integer' },
        conversionMetricLocalIds,
        reportInterval: { type: 'string', description: '<start>/<end>, ISO 8601' },
      },
      additionalProperties: true,
    },
    activity: reportActivity,
    report: {
      type: 'object',
      properties: {
        statistics: {
          type: 'object',
          properties: {
            totals: counters,
            experiences: {
              type: 'array',
              items: {
                type: 'object',
                properties: { experienceLocalId: { type: 'integer' }, totals: counters },
                additionalProperties: true,
              },
            },
          },
          additionalProperties: true,
        },
      },
      additionalProperties: true,
    },
  },
  additionalProperties: true,
} as const;

const ordersReport = {
  type: 'object',
  properties: {
    reportParameters: {
      type: 'object',
      properties: {
        activityId: { type: 'integer' },
        environmentId: { type: 'integer' },
        reportInterval: { type: 'string', description: '<start>/<end>, ISO 8601' },
        conversionMetricLocalIds,
      },
      additionalProperties: true,
    },
    activity: reportActivity,
    orders: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          time: { type: 'string' },
          experienceLocalId: { type: 'integer', description: 'AB and XT activities' },
          decisionStackId: { type: 'integer', description: 'Automated Personalization activities' },
          id: { type: 'string' },
          total: { type: 'number' },
          duplicate: { type: 'boolean' },
          outlier: { type: 'boolean' },
          productPurchasedIds: { type: 'array', items: { type: 'string' } },
          productIds: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: true,
      },
    },
  },
  additionalProperties: true,
} as const;

const performanceSchema = (summary: string, description: string) =>
  ({ tags: ['Target Admin'], summary, description, params: activityIdParams, response: { 200: performanceReport } }) as const;

export const abPerformanceSchema = performanceSchema(
  'Get the performance report of an AB activity',
  'Visitor, visit, impression and landing counts per experience. 404 when the id is not an AB activity.',
);
export const xtPerformanceSchema = performanceSchema(
  'Get the performance report of an XT activity',
  'Visitor, visit, impression and landing counts per experience. 404 when the id is not an Experience Targeting activity.',
);
export const abtPerformanceSchema = performanceSchema(
  'Get the performance report of an Automated Personalization activity',
  'Visitor, visit, impression and landing counts per experience. 404 when the id is not an Automated Personalization (abt) activity.',
);

export const ordersReportSchema = {
  tags: ['Target Admin'],
  summary: 'Get the orders (audit) report of an AB, XT or Automated Personalization activity',
  params: activityIdParams,
  response: { 200: ordersReport },
} as const;

export const ordersReportAliasSchema = {
  ...ordersReportSchema,
  summary: 'Get the orders (audit) report (the path of seed 004\'s sample request; same as /report/orders)',
} as const;
