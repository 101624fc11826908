/**
 * Catalog's batched requests, `POST /` (help/catalog/api/appendix.md, "Make multiple requests in a
 * single call"): sub-requests run in order through the same routes as single calls; each answers
 * `{id, code, body}`. A sub-request may use `<<{REQUEST_ID}.{ATTRIBUTE}>>` to refer to the answer
 * of an earlier one (an answer that is only `["@/type/id"]` has the attribute `id`). When a change
 * (anything but GET) fails, every change made by the earlier sub-requests is reverted and the rest
 * are not run.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AppContext } from '../../context.js';
import type { Answer } from '../answer.js';
import type { ChangeEvent, ScopeKey, Store } from '../../store/store.js';
import { COLLECTIONS } from '../platform-objects.js';
import { platformEnvelope } from '../../gateway/platform.js';

export interface SubRequest {
  id?: string;
  method: string;
  resource: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SubResponse {
  id: string | undefined;
  code: number;
  body: unknown;
}

/** Runs one sub-request against the Catalog routes (batched-dispatch.ts sends it through the app, in-process). */
export type Dispatch = (request: {
  method: string;
  resource: string;
  body: unknown;
  headers: Record<string, string>;
}) => Promise<{ code: number; body: unknown }>;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Collections a Catalog change can touch, directly or through settling batches. */
const TRANSACTIONAL = [COLLECTIONS.dataSets, COLLECTIONS.batches, COLLECTIONS.dataSetFiles, COLLECTIONS.pendingBatches, COLLECTIONS.failedRecords];

function failure(code: number, detail: string): { code: number; body: unknown } {
  const kind = code === 404 ? 'not-found' : 'bad-request';
  return { code, body: platformEnvelope.failure(kind, detail) };
}

/** Problems of one sub-request's shape, or null. */
function shapeProblem(item: SubRequest): string | null {
  if (!METHODS.has(String(item.method).toUpperCase())) return `method must be one of ${[...METHODS].join(', ')}`;
  if (typeof item.resource !== 'string' || !item.resource.startsWith('/') || item.resource.startsWith('//')) {
    return "resource must be a path relative to the Catalog root, starting with '/'";
  }
  return null;
}

const ROOT = '/catalog';

/**
 * The resource as the routes will see it, dot segments (and their percent-encodings) resolved,
 * or why it cannot run: it may not climb out of the Catalog root nor be a batched request itself.
 */
function placeResource(method: string, resource: string): { resource: string } | { problem: string } {
  const { pathname, search } = new URL(ROOT + resource, 'http://localhost');
  if (pathname !== ROOT && !pathname.startsWith(`${ROOT}/`)) return { problem: `resource ${JSON.stringify(resource)} leads outside the Catalog root` };
  const path = pathname.slice(ROOT.length) || '/';
  if (method === 'POST' && path === '/') return { problem: 'a batched request cannot contain another batched request' };
  return { resource: path + search };
}

/** POST /: 201, the one success status catalog.yaml gives createBatchedRequest, with one answer per sub-request run. */
export async function runBatchedRequests(ctx: AppContext, scope: ScopeKey, items: SubRequest[], dispatch: Dispatch): Promise<Answer<SubResponse[]>> {
  recordChangesOf(ctx.store);
  const changes: UndoLog = { scope, changes: [] };
  const answers = new Map<string, unknown>();
  const responses: SubResponse[] = [];
  for (const item of items) {
    const method = String(item.method).toUpperCase();
    let outcome: { code: number; body: unknown };
    const problem = shapeProblem(item);
    if (problem) {
      outcome = failure(400, `Sub-request ${JSON.stringify(item.id ?? null)}: ${problem}`);
    } else {
      try {
        const placed = placeResource(method, substitute(item.resource, answers) as string);
        if ('problem' in placed) {
          outcome = failure(400, `Sub-request ${JSON.stringify(item.id ?? null)}: ${placed.problem}`);
        } else {
          const body = substitute(item.body, answers);
          outcome = await inBatchContext(changes, () => dispatch({ method, resource: placed.resource, body, headers: item.headers ?? {} }));
        }
      } catch (error) {
        if (!(error instanceof UnresolvedReference)) throw error;
        outcome = failure(400, error.message);
      }
    }
    responses.push({ id: item.id, code: outcome.code, body: outcome.body });
    if (item.id !== undefined) answers.set(item.id, outcome.body);
    if (method !== 'GET' && outcome.code >= 400) {
      rollBack(ctx, changes);
      break;
    }
  }
  return { body: responses, status: 201 };
}

class UnresolvedReference extends Error {}

const TEMPLATE = /<<([^.<>]+)\.([^<>]+)>>/g;

/** Replaces `<<id.attribute>>` in strings, deeply; a string that is only a template takes the value's type. */
function substitute(value: unknown, answers: Map<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^<<([^.<>]+)\.([^<>]+)>>$/.exec(value);
    if (whole) return lookup(answers, whole[1]!, whole[2]!);
    return value.replace(TEMPLATE, (_match, id: string, attribute: string) => String(lookup(answers, id, attribute)));
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, answers));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, answers)]));
  }
  return value;
}

function lookup(answers: Map<string, unknown>, id: string, attribute: string): unknown {
  if (!answers.has(id)) throw new UnresolvedReference(`<<${id}.${attribute}>> refers to no earlier sub-request with id '${id}'`);
  const body = answers.get(id);
  // ["@/dataSets/5be2..."]: the reference is aliased to `id`
  if (Array.isArray(body) && typeof body[0] === 'string' && body[0].startsWith('@/')) {
    if (attribute === 'id') return body[0].split('/').pop();
  } else if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    if (attribute in record) return record[attribute];
    const keys = Object.keys(record);
    // { "<id>": {...} }, the answer of a lookup
    if (keys.length === 1 && typeof record[keys[0]!] === 'object' && record[keys[0]!] !== null) {
      if (attribute === 'id') return keys[0];
      const inner = record[keys[0]!] as Record<string, unknown>;
      if (attribute in inner) return inner[attribute];
    }
  }
  throw new UnresolvedReference(`<<${id}.${attribute}>>: the answer of '${id}' has no attribute '${attribute}'`);
}

/** The changes one batched request made, in order, with the values they replaced. */
interface UndoLog {
  scope: ScopeKey;
  changes: ChangeEvent[];
}

/**
 * Which batched request a store change belongs to. Requests run concurrently, so a change is
 * attributed by async context (the sub-request's whole route run), never by time: a rollback
 * undoes its own changes only, never those of a concurrent request.
 */
const runningBatch = new AsyncLocalStorage<UndoLog>();
/** Sub-requests running now, of every batched request together. */
let runningSubRequests = 0;

/**
 * Runs one sub-request with its undo log as async context. Before Node 24, an AsyncLocalStorage
 * in use turns on async hooks for the whole process, and every promise and callback of every
 * later request pays for them: the storage is switched off whenever no sub-request runs.
 */
async function inBatchContext<T>(log: UndoLog, run: () => Promise<T>): Promise<T> {
  runningSubRequests += 1;
  try {
    return await runningBatch.run(log, run);
  } finally {
    runningSubRequests -= 1;
    if (runningSubRequests === 0) runningBatch.disable();
  }
}
const recordingStores = new WeakSet<Store>();

function recordChangesOf(store: Store): void {
  if (recordingStores.has(store)) return;
  recordingStores.add(store);
  store.onChange((event) => {
    const log = runningBatch.getStore();
    if (log && event.scope === log.scope && (TRANSACTIONAL as readonly string[]).includes(event.collection)) log.changes.push(event);
  });
}

/**
 * Undoes a batched request's changes, newest first, through put/delete so persistence follows.
 * An object changed since by someone else keeps that later value (last writer wins).
 */
function rollBack(ctx: AppContext, log: UndoLog): void {
  for (const change of [...log.changes].reverse()) {
    const collection = ctx.store.collection<unknown>(log.scope, change.collection);
    if (collection.get(change.id) !== change.value) continue;
    if (change.previous === undefined) collection.delete(change.id);
    else collection.put(change.id, change.previous);
  }
  log.changes.length = 0;
}
