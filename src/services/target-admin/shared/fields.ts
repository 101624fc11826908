/**
 * Field rules shared by offers and audiences (seed 004's attribute tables): names, workspaces,
 * ids in paths and the objects they name, Target timestamps, and the fields that mark a newer API version.
 */
import type { Clock } from '../../../store/clock.js';
import type { Collection } from '../../../store/store.js';
import { invalidRequest, newerVersionFields, resourceNotFound, type ResourceKind } from './errors.js';

/** "Max length is 250 characters" (seed 004, offer name and workspace). */
export const MAX_NAME_LENGTH = 250;

/** The workspace objects land in when the request names none ("Default workspace is assumed"); every sample uses it. */
export const DEFAULT_WORKSPACE = '1234567';

export type Body = Record<string, unknown>;

/** Target timestamps have no milliseconds: `2017-07-10T20:46:53Z` (seed 004 samples). */
export function targetTimestamp(clock: Clock): string {
  return clock.nowDate().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Integer id of a path; anything else can name no object (null). */
export function pathId(raw: string): number | null {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

/** The stored object a path's id names; a 404 naming the kind when there is none. */
export function storedByPathId<T>(clock: Clock, stored: Collection<T>, kind: ResourceKind, rawId: string): T {
  const id = pathId(rawId);
  const found = id === null ? undefined : stored.get(id);
  if (!found) throw resourceNotFound(clock, kind, rawId);
  return found;
}

export function requireBody(clock: Clock, body: unknown): Body {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest(clock, 'The request body must be a JSON object');
  }
  return body as Body;
}

/** `name`: required, a string, not empty (blank counts as empty), at most 250 characters. */
export function requireName(clock: Clock, body: Body): string {
  const name = body.name;
  if (name === undefined || name === null) throw invalidRequest(clock, 'name is required');
  if (typeof name !== 'string') throw invalidRequest(clock, 'name must be a string');
  if (name.trim() === '') throw invalidRequest(clock, 'name cannot be empty');
  if (name.length > MAX_NAME_LENGTH) throw invalidRequest(clock, `name must be at most ${MAX_NAME_LENGTH} characters`);
  return name;
}

/** An optional string field; `maxLength` when the table gives one. */
export function optionalString(clock: Clock, body: Body, field: string, maxLength?: number): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidRequest(clock, `${field} must be a string`);
  if (maxLength !== undefined && value.length > maxLength) throw invalidRequest(clock, `${field} must be at most ${maxLength} characters`);
  return value;
}

/** `workspace`: optional id, at most 250 characters, not empty. */
export function optionalWorkspace(clock: Clock, body: Body): string | undefined {
  const workspace = optionalString(clock, body, 'workspace', MAX_NAME_LENGTH);
  if (workspace !== undefined && workspace.trim() === '') throw invalidRequest(clock, 'workspace cannot be empty');
  return workspace;
}

/** The start of every offer and audience body: a JSON object, no newer version's field, a valid name. */
export function readNamedBody(clock: Clock, raw: unknown, version: number, markers: Readonly<Record<string, number>>): { body: Body; name: string } {
  const body = requireBody(clock, raw);
  rejectNewerFields(clock, body, version, markers);
  return { body, name: requireName(clock, body) };
}

/**
 * Seed 002: a payload using a newer version's fields, sent under an older version's
 * Content-Type, is refused with 406 Unsupported.Feature. `markers` maps each such field to the
 * first version that knows it.
 */
export function rejectNewerFields(clock: Clock, body: Body, version: number, markers: Readonly<Record<string, number>>): void {
  for (const [field, since] of Object.entries(markers)) {
    if (body[field] !== undefined && version < since) throw newerVersionFields(clock);
  }
}
