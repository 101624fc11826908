import type { ErrorObject, ValidateFunction } from 'ajv';
import { newAjv } from '../../lazy-libraries.js';
import { isPlainObject } from './parsers/shared.js';

/** Why a record failed: partial ingestion's documented kinds, or a plain schema mismatch. */
export type FailureKind = 'corrupt' | 'required' | 'schema';

export interface RecordCheck {
  valid: boolean;
  kind?: FailureKind;
  errors: string[];
}

export type RecordValidator = (record: Record<string, unknown>, options?: { fromCsv?: boolean }) => RecordCheck;

/** Compiled validators by schema text, least recently used first. */
const cache = new Map<string, RecordValidator>();
/**
 * Schemas kept compiled (each holds an ajv instance): tenant sets each have their own copy of a
 * schema, their org id inside, so one slot per schema id would recompile at every batch.
 */
const CACHE_SIZE = 32;
/** The text of each schema object seen: full schemas are shared and never changed (schemas/model.ts), so batches reuse it. */
const texts = new WeakMap<Record<string, unknown>, string>();

/**
 * A validator for a dataset's full XDM schema (ajv, strict: false, all errors, ajv-formats),
 * compiled once per schema text: the text, not the id and version, decides, because a schema
 * keeps its version when a field group or data type it uses changes (or a descriptor makes a
 * field required), so a validator is never stale.
 * Batches call this once each (the schema serialized once per schema object), never once per record.
 * Fields the schema does not name are tolerated (not validated, not rejected); a null value
 * counts as an absent field, so a null required field fails as "required".
 */
export function validatorFor(schema: Record<string, unknown>): RecordValidator {
  let text = texts.get(schema);
  if (text === undefined) {
    text = JSON.stringify(schema);
    texts.set(schema, text);
  }
  let validator = cache.get(text);
  if (validator) cache.delete(text);
  else validator = compile(schema);
  cache.set(text, validator);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return validator;
}

function compile(schema: Record<string, unknown>): RecordValidator {
  // A fresh ajv per schema: XDM ids would otherwise clash when a schema is recompiled.
  const ajv = newAjv({ strict: false, allErrors: true });
  const validate: ValidateFunction = ajv.compile(forValidation(schema) as Record<string, unknown>);
  return (record, options = {}) => {
    let candidate = withoutNulls(record);
    if (options.fromCsv) candidate = convertCsvValues(candidate, schema);
    if (validate(candidate)) return { valid: true, errors: [] };
    const errors = validate.errors ?? [];
    return {
      valid: false,
      kind: errors.some((error) => error.keyword === 'required') ? 'required' : 'schema',
      errors: errors.map(describe),
    };
  };
}

/** Keywords whose value is a map of names to subschemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);
/** Keywords whose value is a subschema or a list of subschemas. */
const SCHEMA_SLOTS = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'allOf',
  'anyOf',
  'oneOf',
  'prefixItems',
]);

/**
 * A copy of a full XDM schema ajv can compile: without `$id`/`id` (embedded field groups and
 * data types may repeat theirs, and every reference is already resolved), `$schema` (XDM names
 * draft-06, which ajv does not bundle) and the `meta:*` annotations.
 */
function forValidation(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forValidation);
  if (!isPlainObject(schema)) return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$id' || key === '$schema' || key.startsWith('meta:') || (key === 'id' && typeof value === 'string')) continue;
    if (SCHEMA_MAPS.has(key) && isPlainObject(value)) {
      result[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, forValidation(sub)]));
    } else if (SCHEMA_SLOTS.has(key)) result[key] = forValidation(value);
    else result[key] = value;
  }
  return result;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '/' : error.instancePath;
  return `${where} ${error.message ?? 'is invalid'}`;
}

/** The record without null or undefined fields, at any depth of plain objects (arrays are left as they are). */
function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  // Most records have none: they are validated as they are, without a copy.
  return hasNulls(value) ? copyWithoutNulls(value) : value;
}

/** Whether the copy would differ: a null or undefined field, or an own `__proto__` key (the copy's assignment turns it into the prototype). */
function hasNulls(value: Record<string, unknown>): boolean {
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === null || item === undefined || key === '__proto__') return true;
    if (isPlainObject(item) && hasNulls(item)) return true;
  }
  return false;
}

function copyWithoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue;
    result[key] = isPlainObject(item) ? copyWithoutNulls(item) : item;
  }
  return result;
}

/**
 * CSV values are text; the schema says what they are. Strings under integer, number and
 * boolean fields are converted when they read as such (otherwise left for ajv to report).
 */
export function convertCsvValues(record: Record<string, unknown>, schema: unknown): Record<string, unknown> {
  const properties = isPlainObject(schema) && isPlainObject(schema.properties) ? schema.properties : {};
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const field = properties[key];
    if (isPlainObject(value)) result[key] = convertCsvValues(value, field);
    else if (typeof value === 'string' && isPlainObject(field)) result[key] = convertText(value, typeOf(field));
    else result[key] = value;
  }
  return result;
}

function typeOf(field: Record<string, unknown>): string | undefined {
  const type = field.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((item) => item !== 'null') as string | undefined;
  return undefined;
}

function convertText(text: string, type: string | undefined): unknown {
  const trimmed = text.trim();
  if (type === 'integer' && /^[+-]?\d+$/.test(trimmed)) return Number(trimmed);
  if (type === 'number' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return Number(trimmed);
  if (type === 'boolean' && /^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  return text;
}
