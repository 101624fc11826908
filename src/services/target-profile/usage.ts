import type { AppContext } from '../../context.js';
import { scopes } from '../../store/store.js';

const USAGE = 'usage';
const DAY_MS = 86_400_000;
const BUCKET_MS = 60_000;

/** What a rolling 24-hour quota counts. */
export type Meter = 'singleUpdates' | 'batchRows';

/** Seed 004: 1 million single updates in any rolling 24 hours; one million batch rows a day per client. */
export const DAILY_LIMITS: Record<Meter, number> = { singleUpdates: 1_000_000, batchRows: 1_000_000 };

/** Counts per minute of emulator time; the sum of the last 24 hours' minutes is the usage. */
interface UsageRecord {
  id: Meter;
  buckets: Record<string, number>;
}

function usageOf(ctx: AppContext, client: string) {
  return ctx.store.collection<UsageRecord>(scopes.profile(client), USAGE);
}

/** Units of `meter` used by the client in the 24 hours before `now`. */
export function usedInLastDay(ctx: AppContext, client: string, meter: Meter, now: number): number {
  const record = usageOf(ctx, client).get(meter);
  if (!record) return 0;
  let used = 0;
  for (const [start, count] of Object.entries(record.buckets)) if (Number(start) + BUCKET_MS > now - DAY_MS) used += count;
  return used;
}

export function remainingToday(ctx: AppContext, client: string, meter: Meter, now: number): number {
  return Math.max(0, DAILY_LIMITS[meter] - usedInLastDay(ctx, client, meter, now));
}

/** Records `amount` units at `now`, dropping minutes older than the window. */
export function recordUsage(ctx: AppContext, client: string, meter: Meter, amount: number, now: number): void {
  if (amount <= 0) return;
  const usage = usageOf(ctx, client);
  const buckets: Record<string, number> = {};
  for (const [start, count] of Object.entries(usage.get(meter)?.buckets ?? {})) if (Number(start) + BUCKET_MS > now - DAY_MS) buckets[start] = count;
  const bucket = String(Math.floor(now / BUCKET_MS) * BUCKET_MS);
  buckets[bucket] = (buckets[bucket] ?? 0) + amount;
  usage.put(meter, { id: meter, buckets });
}
