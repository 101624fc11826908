import type { AppContext } from '../../context.js';
import type { ScopeKey } from '../../store/store.js';

/** Schema Registry objects, per Platform scope (org + sandbox). */
export const SCHEMAS = 'schemas';

export type StoredSchema = Record<string, unknown> & { id: string; $id: string; 'meta:altId': string };

/** A tenant schema by its `$id` (URI) or its `meta:altId`. Placeholder until the Schema Registry lands. */
export function findSchema(ctx: AppContext, scope: ScopeKey, idOrAltId: string): StoredSchema | undefined {
  for (const schema of ctx.store.collection<StoredSchema>(scope, SCHEMAS).values()) {
    if (schema.$id === idOrAltId || schema['meta:altId'] === idOrAltId) return schema;
  }
  return undefined;
}

/**
 * The schema with every reference resolved (the `xed-full` form), as a JSON Schema that ajv can
 * validate ingested records with. Placeholder until the Schema Registry lands.
 */
export function fullSchemaFor(ctx: AppContext, scope: ScopeKey, idOrAltId: string): Record<string, unknown> | undefined {
  return findSchema(ctx, scope, idOrAltId);
}
