import type { AppContext } from '../../context.js';
import { scopes, type Collection } from '../../store/store.js';

/** Collections in scope `profile/<client>`. */
export const PROFILES = 'profiles';
export const THIRD_PARTY_IDS = 'thirdPartyIds';

/**
 * A stored profile, keyed by its tntId (mboxPC). Kept compact because bulk updates create
 * hundreds of thousands: attribute values in one flat object, and a per-attribute timestamp
 * only where it differs from the profile's own modifiedAt.
 */
export interface StoredProfile {
  id: string;
  thirdPartyId?: string;
  /** ISO-8601 with an offset, as in seed 004's sample profile. */
  modifiedAt: string;
  /** Emulator time (ms) of the last update; the lifetime counts from here. Fixtures have none: from load. */
  activeAt?: number;
  /** Created by a delayed update: invisible to fetches before this instant (ms). */
  visibleAt?: number;
  attributes: Record<string, string>;
  /** modifiedAt of attributes that were not part of the profile's latest update. */
  attributeTimes?: Record<string, string>;
  /** Updates accepted but not yet visible (profileUpdateDelayMs). */
  pending?: PendingUpdate[];
}

export interface PendingUpdate {
  at: number;
  attributes: Record<string, string>;
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

  profiles(client: string): Collection<StoredProfile> {
    return this.ctx.store.collection<StoredProfile>(scopes.profile(client), PROFILES);
  }

  links(client: string): Collection<ThirdPartyLink> {
    return this.ctx.store.collection<ThirdPartyLink>(scopes.profile(client), THIRD_PARTY_IDS);
  }

  isExpired(profile: StoredProfile, now: number): boolean {
    return now >= (profile.activeAt ?? this.loadedAt) + this.ctx.config.profileLifetimeMs;
  }

  /** The stored, unexpired profile of a tntId (visible or still pending). */
  byTntId(client: string, tntId: string, now: number): StoredProfile | undefined {
    const profile = this.profiles(client).get(tntId);
    return profile && !this.isExpired(profile, now) ? profile : undefined;
  }

  byThirdPartyId(client: string, thirdPartyId: string, now: number): StoredProfile | undefined {
    const link = this.links(client).get(thirdPartyId);
    const profile = link && this.profiles(client).get(link.tntId);
    return profile && profile.thirdPartyId === thirdPartyId && !this.isExpired(profile, now) ? profile : undefined;
  }

  /** What a fetch shows at `now`: null when the profile is missing, expired or not visible yet. */
  view(client: string, profile: StoredProfile | undefined, visitorId: string, now: number): ProfileView | null {
    if (!profile || (profile.visibleAt !== undefined && profile.visibleAt > now)) return null;
    const settled = settle(profile, now);
    const profileAttributes: ProfileView['profileAttributes'] = {};
    for (const name of Object.keys(settled.attributes)) {
      profileAttributes[name] = { value: settled.attributes[name]!, modifiedAt: settled.attributeTimes?.[name] ?? settled.modifiedAt };
    }
    return { client, visitorId, modifiedAt: settled.modifiedAt, profileAttributes };
  }

  /** Stores a profile and, when it has one, its thirdPartyId link. */
  save(client: string, profile: StoredProfile): void {
    this.profiles(client).put(profile.id, profile);
    if (profile.thirdPartyId !== undefined) {
      const links = this.links(client);
      if (links.get(profile.thirdPartyId)?.tntId !== profile.id) links.put(profile.thirdPartyId, { id: profile.thirdPartyId, tntId: profile.id });
    }
  }

  /** A tntId in Target's shape (<digits>-<digits>), unused in the client's profiles. */
  newTntId(client: string, now: number): string {
    const profiles = this.profiles(client);
    for (;;) {
      const id = `${now}${Math.floor(Math.random() * 100).toString().padStart(2, '0')}-${Math.floor(Math.random() * 1_000_000).toString().padStart(6, '0')}`;
      if (!profiles.has(id)) return id;
    }
  }
}

/** The profile with its due pending updates folded in (the same object when none is due). */
export function settle(profile: StoredProfile, now: number): StoredProfile {
  const pending = profile.pending;
  if (!pending || pending[0]!.at > now) return profile;
  let settled: StoredProfile = { ...profile, pending: undefined };
  const later: PendingUpdate[] = [];
  for (const update of pending) {
    if (update.at <= now) settled = withAttributes(settled, update.attributes, timestamp(update.at), settled.activeAt ?? update.at);
    else later.push(update);
  }
  if (later.length > 0) settled.pending = later;
  else delete settled.pending;
  return settled;
}

/**
 * A copy of `profile` with `changes` applied at `modifiedAt`. Attributes left alone keep their
 * own timestamps; the changed ones take the profile's new modifiedAt.
 */
export function withAttributes(profile: StoredProfile, changes: Record<string, string>, modifiedAt: string, activeAt: number): StoredProfile {
  const attributes = { ...profile.attributes };
  const times: Record<string, string> = {};
  let timed = false;
  for (const name of Object.keys(attributes)) {
    if (name in changes) continue;
    times[name] = profile.attributeTimes?.[name] ?? profile.modifiedAt;
    timed = true;
  }
  for (const name of Object.keys(changes)) attributes[name] = changes[name]!;
  const next: StoredProfile = { ...profile, modifiedAt, activeAt, attributes };
  if (timed) next.attributeTimes = times;
  else delete next.attributeTimes;
  return next;
}

/**
 * Whether the profile stays within MAX_PROFILE_BYTES once `changes` are applied (names and
 * values, UTF-8, pending updates included). Counting characters settles almost every case; the
 * exact UTF-8 count runs only when a profile is near the limit.
 */
export function fitsProfileLimit(profile: StoredProfile | undefined, changes: Record<string, string>): boolean {
  const merged: Record<string, string> = profile ? { ...profile.attributes } : {};
  for (const update of profile?.pending ?? []) Object.assign(merged, update.attributes);
  Object.assign(merged, changes);
  let characters = 0;
  for (const name of Object.keys(merged)) characters += name.length + merged[name]!.length;
  if (characters * 3 <= MAX_PROFILE_BYTES) return true;
  let bytes = 0;
  for (const name of Object.keys(merged)) bytes += Buffer.byteLength(name) + Buffer.byteLength(merged[name]!);
  return bytes <= MAX_PROFILE_BYTES;
}
