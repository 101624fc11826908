/**
 * The door every JSON request body goes through (application/json and vendor +json types, every
 * product): the nesting check, then JSON.parse. Past the door, serializers, structuredClone, the
 * state export and persistence all recurse over request data, and V8 runs out of stack a few
 * thousand levels down; with the depth bounded here, nothing behind it has to care.
 */
import type { FastifyError, FastifyInstance } from 'fastify';

/** How many objects/arrays a JSON body may nest inside one another (the body's own counts as one). */
export const MAX_JSON_DEPTH = 64;

const VENDOR_JSON = /^application\/[\w.+-]+\+json/i;

/** The 400 of a body nested past the limit; each product's error handler words it in its envelope. */
export class JsonTooDeep extends Error implements Partial<FastifyError> {
  readonly code = 'MOCK_JSON_TOO_DEEP';
  readonly statusCode = 400;
  constructor(limit: number) {
    super(`The JSON body is nested deeper than ${limit} levels`);
    this.name = 'JsonTooDeep';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_SQUARE = 0x5b;
const OPEN_CURLY = 0x7b;
const CLOSE_SQUARE = 0x5d;
const CLOSE_CURLY = 0x7d;

/**
 * Whether JSON text opens more than `limit` objects/arrays inside one another, in one pass over
 * the characters; brackets inside strings do not count. Text that is not JSON gets some answer
 * and then fails JSON.parse anyway.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  // Each level needs a character of its own.
  if (text.length <= limit) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = endOfString(text, i);
    } else if (code === OPEN_SQUARE || code === OPEN_CURLY) {
      if (++depth > limit) return true;
    } else if (code === CLOSE_SQUARE || code === CLOSE_CURLY) {
      depth--;
    }
  }
  return false;
}

/** Index of the quote closing the string opened at `open` (the text's end when unterminated). */
function endOfString(text: string, open: number): number {
  let quote = open;
  for (;;) {
    quote = text.indexOf('"', quote + 1);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
}

/**
 * The same rule for a value already parsed (records read from uploaded files, which do not come
 * through the door): whether it nests more than `limit` objects/arrays. Iterative, and it stops
 * at the first container past the limit, so any depth is safe to ask about.
 */
export function valueNestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const current = values.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    for (const inner of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof inner === 'object' && inner !== null) {
        values.push(inner);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/**
 * Installs the JSON parsers on `app` (and the plugins it registers later), refusing bodies nested
 * deeper than `depthLimit`. A plugin may call it again with its own limit (the state import).
 */
export function registerJsonParsers(app: FastifyInstance, depthLimit: number): void {
  const strictJson = app.getDefaultJsonParser('error', 'error');
  const json: Parameters<typeof app.addContentTypeParser>[2] = (request, body, done) => {
    const text = body as string;
    // Kept on the request (a reference, not a copy) for the request journal.
    request.rawBody = text;
    // An empty body under a JSON Content-Type means "no body": seed 004's token request sends
    // Content-Type: application/vnd.adobe.target.v1+json without a payload.
    if (text === '') return done(null, undefined);
    if (nestsDeeperThan(text, depthLimit)) return done(new JsonTooDeep(depthLimit), undefined);
    return strictJson(request, text, done);
  };
  app.removeContentTypeParser(['application/json', VENDOR_JSON]);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, json);
  // Vendor JSON types: application/vnd.adobe.target.v3+json, application/json-patch+json, ...
  app.addContentTypeParser(VENDOR_JSON, { parseAs: 'string' }, json);
}
