/**
 * Which activities use an offer or an audience: the one place the "in use" rule looks, for the
 * delete refusals of offers and audiences and for offer changes written to activity changelogs.
 */
import type { AppContext } from '../../../context.js';
import type { ScopeKey } from '../../../store/store.js';

export const ACTIVITIES = 'activities';

export type StoredActivity = Record<string, unknown> & { id: number; type: 'ab' | 'xt'; name: string };

/**
 * Activities (not deleted) that refer to the offer (`offerId`) or the audience (`audienceIds` of
 * experiences, `audienceId` of metric mboxes, reporting audiences and entry constraints).
 */
export function activitiesUsing(ctx: AppContext, scope: ScopeKey, kind: 'offer' | 'audience', id: number): StoredActivity[] {
  const keys = kind === 'offer' ? ['offerId'] : ['audienceIds', 'audienceId'];
  const activities = ctx.store.collection<StoredActivity>(scope, ACTIVITIES);
  const found: StoredActivity[] = [];
  // Read without copying every activity a reset shared (store.ts); only those found are handed out.
  for (const [key, activity] of activities.readOnlyEntries()) {
    if (activity.state !== 'deleted' && refersTo(activity, keys, id)) found.push(activities.get(key)!);
  }
  return found;
}

function refersTo(value: unknown, keys: string[], id: number): boolean {
  if (Array.isArray(value)) return value.some((element) => refersTo(element, keys, id));
  if (value === null || typeof value !== 'object') return false;
  for (const [name, child] of Object.entries(value)) {
    if (keys.includes(name) && (child === id || (Array.isArray(child) && child.includes(id)))) return true;
    if (typeof child === 'object' && refersTo(child, keys, id)) return true;
  }
  return false;
}
