import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isPlainObject } from './parsers/shared.js';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** Why a record failed: partial ingestion's documented kinds, or a plain schema mismatch. */
export type FailureKind = 'corrupt' | 'required' | 'schema';

export interface RecordCheck {
  valid: boolean;
  kind?: FailureKind;
  errors: string[];
}

export type RecordValidator = (record: Record<string, unknown>, options?: { fromCsv?: boolean }) => RecordCheck;

const cache = new Map<string, { text: string; validator: RecordValidator }>();

/**
 * A validator for a dataset's full XDM schema (ajv, strict: false, all errors, ajv-formats),
 * compiled once per schema id + version and recompiled only when the schema's text changes.
 * Fields the schema does not name are tolerated (not validated, not rejected); a null value
 * counts as an absent field, so a null required field fails as "required".
 */
export function validatorFor(schema: Record<string, unknown>): RecordValidator {
  const key = `${String(schema.$id ?? schema['meta:altId'] ?? '')}@${String(schema.version ?? '')}`;
  const text = JSON.stringify(schema);
  const cached = cache.get(key);
  if (cached && cached.text === text) return cached.validator;
  const validator = compile(schema);
  cache.set(key, { text, validator });
  return validator;
}

function compile(schema: Record<string, unknown>): RecordValidator {
  // A fresh ajv per schema: XDM ids would otherwise clash when a schema is recompiled.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const { id: _id, $schema: _dialect, ...rest } = schema;
  void _id;
  void _dialect;
  const validate: ValidateFunction = ajv.compile(rest);
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

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '/' : error.instancePath;
  return `${where} ${error.message ?? 'is invalid'}`;
}

function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue;
    result[key] = isPlainObject(item) ? withoutNulls(item) : item;
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
