/**
 * JSON Schemas of the activity report routes (seed 004). Properties are
 * declared in the samples' key order (the serializer writes them in that order); objects keep
 * `additionalProperties: true` so nothing a stored report carries is dropped.
 */
import { INTEGER, STRING, STRINGS, arrayOf, openObject } from '../../schema-builders.js';
import { routeSchema, tenantParamsWith } from '../shared/schema-builders.js';
import { summaryProperties } from '../activities/schemas.js';

const activityIdParams = tenantParamsWith('id', { type: 'string', description: 'The activity id' });

const counter = openObject({ totals: openObject({ entries: INTEGER, conversions: INTEGER }) });
const counters = openObject({ visitor: counter, visit: counter, impression: counter, landing: counter });

const reportActivity = openObject({
  ...summaryProperties,
  metrics: arrayOf(openObject({ name: STRING, metricLocalId: INTEGER })),
  experiences: arrayOf(openObject({ name: STRING, experienceLocalId: INTEGER, deletedAt: STRING })),
});

/** The report parameters, each report naming them in its sample's order. */
const REPORT_PARAMETERS = {
  activityId: INTEGER,
  environmentId: INTEGER,
  conversionMetricLocalIds: arrayOf(INTEGER),
  reportInterval: { type: 'string', description: '<start>/<end>, ISO 8601' },
} as const;
type ReportParameter = keyof typeof REPORT_PARAMETERS;
const reportParameters = (...names: ReportParameter[]) => openObject(Object.fromEntries(names.map((name) => [name, REPORT_PARAMETERS[name]])));

const performanceReport = openObject({
  reportParameters: reportParameters('activityId', 'environmentId', 'conversionMetricLocalIds', 'reportInterval'),
  activity: reportActivity,
  report: openObject({
    statistics: openObject({ totals: counters, experiences: arrayOf(openObject({ experienceLocalId: INTEGER, totals: counters })) }),
  }),
});

const order = openObject({
  time: STRING,
  experienceLocalId: { type: 'integer', description: 'AB and XT activities' },
  decisionStackId: { type: 'integer', description: 'Automated Personalization activities' },
  id: STRING,
  total: { type: 'number' },
  duplicate: { type: 'boolean' },
  outlier: { type: 'boolean' },
  productPurchasedIds: STRINGS,
  productIds: STRINGS,
});

const ordersReport = openObject({
  reportParameters: reportParameters('activityId', 'environmentId', 'reportInterval', 'conversionMetricLocalIds'),
  activity: reportActivity,
  orders: arrayOf(order),
});

const performanceSchema = (summary: string, description: string) =>
  routeSchema(summary, { description, params: activityIdParams, response: { 200: performanceReport } });

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

export const ordersReportSchema = routeSchema('Get the orders (audit) report of an AB, XT or Automated Personalization activity', {
  params: activityIdParams,
  response: { 200: ordersReport },
});

export const ordersReportAliasSchema = {
  ...ordersReportSchema,
  summary: 'Get the orders (audit) report (the path of seed 004\'s sample request; same as /report/orders)',
} as const;
