import { EventEmitter } from 'node:events';
import { http } from '../node-http.js';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';

const { validateHeaderName, validateHeaderValue } = http;

/**
 * Sends a request through the app's own routing (`fastify.routing`), in the same process and
 * without sockets: the full Fastify lifecycle runs (root and product hooks, gateway, body
 * parsing, validation, handler, error handlers, serialization, onResponse), exactly as for a
 * request from the network. Target's /batch uses it for each operation, Catalog's batched
 * requests (`POST /data/foundation/catalog/`) for each sub-request.
 *
 * It is a lean alternative to `app.inject` (light-my-request), whose generality (a real
 * http.ServerResponse, header strings written and parsed back) costs several times more per
 * request; for 256 operations in one batch that difference is the whole latency budget.
 * Only buffered answers are captured: every route a batch can reach answers JSON.
 */
export interface InProcessRequest {
  method: string;
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  payload?: string;
}

export interface InProcessResponse {
  statusCode: number;
  /** Lower-case names. */
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

export interface DispatchOptions {
  /**
   * 'http' (the default): a header Node's HTTP parser would refuse (ERR_INVALID_HTTP_TOKEN /
   * ERR_INVALID_CHAR) rejects the request before any route runs. 'as given': headers reach the
   * routes as they are, which is how Catalog's batched sub-requests, whose headers come from a
   * JSON body, have always been dispatched.
   */
  headers?: 'http' | 'as given';
}

/** Headers that describe a message itself: the dispatcher sets them, a sub-request's own are never passed on. */
export const FRAMING_HEADERS: ReadonlySet<string> = new Set(['content-length', 'transfer-encoding', 'host', 'connection', 'expect']);

/**
 * A path and query as an HTTP client puts them on the wire (WHATWG URL parsing): dot segments
 * resolved, the fragment dropped, spaces and non-ASCII characters percent-encoded.
 */
export function clientPath(url: string): string {
  const parsed = new URL(url, 'http://localhost');
  return parsed.pathname + parsed.search;
}

/** Raised when the route closed the exchange without an answer (e.g. an injected connection drop). */
export class ConnectionDropped extends Error {}

const FAKE_SOCKET = Object.freeze({
  remoteAddress: '127.0.0.1',
  remotePort: 0,
  localAddress: '127.0.0.1',
  encrypted: false,
  destroyed: false,
  on: () => FAKE_SOCKET,
  once: () => FAKE_SOCKET,
  removeListener: () => FAKE_SOCKET,
  destroy: () => undefined,
  setTimeout: () => FAKE_SOCKET,
});

/** The request side of Node's http.IncomingMessage that Fastify reads. */
function incomingMessage(request: InProcessRequest, options: DispatchOptions): EventEmitter & Record<string, unknown> {
  // What Node's HTTP parser would refuse never reaches a route (throws ERR_INVALID_HTTP_TOKEN / ERR_INVALID_CHAR).
  if (options.headers !== 'as given') {
    for (const name of Object.keys(request.headers)) {
      validateHeaderName(name);
      validateHeaderValue(name, request.headers[name]);
    }
  }
  const headers: Record<string, string> = { ...request.headers, host: 'localhost' };
  let message: EventEmitter & Record<string, unknown>;
  if (request.payload !== undefined) {
    const bytes = Buffer.from(request.payload, 'utf8');
    headers['content-length'] = String(bytes.length);
    message = Readable.from([bytes], { objectMode: false }) as unknown as EventEmitter & Record<string, unknown>;
  } else {
    message = new EventEmitter() as EventEmitter & Record<string, unknown>;
    message.resume = () => message;
    message.pause = () => message;
  }
  message.method = request.method;
  message.url = request.url;
  message.headers = headers;
  message.rawHeaders = [];
  message.httpVersion = '1.1';
  message.httpVersionMajor = 1;
  message.httpVersionMinor = 1;
  message.socket = FAKE_SOCKET;
  message.aborted = false;
  return message;
}

type HeaderValue = string | string[] | number;

/** The response side of Node's http.ServerResponse that Fastify writes to, collecting the answer. */
class CollectingResponse extends EventEmitter {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  writableEnded = false;
  finished = false;
  destroyed = false;
  readonly socket = FAKE_SOCKET;
  private readonly headers: Record<string, HeaderValue> = {};
  private readonly chunks: string[] = [];

  constructor(
    private readonly resolve: (response: InProcessResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {
    super();
  }

  setHeader(name: string, value: HeaderValue): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }

  getHeader(name: string): HeaderValue | undefined {
    return this.headers[name.toLowerCase()];
  }

  getHeaders(): Record<string, HeaderValue> {
    return { ...this.headers };
  }

  hasHeader(name: string): boolean {
    return name.toLowerCase() in this.headers;
  }

  removeHeader(name: string): void {
    delete this.headers[name.toLowerCase()];
  }

  writeHead(statusCode: number, ...rest: unknown[]): this {
    this.statusCode = statusCode;
    const headers = rest.find((value) => typeof value === 'object' && value !== null) as Record<string, HeaderValue> | undefined;
    if (headers) for (const name of Object.keys(headers)) this.setHeader(name, headers[name]);
    this.headersSent = true;
    return this;
  }

  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    this.headersSent = true;
    if (chunk !== undefined && chunk !== null) this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = rest.find((value) => typeof value === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }

  end(...args: unknown[]): this {
    if (this.writableEnded) return this;
    const chunk = args[0];
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) this.write(chunk);
    this.headersSent = true;
    this.writableEnded = true;
    this.finished = true;
    // 'finish' before the caller resumes: the operation's onResponse hooks (the journal) run first, as they would for a real exchange.
    this.emit('finish');
    this.resolve({ statusCode: this.statusCode, headers: this.headers, body: this.chunks.join('') });
    process.nextTick(() => this.emit('close'));
    return this;
  }

  destroy(error?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (!this.writableEnded) this.reject(new ConnectionDropped(error?.message ?? 'The connection was closed before an answer'));
    process.nextTick(() => this.emit('close'));
    return this;
  }

  writeEarlyHints(): void {}
  addTrailers(): void {}
  flushHeaders(): void {}
  cork(): void {}
  uncork(): void {}
}

/** Rejects with Node's error for a header HTTP could not carry (unless headers go 'as given'), or ConnectionDropped. */
export function dispatchInProcess(app: FastifyInstance, request: InProcessRequest, options: DispatchOptions = {}): Promise<InProcessResponse> {
  return new Promise((resolve, reject) => {
    const message = incomingMessage(request, options);
    const response = new CollectingResponse(resolve, reject);
    // Fastify types routing with Node's own classes; these stand-ins implement what it uses of them.
    (app.routing as unknown as (req: unknown, res: unknown) => void)(message, response);
  });
}
