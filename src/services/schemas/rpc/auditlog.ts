/**
 * The audit log of tenant resources (help/xdm/api/audit-log.md): every change of a class, field
 * group, data type or schema of a Platform sandbox, recorded at each write of authoring.ts (so
 * creation, replacement, patches, deletion and imports), and every change of a schema's
 * descriptors, as JSON-Patch-like updates.
 */
import { customAlphabet } from 'nanoid';
import type { AppContext } from '../../../context.js';
import type { ChangeEvent, ScopeKey } from '../../../store/store.js';
import type { Caller } from '../../platform-objects.js';
import type { ResourceKind } from '../errors.js';
import { XDM_COLLECTIONS, safeDecode } from '../model.js';
import type { Json } from '../resolve.js';
import { findTenantResource, tenantDependencies } from './dependencies.js';
import { rpcNotFound } from './errors.js';

/** The log, per Platform scope: bookkeeping (hidden from the dashboard). */
export const AUDIT_LOG = 'xdmAuditLog';

export interface AuditUpdate {
  id: string;
  xdmType: string;
  action: 'add' | 'replace' | 'remove';
  path: string;
  value: unknown;
}

export interface StoredAuditEntry {
  /** The `$id` of the changed resource. */
  id: string;
  updatedUser: string;
  imsOrg: string;
  /** Epoch milliseconds of the emulator's clock. */
  updated: number;
  requestId: string;
  clientId: string;
  sandBoxId: string;
  updates: AuditUpdate[];
}

const requestId = customAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 32);
const entryId = customAlphabet('0123456789abcdef', 24);

const WATCHED = new Set(['schemas', 'classes', 'fieldgroups', 'datatypes'].map((kind) => XDM_COLLECTIONS[kind as ResourceKind]));
/** Registry bookkeeping that changes on every write: not a change of the resource. */
const IGNORED = new Set(['meta:registryMetadata']);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Records one change of a tenant resource made through the API; authoring.ts calls it at each
 * write (imports included, they go through it). Fixture copies, state imports and resets are not
 * API changes and are not logged.
 */
export function recordChange(ctx: AppContext, change: ChangeEvent): void {
  if (!WATCHED.has(change.collection) || !change.scope.startsWith('platform/')) return;
  const after = isObject(change.value) ? change.value : {};
  const before = isObject(change.previous) ? change.previous : {};
  const resource = isObject(change.value) ? change.value : before;
  const $id = String(resource.$id ?? change.id);
  const metadata = isObject(resource['meta:registryMetadata']) ? resource['meta:registryMetadata'] : {};
  logChange(ctx, change.scope, $id, {
    changed: $id,
    xdmType: String(resource['meta:resourceType'] ?? change.collection),
    before,
    after,
    user: String(metadata['xdm:lastModifiedUserId'] ?? ''),
    client: String(metadata['xdm:lastModifiedClientId'] ?? ''),
    imsOrg: resource.imsOrg,
  });
}

/**
 * Records the creation, replacement or deletion of a descriptor (descriptors/model.ts) in the log
 * of the schema it describes (of both schemas when a replacement moves it): a descriptor belongs
 * to its schema and has no log of its own. Each update names the descriptor by its `@id`, with
 * `xdmType` "descriptors" and paths into the descriptor.
 */
export function recordDescriptorChange(ctx: AppContext, scope: ScopeKey, caller: Caller, previous: Json | undefined, value: Json | undefined): void {
  if (!scope.startsWith('platform/')) return;
  const descriptor = value ?? previous ?? {};
  const schemas = new Set([previous?.['xdm:sourceSchema'], value?.['xdm:sourceSchema']].filter((id): id is string => typeof id === 'string'));
  for (const schema of schemas) {
    logChange(ctx, scope, schema, {
      changed: String(descriptor['@id']),
      xdmType: 'descriptors',
      before: previous ?? {},
      after: value ?? {},
      user: caller.user,
      client: caller.client,
      imsOrg: descriptor.imsOrg,
    });
  }
}

interface Change {
  /** The id of what changed: a resource's `$id`, a descriptor's `@id`. */
  changed: string;
  xdmType: string;
  before: Json;
  after: Json;
  user: string;
  client: string;
  imsOrg: unknown;
}

/** Stores the change in the log of the resource `$id` (nothing when the change changes nothing). */
function logChange(ctx: AppContext, scope: ScopeKey, $id: string, change: Change): void {
  const updates: AuditUpdate[] = [];
  diff(strip(change.before), strip(change.after), '', (action, path, value) =>
    updates.push({ id: change.changed, xdmType: change.xdmType, action, path, value }),
  );
  if (updates.length === 0) return;
  const [, org = '', sandbox = ''] = scope.split('/');
  ctx.store.collection<StoredAuditEntry>(scope, AUDIT_LOG).put(entryId(), {
    id: $id,
    updatedUser: change.user,
    imsOrg: String(change.imsOrg ?? org),
    updated: ctx.clock.now(),
    requestId: requestId(),
    clientId: change.client,
    sandBoxId: sandbox,
    updates,
  });
}

function strip(resource: Json): Json {
  const { id: _id, ...rest } = resource;
  return Object.fromEntries(Object.entries(rest).filter(([key]) => !IGNORED.has(key)));
}

const pointerKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Object members are compared field by field; anything else (arrays included) is replaced whole. */
function diff(before: unknown, after: unknown, path: string, emit: (action: AuditUpdate['action'], path: string, value: unknown) => void): void {
  if (isObject(before) && isObject(after)) {
    for (const [key, value] of Object.entries(before)) if (!(key in after)) emit('remove', `${path}/${pointerKey(key)}`, value);
    for (const [key, value] of Object.entries(after)) {
      if (!(key in before)) emit('add', `${path}/${pointerKey(key)}`, value);
      else diff(before[key], value, `${path}/${pointerKey(key)}`, emit);
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) emit('replace', path, after);
}

/** MM-DD-YYYY HH:mm:ss (UTC), as `updatedTime` in schema-registry.yaml's example. */
function registryTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}-${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/**
 * GET /rpc/auditlog/{id}: the changes of a tenant resource and of the tenant resources it is
 * built from, most recent first, each change set in schema-registry.yaml's shape (`id` is the
 * resource asked for, each update's `id` the resource it changed). Unknown id → the kind's 404.
 */
export function auditLogOf(ctx: AppContext, scope: ScopeKey, idOrAltId: string): Json[] {
  const found = findTenantResource(ctx, scope, idOrAltId);
  if (!found) throw rpcNotFound(ctx, safeDecode(idOrAltId));
  const { $id } = found.resource;
  const ids = new Set([$id, ...tenantDependencies(ctx, scope, found.resource).map(({ resource }) => resource.$id)]);
  const entries = [...ctx.store.collection<StoredAuditEntry>(scope, AUDIT_LOG).values()].filter((entry) => ids.has(entry.id));
  return entries
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => b.entry.updated - a.entry.updated || b.order - a.order)
    .map(({ entry }) => ({
      id: $id,
      updatedUser: entry.updatedUser,
      imsOrg: entry.imsOrg,
      updatedTime: registryTime(entry.updated),
      requestId: entry.requestId,
      clientId: entry.clientId,
      sandBoxId: entry.sandBoxId,
      updates: entry.updates,
    }));
}
