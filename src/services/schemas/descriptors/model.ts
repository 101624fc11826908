/**
 * Schema Registry descriptors (help/xdm/api/descriptors.md): metadata objects on a tenant schema
 * (identity, friendly name, relationships, reference identity, primary key, version, timestamp),
 * per Platform scope in their own collection, keyed by their `@id`.
 */
import { createHash } from 'node:crypto';
import { customAlphabet } from 'nanoid';
import type { AppContext } from '../../../context.js';
import type { ScopeKey } from '../../../store/store.js';
import type { Answer } from '../../answer.js';
import type { Caller } from '../../platform-objects.js';
import { invalidResource } from '../errors.js';
import { findSchema, fullSchemaFor, propertyFilter } from '../model.js';
import type { Json } from '../resolve.js';
import { recordDescriptorChange } from '../rpc/auditlog.js';
import { checkUnionKeepsIdentity } from '../unions/model.js';
import { descriptorListingAcceptInvalid, descriptorLookupAcceptInvalid, descriptorNotFound } from './errors.js';

export const DESCRIPTORS = 'descriptors';

/** The registry's cap per organization sandbox (descriptors.md, "Defining descriptors"). */
export const DESCRIPTOR_CAP = 4000;

export type StoredDescriptor = Json & { '@id': string; '@type': string; 'xdm:sourceSchema': string };

/** Descriptor ids are 40 hexadecimal characters in the guide's examples. */
const hex40 = customAlphabet('0123456789abcdef', 40);

/** The descriptor types the registry accepts, and the fields each one requires besides `@type`, `xdm:sourceSchema` and `xdm:sourceProperty`. */
const REQUIRED: Record<string, string[]> = {
  'xdm:descriptorIdentity': ['xdm:sourceVersion', 'xdm:namespace', 'xdm:property'],
  'xdm:alternateDisplayInfo': ['xdm:sourceVersion'],
  'xdm:descriptorOneToOne': ['xdm:sourceVersion', 'xdm:destinationSchema', 'xdm:destinationVersion'],
  'xdm:descriptorRelationship': ['xdm:sourceVersion', 'xdm:destinationSchema', 'xdm:cardinality'],
  'xdm:descriptorReferenceIdentity': ['xdm:sourceVersion', 'xdm:identityNamespace'],
  'xdm:descriptorPrimaryKey': [],
  'xdm:descriptorVersion': [],
  'xdm:descriptorTimestamp': [],
};
export const DESCRIPTOR_TYPES = Object.keys(REQUIRED);

/** Fields the registry sets; a request's values for them are ignored. */
const READ_ONLY = new Set(['@id', 'imsOrg', 'version', 'meta:containerId', 'meta:sandboxId', 'meta:sandboxType', 'meta:registryMetadata']);

export interface DescriptorScope {
  scope: ScopeKey;
  org: string;
  sandbox: string;
}

function collection(ctx: AppContext, scope: ScopeKey) {
  return ctx.store.collection<StoredDescriptor>(scope, DESCRIPTORS);
}

/** The Adobe media format of an Accept header (`application/vnd.adobe.<format>+json`), if it has one. */
function adobeFormat(accept: string): string | undefined {
  for (const range of accept.split(',')) {
    const match = /^application\/vnd\.adobe\.([\w-]+)\+json$/i.exec(range.split(';')[0].trim());
    if (match) return match[1].toLowerCase();
  }
  return undefined;
}

// ---- reading ----

type ListingFormat = 'xdm-id' | 'xdm-link' | 'xdm';

/**
 * GET /tenant/descriptors: the descriptors grouped by `@type`, a type without descriptors left out
 * (descriptors.md). `xdm-id` lists ids, `xdm-link` paths, `xdm` (and `xdm-v2`) whole descriptors;
 * any other Accept → 400 XDM-1008. `property` filters as in the other listings.
 */
export function listDescriptors(
  ctx: AppContext,
  scope: ScopeKey,
  acceptHeader: string | undefined,
  query: { property?: string | string[] },
): Record<string, unknown[]> {
  const raw = acceptHeader ?? '';
  const media = adobeFormat(raw);
  const format: ListingFormat | undefined = media === 'xdm-v2' ? 'xdm' : (['xdm-id', 'xdm-link', 'xdm'] as const).find((f) => f === media);
  if (!format) throw descriptorListingAcceptInvalid(ctx, raw);
  let items = [...collection(ctx, scope).values()];
  if (query.property) items = items.filter(propertyFilter(query.property));
  const groups: Record<string, unknown[]> = {};
  for (const descriptor of items) {
    const item = format === 'xdm-id' ? descriptor['@id'] : format === 'xdm-link' ? `/tenant/descriptors/${descriptor['@id']}` : descriptor;
    (groups[descriptor['@type']] ??= []).push(item);
  }
  return groups;
}

/**
 * GET /tenant/descriptors/{id}. Descriptors are not versioned, so no Accept is needed
 * (descriptors.md); an Adobe media type other than `xdm` → 400 XDM-1009 (schema-registry.yaml).
 */
export function getDescriptor(ctx: AppContext, scope: ScopeKey, id: string, acceptHeader: string | undefined): StoredDescriptor {
  const raw = acceptHeader ?? '';
  const media = adobeFormat(raw);
  if (media !== undefined && media !== 'xdm') throw descriptorLookupAcceptInvalid(ctx, raw);
  return stored(ctx, scope, id);
}

function stored(ctx: AppContext, scope: ScopeKey, id: string): StoredDescriptor {
  const found = collection(ctx, scope).get(id);
  if (!found) throw descriptorNotFound(ctx, id);
  return found;
}

// ---- writing ----

/** POST /tenant/descriptors → 201 with the descriptor (schema-registry.yaml example: without `meta:registryMetadata`). */
export function createDescriptor(ctx: AppContext, where: DescriptorScope, caller: Caller, body: Json): Answer<Json> {
  const items = collection(ctx, where.scope);
  if (items.size >= DESCRIPTOR_CAP) throw invalidResource(`A sandbox holds at most ${DESCRIPTOR_CAP} descriptors`);
  const checked = checkDescriptor(ctx, where.scope, body, undefined);
  const now = ctx.clock.now();
  const descriptor = build(where, hex40(), checked, '1', {
    'repo:createdDate': now,
    'repo:lastModifiedDate': now,
    'xdm:createdClientId': caller.client,
    'xdm:createdUserId': caller.user,
    'xdm:lastModifiedUserId': caller.user,
  });
  items.put(descriptor['@id'], descriptor);
  recordDescriptorChange(ctx, where.scope, caller, undefined, descriptor);
  return { status: 201, body: withoutMetadata(descriptor) };
}

/**
 * PUT /tenant/descriptors/{id} → 200 with the descriptor (schema-registry.yaml). The body replaces
 * the descriptor and is checked as a creation is; the version goes up by one (emulator's choice).
 */
export function updateDescriptor(ctx: AppContext, where: DescriptorScope, caller: Caller, id: string, body: Json): Json {
  const previous = stored(ctx, where.scope, id);
  const checked = checkDescriptor(ctx, where.scope, body, id);
  checkUnionKeepsIdentity(ctx, where.scope, previous, { ...checked, '@id': id });
  const metadata = previous['meta:registryMetadata'] as Json;
  const descriptor = build(where, id, checked, String(Number(previous.version) + 1), {
    ...metadata,
    'repo:lastModifiedDate': ctx.clock.now(),
    'xdm:lastModifiedUserId': caller.user,
  });
  collection(ctx, where.scope).put(id, descriptor);
  recordDescriptorChange(ctx, where.scope, caller, previous, descriptor);
  return withoutMetadata(descriptor);
}

/** DELETE /tenant/descriptors/{id} → 204; an unknown id → 404; the primary identity of a union schema stays (XDM-1528). */
export function deleteDescriptor(ctx: AppContext, scope: ScopeKey, caller: Caller, id: string): Answer<undefined> {
  const previous = stored(ctx, scope, id);
  checkUnionKeepsIdentity(ctx, scope, previous, undefined);
  collection(ctx, scope).delete(id);
  recordDescriptorChange(ctx, scope, caller, previous, undefined);
  return { status: 204, body: undefined };
}

/** The stored form, in the order of schema-registry.yaml's lookup example; `eTag` is the SHA-256 of the version, as there. */
function build(where: DescriptorScope, id: string, body: Json, version: string, metadata: Json): StoredDescriptor {
  const { '@type': type, 'xdm:sourceSchema': sourceSchema, 'xdm:sourceVersion': sourceVersion, 'xdm:sourceProperty': sourceProperty, ...rest } = body;
  const own = Object.fromEntries(Object.entries(rest).filter(([key]) => !READ_ONLY.has(key)));
  return {
    '@id': id,
    '@type': String(type),
    'xdm:sourceSchema': String(sourceSchema),
    ...(sourceVersion !== undefined ? { 'xdm:sourceVersion': sourceVersion } : {}),
    'xdm:sourceProperty': sourceProperty,
    imsOrg: where.org,
    version,
    ...own,
    'meta:containerId': 'tenant',
    'meta:sandboxType': where.sandbox === 'prod' ? 'production' : 'development',
    'meta:registryMetadata': { ...metadata, eTag: createHash('sha256').update(version).digest('hex') },
  };
}

function withoutMetadata(descriptor: StoredDescriptor): Json {
  const { 'meta:registryMetadata': _metadata, ...rest } = descriptor;
  return rest;
}

// ---- validation ----

/**
 * Checks a descriptor body (descriptors.md, "Defining descriptors") past its JSON Schema (which
 * holds the enums of `@type`, `xdm:property`, `xdm:cardinality`): the fields its type requires,
 * a source schema of this sandbox, source properties that exist in it, major version 1, one
 * primary identity per schema. Returns the body with `xdm:sourceSchema` as the schema's `$id`.
 */
function checkDescriptor(ctx: AppContext, scope: ScopeKey, body: Json, selfId: string | undefined): Json {
  const type = String(body['@type']);
  const required = REQUIRED[type];
  if (!required) throw invalidResource(`Unknown descriptor type ${type}; valid types: ${DESCRIPTOR_TYPES.join(', ')}`);
  for (const field of ['xdm:sourceSchema', 'xdm:sourceProperty', ...required]) {
    if (body[field] === undefined || body[field] === '') throw invalidResource(`A ${type} descriptor requires ${field}`);
  }
  for (const field of ['xdm:sourceVersion', 'xdm:destinationVersion']) {
    if (body[field] !== undefined && String(body[field]) !== '1') throw invalidResource(`${field} must be 1, the major version of the schema`);
  }
  const source = sourceSchemaOf(ctx, scope, String(body['xdm:sourceSchema']), 'xdm:sourceSchema');
  const properties =
    type === 'xdm:descriptorPrimaryKey' && Array.isArray(body['xdm:sourceProperty']) ? body['xdm:sourceProperty'] : [body['xdm:sourceProperty']];
  if (properties.length === 0) throw invalidResource(`A ${type} descriptor requires xdm:sourceProperty`);
  for (const property of properties) checkProperty(ctx, scope, source, property, 'xdm:sourceProperty');

  if (type === 'xdm:descriptorIdentity') {
    if (body['xdm:isPrimary'] === true) {
      const primary = [...collection(ctx, scope).values()].find(
        (other) => other['@id'] !== selfId && other['@type'] === type && other['xdm:sourceSchema'] === source && other['xdm:isPrimary'] === true,
      );
      if (primary)
        throw invalidResource(`The schema ${source} already has a primary identity: descriptor ${primary['@id']} (${String(primary['xdm:sourceProperty'])})`);
    }
  }
  let destination: string | undefined;
  if (body['xdm:destinationSchema'] !== undefined) {
    destination = sourceSchemaOf(ctx, scope, String(body['xdm:destinationSchema']), 'xdm:destinationSchema');
    if (body['xdm:destinationProperty'] !== undefined) checkProperty(ctx, scope, destination, body['xdm:destinationProperty'], 'xdm:destinationProperty');
  }
  return { ...body, 'xdm:sourceSchema': source, ...(destination !== undefined ? { 'xdm:destinationSchema': destination } : {}) };
}

/** The `$id` of a tenant schema of this sandbox, named by `$id` (or `meta:altId`). */
function sourceSchemaOf(ctx: AppContext, scope: ScopeKey, id: string, field: string): string {
  const schema = findSchema(ctx, scope, id);
  if (!schema) throw invalidResource(`${field} ${id} is not a schema of this sandbox`);
  return schema.$id;
}

/** A JSON Pointer such as `/personalEmail/address` to a field of the schema's resolved (xed-full) form. */
function checkProperty(ctx: AppContext, scope: ScopeKey, schemaId: string, pointer: unknown, field: string): void {
  const path = String(pointer);
  if (typeof pointer !== 'string' || !path.startsWith('/') || path.endsWith('/')) {
    throw invalidResource(`${field} ${path} must be a path that starts with "/" and does not end with one, e.g. /personalEmail/address`);
  }
  let node: unknown = fullSchemaFor(ctx, scope, schemaId);
  for (const name of path.slice(1).split('/')) {
    while (isObject(node) && node.type === 'array' && isObject(node.items)) node = node.items;
    const properties = isObject(node) && isObject(node.properties) ? node.properties : undefined;
    node = properties?.[name];
    if (node === undefined) throw invalidResource(`${field} ${path} does not exist in the schema ${schemaId}`);
  }
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
