/**
 * GET /rpc/sampledata/{id} (help/xdm/api/sample-data.md): a record for a tenant schema, built
 * from its full resolved form (xed-full): every field, with a value of its type, its first enum
 * value, a value of its format and within its bounds, so that it validates against the schema.
 */
import type { AppContext } from '../../../context.js';
import type { ScopeKey } from '../../../store/store.js';
import { resourceNotFound } from '../errors.js';
import { fullSchemaFor, safeDecode } from '../model.js';
import type { Json } from '../resolve.js';

/** Nesting deeper than this is left out (recursive data types). */
const MAX_DEPTH = 12;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Values by string format, as in the guide's example where it shows one. */
function formatted(format: string | undefined, now: number): string | undefined {
  const iso = new Date(now).toISOString();
  switch (format) {
    case 'date-time':
      return iso;
    case 'date':
      return iso.slice(0, 10);
    case 'time':
      return iso.slice(11, 19);
    case 'email':
      return 'john.smith@abc.com';
    case 'uri':
    case 'iri':
      return 'https://ns.adobe.com/xdm/common/uri';
    case 'uri-reference':
    case 'iri-reference':
      return '/uri-reference';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'ipv4':
      return '192.0.2.1';
    case 'ipv6':
      return '2001:db8::1';
    case 'hostname':
      return 'example.com';
    default:
      return undefined;
  }
}

/** Strings tried against a `pattern`, the first that matches is used. */
const PATTERN_CANDIDATES = ['string', 'US', 'US-CA', 'en-US', '01-23', '12:00', 'a', 'A', '0', '1', 'abc123', 'ABC', '2026-01-01', '+1-555-0100'];

function sampleString(schema: Json, now: number): string | undefined {
  let value = formatted(typeof schema.format === 'string' ? schema.format : undefined, now) ?? 'string';
  if (typeof schema.pattern === 'string') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(schema.pattern, 'u');
    } catch {
      return value;
    }
    if (!pattern.test(value)) {
      const candidate = PATTERN_CANDIDATES.find((c) => pattern.test(c));
      if (candidate === undefined) return undefined;
      value = candidate;
    }
  }
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  if (value.length < min) value = value.padEnd(min, 'x');
  if (value.length > max) value = value.slice(0, max);
  return value;
}

function sampleNumber(schema: Json, integer: boolean): number {
  let value = 0;
  if (typeof schema.minimum === 'number') value = Math.max(value, schema.minimum);
  if (typeof schema.exclusiveMinimum === 'number') value = Math.max(value, schema.exclusiveMinimum + 1);
  if (typeof schema.maximum === 'number') value = Math.min(value, schema.maximum);
  if (typeof schema.exclusiveMaximum === 'number') value = Math.min(value, schema.exclusiveMaximum - 1);
  return integer ? Math.ceil(value) : value;
}

function sample(schema: unknown, depth: number, now: number): unknown {
  if (!isObject(schema) || depth > MAX_DEPTH) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) return sample(options[0], depth, now);
  }
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : [schema.type];
  const type = types[0] ?? (isObject(schema.properties) ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const record: Json = {};
      if (Array.isArray(schema.allOf)) for (const part of schema.allOf) Object.assign(record, sample(part, depth, now) ?? {});
      if (isObject(schema.properties)) {
        for (const [name, field] of Object.entries(schema.properties)) {
          const value = sample(field, depth + 1, now);
          if (value !== undefined) record[name] = value;
        }
      } else if (isObject(schema.additionalProperties)) {
        // a map (identityMap): one entry
        const value = sample(schema.additionalProperties, depth + 1, now);
        if (value !== undefined) record.key = value;
      }
      return record;
    }
    case 'array': {
      const item = sample(schema.items, depth + 1, now);
      if (item === undefined) return [];
      const count = Math.max(1, typeof schema.minItems === 'number' ? schema.minItems : 1);
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : count;
      return Array.from({ length: Math.min(count, max) }, () => item);
    }
    case 'string':
      return sampleString(schema, now);
    case 'integer':
      return sampleNumber(schema, true);
    case 'number':
      return sampleNumber(schema, false);
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

/** GET /rpc/sampledata/{id}: unknown schema → XDM-1012-404 (schema-registry.yaml example). */
export function sampleDataFor(ctx: AppContext, scope: ScopeKey, idOrAltId: string): Json {
  const full = fullSchemaFor(ctx, scope, idOrAltId);
  if (!full) throw resourceNotFound(ctx, 'schemas', safeDecode(idOrAltId), '1');
  const record = sample({ ...full, type: 'object' }, 0, ctx.clock.now());
  return isObject(record) ? record : {};
}
