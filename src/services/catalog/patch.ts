/**
 * The three ways a Catalog object's caller-owned fields change (help/catalog/api/update-object.md,
 * replace-object.md): PUT replaces them, PATCH with fields merges the given top-level fields, PATCH
 * with RFC 6902 JSON Patch (src/services/json-patch.ts) applies operations, and PATCH v2 merges at
 * every depth. Server-managed fields never
 * change through these; every function returns a new object and leaves its input untouched.
 */
import { applyJsonPatch } from '../json-patch.js';
import { invalidObject } from './errors.js';

type Fields = Record<string, unknown>;

/** Caller-owned fields of an object: everything but the server-managed ones. */
export function ownedFields(object: Fields, managed: ReadonlySet<string>): Fields {
  const result: Fields = {};
  for (const [key, value] of Object.entries(object)) if (!managed.has(key)) result[key] = value;
  return result;
}

/** PUT: the body's caller-owned fields replace all of them (server-managed ones in the body are ignored). */
export function replaced(body: Fields, managed: ReadonlySet<string>): Fields {
  return ownedFields(body, managed);
}

/** PATCH with fields: the given top-level fields replace the current ones; null removes a field. */
export function merged(current: Fields, body: Fields, managed: ReadonlySet<string>): Fields {
  const result = ownedFields(current, managed);
  for (const [key, value] of Object.entries(body)) {
    if (managed.has(key)) continue;
    if (value === null) delete result[key];
    else result[key] = value;
  }
  return result;
}

/**
 * PATCH /v2/dataSets/{id} (catalog.yaml, patchDataSetV2): like the merge, but objects merge
 * field by field at every depth, missing intermediate objects are created, and `null` removes a
 * field at any depth. Arrays and other values replace.
 */
export function deepMerged(current: Fields, body: Fields, managed: ReadonlySet<string>): Fields {
  const result = ownedFields(current, managed);
  for (const [key, value] of Object.entries(body)) if (!managed.has(key)) mergeInto(result, key, value);
  return result;
}

function mergeInto(target: Fields, key: string, value: unknown): void {
  if (value === null) {
    delete target[key];
    return;
  }
  if (!isPlainObject(value)) {
    target[key] = value;
    return;
  }
  const existing = Object.hasOwn(target, key) && isPlainObject(target[key]) ? { ...(target[key] as Fields) } : {};
  for (const [name, inner] of Object.entries(value)) mergeInto(existing, name, inner);
  target[key] = existing;
}

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * PATCH with JSON Patch: validates every operation first (shape, paths, server-managed targets)
 * and applies them to a copy, so a bad patch changes nothing. Returns the caller-owned fields of
 * the patched object.
 */
export function patched(current: Fields, operations: unknown, managed: ReadonlySet<string>): Fields {
  if (!Array.isArray(operations)) throw invalidObject('A JSON Patch body must be an array of operations (RFC 6902)');
  if (operations.length === 0) throw invalidObject('The JSON Patch body has no operations');
  for (const [index, operation] of operations.entries()) checkTargets(operation, index, managed);
  const document = applyJsonPatch(current, operations, invalidObject);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw invalidObject('The JSON Patch would replace the whole object with something that is not an object');
  }
  return ownedFields(document as Fields, managed);
}

function checkTargets(operation: unknown, index: number, managed: ReadonlySet<string>): void {
  if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) {
    throw invalidObject(`JSON Patch operation ${index} is not an object`);
  }
  const { op, path, from } = operation as { op?: unknown; path?: unknown; from?: unknown };
  if (typeof path !== 'string') throw invalidObject(`JSON Patch operation ${index} has no "path" string`);
  const writes = op !== 'test';
  const touches = (pointer: string) => {
    if (pointer === '') return [...managed][0] ?? '';
    const first = pointer.split('/')[1] ?? '';
    const name = first.replace(/~1/g, '/').replace(/~0/g, '~');
    return managed.has(name) ? name : undefined;
  };
  if (writes) {
    const target = touches(path);
    if (target !== undefined) {
      throw invalidObject(`JSON Patch operation ${index} (${String(op)} ${path}) would change '${target}', which the server manages`);
    }
  }
  if (op === 'move' && typeof from === 'string') {
    const source = touches(from);
    if (source !== undefined) throw invalidObject(`JSON Patch operation ${index} (move from ${from}) would remove '${source}', which the server manages`);
  }
}
