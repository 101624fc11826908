/**
 * Activity changelogs (seed 004, "Get Activity Changelog"): every change made through the API is
 * recorded here, newest first, in the documented entry shapes:
 *
 * - `{modifiedAt, activityParameters: {<field>: {previousValue, changedValue}}}` — scalar and
 *   structural fields; the name is recorded as `activityName`, creation as `state` with only a
 *   `changedValue`;
 * - `{modifiedAt, activityLocationOfferChange: {changedValue, previousValue, mbox, experience}}` —
 *   the offer served by an experience in a location changed;
 * - `{modifiedAt, modifiedOffer: {id, name}}` — an offer used by the activity was updated.
 *
 * One stored object per activity in the `activityChangelogs` collection: `{id, entries}`.
 */
import type { AppContext } from '../../../context.js';
import type { Clock } from '../../../store/clock.js';
import type { ScopeKey } from '../../../store/store.js';
import { activitiesUsing } from './references.js';

export const CHANGELOGS = 'activityChangelogs';

export interface ParameterChange {
  previousValue?: unknown;
  changedValue?: unknown;
}

export type ChangelogEntry =
  | { modifiedAt: string; activityParameters: Record<string, ParameterChange> }
  | { modifiedAt: string; modifiedOffer: { id: number; name: string } }
  | {
      modifiedAt: string;
      activityLocationOfferChange: {
        changedValue?: OfferRef;
        previousValue?: OfferRef;
        mbox: { name?: unknown; locationLocalId: unknown };
        experience: { name?: unknown; experienceLocalId: unknown };
      };
    };

interface OfferRef {
  id: number;
  name?: string;
}

export interface StoredChangelog {
  id: number;
  entries: ChangelogEntry[];
}

/** Target timestamps as the samples write them: seconds, no milliseconds (`2017-05-11T10:11:18Z`). */
export function targetTimestamp(clock: Clock): string {
  return clock.iso().replace(/\.\d{3}Z$/, 'Z');
}

/** The changelog of an activity, newest first (empty when none was recorded). */
export function changelogOf(ctx: AppContext, scope: ScopeKey, activityId: number): ChangelogEntry[] {
  return ctx.store.collection<StoredChangelog>(scope, CHANGELOGS).get(activityId)?.entries ?? [];
}

/** Prepends `entries` (already newest-first among themselves) to the activity's changelog. */
export function prependEntries(ctx: AppContext, scope: ScopeKey, activityId: number, entries: ChangelogEntry[]): void {
  if (entries.length === 0) return;
  const collection = ctx.store.collection<StoredChangelog>(scope, CHANGELOGS);
  const previous = collection.get(activityId)?.entries ?? [];
  collection.put(activityId, { id: activityId, entries: [...entries, ...previous] });
}

/** Field names of the changelog where they differ from the activity's (seed 004 sample). */
const PARAMETER_NAMES: Record<string, string> = { name: 'activityName' };

/** Fields compared between two versions of an activity, in the order their changes are listed. */
const TRACKED_FIELDS = [
  'name',
  'state',
  'priority',
  'startsAt',
  'endsAt',
  'thirdPartyId',
  'entryConstraint',
  'autoAllocateTraffic',
  'locations',
  'experiences',
  'metrics',
  'reportingAudiences',
  'workspace',
  'propertyIds',
  'analytics',
] as const;

type Activity = Record<string, unknown>;

/** The creation entry: the initial state only, as the oldest entry of the sample shows. */
export function recordCreated(ctx: AppContext, scope: ScopeKey, activity: Activity & { id: number }): void {
  const modifiedAt = targetTimestamp(ctx.clock);
  prependEntries(ctx, scope, activity.id, [{ modifiedAt, activityParameters: { state: { changedValue: activity.state } } }]);
}

/**
 * Records what changed between two versions of an activity: one `activityParameters` entry for
 * the fields, then one `activityLocationOfferChange` per (experience, location) whose offer changed.
 */
export function recordChanges(ctx: AppContext, scope: ScopeKey, before: Activity, after: Activity & { id: number }): void {
  const modifiedAt = targetTimestamp(ctx.clock);
  const parameters: Record<string, ParameterChange> = {};
  for (const field of TRACKED_FIELDS) {
    const previous = field === 'experiences' ? withoutOffers(before.experiences) : before[field];
    const changed = field === 'experiences' ? withoutOffers(after.experiences) : after[field];
    if (sameJson(previous, changed)) continue;
    const change: ParameterChange = {};
    if (previous !== undefined) change.previousValue = previous;
    if (changed !== undefined) change.changedValue = changed;
    parameters[PARAMETER_NAMES[field] ?? field] = change;
  }
  const entries: ChangelogEntry[] = [];
  if (Object.keys(parameters).length > 0) entries.push({ modifiedAt, activityParameters: parameters });
  for (const change of offerChanges(ctx, scope, before, after)) entries.push({ modifiedAt, activityLocationOfferChange: change });
  prependEntries(ctx, scope, after.id, entries);
}

/**
 * Records, in the changelog of every activity using the offer, that the offer was modified
 * (`{modifiedAt, modifiedOffer: {id, name}}`). Called by the offers model after an update.
 */
export function recordOfferModified(ctx: AppContext, scope: ScopeKey, offer: { id: number; name: string }): void {
  const modifiedAt = targetTimestamp(ctx.clock);
  for (const activity of activitiesUsing(ctx, scope, 'offer', offer.id)) {
    prependEntries(ctx, scope, activity.id, [{ modifiedAt, modifiedOffer: { id: offer.id, name: offer.name } }]);
  }
}

type Experience = { experienceLocalId?: unknown; name?: unknown; offerLocations?: Array<{ locationLocalId?: unknown; offerId?: unknown }> };

function withoutOffers(experiences: unknown): unknown {
  if (!Array.isArray(experiences)) return experiences;
  return (experiences as Experience[]).map((experience) => {
    if (!Array.isArray(experience?.offerLocations)) return experience;
    return { ...experience, offerLocations: experience.offerLocations.map(({ offerId: _offerId, ...rest }) => rest) };
  });
}

function offerChanges(ctx: AppContext, scope: ScopeKey, before: Activity, after: Activity) {
  const offersBefore = offerMap(before.experiences);
  const offersAfter = offerMap(after.experiences);
  const mboxes = new Map<string, unknown>();
  for (const mbox of (after.locations as { mboxes?: Array<{ locationLocalId?: unknown; name?: unknown }> } | undefined)?.mboxes ?? []) {
    mboxes.set(String(mbox.locationLocalId), mbox.name);
  }
  for (const mbox of (before.locations as { mboxes?: Array<{ locationLocalId?: unknown; name?: unknown }> } | undefined)?.mboxes ?? []) {
    if (!mboxes.has(String(mbox.locationLocalId))) mboxes.set(String(mbox.locationLocalId), mbox.name);
  }
  const offers = ctx.store.collection<{ id: number; name?: string }>(scope, 'offers');
  const reference = (id: unknown): OfferRef | undefined => {
    if (typeof id !== 'number') return undefined;
    const name = offers.get(id)?.name;
    return name === undefined ? { id } : { id, name };
  };
  const changes = [];
  for (const key of new Set([...offersAfter.keys(), ...offersBefore.keys()])) {
    const previous = offersBefore.get(key);
    const current = offersAfter.get(key);
    if (previous?.offerId === current?.offerId) continue;
    const slot = (current ?? previous)!;
    const change: Extract<ChangelogEntry, { activityLocationOfferChange: unknown }>['activityLocationOfferChange'] = {
      mbox: { name: mboxes.get(String(slot.locationLocalId)), locationLocalId: slot.locationLocalId },
      experience: { name: slot.experienceName, experienceLocalId: slot.experienceLocalId },
    };
    const changed = reference(current?.offerId);
    const prior = reference(previous?.offerId);
    changes.push({
      ...(changed ? { changedValue: changed } : {}),
      ...(prior ? { previousValue: prior } : {}),
      ...change,
    });
  }
  return changes;
}

function offerMap(experiences: unknown) {
  const map = new Map<string, { offerId: unknown; locationLocalId: unknown; experienceLocalId: unknown; experienceName: unknown }>();
  if (!Array.isArray(experiences)) return map;
  for (const experience of experiences as Experience[]) {
    for (const location of experience?.offerLocations ?? []) {
      map.set(`${String(experience.experienceLocalId)}/${String(location.locationLocalId)}`, {
        offerId: location.offerId,
        locationLocalId: location.locationLocalId,
        experienceLocalId: experience.experienceLocalId,
        experienceName: experience.name,
      });
    }
  }
  return map;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
