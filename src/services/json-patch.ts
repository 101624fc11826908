/**
 * RFC 6902 JSON Patch for any service (fast-json-patch underneath), all or nothing: operations
 * apply one by one to a copy, and the first that cannot apply throws the service's own error
 * (from `fail`) naming its index. Pointers may not name `__proto__`, `constructor` or
 * `prototype`, nor walk through anything that is not the document's own data (an inherited
 * `/hasOwnProperty`, a string's `/length`...): the library would otherwise reach into prototypes.
 */
import type { Operation } from 'fast-json-patch';
import { fastJsonPatch } from '../lazy-libraries.js';

/** Turns a failure message into the error the calling service throws (a 400 in its envelope). */
export type PatchFailure = (message: string) => Error;

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
/** Operations whose `path` must already exist (for `add` only its parent must). */
const PATH_MUST_EXIST = new Set(['remove', 'replace', 'test']);
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** Applies `operations` to a copy of `document`; returns the patched copy. */
export function applyJsonPatch(document: unknown, operations: readonly unknown[], fail: PatchFailure): unknown {
  const jsonpatch = fastJsonPatch();
  let patched: unknown = structuredClone(document);
  // One operation at a time, so a message names the real index (applyPatch reports validation failures as 0).
  operations.forEach((operation, index) => {
    const unsafe = unsafePointer(patched, operation);
    if (unsafe) throw fail(describe(index, operation, unsafe));
    try {
      patched = jsonpatch.applyOperation(patched, operation as Operation, true, true, true, index).newDocument;
    } catch (error) {
      if (error instanceof jsonpatch.JsonPatchError) {
        throw fail(describe(index, operation, `${error.name.toLowerCase().replace(/_/g, ' ')}. ${error.message.split('\n')[0]}`));
      }
      throw fail(describe(index, operation, (error as Error)?.message ?? String(error)));
    }
  });
  return patched;
}

function describe(index: number, operation: unknown, reason: string): string {
  return `Invalid JSON Patch: operation ${index} (${JSON.stringify(operation)}) cannot be applied: ${reason}`;
}

/** Why the operation's pointers may not be followed in `document`, or null (the library checks the rest). */
function unsafePointer(document: unknown, operation: unknown): string | null {
  if (typeof operation !== 'object' || operation === null) return null;
  const { op, path, from } = operation as { op?: unknown; path?: unknown; from?: unknown };
  for (const [which, pointer] of [
    ['from', from],
    ['path', path],
  ] as const) {
    if (typeof pointer !== 'string' || !pointer.startsWith('/')) continue;
    if (which === 'from' && op !== 'move' && op !== 'copy') continue;
    const segments = pointer
      .slice(1)
      .split('/')
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
    if (forbidden !== undefined) return `the pointer ${pointer} has a '${forbidden}' segment, which is not allowed`;
    const lastMustExist = which === 'from' || PATH_MUST_EXIST.has(op as string);
    if (!resolvesToOwnData(document, segments, lastMustExist)) {
      return `operation ${which} unresolvable. Cannot perform the operation ${which === 'path' ? 'at' : 'from'} a path that does not exist`;
    }
  }
  return null;
}

/**
 * Whether every segment (the last one only when `lastMustExist`) names an own member of the
 * object or array reached so far. Array bounds and `-` of the last segment are left to the library.
 */
function resolvesToOwnData(document: unknown, segments: string[], lastMustExist: boolean): boolean {
  let node = document;
  for (let i = 0; i < segments.length; i++) {
    const last = i === segments.length - 1;
    if (last && !lastMustExist) return typeof node === 'object' && node !== null;
    const segment = segments[i];
    if (Array.isArray(node)) {
      if (last) return true;
      if (!ARRAY_INDEX.test(segment) || Number(segment) >= node.length) return false;
      node = node[Number(segment)];
    } else if (typeof node === 'object' && node !== null && Object.hasOwn(node, segment)) {
      node = (node as Record<string, unknown>)[segment];
    } else {
      return false;
    }
  }
  return true;
}
