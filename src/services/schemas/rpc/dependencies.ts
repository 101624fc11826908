import type { AppContext } from '../../../context.js';
import type { ScopeKey } from '../../../store/store.js';
import { findIn, type StoredResource } from '../model.js';
import type { AuthoredKind } from '../authoring.js';

/** The tenant kinds an id may name, in the order they are looked up. */
export const TENANT_KINDS: readonly AuthoredKind[] = ['schemas', 'fieldgroups', 'datatypes', 'classes'];

/** A tenant resource of the scope by `$id` or `meta:altId` (plain or URL-encoded), whatever its kind. */
export function findTenantResource(ctx: AppContext, scope: ScopeKey, idOrAltId: string): { kind: AuthoredKind; resource: StoredResource } | undefined {
  for (const kind of TENANT_KINDS) {
    const resource = findIn(ctx, scope, kind, idOrAltId);
    if (resource) return { kind, resource };
  }
  return undefined;
}

/** The resource ids a resource names: `$ref`s (outside its own definitions), its class and the classes it is intended to extend. */
function referencedIds(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if ((key === '$ref' || key === 'meta:class') && typeof item === 'string' && !item.startsWith('#')) found.push(item.split('#')[0]);
      else if (key === 'meta:intendedToExtend' && Array.isArray(item)) found.push(...item.filter((id): id is string => typeof id === 'string'));
      else referencedIds(item, found);
    }
  }
  return found;
}

/**
 * The tenant classes, field groups and data types a resource depends on, directly or through
 * one another, each before what uses it (the order an import must create them in). Global
 * resources are left out: every sandbox has them.
 */
export function tenantDependencies(ctx: AppContext, scope: ScopeKey, resource: StoredResource): Array<{ kind: AuthoredKind; resource: StoredResource }> {
  const ordered: Array<{ kind: AuthoredKind; resource: StoredResource }> = [];
  const visited = new Set<string>([resource.$id]);
  const visit = (current: StoredResource) => {
    for (const id of referencedIds(current)) {
      if (visited.has(id)) continue;
      visited.add(id);
      const found = findTenantResource(ctx, scope, id);
      if (!found || found.kind === 'schemas') continue;
      visited.add(found.resource.$id);
      visit(found.resource);
      ordered.push(found);
    }
  };
  visit(resource);
  return ordered;
}
