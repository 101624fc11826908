import type { AppContext } from '../../context.js';
import { scopes, type Collection } from '../../store/store.js';

/** Collections in scope `profile/<client>`. */
export const PROFILES = 'profiles';
export const THIRD_PARTY_IDS = 'thirdPartyIds';
/** Profiles created by a v2 batch keyed by thirdPartyId: no tntId is known for them, so they are keyed by it. */
export const THIRD_PARTY_PROFILES = 'thirdPartyProfiles';

/**
 * A stored profile, keyed by its tntId (mboxPC). Kept compact because bulk updates create
 * hundreds of thousands: a per-attribute timestamp only where it differs from the profile's own
 * modifiedAt, and profiles created by a batch file keep their row as one string (`cells`, values
 * joined by CELL_SEPARATOR) beside the batch's shared column names, until they are next updated.
 */
export interface StoredProfile {
  /** The tntId; for a thirdPartyOnly profile, its thirdPartyId. */
  id: string;
  thirdPartyId?: string;
  /** Known only by its thirdPartyId (collection thirdPartyProfiles) until a tntId is attached. */
  thirdPartyOnly?: boolean;
  /** ISO-8601 with an offset, as in seed 004's sample profile. */
  modifiedAt: string;
  /** Emulator time (ms) of the last update; the lifetime counts from here. Fixtures have none: from load. */
  activeAt?: number;
  /** Created by a delayed update: invisible to fetches before this instant (ms). */
  visibleAt?: number;
  /** Attribute values; absent while the profile is still in its compact batch form. */
  attributes?: Record<string, string>;
  /** Compact batch form: attribute names (one array shared by the batch's profiles)... */
  columns?: string[];
  /** ...and their values joined by CELL_SEPARATOR ('' = not set). */
  cells?: string;
  /** modifiedAt of attributes that were not part of the profile's latest update. */
  attributeTimes?: Record<string, string>;
  /** Updates accepted but not yet visible (profileUpdateDelayMs). */
  pending?: PendingUpdate[];
  /**
   * Attribute names set by the latest v2 batch upload since the profile's last mbox call (a fetch
   * or a single update stands in for one): the next v2 upload overrides that upload. May be the
   * batch's shared column array.
   */
  sinceMbox?: readonly string[];
  /** The batch id of that upload: rows of one upload for the same profile merge, they are one call. */
  sinceMboxBatch?: string;
}

export interface PendingUpdate {
  at: number;
  attributes: Record<string, string>;
  /** Attributes removed when the update becomes visible (see overriddenNames). */
  drop?: readonly string[];
}

/** thirdPartyId → the tntId of its profile. */
export interface ThirdPartyLink {
  id: string;
  tntId: string;
}

/** The documented profile structure (seed 004, "Sample Profile Structure"). */
export interface ProfileView {
  client: string;
  visitorId: string;
  modifiedAt: string;
  profileAttributes: Record<string, { value: string; modifiedAt: string }>;
}

/** Joins the cells of a compact profile (a control character no batch value may contain). */
export const CELL_SEPARATOR = '\u001f';

/** The profile's attribute values, whichever form it is stored in. */
export function attributesOf(profile: StoredProfile): Record<string, string> {
  if (profile.attributes) return profile.attributes;
  return unpackCells(profile.columns ?? [], profile.cells ?? '');
}

export function unpackCells(columns: readonly string[], cells: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (cells === '') return attributes;
  const values = cells.split(CELL_SEPARATOR);
  for (let i = 0; i < values.length && i < columns.length; i++) if (values[i] !== '') attributes[columns[i]!] = values[i]!;
  return attributes;
}

/** Seed 004: a profile including system data must stay under 2000 KB. */
export const MAX_PROFILE_BYTES = 2000 * 1024;

/** Timestamps the way the edge writes them: milliseconds and an explicit offset (UTC here). */
export function timestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+00:00');
}

/** Profile state of one emulator: lookups, lifetime, delayed visibility. */
export class ProfileStore {
  /** When the fixtures were (re)loaded: fixture profiles count their lifetime from here. */
  private loadedAt: number;

  constructor(private readonly ctx: AppContext) {
    this.loadedAt = ctx.clock.now();
    ctx.onReset(() => {
      this.loadedAt = ctx.clock.now();
    });
  }

  /** The client's profiles, for the length of one request (the store may be replaced between requests). */
  forClient(client: string): ClientProfiles {
    const scope = scopes.profile(client);
    const store = this.ctx.store;
    return new ClientProfiles(
      client,
      store.collection<StoredProfile>(scope, PROFILES),
      store.collection<StoredProfile>(scope, THIRD_PARTY_PROFILES),
      store.collection<ThirdPartyLink>(scope, THIRD_PARTY_IDS),
      this.loadedAt,
      this.ctx.config.profileLifetimeMs,
    );
  }
}

const stores = new WeakMap<AppContext, ProfileStore>();

/** One ProfileStore per emulator, shared by both prefixes of the service. */
export function profileStoreOf(ctx: AppContext): ProfileStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new ProfileStore(ctx);
    stores.set(ctx, store);
  }
  return store;
}

export class ClientProfiles {
  constructor(
    readonly client: string,
    private readonly profiles: Collection<StoredProfile>,
    private readonly thirdPartyOnly: Collection<StoredProfile>,
    private readonly links: Collection<ThirdPartyLink>,
    private readonly loadedAt: number,
    private readonly lifetimeMs: number,
  ) {}

  isExpired(profile: StoredProfile, now: number): boolean {
    return now >= (profile.activeAt ?? this.loadedAt) + this.lifetimeMs;
  }

  /** The stored, unexpired profile of a tntId (visible or still pending). */
  byTntId(tntId: string, now: number): StoredProfile | undefined {
    const profile = this.profiles.get(tntId);
    return profile && !this.isExpired(profile, now) ? profile : undefined;
  }

  /** The profile a thirdPartyId is attached to, else the one known only by that thirdPartyId. */
  byThirdPartyId(thirdPartyId: string, now: number): StoredProfile | undefined {
    const link = this.links.size > 0 ? this.links.get(thirdPartyId) : undefined;
    const linked = link && this.profiles.get(link.tntId);
    const profile = linked?.thirdPartyId === thirdPartyId ? linked : this.thirdPartyOnly.get(thirdPartyId);
    return profile && !this.isExpired(profile, now) ? profile : undefined;
  }

  /** A profile created from a thirdPartyId alone (no tntId known), if there is one. */
  onlyByThirdPartyId(thirdPartyId: string): StoredProfile | undefined {
    return this.thirdPartyOnly.get(thirdPartyId);
  }

  /** Stores a profile in its collection and, for a tntId profile with a thirdPartyId, the link. */
  save(profile: StoredProfile): void {
    if (profile.thirdPartyOnly) {
      this.thirdPartyOnly.put(profile.id, profile);
      return;
    }
    this.profiles.put(profile.id, profile);
    if (profile.thirdPartyId !== undefined && this.links.get(profile.thirdPartyId)?.tntId !== profile.id) {
      this.links.put(profile.thirdPartyId, { id: profile.thirdPartyId, tntId: profile.id });
      this.thirdPartyOnly.delete(profile.thirdPartyId);
    }
  }

  /** What a fetch shows at `now`: null when the profile is missing, expired or not visible yet. */
  view(profile: StoredProfile | undefined, visitorId: string, now: number): ProfileView | null {
    if (!profile || (profile.visibleAt !== undefined && profile.visibleAt > now)) return null;
    const settled = settle(profile, now);
    const profileAttributes: ProfileView['profileAttributes'] = {};
    const attributes = attributesOf(settled);
    for (const name of Object.keys(attributes)) {
      profileAttributes[name] = { value: attributes[name]!, modifiedAt: settled.attributeTimes?.[name] ?? settled.modifiedAt };
    }
    return { client: this.client, visitorId, modifiedAt: settled.modifiedAt, profileAttributes };
  }
}

/** The profile with its due pending updates folded in (the same object when none is due). */
export function settle(profile: StoredProfile, now: number): StoredProfile {
  const pending = profile.pending;
  if (!pending || pending[0]!.at > now) return profile;
  let settled: StoredProfile = { ...profile, pending: undefined };
  const later: PendingUpdate[] = [];
  for (const update of pending) {
    if (update.at <= now) settled = withAttributes(settled, update.attributes, timestamp(update.at), settled.activeAt ?? update.at, update.drop);
    else later.push(update);
  }
  if (later.length > 0) settled.pending = later;
  else delete settled.pending;
  return settled;
}

/**
 * A copy of `profile` with `changes` applied at `modifiedAt` and the `drop` attributes removed.
 * Attributes left alone keep their own timestamps; the changed ones take the profile's new modifiedAt.
 */
export function withAttributes(
  profile: StoredProfile,
  changes: Record<string, string>,
  modifiedAt: string,
  activeAt: number,
  drop?: readonly string[],
): StoredProfile {
  const attributes = { ...attributesOf(profile) };
  for (const name of drop ?? []) if (!(name in changes)) delete attributes[name];
  const times: Record<string, string> = {};
  let timed = false;
  for (const name of Object.keys(attributes)) {
    if (name in changes) continue;
    times[name] = profile.attributeTimes?.[name] ?? profile.modifiedAt;
    timed = true;
  }
  for (const name of Object.keys(changes)) attributes[name] = changes[name]!;
  const next: StoredProfile = { ...profile, modifiedAt, activeAt, attributes };
  delete next.columns;
  delete next.cells;
  if (timed) next.attributeTimes = times;
  else delete next.attributeTimes;
  return next;
}

/**
 * Seed 004 (Bulk Profile Update, caveats): consecutive v2 uploads for the same profile with no
 * mbox call in between override each other. The attributes the pending upload set (`sinceMbox`)
 * that the new one does not set are dropped; those it sets take the new values anyway.
 */
export function overriddenNames(profile: StoredProfile, changes: Record<string, string>, batchId: string): string[] | undefined {
  if (profile.sinceMboxBatch === batchId) return undefined;
  const dropped = profile.sinceMbox?.filter((name) => !(name in changes));
  return dropped && dropped.length > 0 ? dropped : undefined;
}

/** What `sinceMbox` becomes once a v2 upload `batchId` has set `changes` on the profile. */
export function namesSinceMbox(profile: StoredProfile, changes: Record<string, string>, batchId: string): string[] {
  const names = Object.keys(changes);
  if (profile.sinceMboxBatch !== batchId || profile.sinceMbox === undefined) return names;
  return [...new Set([...profile.sinceMbox, ...names])];
}

/** The profile after an mbox call (here: a fetch or a single update): no v2 upload is pending to be overridden. */
export function afterMboxCall(profile: StoredProfile): StoredProfile {
  if (profile.sinceMbox === undefined && profile.sinceMboxBatch === undefined) return profile;
  const next = { ...profile };
  delete next.sinceMbox;
  delete next.sinceMboxBatch;
  return next;
}

/**
 * Whether the profile stays within MAX_PROFILE_BYTES once `changes` are applied (names and
 * values, UTF-8, pending updates included). Counting characters settles almost every case; the
 * exact UTF-8 count runs only when a profile is near the limit.
 */
export function fitsProfileLimit(profile: StoredProfile | undefined, changes: Record<string, string>): boolean {
  const merged: Record<string, string> = profile ? { ...attributesOf(profile) } : {};
  for (const update of profile?.pending ?? []) Object.assign(merged, update.attributes);
  Object.assign(merged, changes);
  let characters = 0;
  for (const name of Object.keys(merged)) characters += name.length + merged[name]!.length;
  if (characters * 3 <= MAX_PROFILE_BYTES) return true;
  let bytes = 0;
  for (const name of Object.keys(merged)) bytes += Buffer.byteLength(name) + Buffer.byteLength(merged[name]!);
  return bytes <= MAX_PROFILE_BYTES;
}
