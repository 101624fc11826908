/**
 * Content offers (seed 004, "Offers"): list, create, read, update, delete. No Fastify here.
 */
import type { AppContext } from '../../../context.js';
import type { TargetRequestScope } from '../../../gateway/types.js';
import { recordOfferModified } from '../shared/changelog.js';
import { listItems, type ListQuery, viewPerStoredObject } from '../shared/listing.js';
import { invalidRequest, stillInUse } from '../shared/errors.js';
import { DEFAULT_WORKSPACE, optionalWorkspace, readNamedBody, storedByPathId, targetTimestamp } from '../shared/fields.js';
import { activitiesUsing } from '../shared/references.js';

export const OFFERS = 'offers';

/** Offers API versions (seed 004 samples use v2; v1 is the default of seed 002). */
export const OFFER_VERSIONS = [1, 2];

/** Fields a v1 payload cannot carry: workspaces (Enterprise Permissions) arrived with offers v2. */
export const OFFER_VERSION_FIELDS: Readonly<Record<string, number>> = { workspace: 2 };

export interface StoredOffer {
  id: number;
  name: string;
  content: string;
  modifiedAt: string;
  workspace?: string;
}

/** One line of `GET /offers`: the sample's summary fields. */
export interface OfferSummary {
  id: number;
  name: string;
  type: 'content';
  modifiedAt: string;
  workspace?: string;
  [key: string]: unknown;
}

const LIST_OPTIONS = { fields: ['id', 'name', 'type', 'modifiedAt', 'workspace'], dates: ['modifiedAt'], substring: ['name'] } as const;

function offers(ctx: AppContext, target: TargetRequestScope) {
  return ctx.store.collection<StoredOffer>(target.scope, OFFERS);
}

export function summarizeOffer(offer: StoredOffer): OfferSummary {
  const summary: OfferSummary = { id: offer.id, name: offer.name, type: 'content', modifiedAt: offer.modifiedAt };
  if (offer.workspace !== undefined) summary.workspace = offer.workspace;
  return summary;
}

/** GET /offers: `{total, offset, limit, offers}` with the shared list semantics. */
export function listOffers(ctx: AppContext, target: TargetRequestScope, query: ListQuery) {
  const stored = offers(ctx, target);
  const page = listItems(ctx.clock, stored.values(), query, LIST_OPTIONS, { view: cachedSummarizeOffer, size: stored.size });
  return { total: page.total, offset: page.offset, limit: page.limit, offers: page.items };
}

export function getOffer(ctx: AppContext, target: TargetRequestScope, rawId: string): StoredOffer {
  return storedByPathId(ctx.clock, offers(ctx, target), 'Offer', rawId);
}

/** `name` and `content` as the attribute table describes them, plus the optional workspace. */
function readOffer(ctx: AppContext, target: TargetRequestScope, raw: unknown) {
  const { body, name } = readNamedBody(ctx.clock, raw, target.version, OFFER_VERSION_FIELDS);
  const content = body.content;
  if (content === undefined || content === null) throw invalidRequest(ctx.clock, 'content is required');
  if (typeof content !== 'string') throw invalidRequest(ctx.clock, 'content must be a string');
  return { name, content, workspace: optionalWorkspace(ctx.clock, body) };
}

/** POST /offers/content. */
export function createOffer(ctx: AppContext, target: TargetRequestScope, raw: unknown): StoredOffer {
  const { name, content, workspace } = readOffer(ctx, target, raw);
  const offer: StoredOffer = {
    id: ctx.store.nextInteger(target.scope, OFFERS),
    name,
    content,
    modifiedAt: targetTimestamp(ctx.clock),
    workspace: workspace ?? DEFAULT_WORKSPACE,
  };
  return offers(ctx, target).put(offer.id, offer);
}

/**
 * PUT /offers/content/{id}: replaces name and content; the workspace stays unless the body
 * names one. The answer carries `workspace` only when the request did, as the sample shows.
 * Activities using the offer get a `modifiedOffer` changelog entry.
 */
export function updateOffer(ctx: AppContext, target: TargetRequestScope, rawId: string, raw: unknown) {
  const existing = getOffer(ctx, target, rawId);
  const { name, content, workspace } = readOffer(ctx, target, raw);
  const updated: StoredOffer = {
    id: existing.id,
    name,
    content,
    modifiedAt: targetTimestamp(ctx.clock),
    workspace: workspace ?? existing.workspace ?? DEFAULT_WORKSPACE,
  };
  offers(ctx, target).put(updated.id, updated);
  recordOfferModified(ctx, target.scope, { id: updated.id, name: updated.name });
  const { workspace: _kept, ...answer } = updated;
  return workspace === undefined ? answer : updated;
}

/** DELETE /offers/content/{id}: answers the deleted offer; refused while an activity uses it. */
export function deleteOffer(ctx: AppContext, target: TargetRequestScope, rawId: string): StoredOffer {
  const offer = getOffer(ctx, target, rawId);
  const users = activitiesUsing(ctx, target.scope, 'offer', offer.id);
  if (users.length > 0) throw stillInUse(ctx.clock, 'Offer', offer.id, { activities: users.map((activity) => activity.id) });
  offers(ctx, target).delete(offer.id);
  return offer;
}

/** summarizeOffer, built once per stored version. */
const cachedSummarizeOffer = viewPerStoredObject(summarizeOffer);
