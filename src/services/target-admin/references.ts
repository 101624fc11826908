/**
 * Which activities use an offer or an audience: the one place the "in use" rule looks, for the
 * delete refusals of offers and audiences and for offer changes written to activity changelogs.
 */
import type { AppContext } from '../../context.js';
import type { ScopeKey } from '../../store/store.js';

export const ACTIVITIES = 'activities';

export type StoredActivity = Record<string, unknown> & { id: number; type: 'ab' | 'xt'; name: string };

/** Activities (not deleted) whose experiences refer to the offer (`offerId`) or audience (`audienceIds`). */
export function activitiesUsing(ctx: AppContext, scope: ScopeKey, kind: 'offer' | 'audience', id: number): StoredActivity[] {
  const key = kind === 'offer' ? 'offerId' : 'audienceIds';
  const found: StoredActivity[] = [];
  for (const activity of ctx.store.collection<StoredActivity>(scope, ACTIVITIES).values()) {
    if (activity.state !== 'deleted' && refersTo(activity, key, id)) found.push(activity);
  }
  return found;
}

function refersTo(value: unknown, key: string, id: number): boolean {
  if (Array.isArray(value)) return value.some((element) => refersTo(element, key, id));
  if (value === null || typeof value !== 'object') return false;
  for (const [name, child] of Object.entries(value)) {
    if (name === key && (child === id || (Array.isArray(child) && child.includes(id)))) return true;
    if (typeof child === 'object' && refersTo(child, key, id)) return true;
  }
  return false;
}
