/**
 * Audiences (seed 004, "Audiences"): list, create, read, update, delete. No Fastify here.
 * Each audience holds either a targetRule or an audienceRule, never both (audiences/rules.ts).
 */
import type { AppContext } from '../../../context.js';
import type { TargetRequestScope } from '../../../gateway/types.js';
import { listItems, type ListQuery, viewPerStoredObject } from '../shared/listing.js';
import { invalidRequest, stillInUse } from '../shared/errors.js';
import { DEFAULT_WORKSPACE, optionalString, optionalWorkspace, readNamedBody, storedByPathId, targetTimestamp } from '../shared/fields.js';
import { RuleError, audienceIdsIn, checkAudienceRule, checkTargetRule } from './rules.js';
import { activitiesUsing } from '../shared/references.js';

export const AUDIENCES = 'audiences';

/** Audiences API versions (seed 004 samples use v3). */
export const AUDIENCE_VERSIONS = [1, 2, 3];

/** Fields an older payload cannot carry: workspaces (Enterprise Permissions) arrived with audiences v3. */
export const AUDIENCE_VERSION_FIELDS: Readonly<Record<string, number>> = { workspace: 3 };

/** Audiences created through the API are Target's own. */
export const TARGET_ORIGIN = 'target';

export interface StoredAudience {
  id: number;
  name: string;
  description?: string;
  origin: string;
  targetRule?: unknown;
  audienceRule?: unknown;
  modifiedAt: string;
  workspace?: string;
}

export interface AudienceSummary {
  id: number;
  name: string;
  description?: string;
  origin: string;
  modifiedAt: string;
  workspace?: string;
  [key: string]: unknown;
}

const LIST_OPTIONS = {
  fields: ['id', 'name', 'description', 'origin', 'modifiedAt', 'workspace'],
  dates: ['modifiedAt'],
  substring: ['name'],
} as const;

function audiences(ctx: AppContext, target: TargetRequestScope) {
  return ctx.store.collection<StoredAudience>(target.scope, AUDIENCES);
}

export function summarizeAudience(audience: StoredAudience): AudienceSummary {
  const { id, name, description, origin, modifiedAt, workspace } = audience;
  return dropUndefined({ id, name, description, origin, modifiedAt, workspace }) as AudienceSummary;
}

/** GET /audiences: `{offset, limit, total, audiences}` with the shared list semantics. */
export function listAudiences(ctx: AppContext, target: TargetRequestScope, query: ListQuery) {
  const stored = audiences(ctx, target);
  const page = listItems(ctx.clock, stored.values(), query, LIST_OPTIONS, { view: cachedSummarizeAudience, size: stored.size });
  return { offset: page.offset, limit: page.limit, total: page.total, audiences: page.items };
}

export function getAudience(ctx: AppContext, target: TargetRequestScope, rawId: string): StoredAudience {
  return storedByPathId(ctx.clock, audiences(ctx, target), 'Audience', rawId);
}

interface AudienceInput {
  name: string;
  description?: string;
  rule: { targetRule: unknown } | { audienceRule: unknown };
  workspace?: string;
}

/** The body of POST/PUT: name, description, exactly one rule, workspace. `self`: the audience being updated. */
function readAudience(ctx: AppContext, target: TargetRequestScope, raw: unknown, self?: number): AudienceInput {
  const { body, name } = readNamedBody(ctx.clock, raw, target.version, AUDIENCE_VERSION_FIELDS);
  checkNameFree(ctx, target, name, self);
  const description = optionalString(ctx.clock, body, 'description');
  const hasTarget = body.targetRule !== undefined && body.targetRule !== null;
  const hasAudience = body.audienceRule !== undefined && body.audienceRule !== null;
  if (hasTarget && hasAudience) throw invalidRequest(ctx.clock, 'targetRule and audienceRule cannot be mixed within the same audience');
  if (!hasTarget && !hasAudience) throw invalidRequest(ctx.clock, 'one of targetRule or audienceRule is required');
  let rule: AudienceInput['rule'];
  try {
    if (hasTarget) {
      checkTargetRule(body.targetRule);
      rule = { targetRule: body.targetRule };
    } else {
      const ids = checkAudienceRule(body.audienceRule);
      checkReferencedAudiences(ctx, target, ids, self);
      rule = { audienceRule: body.audienceRule };
    }
  } catch (error) {
    if (error instanceof RuleError) throw invalidRequest(ctx.clock, error.message);
    throw error;
  }
  return { name, description, rule, workspace: optionalWorkspace(ctx.clock, body) };
}

/** Seed 004, Create Audience: "A unique name for the audience" (compared exactly, as stored). */
function checkNameFree(ctx: AppContext, target: TargetRequestScope, name: string, self?: number): void {
  for (const other of audiences(ctx, target).values()) {
    if (other.name === name && other.id !== self) throw invalidRequest(ctx.clock, `name '${name}' is already used by audience ${other.id}`);
  }
}

/** Audiences of an audienceRule must exist and must not lead back to the audience itself. */
function checkReferencedAudiences(ctx: AppContext, target: TargetRequestScope, ids: number[], self?: number): void {
  const stored = audiences(ctx, target);
  for (const id of ids) {
    if (!stored.has(id)) throw new RuleError(`audienceRule refers to audience ${id}, which does not exist`);
  }
  if (self === undefined) return;
  const seen = new Set<number>();
  const pending = [...ids];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (id === self) throw new RuleError(`audienceRule cannot refer to audience ${self} itself, directly or through other audiences`);
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...audienceIdsIn(stored.get(id)?.audienceRule));
  }
}

/** The stored form, keys in the samples' order. */
function build(id: number, input: AudienceInput, modifiedAt: string, workspace: string): StoredAudience {
  const { name, description, rule } = input;
  return dropUndefined({ id, name, description, origin: TARGET_ORIGIN, ...rule, modifiedAt, workspace }) as StoredAudience;
}

function dropUndefined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** POST /audiences. */
export function createAudience(ctx: AppContext, target: TargetRequestScope, raw: unknown): StoredAudience {
  const input = readAudience(ctx, target, raw);
  const id = ctx.store.nextInteger(target.scope, AUDIENCES);
  const audience = build(id, input, targetTimestamp(ctx.clock), input.workspace ?? DEFAULT_WORKSPACE);
  return audiences(ctx, target).put(id, audience);
}

/**
 * PUT /audiences/{id}: replaces name and rule; description and workspace stay unless the body
 * names them.
 */
export function updateAudience(ctx: AppContext, target: TargetRequestScope, rawId: string, raw: unknown): StoredAudience {
  const existing = getAudience(ctx, target, rawId);
  const input = readAudience(ctx, target, raw, existing.id);
  const updated = build(
    existing.id,
    { ...input, description: input.description ?? existing.description },
    targetTimestamp(ctx.clock),
    input.workspace ?? existing.workspace ?? DEFAULT_WORKSPACE,
  );
  return audiences(ctx, target).put(updated.id, updated);
}

/**
 * DELETE /audiences/{id}: answers the deleted audience. Refused while an activity targets it
 * or another audience's audienceRule is built on it.
 */
export function deleteAudience(ctx: AppContext, target: TargetRequestScope, rawId: string): StoredAudience {
  const audience = getAudience(ctx, target, rawId);
  const activities = activitiesUsing(ctx, target.scope, 'audience', audience.id).map((activity) => activity.id);
  const dependants = [...audiences(ctx, target).values()]
    .filter((other) => other.id !== audience.id && audienceIdsIn(other.audienceRule).includes(audience.id))
    .map((other) => other.id);
  if (activities.length > 0 || dependants.length > 0) {
    throw stillInUse(ctx.clock, 'Audience', audience.id, { activities, audiences: dependants });
  }
  audiences(ctx, target).delete(audience.id);
  return audience;
}

/** summarizeAudience, built once per stored version. */
const cachedSummarizeAudience = viewPerStoredObject(summarizeAudience);
