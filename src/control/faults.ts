/**
 * Fault injection: rules that make matching requests to the emulated products fail, slow down
 * or lose their connection. No Fastify here; src/control/fault-hooks.ts applies them.
 */
import { PRODUCTS, type Product } from '../services/registry.js';
import { NAMED_ERROR_NAMES, NAMED_ERRORS } from './fault-errors.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** Beyond the server's request timeout a delay only produces timeouts. */
export const MAX_LATENCY_MS = 120_000;

/** The flat body of POST /_mock/faults. */
export interface FaultSpec {
  method?: string;
  path?: string;
  product?: Product;
  status?: number;
  body?: unknown;
  error?: string;
  latencyMs?: number;
  drop?: boolean;
  probability?: number;
  count?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Applications left, when `count` was given. */
  remaining?: number;
}

/** A fault definition that cannot be accepted; the message says why. */
export class FaultInvalid extends Error {}

const FIELDS = new Set(['method', 'path', 'product', 'status', 'body', 'error', 'latencyMs', 'drop', 'probability', 'count']);

/** Checks a posted definition; returns it normalised (method upper-cased) or throws FaultInvalid. */
export function validateFault(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new FaultInvalid('The fault must be a JSON object');
  const spec = input as Record<string, unknown>;
  const unknown = Object.keys(spec).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) throw new FaultInvalid(`Unknown field(s): ${unknown.join(', ')}; a fault has ${[...FIELDS].join(', ')}`);
  const out: FaultSpec = {};

  if (spec.method !== undefined) {
    if (typeof spec.method !== 'string') throw new FaultInvalid('method must be a string');
    const method = spec.method.toUpperCase();
    if (method !== '*' && !METHODS.includes(method)) throw new FaultInvalid(`method must be one of ${METHODS.join(', ')} or *`);
    if (method !== '*') out.method = method;
  }
  if (spec.path !== undefined) {
    if (typeof spec.path !== 'string' || !(spec.path.startsWith('/') || spec.path.startsWith('*'))) {
      throw new FaultInvalid('path must be a string starting with / (exact), with * matching any run of characters');
    }
    out.path = spec.path;
  }
  if (spec.product !== undefined) {
    if (!PRODUCTS.includes(spec.product as Product)) throw new FaultInvalid(`product must be one of ${PRODUCTS.join(', ')}`);
    out.product = spec.product as Product;
  }
  if (out.path === undefined && out.product === undefined) throw new FaultInvalid('A fault needs a path (use "*" for every path) or a product');

  if (spec.status !== undefined) {
    if (!Number.isInteger(spec.status) || (spec.status as number) < 200 || (spec.status as number) > 599) {
      throw new FaultInvalid('status must be an integer HTTP status from 200 to 599');
    }
    out.status = spec.status as number;
  }
  if (spec.body !== undefined) {
    if (out.status === undefined) throw new FaultInvalid('body goes with status');
    out.body = spec.body;
  }
  if (spec.error !== undefined) {
    if (typeof spec.error !== 'string' || !NAMED_ERRORS.has(spec.error)) {
      throw new FaultInvalid(`Unknown error ${JSON.stringify(spec.error)}; known errors: ${NAMED_ERROR_NAMES.join(', ')}`);
    }
    if (out.status !== undefined) throw new FaultInvalid('Give either status (with an optional body) or error, not both');
    out.error = spec.error;
  }
  if (spec.latencyMs !== undefined) {
    if (!Number.isInteger(spec.latencyMs) || (spec.latencyMs as number) < 0 || (spec.latencyMs as number) > MAX_LATENCY_MS) {
      throw new FaultInvalid(`latencyMs must be an integer from 0 to ${MAX_LATENCY_MS}`);
    }
    out.latencyMs = spec.latencyMs as number;
  }
  if (spec.drop !== undefined) {
    if (spec.drop !== true && spec.drop !== false) throw new FaultInvalid('drop must be true or false');
    if (spec.drop) {
      if (out.status !== undefined || out.error !== undefined) throw new FaultInvalid('A dropped connection has no status, body or error');
      out.drop = true;
    }
  }
  if (out.status === undefined && out.error === undefined && out.latencyMs === undefined && !out.drop) {
    throw new FaultInvalid('A fault needs an effect: status (with an optional body), error, latencyMs or drop');
  }

  if (spec.probability !== undefined) {
    if (typeof spec.probability !== 'number' || !(spec.probability >= 0 && spec.probability <= 1)) {
      throw new FaultInvalid('probability must be a number from 0 to 1');
    }
    out.probability = spec.probability;
  }
  if (spec.count !== undefined) {
    if (!Number.isInteger(spec.count) || (spec.count as number) < 1) throw new FaultInvalid('count must be a positive integer');
    out.count = spec.count as number;
  }
  return out;
}

/** What a request offers to matching. */
export interface FaultTarget {
  method: string;
  /** Path as sent, without the query string. */
  path: string;
  product(): Product | null;
}

interface ActiveFault {
  fault: Fault;
  path: RegExp | null;
}

/** `*` matches any run of characters (slashes included); everything else literally; a trailing slash is ignored. */
function pathPattern(path: string): RegExp {
  const literal = path
    .replace(/\/+$/, '')
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('.*')}/?$`);
}

export class FaultRegistry {
  private readonly active: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  get size(): number {
    return this.active.length;
  }

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: `fault-${this.nextId++}` };
    if (spec.count !== undefined) fault.remaining = spec.count;
    this.active.push({ fault, path: spec.path === undefined ? null : pathPattern(spec.path) });
    return { ...fault };
  }

  list(): Fault[] {
    return this.active.map(({ fault }) => ({ ...fault }));
  }

  remove(id: string): boolean {
    const index = this.active.findIndex(({ fault }) => fault.id === id);
    if (index < 0) return false;
    this.active.splice(index, 1);
    return true;
  }

  clear(): void {
    this.active.length = 0;
  }

  /**
   * The fault that applies to a request, if any: the most recently added match whose probability
   * draw succeeds (a failed draw lets older matches have theirs). Counts one application.
   */
  take(target: FaultTarget): Fault | null {
    let product: Product | null | undefined;
    for (let index = this.active.length - 1; index >= 0; index--) {
      const { fault, path } = this.active[index];
      if (fault.method !== undefined && fault.method !== target.method) continue;
      if (path !== null && !path.test(target.path)) continue;
      if (fault.product !== undefined) {
        if (product === undefined) product = target.product();
        if (fault.product !== product) continue;
      }
      if (fault.probability !== undefined && !(this.random() < fault.probability)) continue;
      if (fault.remaining !== undefined) {
        fault.remaining -= 1;
        if (fault.remaining === 0) this.active.splice(index, 1);
      }
      return fault;
    }
    return null;
  }
}
