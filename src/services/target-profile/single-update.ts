import type { Readable } from 'node:stream';
import type { AppContext } from '../../context.js';
import type { Answer } from '../answer.js';
import {
  getTooLarge,
  noProfileWithThirdPartyId,
  noProfileWithTntId,
  postTooLarge,
  singleUpdateQuotaExceeded,
  updateAttributesMissing,
  updateIdMissing,
} from './errors.js';
import { afterMboxCall, attributesOf, fitsProfileLimit, settle, timestamp, withAttributes, type ClientProfiles, type ProfileStore, type StoredProfile } from './model.js';
import { DAILY_LIMITS, recordUsage, usedInLastDay } from './usage.js';
import { xmlAnswer, xmlResponse, type XmlField } from './xml.js';

/** Seed 004: "8KB for GET and 60KB for POST". */
export const MAX_GET_URL_BYTES = 8 * 1024;
export const MAX_POST_BODY_BYTES = 60 * 1024;

const ATTRIBUTE_PREFIX = 'profile.';

export interface UpdateRequest {
  mboxPC?: string;
  mbox3rdPartyId?: string;
  /** profile.<name> parameters, prefix removed; empty values are left out (nothing to change). */
  attributes: Record<string, string>;
}

/** GET /m2/{client}/profile/update: the parameters are in the request URL (8 KB at most). */
export function updateFromUrl(ctx: AppContext, profiles: ProfileStore, client: string, url: string): Answer {
  if (Buffer.byteLength(url) > MAX_GET_URL_BYTES) throw getTooLarge(MAX_GET_URL_BYTES);
  return xmlAnswer(xmlResponse(singleUpdate(ctx, profiles, client, readUpdateParameters(queryOf(url)))));
}

/** POST /m2/{client}/profile/update: the URL's parameters, then the form body's (60 KB at most). */
export async function updateFromForm(ctx: AppContext, profiles: ProfileStore, client: string, url: string, body: Readable): Promise<Answer> {
  const form = await readSmallBody(body, MAX_POST_BODY_BYTES);
  return xmlAnswer(xmlResponse(singleUpdate(ctx, profiles, client, readUpdateParameters(queryOf(url), new URLSearchParams(form)))));
}

/** The URL's query string, decoded as URL-encoded UTF-8 (names are case sensitive). */
function queryOf(url: string): URLSearchParams {
  const at = url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
}

async function readSmallBody(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) throw postTooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads the parameters of a single update (query string, and for POST the form body after it).
 * Names are case sensitive; only `profile.`-prefixed ones are attributes, the rest are ignored.
 */
export function readUpdateParameters(...sources: URLSearchParams[]): UpdateRequest {
  const request: UpdateRequest = { attributes: {} };
  for (const params of sources) {
    for (const [name, value] of params) {
      if (name === 'mboxPC') request.mboxPC = value || request.mboxPC;
      else if (name === 'mbox3rdPartyId') request.mbox3rdPartyId = value || request.mbox3rdPartyId;
      else if (name.startsWith(ATTRIBUTE_PREFIX) && name.length > ATTRIBUTE_PREFIX.length && value !== '') {
        const attribute = name.slice(ATTRIBUTE_PREFIX.length);
        if (attribute !== '__proto__') request.attributes[attribute] = value;
      }
    }
  }
  return request;
}

/**
 * Applies a single update to an existing profile (this API never creates one). With both ids,
 * the mboxPC profile is updated and the thirdPartyId attached to it. Answers the XML fields.
 */
export function singleUpdate(ctx: AppContext, profiles: ProfileStore, client: string, update: UpdateRequest): XmlField[] {
  if (update.mboxPC === undefined && update.mbox3rdPartyId === undefined) throw updateIdMissing();
  const linking = update.mboxPC !== undefined && update.mbox3rdPartyId !== undefined;
  if (Object.keys(update.attributes).length === 0 && !linking) throw updateAttributesMissing();
  const now = ctx.clock.now();
  if (usedInLastDay(ctx, client, 'singleUpdates', now) >= DAILY_LIMITS.singleUpdates) throw singleUpdateQuotaExceeded(DAILY_LIMITS.singleUpdates);

  const known = profiles.forClient(client);
  const existing = update.mboxPC !== undefined ? known.byTntId(update.mboxPC, now) : known.byThirdPartyId(update.mbox3rdPartyId!, now);
  if (!existing) {
    const notFound = update.mboxPC !== undefined ? noProfileWithTntId(client, update.mboxPC) : noProfileWithThirdPartyId(client, update.mbox3rdPartyId!);
    return [
      ['success', false],
      ['message', `${notFound}: the single profile update API updates existing profiles only, so nothing was created`],
    ];
  }
  if (!fitsProfileLimit(existing, update.attributes)) {
    return [['success', false], ['message', 'The update would make the profile exceed 2000 KB; nothing was updated']];
  }

  const visibleAt = now + ctx.config.profileUpdateDelayMs;
  // A single update stands in for an mbox call (see afterMboxCall).
  let profile = afterMboxCall(settle(existing, now));
  if (linking && profile.thirdPartyId !== update.mbox3rdPartyId) profile = attachThirdPartyId(known, profile, update.mbox3rdPartyId!, now);
  if (visibleAt > now) profile = { ...profile, activeAt: now, pending: [...(profile.pending ?? []), { at: visibleAt, attributes: update.attributes }] };
  else profile = withAttributes(profile, update.attributes, timestamp(now), now);
  known.save(profile);
  recordUsage(ctx, client, 'singleUpdates', 1, now);
  return [
    ['success', true],
    ['message', 'Request successfully submitted'],
  ];
}

/**
 * Attaches a thirdPartyId to a tntId profile (an update naming both ids). A profile that was
 * known only by that thirdPartyId is merged in: its attributes fill the gaps, the tntId
 * profile's own values win.
 */
function attachThirdPartyId(known: ClientProfiles, profile: StoredProfile, thirdPartyId: string, now: number): StoredProfile {
  const orphan = known.onlyByThirdPartyId(thirdPartyId);
  if (!orphan) return { ...profile, thirdPartyId };
  const own = attributesOf(profile);
  const adopted: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributesOf(settle(orphan, now)))) if (!(name in own)) adopted[name] = value;
  return { ...withAttributes(profile, adopted, profile.modifiedAt, profile.activeAt ?? now), thirdPartyId };
}
