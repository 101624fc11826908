/**
 * Mboxes, mbox parameters and profile attributes (seed 004, "Mboxes and Environments").
 * Read-only: mboxes appear in Target when pages request them, not through the Admin API, so the
 * emulator serves what the fixtures (or a test) put in the store.
 */
import type { AppContext } from '../../../context.js';
import type { TargetRequestScope } from '../../../gateway/types.js';
import { targetError } from '../../../gateway/target.js';
import { listItems, type ListQuery } from '../shared/listing.js';

export const MBOXES = 'mboxes';
export const MBOX_PARAMETERS = 'mboxParameters';
export const PROFILE_ATTRIBUTES = 'profileAttributes';

/**
 * The mboxes list answers 5 items unless `limit` says otherwise: the seed's sample request has no
 * query and its response shows `"limit": 5` with `"total": 12`.
 */
export const MBOXES_DEFAULT_LIMIT = 5;

export interface StoredMbox {
  id: string;
  name: string;
  status: string;
  lastRequestedAt: string;
}

export interface MboxParameter {
  name: string;
  /** `MBOX` for request parameters, `PROFILE` for profile parameters (`profile.` prefix on the page). */
  parameterType: string;
}

export interface StoredMboxParameters {
  id: string;
  mboxParameters: MboxParameter[];
}

export interface StoredProfileAttribute {
  id: string;
}

const MBOX_FIELDS = ['name', 'status', 'lastRequestedAt'] as const;

/** GET /mboxes: the shared list semantics over {name, status, lastRequestedAt}, by name unless sorted. */
export function listMboxes(ctx: AppContext, target: TargetRequestScope, query: ListQuery) {
  const mboxes = [...ctx.store.collection<StoredMbox>(target.scope, MBOXES).values()]
    .map(({ name, status, lastRequestedAt }) => ({ name, status, lastRequestedAt }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const page = listItems(ctx.clock, mboxes, query, {
    fields: MBOX_FIELDS,
    dates: ['lastRequestedAt'],
    substring: ['name'],
    defaultLimit: MBOXES_DEFAULT_LIMIT,
  });
  return { total: page.total, offset: page.offset, limit: page.limit, mboxes: page.items };
}

/** GET /mbox/{mboxName}: the parameters seen on that mbox; 404 when no such mbox exists. */
export function mboxParameters(ctx: AppContext, target: TargetRequestScope, mboxName: string) {
  const mbox = ctx.store.collection<StoredMbox>(target.scope, MBOXES).get(mboxName);
  if (!mbox) throw targetError(ctx.clock, 404, 'Resource.NotFound', `No mbox named '${mboxName}'`);
  const stored = ctx.store.collection<StoredMboxParameters>(target.scope, MBOX_PARAMETERS).get(mboxName);
  return { name: mbox.name, mboxParameters: (stored?.mboxParameters ?? []).map(({ name, parameterType }) => ({ name, parameterType })) };
}

/**
 * GET /profileattributes/mbox: the tenant's profile attributes together with every mbox
 * parameter of type PROFILE, without duplicates, in code-unit order (the sample's order).
 */
export function profileAttributes(ctx: AppContext, target: TargetRequestScope) {
  const names = new Set<string>();
  for (const attribute of ctx.store.collection<StoredProfileAttribute>(target.scope, PROFILE_ATTRIBUTES).values()) names.add(attribute.id);
  for (const entry of ctx.store.collection<StoredMboxParameters>(target.scope, MBOX_PARAMETERS).values()) {
    for (const parameter of entry.mboxParameters) if (parameter.parameterType === 'PROFILE') names.add(parameter.name);
  }
  return { mboxProfileAttributes: [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}
