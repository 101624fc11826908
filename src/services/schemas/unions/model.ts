/**
 * Unions (help/xdm/api/unions.md): the read-only union view of the tenant schemas of one class
 * that carry `union` in `meta:immutableTags`, computed from the schemas themselves (nothing is
 * stored), and the rules that come with membership:
 *
 * - joining a union needs a primary identity descriptor or an `identityMap` field (XDM-1528-400),
 *   and a member keeps it: its primary identity descriptor is not deleted nor made non-primary;
 * - a schema in a union, or used by a Catalog dataset that has ingested data, only evolves
 *   additively: no field removed, no type changed or narrowed, no new required field, and the
 *   `union` tag stays (XDM-1529-400, emulator's code) — also when the change comes through a
 *   class, field group or data type the schema uses;
 * - a Catalog dataset tagged `unifiedProfile: ["enabled:true"]` needs a union schema.
 */
import type { AppContext } from '../../../context.js';
import type { ScopeKey } from '../../../store/store.js';
import { COLLECTIONS } from '../../platform-objects.js';
import { listingFormat, lookupFormat, versionAvailable } from '../accept.js';
import { DESCRIPTORS, type StoredDescriptor } from '../descriptors/model.js';
import { notAcceptable, type ResourceKind } from '../errors.js';
import { altIdOf, collection, findSchema, lookupFor, lookupResourceBytes, propertyFilter, safeDecode, type StoredResource } from '../model.js';
import { resolveFull, withoutText, type Json, type Lookup } from '../resolve.js';
import { breakingChange, profileDataSetNeedsUnion, unionIdentityRemoved, unionNeedsIdentity, unionNotFound } from './errors.js';

export const UNION_TAG = 'union';
const UNION_SUFFIX = '__union';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a schema is enabled for Profile: `union` in its `meta:immutableTags`. */
export function inUnion(resource: Json | undefined): boolean {
  const tags = resource?.['meta:immutableTags'];
  return Array.isArray(tags) && tags.includes(UNION_TAG);
}

// ---- the rules (called by authoring.ts and the Catalog) ----

/**
 * Checks a tenant write (authoring.ts `build`, once the new resource is otherwise valid) against
 * the union rules. `resource` is the new form, not stored yet; `lookup` sees the stored state.
 * A schema write without `meta:immutableTags` keeps the tags it had (they are immutable).
 */
export function checkUnionRules(ctx: AppContext, scope: ScopeKey, kind: Exclude<ResourceKind, 'behaviors'>, resource: StoredResource, lookup: Lookup): void {
  if (kind === 'schemas') {
    const previous = collection(ctx, scope, 'schemas').get(resource.id);
    if (inUnion(resource) && !inUnion(previous) && !hasPrimaryIdentity(ctx, scope, resource, lookup)) throw unionNeedsIdentity(ctx);
    if (!previous || !isProtected(ctx, scope, previous)) return;
    // Immutable tags stay: a body without `meta:immutableTags` (a PUT leaving it out) keeps them; one without `union` is refused.
    if (resource['meta:immutableTags'] === undefined && previous['meta:immutableTags'] !== undefined) {
      resource['meta:immutableTags'] = previous['meta:immutableTags'];
    }
    if (inUnion(previous) && !inUnion(resource)) throw breakingChange(ctx, previous.$id, 'The union tag cannot be removed from meta:immutableTags.');
    const reason = breakingReason(safeFull(previous, lookup), safeFull(resource, lookup));
    if (reason) throw breakingChange(ctx, previous.$id, reason);
    return;
  }
  if (!collection(ctx, scope, kind).get(resource.id)) return;
  // A changed class, field group or data type: every protected schema must still evolve additively.
  const withChange: Lookup = (id) => (id === resource.$id || id === resource['meta:altId'] ? resource : lookup(id));
  for (const schema of collection(ctx, scope, 'schemas').values()) {
    if (!isProtected(ctx, scope, schema)) continue;
    const reason = breakingReason(safeFull(schema, lookup), safeFull(schema, withChange));
    if (reason) throw breakingChange(ctx, schema.$id, reason);
  }
}

/**
 * A Catalog dataset (created, replaced or patched) tagged for Profile needs a union schema.
 * `fields` are the dataset's fields; a missing or unknown schema is left to the Catalog's own checks.
 */
export function checkProfileDataSet(ctx: AppContext, scope: ScopeKey, fields: Json): void {
  const tags = isObject(fields.tags) ? fields.tags : {};
  const profile = tags.unifiedProfile;
  if (!Array.isArray(profile) || !profile.includes('enabled:true')) return;
  const schemaId = isObject(fields.schemaRef) ? fields.schemaRef.id : undefined;
  // The emulator lets a dataset exist without a schemaRef (then nothing to check here).
  if (typeof schemaId !== 'string' || schemaId === '') return;
  const schema = findSchema(ctx, scope, schemaId);
  if (schema && !inUnion(schema)) throw profileDataSetNeedsUnion(schema.$id);
}

/**
 * A descriptor replaced (`replacement` its new form) or deleted (undefined) must leave each union
 * schema a primary identity: a schema in a union keeps one as it needed one to join (XDM-1528-400).
 */
export function checkUnionKeepsIdentity(ctx: AppContext, scope: ScopeKey, previous: StoredDescriptor, replacement: Json | undefined): void {
  if (!isPrimaryIdentity(previous)) return;
  const schema = findSchema(ctx, scope, previous['xdm:sourceSchema']);
  if (!schema || !inUnion(schema)) return;
  const others = [...ctx.store.collection<StoredDescriptor>(scope, DESCRIPTORS).values()].filter((descriptor) => descriptor['@id'] !== previous['@id']);
  if (!hasPrimaryIdentity(ctx, scope, schema, lookupFor(ctx, scope), replacement ? [...others, replacement] : others)) {
    throw unionIdentityRemoved(ctx, schema.$id, previous['@id']);
  }
}

const isPrimaryIdentity = (descriptor: Json) => descriptor['@type'] === 'xdm:descriptorIdentity' && descriptor['xdm:isPrimary'] === true;

/** A primary identity descriptor on the schema, or an `identityMap` field (XDM troubleshooting guide, XDM-1528-400). */
function hasPrimaryIdentity(
  ctx: AppContext,
  scope: ScopeKey,
  schema: StoredResource,
  lookup: Lookup,
  descriptors: Iterable<Json> = ctx.store.collection<StoredDescriptor>(scope, DESCRIPTORS).values(),
): boolean {
  for (const descriptor of descriptors) if (isPrimaryIdentity(descriptor) && descriptor['xdm:sourceSchema'] === schema.$id) return true;
  const properties = safeFull(schema, lookup)?.properties;
  return isObject(properties) && properties.identityMap !== undefined;
}

/** In a union, or used by a Catalog dataset of the scope that has ingested data (a successful batch). */
function isProtected(ctx: AppContext, scope: ScopeKey, schema: StoredResource): boolean {
  if (inUnion(schema)) return true;
  for (const dataSet of ctx.store.collection<Json>(scope, COLLECTIONS.dataSets).values()) {
    const ref = isObject(dataSet.schemaRef) ? dataSet.schemaRef.id : undefined;
    if ((ref === schema.$id || ref === schema['meta:altId']) && dataSet.lastSuccessfulBatch !== undefined) return true;
  }
  return false;
}

function safeFull(resource: StoredResource, lookup: Lookup): Json | undefined {
  try {
    return resolveFull(resource, lookup);
  } catch {
    return undefined;
  }
}

/** Why `after` is not an additive evolution of `before` (both full forms), or undefined when it is. */
export function breakingReason(before: Json | undefined, after: Json | undefined, path = ''): string | undefined {
  if (!before || !after) return undefined;
  const where = path === '' ? 'the schema' : path;
  if (before.type !== undefined && after.type !== before.type) {
    return `The type of ${where} cannot change from ${String(before.type)} to ${String(after.type)}.`;
  }
  if (before['meta:xdmType'] !== undefined && after['meta:xdmType'] !== undefined && after['meta:xdmType'] !== before['meta:xdmType']) {
    return `The type of ${where} cannot change from ${String(before['meta:xdmType'])} to ${String(after['meta:xdmType'])}.`;
  }
  const narrowed = narrowing(before, after);
  if (narrowed) return `The field ${where} cannot be narrowed (${narrowed}).`;
  const required = new Set(Array.isArray(before.required) ? before.required : []);
  const added = (Array.isArray(after.required) ? after.required : []).find((name) => !required.has(name));
  if (added !== undefined) return `The field ${path}/${String(added)} cannot become required.`;
  const oldProperties = isObject(before.properties) ? before.properties : {};
  const newProperties = isObject(after.properties) ? after.properties : {};
  for (const [name, field] of Object.entries(oldProperties)) {
    if (!(name in newProperties)) return `The field ${path}/${name} cannot be removed.`;
    const reason = breakingReason(isObject(field) ? field : undefined, isObject(newProperties[name]) ? newProperties[name] : undefined, `${path}/${name}`);
    if (reason) return reason;
  }
  if (isObject(before.items) && isObject(after.items)) return breakingReason(before.items, after.items, `${path}[]`);
  return undefined;
}

/** A constraint that accepts fewer values than before (length, range, enum, pattern). */
function narrowing(before: Json, after: Json): string | undefined {
  const num = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const lower = (key: string) => {
    const [b, a] = [num(before[key]), num(after[key])];
    return a !== undefined && (b === undefined || a > b);
  };
  const upper = (key: string) => {
    const [b, a] = [num(before[key]), num(after[key])];
    return a !== undefined && (b === undefined || a < b);
  };
  for (const key of ['minLength', 'minimum', 'minItems']) if (lower(key)) return key;
  for (const key of ['maxLength', 'maximum', 'maxItems']) if (upper(key)) return key;
  if (Array.isArray(after.enum)) {
    const values = new Set(after.enum);
    if (!Array.isArray(before.enum) || before.enum.some((value) => !values.has(value))) return 'enum';
  }
  if (after.pattern !== undefined && after.pattern !== before.pattern) return 'pattern';
  return undefined;
}

// ---- the union views ----

interface Union {
  raw: Json;
  members: StoredResource[];
  classTitle: string;
}

/** The unions of the scope, one per class with union schemas, in the order of their first member. */
function unionsOf(ctx: AppContext, scope: ScopeKey): Union[] {
  const lookup = lookupFor(ctx, scope);
  const byClass = new Map<string, StoredResource[]>();
  for (const schema of collection(ctx, scope, 'schemas').values()) {
    const schemaClass = schema['meta:class'];
    if (!inUnion(schema) || typeof schemaClass !== 'string') continue;
    byClass.set(schemaClass, [...(byClass.get(schemaClass) ?? []), schema]);
  }
  return [...byClass].map(([schemaClass, members]) => {
    const refs: string[] = [schemaClass];
    const extended: string[] = [];
    for (const member of members) {
      for (const entry of Array.isArray(member.allOf) ? member.allOf : []) {
        const ref = isObject(entry) ? entry.$ref : undefined;
        if (typeof ref === 'string' && !ref.startsWith('#') && !refs.includes(ref)) refs.push(ref);
      }
      for (const id of Array.isArray(member['meta:extends']) ? member['meta:extends'] : []) if (!extended.includes(id)) extended.push(id);
    }
    const $id = `${schemaClass}${UNION_SUFFIX}`;
    // unions.md, "Look up a union": the response's fields, in its order.
    const raw: Json = {
      type: 'object',
      description: `Union view of all schemas that extend ${schemaClass}`,
      allOf: refs.map(($ref) => ({ $ref })),
      'meta:extends': extended,
      title: `Union object for ${schemaClass}`,
      $id,
      'meta:containerId': 'tenant',
      'meta:class': schemaClass,
      'meta:altId': altIdOf($id),
      version: '1.0',
      'meta:resourceType': 'unions',
      'meta:registryMetadata': {},
    };
    return { raw, members, classTitle: String(lookup(schemaClass)?.title ?? schemaClass) };
  });
}

/** The unions of the scope with their member schemas, for the dashboard (schemas/service.ts). */
export function unionMembers(ctx: AppContext, scope: ScopeKey): Array<{ $id: string; classId: string; classTitle: string; members: StoredResource[] }> {
  return unionsOf(ctx, scope).map(({ raw, members, classTitle }) => ({ $id: String(raw.$id), classId: String(raw['meta:class']), classTitle, members }));
}

/**
 * GET /tenant/unions: `xed-id` lists summaries (the class title, `$id`, `meta:altId`, version "1"
 * as in unions.md), `xed` the union objects; `property` filters as in the other listings.
 */
export function listUnions(ctx: AppContext, scope: ScopeKey, acceptHeader: string | undefined, query: { property?: string | string[] }): { results: Json[] } {
  const format = listingFormat(ctx, acceptHeader);
  let unions = unionsOf(ctx, scope);
  if (query.property) {
    const holds = propertyFilter(query.property);
    unions = unions.filter(({ raw }) => holds(raw));
  }
  return {
    results: unions.map(({ raw, classTitle }) =>
      format === 'xed-id' ? { title: classTitle, $id: raw.$id, 'meta:altId': raw['meta:altId'], version: '1' } : raw,
    ),
  };
}

/** The union of the scope named by its `$id` or `meta:altId`, plain or URL-encoded. */
function findUnion(ctx: AppContext, scope: ScopeKey, idOrAltId: string): Union | undefined {
  const id = safeDecode(idOrAltId);
  return unionsOf(ctx, scope).find(({ raw }) => raw.$id === id || raw['meta:altId'] === id || raw.$id === idOrAltId);
}

/**
 * GET /tenant/schemas/{id}: unions are read through the schemas endpoint too (unions.md, "Look up
 * a union", with the union's `$id` or `meta:altId`); any other id is a schema lookup.
 */
export function lookupSchemaOrUnion(ctx: AppContext, scope: ScopeKey, idOrAltId: string, acceptHeader: string | undefined): Json | Buffer {
  const id = safeDecode(idOrAltId);
  if (id.endsWith(UNION_SUFFIX) && !findSchema(ctx, scope, idOrAltId) && findUnion(ctx, scope, idOrAltId)) {
    return lookupUnion(ctx, scope, idOrAltId, acceptHeader);
  }
  return lookupResourceBytes(ctx, scope, 'schemas', idOrAltId, acceptHeader);
}

/**
 * GET /tenant/unions/{id}: `xed` the union object (allOf of the class and the member schemas'
 * field groups), `xed-full` (and its variants) every member's fields merged into `properties`.
 */
export function lookupUnion(ctx: AppContext, scope: ScopeKey, idOrAltId: string, acceptHeader: string | undefined): Json {
  const accept = lookupFormat(ctx, acceptHeader);
  const union = findUnion(ctx, scope, idOrAltId);
  if (!union) throw unionNotFound(ctx, safeDecode(idOrAltId), accept.version);
  if (!versionAvailable(union.raw.version, accept.version)) {
    throw notAcceptable(`Accept version ${accept.version} is not available for ${String(union.raw.$id)} (current version 1.0)`);
  }
  if (!(accept.format.startsWith('xed-full') || accept.format === 'xed-deprecatefield')) {
    return accept.format === 'xed-notext' ? (withoutText(union.raw, { titles: true, descriptions: true }) as Json) : union.raw;
  }
  const lookup = lookupFor(ctx, scope);
  const properties: Json = {};
  for (const member of union.members) mergeFields(properties, safeFull(member, lookup)?.properties);
  const { allOf: _allOf, ...rest } = union.raw;
  const full = { ...rest, properties };
  if (accept.format.endsWith('notext')) return withoutText(full, { titles: true, descriptions: true }) as Json;
  if (accept.format === 'xed-full-desc') return withoutText(full, { titles: true, descriptions: false }) as Json;
  return full;
}

/** Adds `source`'s fields to `target`: objects present in both have their `properties` merged, the first definition of a leaf wins. */
function mergeFields(target: Json, source: unknown): void {
  if (!isObject(source)) return;
  for (const [name, field] of Object.entries(source)) {
    const existing = target[name];
    if (isObject(existing) && isObject(existing.properties) && isObject(field) && isObject(field.properties)) {
      const properties = { ...existing.properties };
      mergeFields(properties, field.properties);
      target[name] = { ...existing, properties };
    } else if (existing === undefined) {
      target[name] = field;
    }
  }
}
