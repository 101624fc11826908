/**
 * Writes to the tenant container: create (POST), replace (PUT), JSON Patch (PATCH) and delete
 * (DELETE) classes, field groups (`/fieldgroups` and its old name `/mixins`), data types and
 * schemas, per Platform scope. Every write checks the whole resulting resource before one store
 * write, so nothing is stored when anything is wrong. The global container is never written.
 *
 * Rules, in the order they are checked: titles unique in the container (across kinds,
 * XDM-1521-400); composition per kind (a schema names exactly one class and existing field
 * groups; a field group declares `meta:intendedToExtend` classes and only fits schemas of those
 * classes); custom fields under `_{TENANT_ID}` on standard classes (XDM-1021-400); no field path
 * defined by two field groups of one schema (XDM-1413-400); the result resolves and compiles.
 * A resource still referenced (by another resource or a Catalog dataset) cannot be deleted.
 */
import { customAlphabet } from 'nanoid';
import type { AppContext } from '../../context.js';
import type { ScopeKey } from '../../store/store.js';
import type { Answer } from '../answer.js';
import { applyJsonPatch } from '../json-patch.js';
import { COLLECTIONS, type Caller } from '../platform-objects.js';
import { fieldPathCollision, invalidResource, namespaceInvalid, resourceInUse, resourceNotFound, titleNotUnique, type ResourceKind } from './errors.js';
import {
  checkResolvable,
  collection,
  findByTitle,
  findIn,
  lookupFor,
  publicForm,
  safeDecode,
  tenantOf,
  XDM_COLLECTIONS,
  type StoredResource,
} from './model.js';
import { extendedIds, resolveFull, type Json, type Lookup } from './resolve.js';
import { recordChange } from './rpc/auditlog.js';
import { checkUnionRules } from './unions/model.js';

/** The kinds a tenant can author (behaviors are Adobe's only). */
export type AuthoredKind = Exclude<ResourceKind, 'behaviors'>;

/** Where a write happens: the caller's Platform scope and who calls. */
export interface WriteScope {
  scope: ScopeKey;
  org: string;
  sandbox: string;
  caller: Caller;
}

/** The path segment of new `$id`s and `meta:altId`s, and the `meta:resourceType` (field groups keep their old name, `mixins`). */
const TYPE_NAME: Record<AuthoredKind, string> = { schemas: 'schemas', classes: 'classes', fieldgroups: 'mixins', datatypes: 'datatypes' };

/** What the registry sets on each kind (field-groups.md, classes.md, data-types.md, schemas.md examples). */
const FLAGS: Record<AuthoredKind, { abstract: boolean; extensible: boolean }> = {
  schemas: { abstract: false, extensible: false },
  classes: { abstract: true, extensible: true },
  fieldgroups: { abstract: true, extensible: true },
  datatypes: { abstract: true, extensible: true },
};

/** The fields a client writes; everything else is the registry's (ids, version, meta data) and is ignored in a body. */
const AUTHORED_KEYS = ['title', 'type', 'description', 'definitions', 'allOf', 'properties', 'meta:intendedToExtend', 'meta:immutableTags'] as const;

export interface ResourceBody {
  title: string;
  type: 'object';
  description?: string;
  allOf?: Array<Record<string, unknown>>;
  properties?: Record<string, unknown>;
  definitions?: Record<string, unknown>;
  'meta:intendedToExtend'?: string[];
  'meta:immutableTags'?: string[];
}

const hex32 = customAlphabet('0123456789abcdef', 32);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

// ---- the four operations ----

/** POST /tenant/{kind} → 201 with the new resource, version "1.0". */
export function createResource(ctx: AppContext, where: WriteScope, kind: AuthoredKind, body: ResourceBody): Answer<Json> {
  const tenant = tenantOf(ctx, where.org);
  const hex = hex32();
  const now = ctx.clock.now();
  const resource = build(ctx, where, kind, body, {
    $id: `https://ns.adobe.com/${tenant}/${TYPE_NAME[kind]}/${hex}`,
    altId: `_${tenant}.${TYPE_NAME[kind]}.${hex}`,
    version: '1.0',
    created: now,
    createdBy: where.caller,
  });
  save(ctx, where.scope, kind, resource);
  return { status: 201, body: publicForm(resource) };
}

/** PUT /tenant/{kind}/{id} → 200 with the resource rewritten from the body, its minor version bumped. */
export function replaceResource(ctx: AppContext, where: WriteScope, kind: AuthoredKind, idOrAltId: string, body: ResourceBody): Json {
  const existing = existingResource(ctx, where.scope, kind, idOrAltId);
  const resource = build(ctx, where, kind, body, identityOf(existing));
  save(ctx, where.scope, kind, resource, existing);
  return publicForm(resource);
}

/**
 * PATCH /tenant/{kind}/{id} → 200: RFC 6902 operations on the resource as a lookup shows it
 * (field-groups.md "Update a portion"), all or nothing; the patched resource is then checked
 * like a PUT body. Changes to registry-managed fields (ids, version, meta data) are ignored.
 */
export function patchResource(ctx: AppContext, where: WriteScope, kind: AuthoredKind, idOrAltId: string, operations: readonly unknown[]): Json {
  const existing = existingResource(ctx, where.scope, kind, idOrAltId);
  if (operations.length === 0) throw invalidResource('The JSON Patch body has no operations');
  const patched = applyJsonPatch(publicForm(existing), operations, invalidResource);
  if (!isObject(patched)) throw invalidResource('The JSON Patch would replace the whole resource with something that is not an object');
  const body: Json = {};
  for (const key of AUTHORED_KEYS) if (patched[key] !== undefined) body[key] = patched[key];
  if (typeof body.title !== 'string' || body.title === '') throw invalidResource('The patched resource needs a "title"');
  if (body.type !== 'object') throw invalidResource('The patched resource\'s "type" must be "object"');
  const resource = build(ctx, where, kind, body as unknown as ResourceBody, identityOf(existing));
  save(ctx, where.scope, kind, resource, existing);
  return publicForm(resource);
}

/** DELETE /tenant/{kind}/{id} → 204; refused while another resource or a Catalog dataset uses it. */
export function deleteResource(ctx: AppContext, where: WriteScope, kind: AuthoredKind, idOrAltId: string): Answer<undefined> {
  const existing = existingResource(ctx, where.scope, kind, idOrAltId);
  const user = userOf(ctx, where.scope, existing);
  if (user) throw resourceInUse(existing.$id, user);
  collection(ctx, where.scope, kind).delete(existing.id);
  recordChange(ctx, { scope: where.scope, collection: XDM_COLLECTIONS[kind], id: existing.id, value: undefined, previous: existing });
  return { status: 204, body: undefined };
}

/** Stores a written resource and logs the change (GET /rpc/auditlog). */
function save(ctx: AppContext, scope: ScopeKey, kind: AuthoredKind, resource: StoredResource, previous?: StoredResource): void {
  const stored = collection(ctx, scope, kind);
  stored.put(resource.id, resource);
  recordChange(ctx, { scope, collection: stored.name, id: resource.id, value: resource, previous });
}

function existingResource(ctx: AppContext, scope: ScopeKey, kind: AuthoredKind, idOrAltId: string): StoredResource {
  const found = findIn(ctx, scope, kind, idOrAltId);
  if (!found) throw resourceNotFound(ctx, kind, safeDecode(idOrAltId), '1');
  return found;
}

// ---- building and checking one resource ----

interface Identity {
  $id: string;
  altId: string;
  version: string;
  created: number;
  createdBy: Caller;
}

/** The existing resource's ids and creation, with the next minor version ("1.0" → "1.1", field-groups.md shows "1.2", "1.9"). */
function identityOf(existing: StoredResource): Identity {
  const metadata = isObject(existing['meta:registryMetadata']) ? existing['meta:registryMetadata'] : {};
  const [major, minor] = String(existing.version ?? '1.0').split('.');
  const created = metadata['repo:createdDate'] ?? metadata['repo:createDate'];
  return {
    $id: existing.$id,
    altId: existing['meta:altId'],
    version: `${Number(major) || 1}.${(Number(minor) || 0) + 1}`,
    created: typeof created === 'number' ? created : 0,
    createdBy: {
      client: String(metadata['xdm:createdClientId'] ?? ''),
      user: String(metadata['xdm:createdUserId'] ?? metadata['xdm:repositoryCreatedBy'] ?? ''),
    },
  };
}

function build(ctx: AppContext, where: WriteScope, kind: AuthoredKind, body: ResourceBody, identity: Identity): StoredResource {
  const { scope, org, sandbox, caller } = where;
  const lookup = lookupFor(ctx, scope);

  // (1) titles are unique in the container, across kinds
  const duplicate = findByTitle(ctx, scope, body.title, identity.$id);
  if (duplicate) throw titleNotUnique(ctx, duplicate);

  // (2) composition
  const allOf = (body.allOf ?? []).map((entry, index) => {
    const ref = isObject(entry) ? entry.$ref : undefined;
    if (typeof ref !== 'string' || ref === '') throw invalidResource(`allOf[${index}] needs a "$ref" naming a class or field group`);
    // classes.md and the reference's class examples answer a class's allOf as sent; the other kinds' answers type each entry.
    return kind === 'classes' ? { $ref: ref } : { $ref: ref, type: 'object', 'meta:xdmType': 'object' };
  });
  if (allOf.some(({ $ref }) => $ref === identity.$id)) throw invalidResource(`${identity.$id} cannot reference itself in allOf`);
  const composition = COMPOSE[kind](allOf, body, lookup, identity.$id);

  const tenant = tenantOf(ctx, org);
  const now = ctx.clock.now();
  const resource: StoredResource = {
    id: identity.altId,
    $id: identity.$id,
    'meta:altId': identity.altId,
    'meta:resourceType': TYPE_NAME[kind],
    version: identity.version,
    title: body.title,
    type: 'object',
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.definitions !== undefined ? { definitions: body.definitions } : {}),
    ...(allOf.length > 0 ? { allOf } : {}),
    ...(body.properties !== undefined ? { properties: body.properties } : {}),
    ...(composition.schemaClass ? { 'meta:class': composition.schemaClass } : {}),
    ...(kind === 'fieldgroups' ? { 'meta:intendedToExtend': composition.intendedToExtend } : {}),
    'meta:abstract': FLAGS[kind].abstract,
    'meta:extensible': FLAGS[kind].extensible,
    'meta:extends': extendedIds({ allOf }, lookup),
    'meta:containerId': 'tenant',
    imsOrg: org,
    'meta:xdmType': 'object',
    ...(body['meta:immutableTags'] !== undefined ? { 'meta:immutableTags': body['meta:immutableTags'] } : {}),
    'meta:registryMetadata': {
      'repo:createdDate': identity.created,
      'repo:lastModifiedDate': now,
      'xdm:createdClientId': identity.createdBy.client,
      'xdm:lastModifiedClientId': caller.client,
      'xdm:createdUserId': identity.createdBy.user,
      'xdm:lastModifiedUserId': caller.user,
    },
    'meta:sandboxType': sandbox === 'prod' ? 'production' : 'development',
    'meta:tenantNamespace': `_${tenant}`,
  };

  // (5) custom fields under `_{TENANT_ID}` when built on a standard class
  if (composition.standardClass) checkNamespace(ctx, resource, `_${tenant}`);
  // (6) no field path twice among the field groups of a schema
  if (kind === 'schemas') checkNoCollision(ctx, resource, composition.fieldGroups, lookup);
  checkResolvable(resource, lookup);
  // A changed class, field group or data type must leave every schema built on it valid.
  if (kind !== 'schemas' && identity.version !== '1.0') checkDependents(ctx, scope, resource, lookup);
  checkUnionRules(ctx, scope, kind, resource, lookup);
  return resource;
}

/**
 * Re-checks the tenant schemas that resolve through `changed` as if it were already stored:
 * rules 2, 4 and 6 and resolution. Refuses the change with the first schema's error.
 */
function checkDependents(ctx: AppContext, scope: ScopeKey, changed: StoredResource, lookup: Lookup): void {
  const withChange: Lookup = (id) => (id === changed.$id || id === changed['meta:altId'] ? changed : lookup(id));
  for (const schema of collection(ctx, scope, 'schemas').values()) {
    const used = new Set<string>();
    const recording: Lookup = (id) => {
      used.add(id);
      return lookup(id);
    };
    safeFull(schema, recording);
    if (!used.has(changed.$id)) continue;
    const allOf = (Array.isArray(schema.allOf) ? schema.allOf : []) as Array<{ $ref: string }>;
    const { fieldGroups } = COMPOSE.schemas(allOf, schema as unknown as ResourceBody, withChange, schema.$id);
    checkNoCollision(ctx, schema, fieldGroups, withChange);
    checkResolvable(schema, withChange);
  }
}

interface Composition {
  schemaClass?: string;
  intendedToExtend?: string[];
  fieldGroups: string[];
  /** Whether the resource's own fields extend a class of the global container. */
  standardClass: boolean;
}

type Compose = (allOf: Array<{ $ref: string }>, body: ResourceBody, lookup: Lookup, self: string) => Composition;

const isGlobal = (id: string) => /^https?:\/\/ns\.adobe\.com\/xdm\//.test(id);

/** Non-local references of allOf, each with the kind it resolves to; an unknown one is refused. */
function references(allOf: Array<{ $ref: string }>, lookup: Lookup): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const { $ref } of allOf) {
    if ($ref.startsWith('#/definitions/')) continue;
    const target = lookup($ref);
    if (!target) throw invalidResource(`The referenced resource ${$ref} does not exist in this sandbox or in the global container`);
    found.push([$ref, String(target['meta:resourceType'])]);
  }
  return found;
}

const COMPOSE: Record<AuthoredKind, Compose> = {
  // schemas.md: allOf names the class the schema implements and its field groups.
  schemas: (allOf, _body, lookup) => {
    const classes: string[] = [];
    const fieldGroups: string[] = [];
    for (const [ref, type] of references(allOf, lookup)) {
      if (type === 'classes') classes.push(ref);
      else if (type === 'mixins') fieldGroups.push(ref);
      else throw invalidResource(`${ref} is a ${type} resource; a schema's allOf may only name a class and field groups`);
    }
    if (classes.length > 1) throw invalidResource(`A schema implements one class; allOf names ${classes.length}: ${classes.join(', ')}`);
    if (classes.length === 0) {
      throw invalidResource(
        fieldGroups.length > 0 ? 'A schema composed of field groups must also name its class in allOf' : 'A schema must name the class it implements in allOf',
      );
    }
    const [schemaClass] = classes;
    // (4) a field group fits schemas of the classes it is intended to extend
    for (const fieldGroup of fieldGroups) {
      const intended = lookup(fieldGroup)?.['meta:intendedToExtend'];
      if (Array.isArray(intended) && intended.length > 0 && !intended.includes(schemaClass)) {
        throw invalidResource(
          `The field group ${fieldGroup} is intended to extend ${intended.join(', ')}; it cannot be used in a schema of the class ${schemaClass}`,
        );
      }
    }
    return { schemaClass, fieldGroups, standardClass: isGlobal(schemaClass) };
  },
  // classes.md: a class names the behavior it builds on (record or time series) and its own definitions.
  classes: (allOf, _body, lookup) => {
    const behaviors = references(allOf, lookup).map(([ref, type]) => {
      if (type !== 'behaviors') throw invalidResource(`${ref} is a ${type} resource; a class's allOf may only name a behavior and its own definitions`);
      return ref;
    });
    if (behaviors.length !== 1) throw invalidResource(`A class builds on exactly one behavior; allOf names ${behaviors.length}`);
    return { fieldGroups: [], standardClass: false };
  },
  // field-groups.md: `meta:intendedToExtend` lists the classes the field group is compatible with.
  fieldgroups: (allOf, body, lookup) => {
    onlyLocal(allOf, 'field group');
    const intended = body['meta:intendedToExtend'];
    if (!Array.isArray(intended) || intended.length === 0) {
      throw invalidResource('A field group must list the classes it is compatible with in "meta:intendedToExtend"');
    }
    for (const id of intended) {
      if (typeof id !== 'string' || lookup(id)?.['meta:resourceType'] !== 'classes') {
        throw invalidResource(`meta:intendedToExtend names ${JSON.stringify(id)}, which is not a class of this sandbox or of the global container`);
      }
    }
    return { intendedToExtend: [...intended], fieldGroups: [], standardClass: intended.some(isGlobal) };
  },
  // data-types.md: a data type defines its fields inline or in its own definitions.
  datatypes: (allOf) => {
    onlyLocal(allOf, 'data type');
    return { fieldGroups: [], standardClass: false };
  },
};

function onlyLocal(allOf: Array<{ $ref: string }>, what: string): void {
  const foreign = allOf.find(({ $ref }) => !$ref.startsWith('#/definitions/'));
  if (foreign) throw invalidResource(`A ${what}'s allOf may only name its own definitions (#/definitions/...); it names ${foreign.$ref}`);
}

/** The resource's own top-level fields: `properties` and each definition's `properties`. */
function ownTopLevelFields(resource: Json): string[] {
  const names: string[] = [];
  const add = (properties: unknown) => {
    if (isObject(properties)) names.push(...Object.keys(properties));
  };
  add(resource.properties);
  if (isObject(resource.definitions)) {
    for (const definition of Object.values(resource.definitions)) if (isObject(definition)) add(definition.properties);
  }
  return names;
}

function checkNamespace(ctx: AppContext, resource: Json, tenantNamespace: string): void {
  const outside = ownTopLevelFields(resource).find((name) => name !== tenantNamespace);
  if (outside !== undefined) throw namespaceInvalid(ctx, tenantNamespace, outside);
}

/** Leaf field paths (`/a/b`) of a resolved `properties` object. */
function leafPaths(properties: unknown, prefix = ''): string[] {
  if (!isObject(properties)) return [];
  const paths: string[] = [];
  for (const [name, field] of Object.entries(properties)) {
    const path = `${prefix}/${name}`;
    if (isObject(field) && isObject(field.properties)) paths.push(...leafPaths(field.properties, path));
    else paths.push(path);
  }
  return paths;
}

function checkNoCollision(ctx: AppContext, schema: StoredResource, fieldGroups: string[], lookup: Lookup): void {
  const owners = new Map<string, string>();
  const claim = (source: string, properties: unknown) => {
    for (const path of leafPaths(properties)) {
      const owner = owners.get(path);
      if (owner !== undefined && owner !== source) throw fieldPathCollision(ctx, path, owner, source);
      owners.set(path, source);
    }
  };
  for (const fieldGroup of fieldGroups) {
    const resource = lookup(fieldGroup);
    if (resource) claim(fieldGroup, safeFull(resource, lookup)?.properties);
  }
  const own = { ...schema, allOf: (schema.allOf as Array<{ $ref: string }> | undefined)?.filter(({ $ref }) => $ref.startsWith('#')) };
  claim(schema.$id, safeFull(own, lookup)?.properties);
}

/** The full form, or undefined when it does not resolve (checkResolvable reports that afterwards). */
function safeFull(resource: StoredResource | Json, lookup: Lookup): Json | undefined {
  try {
    return resolveFull(resource as StoredResource, lookup);
  } catch {
    return undefined;
  }
}

// ---- who uses a resource ----

/** Whether `node` holds a `$ref` to `id` anywhere. */
function refersTo(node: unknown, id: string): boolean {
  if (Array.isArray(node)) return node.some((item) => refersTo(item, id));
  if (!isObject(node)) return false;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && value === id) return true;
    if (refersTo(value, id)) return true;
  }
  return false;
}

/** The first resource of the container (or Catalog dataset of the scope) that uses `target`, worded for the error. */
function userOf(ctx: AppContext, scope: ScopeKey, target: StoredResource): string | undefined {
  const id = target.$id;
  for (const kind of ['schemas', 'classes', 'fieldgroups', 'datatypes'] as const) {
    for (const resource of collection(ctx, scope, kind).values()) {
      if (resource.$id === id) continue;
      const intended = resource['meta:intendedToExtend'];
      if (refersTo(resource.allOf, id) || refersTo(resource.properties, id) || refersTo(resource.definitions, id)) return resource.$id;
      if (resource['meta:class'] === id || (Array.isArray(intended) && intended.includes(id))) return resource.$id;
    }
  }
  for (const dataSet of ctx.store.collection<Json & { id: string }>(scope, COLLECTIONS.dataSets).values()) {
    const schemaRef = isObject(dataSet.schemaRef) ? dataSet.schemaRef.id : undefined;
    if (schemaRef === id || schemaRef === target['meta:altId']) return `dataset ${dataSet.id}`;
  }
  return undefined;
}
