/**
 * Moving resources between sandboxes and orgs (help/xdm/api/export.md, import.md): an export
 * payload is a resource with every tenant resource it depends on, dependencies first, the
 * tenant id replaced by a placeholder; an import creates them in the caller's sandbox.
 */
import type { AppContext } from '../../../context.js';
import { ApiError } from '../../../errors/api-error.js';
import type { Answer } from '../../answer.js';
import { createResource, type AuthoredKind, type ResourceBody, type WriteScope } from '../authoring.js';
import { collection, publicForm, safeDecode, tenantOf, type StoredResource } from '../model.js';
import type { Json } from '../resolve.js';
import { findTenantResource, tenantDependencies } from './dependencies.js';
import { importFailed, rpcNotFound } from './errors.js';

export const TENANT_PLACEHOLDER = '<XDM_TENANTID_PLACEHOLDER>';

/** What an export leaves out: where the resource lives and the registry's bookkeeping (export.md example). */
const NOT_EXPORTED = new Set(['imsOrg', 'meta:registryMetadata', 'meta:containerId', 'meta:tenantNamespace']);

/** The fields an import writes (as authoring does); the rest of an item is the registry's. */
const IMPORTED_KEYS = ['title', 'type', 'description', 'definitions', 'allOf', 'properties', 'meta:intendedToExtend', 'meta:immutableTags'] as const;

const KIND_OF_TYPE: Record<string, AuthoredKind> = {
  schemas: 'schemas',
  mixins: 'fieldgroups',
  fieldgroups: 'fieldgroups',
  datatypes: 'datatypes',
  classes: 'classes',
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Replaces the tenant id in ids (`https://ns.adobe.com/{TENANT}/…`, `_{TENANT}.…`) and field names (`_{TENANT}`). */
function withTenant(value: unknown, from: string, to: string): unknown {
  const text = JSON.stringify(value).split(`ns.adobe.com/${from}/`).join(`ns.adobe.com/${to}/`).split(`_${from}`).join(`_${to}`);
  return JSON.parse(text);
}

function exported(resource: StoredResource, tenant: string): Json {
  const body = Object.fromEntries(Object.entries(publicForm(resource)).filter(([key]) => !NOT_EXPORTED.has(key)));
  return withTenant(body, tenant, TENANT_PLACEHOLDER) as Json;
}

/** GET /rpc/export/{id}: the payload, dependencies first and the resource last. Unknown id → the kind's 404. */
export function exportPayload(ctx: AppContext, where: { scope: string; org: string }, idOrAltId: string): Json[] {
  const found = findTenantResource(ctx, where.scope, idOrAltId);
  if (!found) throw rpcNotFound(ctx, safeDecode(idOrAltId));
  const tenant = tenantOf(ctx, where.org);
  return [...tenantDependencies(ctx, where.scope, found.resource).map(({ resource }) => resource), found.resource].map((r) => exported(r, tenant));
}

/**
 * POST /rpc/import → 200 with the created resources. The placeholder becomes the caller's
 * tenant id; each item is created through authoring (every rule applies) with a new id, and
 * later items referring to an earlier one's id are rewritten to its new id. All or nothing: on
 * the first refused item, what was created is removed and the answer is XDM-3005-400.
 */
export function importPayload(ctx: AppContext, where: WriteScope, payload: unknown[]): Answer<Json[]> {
  if (payload.length === 0) throw importFailed(ctx, 'The payload holds no resources');
  const tenant = tenantOf(ctx, where.org);
  const renamed: Array<[string, string]> = [];
  const created: Array<{ kind: AuthoredKind; resource: Json }> = [];
  const classesOf = classesUsing(payload.map((raw) => JSON.parse(JSON.stringify(raw).split(TENANT_PLACEHOLDER).join(tenant)) as unknown));
  const renamedId = (id: string) => renamed.find(([from]) => from === id)?.[1] ?? id;
  try {
    for (const [index, raw] of payload.entries()) {
      let text = JSON.stringify(raw).split(TENANT_PLACEHOLDER).join(tenant);
      for (const [from, to] of renamed) text = text.split(from).join(to);
      const item = JSON.parse(text) as unknown;
      if (!isObject(item)) throw importFailed(ctx, `Item ${index} is not an XDM resource`);
      const kind = KIND_OF_TYPE[String(item['meta:resourceType'])];
      if (!kind) throw importFailed(ctx, `Item ${index} has no importable meta:resourceType (schemas, mixins, datatypes or classes)`);
      const body: Json = {};
      for (const key of IMPORTED_KEYS) if (item[key] !== undefined) body[key] = item[key];
      // schema-registry.yaml's import example spells the key "$ref " (with a space) in allOf.
      if (Array.isArray(body.allOf)) {
        body.allOf = body.allOf.map((entry) =>
          isObject(entry) && entry.$ref === undefined && entry['$ref '] !== undefined ? { ...entry, $ref: entry['$ref '] } : entry,
        );
      }
      // Exported field groups may carry `"meta:intendedToExtend": []` (export.md): they extend the classes of the payload's schemas using them.
      const intended = body['meta:intendedToExtend'];
      const original = JSON.parse(JSON.stringify(payload[index]).split(TENANT_PLACEHOLDER).join(tenant)) as Json;
      if (kind === 'fieldgroups' && (!Array.isArray(intended) || intended.length === 0) && classesOf.has(String(original.$id))) {
        body['meta:intendedToExtend'] = [...classesOf.get(String(original.$id))!].map(renamedId);
      }
      // Descriptors do not travel with an export, so an imported schema cannot keep its union tag: it joins
      // the union in its new sandbox once it has a primary identity descriptor there (our choice).
      if (Array.isArray(body['meta:immutableTags'])) body['meta:immutableTags'] = body['meta:immutableTags'].filter((tag) => tag !== 'union');
      if (typeof body.title !== 'string' || body.title === '') throw importFailed(ctx, `Item ${index} needs a "title"`);
      if (body.type !== 'object') throw importFailed(ctx, `Item ${index}'s "type" must be "object"`);
      const resource = createResource(ctx, where, kind, body as unknown as ResourceBody).body;
      created.push({ kind, resource });
      if (typeof item.$id === 'string') renamed.push([item.$id, String(resource.$id)]);
      if (typeof item['meta:altId'] === 'string') renamed.push([item['meta:altId'], String(resource['meta:altId'])]);
    }
  } catch (error) {
    for (const { kind, resource } of created.reverse()) collection(ctx, where.scope, kind).delete(String(resource['meta:altId']));
    if (error instanceof ApiError && !String((error.body as Json | undefined)?.type ?? '').includes('XDM-3005')) {
      throw importFailed(ctx, reasonOf(error));
    }
    throw error;
  }
  return { status: 200, body: created.map(({ resource }) => resource) };
}

/** Field group `$id` → the classes of the payload's schemas naming it in allOf. */
function classesUsing(items: unknown[]): Map<string, Set<string>> {
  const classes = new Map<string, Set<string>>();
  for (const item of items) {
    if (!isObject(item) || item['meta:resourceType'] !== 'schemas' || typeof item['meta:class'] !== 'string' || !Array.isArray(item.allOf)) continue;
    for (const entry of item.allOf) {
      const ref = isObject(entry) ? (entry.$ref ?? entry['$ref ']) : undefined;
      if (typeof ref !== 'string' || ref === item['meta:class']) continue;
      if (!classes.has(ref)) classes.set(ref, new Set());
      classes.get(ref)!.add(item['meta:class']);
    }
  }
  return classes;
}

function reasonOf(error: ApiError): string {
  const body = error.body as Json | undefined;
  const report = isObject(body?.report) ? body.report : undefined;
  return String(report?.['detailed-message'] ?? body?.detail ?? body?.title ?? error.message);
}
