/**
 * Activity reports (seed 004, "Reports"): performance reports for AB, XT and Automated
 * Personalization (abt) activities, and the orders (audit) report.
 *
 * - A report stored in the `reports` collection under `<kind>/<activityId>` (the documented
 *   samples, fixtures/target.json) is answered as it is.
 * - Any other activity gets a report of the same structure derived from its own experiences and
 *   metrics: the numbers come from a pseudo-random sequence seeded by the activity id (the same
 *   activity always reports the same figures), the interval from its schedule.
 * - Unknown, deleted or wrong-type activity → 404 in the Target envelope.
 */
import type { AppContext } from '../../../context.js';
import type { TargetRequestScope } from '../../../gateway/types.js';
import { targetError } from '../../../gateway/target.js';
import { ACTIVITIES } from '../shared/references.js';
import type { Environment } from '../environments/model.js';

export const REPORTS = 'reports';

/** `performance` reports are per activity type; the orders report serves AB, XT and AP alike. */
export type ReportKind = 'ab-performance' | 'xt-performance' | 'abt-performance' | 'orders';

/** The activity types each report accepts (`abt` = Automated Personalization). */
const ACCEPTED_TYPES: Record<ReportKind, readonly string[]> = {
  'ab-performance': ['ab'],
  'xt-performance': ['xt'],
  'abt-performance': ['abt'],
  orders: ['ab', 'xt', 'abt'],
};

const TYPE_LABEL: Record<ReportKind, string> = {
  'ab-performance': 'AB',
  'xt-performance': 'XT',
  'abt-performance': 'Automated Personalization',
  orders: 'AB, XT or Automated Personalization',
};

/** Metrics every Target report lists ahead of the activity's own (seed 004 samples). */
const IMPLICIT_METRICS = [
  { name: 'Entry', metricLocalId: 0 },
  { name: 'Display mboxes', metricLocalId: 2 },
] as const;

const COUNTERS = ['visitor', 'visit', 'impression', 'landing'] as const;
type Counter = (typeof COUNTERS)[number];
type CounterTotals = Record<Counter, { totals: { entries: number; conversions: number } }>;

export interface StoredReport {
  id: string;
  report: Record<string, unknown>;
}

interface ActivityLike {
  id: number;
  type?: string;
  state?: string;
  name?: string;
  thirdPartyId?: string;
  priority?: number;
  modifiedAt?: string;
  createdAt?: string;
  startsAt?: string;
  endsAt?: string;
  experiences?: Array<Record<string, unknown>>;
  metrics?: Array<Record<string, unknown>>;
}

/** The report of `kind` for activity `rawId`: the stored sample, else one derived from the activity. */
export function activityReport(ctx: AppContext, target: TargetRequestScope, kind: ReportKind, rawId: string) {
  const activity = findActivity(ctx, target, kind, rawId);
  const stored = ctx.store.collection<StoredReport>(target.scope, REPORTS).get(`${kind}/${activity.id}`);
  if (stored) return stored.report;
  return kind === 'orders' ? deriveOrdersReport(ctx, target, activity) : derivePerformanceReport(ctx, target, activity);
}

function findActivity(ctx: AppContext, target: TargetRequestScope, kind: ReportKind, rawId: string): ActivityLike {
  const notFound = () => targetError(ctx.clock, 404, 'Resource.NotFound', `No ${TYPE_LABEL[kind]} activity with id ${rawId}`);
  if (!/^\d{1,15}$/.test(rawId)) throw notFound();
  const activity = ctx.store.collection<ActivityLike>(target.scope, ACTIVITIES).get(Number(rawId));
  if (!activity || activity.state === 'deleted' || !ACCEPTED_TYPES[kind].includes(String(activity.type))) throw notFound();
  return activity;
}

/** `reportParameters` in the documented key order (performance and orders differ). */
function reportParameters(ctx: AppContext, target: TargetRequestScope, activity: ActivityLike, kind: 'performance' | 'orders') {
  const environmentId = reportEnvironment(ctx, target);
  const conversionMetricLocalIds = conversionMetrics(activity);
  const reportInterval = interval(ctx, activity);
  return kind === 'performance'
    ? { activityId: activity.id, ...(environmentId === undefined ? {} : { environmentId }), conversionMetricLocalIds, reportInterval }
    : { activityId: activity.id, ...(environmentId === undefined ? {} : { environmentId }), reportInterval, conversionMetricLocalIds };
}

/** Reports cover the production environment (8818 "Production" in the samples); else the lowest id. */
function reportEnvironment(ctx: AppContext, target: TargetRequestScope): number | undefined {
  const environments = [...ctx.store.collection<Environment>(target.scope, 'environments').values()];
  const production = environments.find((environment) => environment.name.toLowerCase() === 'production');
  if (production) return production.id;
  return environments.length === 0 ? undefined : Math.min(...environments.map((environment) => environment.id));
}

/** Metrics flagged `conversion: true`; when none is, the last metric (32767 in the samples). */
function conversionMetrics(activity: ActivityLike): number[] {
  const metrics = (activity.metrics ?? []).filter((metric) => typeof metric.metricLocalId === 'number');
  const flagged = metrics.filter((metric) => metric.conversion === true).map((metric) => metric.metricLocalId as number);
  if (flagged.length > 0) return flagged;
  return metrics.length === 0 ? [] : [metrics[metrics.length - 1].metricLocalId as number];
}

/** `<start>/<end>`: the schedule when set; otherwise from creation (or last change) until now. */
function interval(ctx: AppContext, activity: ActivityLike): string {
  const now = ctx.clock.now();
  const start = instant(activity.startsAt) ?? instant(activity.createdAt) ?? instant(activity.modifiedAt) ?? now;
  const end = instant(activity.endsAt) ?? now;
  return `${reportInstant(start)}/${reportInstant(end)}`;
}

function instant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** `2017-03-14T05:00Z` on whole minutes (as the samples), the full instant otherwise. */
export function reportInstant(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith(':00.000Z') ? `${iso.slice(0, 16)}Z` : iso;
}

/** The `activity` block of a report: summary fields, metrics with the implicit ones, experiences. */
function reportActivity(activity: ActivityLike) {
  const own = (activity.metrics ?? [])
    .filter((metric) => typeof metric.metricLocalId === 'number')
    .map((metric) => ({ name: String(metric.name ?? ''), metricLocalId: metric.metricLocalId as number }));
  const implicit = IMPLICIT_METRICS.filter((metric) => !own.some((entry) => entry.metricLocalId === metric.metricLocalId));
  return {
    id: activity.id,
    ...(activity.thirdPartyId === undefined ? {} : { thirdPartyId: activity.thirdPartyId }),
    type: activity.type,
    state: activity.state,
    name: activity.name,
    priority: activity.priority,
    modifiedAt: activity.modifiedAt,
    metrics: [...implicit.map((metric) => ({ ...metric })), ...own],
    experiences: reportExperiences(activity).map(({ experienceLocalId, name, deletedAt }) =>
      deletedAt === undefined ? { name, experienceLocalId } : { name, experienceLocalId, deletedAt },
    ),
  };
}

/** Live experiences in their order, then deleted ones (with `deletedAt`), as the AB sample lists them. */
function reportExperiences(activity: ActivityLike): Array<{ experienceLocalId: number; name: string; deletedAt?: string }> {
  const experiences = (activity.experiences ?? [])
    .filter((experience) => typeof experience.experienceLocalId === 'number')
    .map((experience) => ({
      experienceLocalId: experience.experienceLocalId as number,
      name: String(experience.name ?? ''),
      ...(typeof experience.deletedAt === 'string' ? { deletedAt: experience.deletedAt } : {}),
    }));
  return [...experiences.filter((e) => e.deletedAt === undefined), ...experiences.filter((e) => e.deletedAt !== undefined)];
}

/** Performance report: per experience visitor ≤ visit ≤ impression = landing; totals are the sums. */
export function derivePerformanceReport(ctx: AppContext, target: TargetRequestScope, activity: ActivityLike) {
  const random = seededRandom(activity.id);
  const experiences = reportExperiences(activity)
    .map((experience) => experience.experienceLocalId)
    .sort((a, b) => a - b)
    .map((experienceLocalId) => {
      const visitors = 5 + Math.floor(random() * 120);
      const visits = visitors + Math.floor(random() * visitors * 2);
      const impressions = visits + Math.floor(random() * visits * 0.5);
      const conversions = Math.floor(random() * visitors * 0.2);
      const totals: CounterTotals = {
        visitor: { totals: { entries: visitors, conversions } },
        visit: { totals: { entries: visits, conversions } },
        impression: { totals: { entries: impressions, conversions } },
        landing: { totals: { entries: impressions, conversions } },
      };
      return { experienceLocalId, totals };
    });
  const totals = Object.fromEntries(
    COUNTERS.map((counter) => [
      counter,
      {
        totals: {
          entries: experiences.reduce((sum, experience) => sum + experience.totals[counter].totals.entries, 0),
          conversions: experiences.reduce((sum, experience) => sum + experience.totals[counter].totals.conversions, 0),
        },
      },
    ]),
  ) as CounterTotals;
  return {
    reportParameters: reportParameters(ctx, target, activity, 'performance'),
    activity: reportActivity(activity),
    report: { statistics: { totals, experiences } },
  };
}

/**
 * Orders report: AB/XT orders carry `experienceLocalId` (and, for some, `duplicate`, `outlier`,
 * `productPurchasedIds`); AP orders carry `decisionStackId` and `productIds` (seed 004 samples).
 * Order times fall inside the report interval.
 */
export function deriveOrdersReport(ctx: AppContext, target: TargetRequestScope, activity: ActivityLike) {
  const random = seededRandom(activity.id * 31 + 7);
  const parameters = reportParameters(ctx, target, activity, 'orders');
  const [fromText, toText] = parameters.reportInterval.split('/');
  const from = Date.parse(fromText);
  const to = Math.max(from, Date.parse(toText));
  const experienceIds = reportExperiences(activity).map((experience) => experience.experienceLocalId);
  const count = experienceIds.length === 0 ? 0 : 2 + Math.floor(random() * 6);
  const orders = [];
  for (let index = 0; index < count; index += 1) {
    const time = new Date(from + Math.floor(random() * (to - from))).toISOString();
    const total = Math.round((5 + random() * 495) * 100) / 100;
    const product = `product-${1 + Math.floor(random() * 20)}`;
    const id = `${activity.id}-${String(index + 1).padStart(4, '0')}`;
    if (activity.type === 'abt') {
      orders.push({ time, decisionStackId: index % Math.max(1, experienceIds.length), id, total, productIds: [product] });
    } else {
      const experienceLocalId = experienceIds[Math.floor(random() * experienceIds.length)];
      const flagged = random() < 0.2;
      orders.push(
        flagged
          ? { time, experienceLocalId, id, total, duplicate: true, outlier: random() < 0.5, productPurchasedIds: [product] }
          : { time, experienceLocalId, id, total, productPurchasedIds: [product] },
      );
    }
  }
  orders.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  return { reportParameters: parameters, activity: reportActivity(activity), orders };
}

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0) || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
