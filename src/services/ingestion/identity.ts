/**
 * The dataset schema's primary identity takes part in batch validation: the field a primary
 * `xdm:descriptorIdentity` descriptor names (help/xdm/api/descriptors.md) must be present in every
 * ingested record. The guides do not document the failure; the emulator counts such a record as
 * missing a required field (INGEST-1555-400), like any other required field.
 */
import type { AppContext } from '../../context.js';
import type { ScopeKey } from '../../store/store.js';
import { DESCRIPTORS, type StoredDescriptor } from '../schemas/descriptors/model.js';
import { findSchema } from '../schemas/model.js';
import { isPlainObject } from './parsers/shared.js';

/** The JSON Pointer (`/_tenant/loyalty/loyaltyId`) of the schema's primary identity, if it has one. */
export function primaryIdentityOf(ctx: AppContext, scope: ScopeKey, schemaIdOrAltId: string): string | undefined {
  const schema = findSchema(ctx, scope, schemaIdOrAltId);
  if (!schema) return undefined;
  for (const descriptor of ctx.store.collection<StoredDescriptor>(scope, DESCRIPTORS).values()) {
    if (
      descriptor['@type'] === 'xdm:descriptorIdentity' &&
      descriptor['xdm:isPrimary'] === true &&
      descriptor['xdm:sourceSchema'] === schema.$id &&
      typeof descriptor['xdm:sourceProperty'] === 'string'
    )
      return descriptor['xdm:sourceProperty'];
  }
  return undefined;
}

/**
 * A copy of a full schema where the field at `pointer`, and every object on the way to it, is
 * required. The schema is shared (model.ts): only the nodes on the path are copied. A path
 * through an array, or to a field the schema does not have, requires what it can reach.
 */
export function requiringField(schema: Record<string, unknown>, pointer: string): Record<string, unknown> {
  const names = pointer
    .slice(1)
    .split('/')
    .map((name) => name.replaceAll('~1', '/').replaceAll('~0', '~'));
  return requireAlong(schema, names);
}

function requireAlong(node: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const [name, ...rest] = names;
  const properties = node.properties;
  if (name === undefined || !isPlainObject(properties) || !isPlainObject(properties[name])) return node;
  const required = Array.isArray(node.required) ? (node.required as unknown[]) : [];
  return {
    ...node,
    required: required.includes(name) ? required : [...required, name],
    properties: { ...properties, [name]: requireAlong(properties[name], rest) },
  };
}
