/**
 * An error whose response body is already in its product's envelope. Gateways, routes and
 * models throw these; each product's error handler sends them as they are.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;

  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    // An answer, not a fault: nobody reads its stack, and capturing one cost about 8 µs per refused request.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : `HTTP ${status}`);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/**
 * Failures that are not specific to one API (bad JSON, unknown route, body too large...).
 * Each product turns them into its own envelope, so the same failure reads naturally
 * to a client of that product.
 */
export type GenericFailure =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'request-timeout'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'too-many-requests'
  | 'headers-too-large'
  | 'internal';

export const STATUS_OF: Record<GenericFailure, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'request-timeout': 408,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'too-many-requests': 429,
  'headers-too-large': 431,
  internal: 500,
};
