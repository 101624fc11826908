/**
 * GET /stats (schema-registry.yaml `statsResponse`): the org's tenant id and, for the caller's
 * sandbox, the number of tenant resources of each kind, the most recently created and updated
 * ones and the classes its schemas implement, all computed from the stored resources.
 */
import type { AppContext } from '../../../context.js';
import type { ScopeKey } from '../../../store/store.js';
import { collection, lookupFor, tenantOf, type StoredResource } from '../model.js';
import type { Json } from '../resolve.js';
import { TENANT_KINDS } from './dependencies.js';

/** How many resources the recently created / updated lists hold (emulator's choice; the document gives no number). */
export const RECENT_COUNT = 5;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function dateOf(resource: StoredResource, field: 'repo:createdDate' | 'repo:lastModifiedDate'): number {
  const metadata = isObject(resource['meta:registryMetadata']) ? resource['meta:registryMetadata'] : {};
  const value = metadata[field] ?? (field === 'repo:createdDate' ? metadata['repo:createDate'] : undefined);
  return typeof value === 'number' ? value : 0;
}

/** A list item with its version (schema-registry.yaml `listResponseItemWithVersion`), and its kind. */
function itemOf(resource: StoredResource): Json {
  return {
    title: resource.title,
    $id: resource.$id,
    'meta:altId': resource['meta:altId'],
    'meta:resourceType': resource['meta:resourceType'],
    version: resource.version,
  };
}

export function statsOf(ctx: AppContext, where: { scope: ScopeKey; org: string }): Json {
  const { scope, org } = where;
  const all = TENANT_KINDS.flatMap((kind) => [...collection(ctx, scope, kind).values()]);
  const schemas = [...collection(ctx, scope, 'schemas').values()];
  const recent = (field: 'repo:createdDate' | 'repo:lastModifiedDate') =>
    all
      .map((resource, order) => ({ resource, order }))
      .sort((a, b) => dateOf(b.resource, field) - dateOf(a.resource, field) || b.order - a.order)
      .slice(0, RECENT_COUNT)
      .map(({ resource }) => itemOf(resource));

  // A union exists per class with at least one schema enabled for Profile (meta:immutableTags "union").
  const unionClasses = new Set(
    schemas.filter((s) => Array.isArray(s['meta:immutableTags']) && s['meta:immutableTags'].includes('union')).map((s) => String(s['meta:class'])),
  );
  const lookup = lookupFor(ctx, scope);
  const usage = new Map<string, StoredResource[]>();
  for (const schema of schemas) {
    const schemaClass = schema['meta:class'];
    if (typeof schemaClass !== 'string') continue;
    usage.set(schemaClass, [...(usage.get(schemaClass) ?? []), schema]);
  }
  return {
    imsOrg: org,
    tenantId: tenantOf(ctx, org),
    counts: {
      schemas: schemas.length,
      mixins: collection(ctx, scope, 'fieldgroups').size,
      datatypes: collection(ctx, scope, 'datatypes').size,
      classes: collection(ctx, scope, 'classes').size,
      unions: unionClasses.size,
    },
    recentlyCreatedResources: recent('repo:createdDate'),
    recentlyUpdatedResources: recent('repo:lastModifiedDate'),
    classUsage: [...usage].map(([classId, users]) => ({
      $id: classId,
      title: lookup(classId)?.title ?? classId,
      numberOfSchemas: users.length,
      schemas: users.map((schema) => ({ title: schema.title, $id: schema.$id, 'meta:altId': schema['meta:altId'] })),
    })),
  };
}
