/** The two fetches of /rest/v1/profiles: by tntId (mboxPC) and by thirdPartyId (mbox3rdPartyId). */
import type { AppContext } from '../../context.js';
import type { ApiError } from '../../errors/api-error.js';
import { clientMissing, profileNotFound, thirdPartyProfileNotFound } from './errors.js';
import { afterMboxCall, type ClientProfiles, type ProfileStore, type ProfileView, type StoredProfile } from './model.js';

type Lookup = (known: ClientProfiles, now: number) => StoredProfile | undefined;

/** GET /rest/v1/profiles/{tntId}?client=: the profile, or the documented 404. */
export function fetchByTntId(ctx: AppContext, profiles: ProfileStore, client: string | undefined, tntId: string): ProfileView {
  return fetchProfile(ctx, profiles, client, tntId, (known, now) => known.byTntId(tntId, now), profileNotFound);
}

/** GET /rest/v1/profiles/thirdPartyId/{thirdPartyId}?client=: the profile, or the documented 404. */
export function fetchByThirdPartyId(ctx: AppContext, profiles: ProfileStore, client: string | undefined, thirdPartyId: string): ProfileView {
  return fetchProfile(ctx, profiles, client, thirdPartyId, (known, now) => known.byThirdPartyId(thirdPartyId, now), thirdPartyProfileNotFound);
}

/** The profile the lookup finds for the client (the ?client= of the query; 400 without it). */
function fetchProfile(
  ctx: AppContext,
  profiles: ProfileStore,
  client: string | undefined,
  id: string,
  lookup: Lookup,
  notFound: (client: string, id: string) => ApiError,
): ProfileView {
  if (client === undefined || client === '') throw clientMissing();
  const now = ctx.clock.now();
  const known = profiles.forClient(client);
  const profile = lookup(known, now);
  // A fetch stands in for an mbox call: a later v2 upload merges with the pending one again.
  if (profile?.sinceMbox !== undefined) known.save(afterMboxCall(profile));
  const view = known.view(profile, id, now);
  if (!view) throw notFound(client, id);
  return view;
}
