/**
 * The services' declarations (src/services/<service>/service.ts) as the control plane looks
 * them up: by scope key, by collection, by service name.
 */
import type { CollectionDeclaration, ScopeDeclaration, ServiceDeclaration, ViewDeclaration } from '../services/declaration.js';
import { SERVICES, type Product } from '../services/registry.js';
import type { ScopeKey } from '../store/store.js';

/** A scope key's kind: its first segment (`platform/<org>/<sandbox>` → `platform`). */
export const scopeKind = (scope: ScopeKey): string => scope.split('/')[0]!;

/** The services whose collections live in scopes of a kind, in the registry's order. */
export function servicesOfKind(kind: string): ServiceDeclaration[] {
  return SERVICES.filter((service) => service.scopes.some((declared) => declared.kind === kind));
}

/** What a scope is: its product and its declaration (the first service declaring its kind has the say); undefined when no service knows it. */
export function declaredScope(scope: ScopeKey): { product: Product; declaration: ScopeDeclaration } | undefined {
  const kind = scopeKind(scope);
  for (const service of SERVICES) {
    const declaration = service.scopes.find((declared) => declared.kind === kind);
    if (declaration) return { product: service.product, declaration };
  }
  return undefined;
}

/** The collections declared for scopes of a kind, in the registry's order, then each service's. */
export function collectionsOfKind(kind: string): CollectionDeclaration[] {
  return servicesOfKind(kind).flatMap((service) => service.collections);
}

/** The computed views declared for scopes of a kind, in the same order. */
export function viewsOfKind(kind: string): ViewDeclaration[] {
  return servicesOfKind(kind).flatMap((service) => service.views ?? []);
}

export const serviceNamed = (name: string): ServiceDeclaration | undefined => SERVICES.find((service) => service.name === name);
