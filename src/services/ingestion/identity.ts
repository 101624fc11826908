/**
 * The dataset schema's primary identity takes part in batch validation: the field a primary
 * `xdm:descriptorIdentity` descriptor names (help/xdm/api/descriptors.md) must be present in every
 * ingested record, with a value: Adobe refuses an empty identity value, so an empty string there
 * counts as absent, as null does. The guides do not document the failure; the emulator counts
 * such a record as missing a required field (INGEST-1555-400), like any other required field.
 */
import type { AppContext } from '../../context.js';
import type { ScopeKey } from '../../store/store.js';
import { DESCRIPTORS, type StoredDescriptor } from '../schemas/descriptors/model.js';
import { peekSchema } from '../schemas/model.js';
import { isPlainObject } from './parsers/shared.js';
import { validatorFor, type RecordValidator } from './validate-records.js';

/**
 * The validator of a batch: the dataset's full schema (`schema`, as model.ts resolves it now) with
 * the primary identity of the schema `schemaId` required and never empty.
 */
export function validatorWithIdentity(ctx: AppContext, scope: ScopeKey, schemaId: string, schema: Record<string, unknown>): RecordValidator {
  const identity = primaryIdentityOf(ctx, scope, schemaId);
  if (!identity) return validatorFor(schema);
  const validate = validatorFor(requiringField(schema, identity));
  const names = namesOf(identity);
  return (record, options) => validate(withoutEmptyAt(record, names), options);
}

/** requiringField's answers by full schema (shared, never changed: model.ts), then by identity pointer. */
const required = new WeakMap<Record<string, unknown>, Map<string, Record<string, unknown>>>();

/** The JSON Pointer (`/_tenant/loyalty/loyaltyId`) of the schema's primary identity, if it has one. */
export function primaryIdentityOf(ctx: AppContext, scope: ScopeKey, schemaIdOrAltId: string): string | undefined {
  const schema = peekSchema(ctx, scope, schemaIdOrAltId);
  if (!schema) return undefined;
  for (const [, descriptor] of ctx.store.collection<StoredDescriptor>(scope, DESCRIPTORS).readOnlyEntries()) {
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
function requiringField(schema: Record<string, unknown>, pointer: string): Record<string, unknown> {
  // Kept: the same object again lets validatorFor find its validator without serializing the schema.
  let byPointer = required.get(schema);
  if (!byPointer) required.set(schema, (byPointer = new Map()));
  let result = byPointer.get(pointer);
  if (!result) {
    result = requireAlong(schema, namesOf(pointer));
    byPointer.set(pointer, result);
  }
  return result;
}

function namesOf(pointer: string): string[] {
  return pointer
    .slice(1)
    .split('/')
    .map((name) => name.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The record without the field at `names` when its value is the empty string (only the objects on the path are copied). */
function withoutEmptyAt(record: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const [name, ...rest] = names;
  if (name === undefined || !(name in record)) return record;
  const value = record[name];
  if (rest.length === 0) {
    if (value !== '') return record;
    const { [name]: _empty, ...others } = record;
    return others;
  }
  if (!isPlainObject(value)) return record;
  const inner = withoutEmptyAt(value, rest);
  return inner === value ? record : { ...record, [name]: inner };
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
