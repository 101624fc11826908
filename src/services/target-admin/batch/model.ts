/**
 * Target Admin batch (seed 002 / seed 004, "Batch Updates"): validation of the whole batch, the
 * dependency plan, `{operationIdResponse:N}` substitution and the execution of the operations
 * through a dispatcher (the routes pass src/gateway/in-process.ts, so every operation goes through
 * the same gateway and routes as a direct call). No Fastify here.
 */
import type { AppContext } from '../../../context.js';
import { ConnectionDropped, FRAMING_HEADERS, type InProcessRequest, type InProcessResponse } from '../../../gateway/in-process.js';
import { targetError, targetErrorBody } from '../../../gateway/target.js';
import type { TargetRequestScope } from '../../../gateway/types.js';
import { ACTIVITIES } from '../shared/references.js';
import { currentPath, type ActivityTypeOf } from './legacy.js';

export const MAX_OPERATIONS = 256;
export const MAX_HEADERS = 50;
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type BatchMethod = (typeof METHODS)[number];

export interface BatchHeader {
  name: string;
  value: string;
}

export interface BatchOperation {
  operationId: number;
  dependsOnOperationIds: number[];
  method: BatchMethod;
  relativeUrl: string;
  headers: BatchHeader[];
  body: unknown;
}

export interface BatchResult {
  operationId: number;
  skipped: boolean;
  statusCode?: number;
  headers?: BatchHeader[];
  body?: unknown;
}

/** What one dispatched operation answered. */
export type DispatchResponse = InProcessResponse;
export type DispatchRequest = InProcessRequest & { method: BatchMethod };

export type Dispatcher = (request: DispatchRequest) => Promise<DispatchResponse>;

/** A validation failure of the whole batch (the route turns it into a 400 Request.Invalid). */
export class BatchInvalid extends Error {}

const PLACEHOLDER = /\{operationIdResponse:(\d+)\}/g;
const WHOLE_PLACEHOLDER = /^\{operationIdResponse:(\d+)\}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(message: string): never {
  throw new BatchInvalid(message);
}

/** Every rule of "Validation of the whole batch"; returns the normalised operations. */
export function validateBatch(payload: unknown): BatchOperation[] {
  if (!isObject(payload)) fail('The request body must be a JSON object with an "operations" array');
  const raw = payload.operations;
  if (!Array.isArray(raw)) fail('"operations" must be an array');
  if (raw.length === 0) fail('"operations" must contain at least one operation');
  if (raw.length > MAX_OPERATIONS) fail(`"operations" allows at most ${MAX_OPERATIONS} operations (got ${raw.length})`);

  const operations: BatchOperation[] = [];
  const seen = new Set<number>();
  raw.forEach((entry, index) => {
    const at = `operations[${index}]`;
    if (!isObject(entry)) fail(`${at} must be an object`);
    const id = entry.operationId;
    if (id === undefined || id === null) fail(`${at}.operationId is required`);
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= MAX_OPERATIONS) {
      fail(`${at}.operationId must be an integer from 0 to ${MAX_OPERATIONS - 1}`);
    }
    if (seen.has(id)) fail(`${at}.operationId ${id} is not unique`);
    seen.add(id);

    const method = typeof entry.method === 'string' ? entry.method.toUpperCase() : entry.method;
    if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
      fail(`${at}.method must be one of ${METHODS.join(', ')}`);
    }
    const relativeUrl = entry.relativeUrl;
    // One that is not relative is that operation's 404 (seed 002), answered when it runs.
    if (typeof relativeUrl !== 'string') fail(`${at}.relativeUrl is required`);

    let depends: number[] = [];
    if (entry.dependsOnOperationIds !== undefined) {
      const list = entry.dependsOnOperationIds;
      if (!Array.isArray(list)) fail(`${at}.dependsOnOperationIds must be an array`);
      if (list.length > MAX_OPERATIONS - 1) fail(`${at}.dependsOnOperationIds allows at most ${MAX_OPERATIONS - 1} operations`);
      if (!list.every((value) => typeof value === 'number' && Number.isInteger(value))) {
        fail(`${at}.dependsOnOperationIds must contain operation ids (integers)`);
      }
      if (new Set(list).size !== list.length) fail(`${at}.dependsOnOperationIds must contain unique values`);
      depends = list as number[];
    }

    let headers: BatchHeader[] = [];
    if (entry.headers !== undefined) {
      const list = entry.headers;
      if (!Array.isArray(list)) fail(`${at}.headers must be an array`);
      if (list.length > MAX_HEADERS) fail(`${at}.headers allows at most ${MAX_HEADERS} headers`);
      const names = new Set<string>();
      headers = list.map((header, position) => {
        if (!isObject(header) || typeof header.name !== 'string' || header.name.trim() === '') {
          fail(`${at}.headers[${position}].name is required`);
        }
        const lower = header.name.toLowerCase();
        if (names.has(lower)) fail(`${at}.headers[${position}].name '${header.name}' is not unique (header names are case-insensitive)`);
        names.add(lower);
        const value = header.value === undefined || header.value === null ? '' : String(header.value);
        return { name: header.name, value };
      });
    }

    if (entry.body !== undefined && (typeof entry.body !== 'object' || entry.body === null)) {
      fail(`${at}.body must be a JSON object or array`);
    }

    operations.push({
      operationId: id,
      dependsOnOperationIds: depends,
      method: method as BatchMethod,
      relativeUrl,
      headers,
      body: entry.body,
    });
  });

  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  for (const operation of operations) {
    for (const dependency of operation.dependsOnOperationIds) {
      if (dependency === operation.operationId) fail(`Operation ${operation.operationId} depends on itself`);
      if (!byId.has(dependency)) fail(`Operation ${operation.operationId} depends on operation ${dependency}, which is not in the batch`);
    }
  }
  const cycle = findCycle(operations, byId);
  if (cycle) fail(`Cyclical dependency between operations: ${cycle.join(' -> ')}`);

  for (const operation of operations) {
    const references = new Set([...placeholdersIn(operation.relativeUrl), ...placeholdersIn(operation.body)]);
    if (references.size === 0) continue;
    const ancestors = ancestorsOf(operation, byId);
    for (const reference of references) {
      const target = byId.get(reference);
      if (!target) fail(`Operation ${operation.operationId} refers to {operationIdResponse:${reference}}, which is not in the batch`);
      if (target.method !== 'POST') fail(`Operation ${operation.operationId} refers to {operationIdResponse:${reference}}, which is not a POST operation`);
      if (!ancestors.has(reference)) {
        fail(`Operation ${operation.operationId} refers to {operationIdResponse:${reference}} but does not depend on operation ${reference}`);
      }
    }
  }
  return operations;
}

/** A dependency cycle as a list of operation ids (first id repeated at the end), or null. */
function findCycle(operations: BatchOperation[], byId: Map<number, BatchOperation>): number[] | null {
  const state = new Map<number, 'visiting' | 'done'>();
  const path: number[] = [];
  const visit = (id: number): number[] | null => {
    const mark = state.get(id);
    if (mark === 'done') return null;
    if (mark === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const dependency of byId.get(id)!.dependsOnOperationIds) {
      const found = visit(dependency);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const operation of operations) {
    const found = visit(operation.operationId);
    if (found) return found;
  }
  return null;
}

function ancestorsOf(operation: BatchOperation, byId: Map<number, BatchOperation>): Set<number> {
  const result = new Set<number>();
  const stack = [...operation.dependsOnOperationIds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...byId.get(id)!.dependsOnOperationIds);
  }
  return result;
}

function placeholdersIn(value: unknown, found: number[] = []): number[] {
  if (typeof value === 'string') {
    for (const match of value.matchAll(PLACEHOLDER)) found.push(Number(match[1]));
  } else if (Array.isArray(value)) {
    for (const item of value) placeholdersIn(item, found);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      placeholdersIn(key, found);
      placeholdersIn(item, found);
    }
  }
  return found;
}

/** Text splicing: every placeholder in a string becomes the created id as text. */
function spliceText(text: string, ids: Map<number, unknown>): string {
  return text.replace(PLACEHOLDER, (whole, n: string) => (ids.has(Number(n)) ? String(ids.get(Number(n))) : whole));
}

/** Body substitution: a string that is exactly one placeholder becomes the id itself (a number). */
export function substitute(value: unknown, ids: Map<number, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole && ids.has(Number(whole[1]))) return ids.get(Number(whole[1]));
    return spliceText(value, ids);
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, ids));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [spliceText(key, ids), substitute(item, ids)]));
  }
  return value;
}

/**
 * Leading API version segment of a relativeUrl (the legacy form of seed 002, e.g. "/v1/offers"):
 * "/vN/rest" → {version: N, path: "/rest"}. Legacy resource names are batch/legacy.ts's.
 */
export function splitVersion(relativeUrl: string): { version: number | null; path: string } {
  const match = /^\/v(\d+)(?=\/|\?|$)(.*)$/.exec(relativeUrl);
  if (!match) return { version: null, path: relativeUrl };
  const rest = match[2] === '' ? '/' : match[2].startsWith('?') ? `/${match[2]}` : match[2];
  return { version: Number(match[1]), path: rest };
}

const BODY_METHODS = new Set<BatchMethod>(['POST', 'PUT']);
const COPIED_HEADERS = ['authorization', 'x-api-key'] as const;

export interface BatchEnvironment {
  /** "/mocktenant/target": the base every relativeUrl is resolved against. */
  base: string;
  /** The batch request's own headers (lower-case names). */
  inherited: Record<string, string | undefined>;
  dispatch: Dispatcher;
  /** For legacy `/campaigns/{id}`: which activities route serves that id. */
  activityTypeOf: ActivityTypeOf;
  /** A Target error envelope, for operations answered without being dispatched. */
  errorBody: (status: number, errorCode: string, message: string) => unknown;
}

/**
 * Paths an operation may not reach: dot segments (escaping the tenant) and the batch itself,
 * however it is spelt (percent-encoded, even twice, any case, extra slashes, a version prefix),
 * so a batch cannot nest batches to get past MAX_OPERATIONS.
 */
function unreachable(path: string): boolean {
  const segments = fullyDecoded(path.split('?')[0]).split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return true;
  const named = segments.filter((segment) => segment !== '');
  const first = /^v\d+$/i.test(named[0] ?? '') ? named[1] : named[0];
  // A decoded ?, # or ; ends the name as far as a lenient router is concerned.
  return first !== undefined && /^batch(?:[?#;]|$)/i.test(first);
}

/** Percent-decoded until nothing changes (each pass that changes the text shortens it). */
function fullyDecoded(text: string): string {
  for (;;) {
    let next: string;
    try {
      next = decodeURIComponent(text);
    } catch {
      return text;
    }
    if (next === text) return text;
    text = next;
  }
}

/** Seed 002: query parameters have to be URL-encoded (no spaces, controls, non-ASCII or unsafe characters, valid escapes). */
function isEncoded(path: string): boolean {
  if (/[^\x21-\x7e]|["<>\\^`{|}]/.test(path)) return false;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The result headers (array of {name, value}, as in the sample response): Content-Type and Location. */
function resultHeaders(headers: DispatchResponse['headers']): BatchHeader[] {
  const out: BatchHeader[] = [];
  for (const [name, label] of [['content-type', 'Content-Type'], ['location', 'Location']] as const) {
    const value = headers[name];
    if (value !== undefined) out.push({ name: label, value: Array.isArray(value) ? value.join(', ') : String(value) });
  }
  return out;
}

function parseBody(text: string, contentType: unknown): unknown {
  if (text === '') return undefined;
  if (typeof contentType === 'string' && /json/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Runs validated operations: independents concurrently, dependents after their dependencies' 2xx. */
export async function executeBatch(operations: BatchOperation[], env: BatchEnvironment): Promise<BatchResult[]> {
  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  const createdIds = new Map<number, unknown>();
  const running = new Map<number, Promise<BatchResult>>();

  const run = (operation: BatchOperation): Promise<BatchResult> => {
    let promise = running.get(operation.operationId);
    if (!promise) {
      promise = (async () => {
        const dependencies = await Promise.all(operation.dependsOnOperationIds.map((id) => run(byId.get(id)!)));
        const ok = dependencies.every((result) => !result.skipped && result.statusCode! >= 200 && result.statusCode! < 300);
        if (!ok) return { operationId: operation.operationId, skipped: true };
        const result = await perform(operation, env, createdIds);
        if (operation.method === 'POST' && result.statusCode! >= 200 && result.statusCode! < 300 && isObject(result.body)) {
          if (result.body.id !== undefined) createdIds.set(operation.operationId, result.body.id);
        }
        return result;
      })();
      running.set(operation.operationId, promise);
    }
    return promise;
  };

  return Promise.all(operations.map(run));
}

async function perform(operation: BatchOperation, env: BatchEnvironment, ids: Map<number, unknown>): Promise<BatchResult> {
  const relativeUrl = spliceText(operation.relativeUrl, ids);
  if (!relativeUrl.startsWith('/')) {
    return failed(operation.operationId, 404, env.errorBody(404, 'Resource.NotFound', 'relativeUrl must start with / (the part after /admin/rest/)'));
  }
  const { version, path } = splitVersion(relativeUrl);

  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const name of COPIED_HEADERS) {
    const value = env.inherited[name];
    if (value !== undefined) headers[name] = value;
  }
  if (version !== null) {
    const vendor = `application/vnd.adobe.target.v${version}+json`;
    headers['content-type'] = vendor;
    headers.accept = vendor;
  }
  // The operation's own headers come last: an explicit Content-Type or Accept beats the /vN prefix.
  for (const header of operation.headers) {
    const name = header.name.toLowerCase();
    if (!FRAMING_HEADERS.has(name)) headers[name] = header.value;
  }

  if (!isEncoded(path)) {
    return failed(operation.operationId, 400, env.errorBody(400, 'Request.Invalid', 'relativeUrl must be URL-encoded'));
  }
  if (unreachable(path)) {
    return failed(operation.operationId, 404, env.errorBody(404, 'Resource.NotFound', 'No Admin API operation matches this relativeUrl'));
  }

  const url = `${env.base}${currentPath(operation.method, path, env.activityTypeOf)}`;
  const request: DispatchRequest = { method: operation.method, url, headers };
  if (BODY_METHODS.has(operation.method)) {
    request.payload = JSON.stringify(substitute(operation.body ?? {}, ids));
  } else {
    delete headers['content-type'];
  }
  let response: DispatchResponse;
  try {
    response = await env.dispatch(request);
  } catch (error) {
    if (error instanceof ConnectionDropped) {
      return failed(operation.operationId, 502, env.errorBody(502, 'Server.Error', 'The operation ended without an answer (its connection was closed)'));
    }
    // e.g. a header value HTTP cannot carry (control characters): that operation alone fails.
    const reason = error instanceof Error ? error.message : String(error);
    return failed(operation.operationId, 400, env.errorBody(400, 'Request.Invalid', `The operation could not be sent: ${reason}`));
  }
  const result: BatchResult = {
    operationId: operation.operationId,
    skipped: false,
    statusCode: response.statusCode,
    headers: resultHeaders(response.headers),
  };
  const body = parseBody(response.body, response.headers['content-type']);
  if (body !== undefined) result.body = body;
  return result;
}

function failed(operationId: number, statusCode: number, body: unknown): BatchResult {
  return { operationId, skipped: false, statusCode, headers: [{ name: 'Content-Type', value: 'application/json; charset=utf-8' }], body };
}

/**
 * POST /batch for the tenant: the batch checked (a 400 Request.Invalid naming what is wrong),
 * then its operations run through `dispatch` with the batch request's credentials.
 */
export async function runBatch(
  ctx: AppContext,
  target: TargetRequestScope,
  payload: unknown,
  inherited: BatchEnvironment['inherited'],
  dispatch: Dispatcher,
): Promise<{ results: BatchResult[] }> {
  let operations;
  try {
    operations = validateBatch(payload);
  } catch (error) {
    if (error instanceof BatchInvalid) throw targetError(ctx.clock, 400, 'Request.Invalid', error.message);
    throw error;
  }
  const results = await executeBatch(operations, {
    base: `/${encodeURIComponent(target.tenant)}/target`,
    inherited,
    dispatch,
    activityTypeOf: (id) => ctx.store.collection<{ type: string }>(target.scope, ACTIVITIES).get(id)?.type,
    errorBody: (status, errorCode, message) => targetErrorBody(ctx.clock, status, errorCode, message),
  });
  return { results };
}
