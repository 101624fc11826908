import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { productForUrl } from '../services/registry.js';
import type { Journal, JournalEntry, JournalRecord } from './journal.js';
import { maskBodyText, maskHeaders, maskQuery } from './masking.js';
import { isEmulatorOwn, startsWithSegment, urlPath } from './own-paths.js';
import type { RequestOwner } from './tenant-sets.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body text as received, set by the JSON and form parsers (the journal shows it). */
    rawBody: string | null;
    /** The payload handed to the client, kept by the journal's onSend hook. */
    journalPayload: unknown;
    /** Id of the fault applied to this request. */
    mockFault: string | null;
    /** A fault closed the connection without an answer. */
    mockDropped: boolean;
  }
}

const TEXTUAL = /^(?:text\/|application\/(?:[\w.+-]+\+)?(?:json|xml|x-www-form-urlencoded|csv|javascript|x-ndjson))/i;

/**
 * Root-level hooks that record every request to the emulated products. Cheap on the hot path:
 * onSend keeps a reference to the payload; once the answer is sent, onResponse stores references
 * (headers, bodies up to `bodyBytes`) and numbers. Masking, query parsing and formatting happen
 * when the journal is read. Upload bodies are streams the route consumes: they are never
 * buffered, only their type and announced size are recorded.
 */
export function installJournal(app: FastifyInstance, journal: Journal, bodyBytes: number): void {
  if (!journal.enabled) return;
  app.addHook('onSend', (request, _reply, payload, done) => {
    request.journalPayload = payload;
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    // A dropped request was recorded when it was dropped.
    if (!request.mockDropped && !isEmulatorOwn(request.url)) {
      try {
        journal.add(capture(request, reply, bodyBytes));
      } catch (error) {
        request.log.error({ err: error }, 'recording a request in the journal failed');
      }
    }
    done();
  });
}

/** Records a request whose connection a fault has just closed (no onResponse follows). */
export function recordDropped(journal: Journal, request: FastifyRequest, reply: FastifyReply, bodyBytes: number): void {
  if (!journal.enabled || isEmulatorOwn(request.url)) return;
  journal.add(capture(request, reply, bodyBytes));
}

/** A body as captured: text (already cut to the limit), or why there is none to show. */
type CapturedBody = string | { text: string; truncated: boolean } | { bytes: Buffer; truncated: boolean } | { note: string } | null;
/** A body with text to show: a text kept whole is kept as the string itself (no wrapper to keep alive). */
type BodyWithText = Exclude<CapturedBody, { note: string } | null>;

/** The text of a captured body; bytes are decoded only when the journal is read. */
function textOf(body: BodyWithText): string {
  if (typeof body === 'string') return body;
  if ('text' in body) return body.text;
  return body.truncated ? decodeCut(body.bytes, body.bytes.length) : body.bytes.toString('utf8');
}

function capture(request: FastifyRequest, reply: FastifyReply, bodyBytes: number): JournalRecord {
  const dropped = request.mockDropped;
  return new CapturedRequest(
    reply.elapsedTime,
    request,
    dropped ? 0 : reply.statusCode,
    dropped ? {} : reply.getHeaders(),
    captureRequestBody(request, bodyBytes),
    dropped ? { note: 'no answer: the connection was dropped by a fault' } : captureResponseBody(request.journalPayload, reply, bodyBytes),
  );
}

/**
 * One request as captured: references and numbers in one object (a journal keeps a thousand of
 * them alive, so each extra object per request is copied by every young-generation collection).
 */
class CapturedRequest implements JournalRecord {
  readonly arrived: number;
  readonly method: string;
  readonly url: string;
  private readonly requestHeaders: FastifyRequest['headers'];
  private readonly fault: string | null;
  private readonly clientId: string | undefined;

  constructor(
    private readonly elapsed: number,
    request: FastifyRequest,
    readonly status: number,
    private readonly responseHeaders: Parameters<typeof maskHeaders>[0],
    private readonly requestBody: CapturedBody,
    private readonly responseBody: CapturedBody,
  ) {
    this.arrived = Date.now() - elapsed;
    this.method = request.method;
    this.url = request.url;
    this.requestHeaders = request.headers;
    this.fault = request.mockFault;
    this.clientId = request.principal?.clientId;
  }

  concerns(owner: RequestOwner): boolean {
    return concerns(owner, this.url, this.requestHeaders, this.clientId, this.requestBody);
  }

  build(id: number): JournalEntry {
    const { url, requestBody, responseBody } = this;
    const queryAt = url.indexOf('?');
    const entry: JournalEntry = {
      id,
      time: new Date(this.arrived).toISOString(),
      method: this.method,
      path: urlPath(url),
      query: queryAt < 0 ? {} : parseQuery(url.slice(queryAt + 1)),
      product: productForUrl(url) ?? 'unknown',
      status: this.status,
      durationMs: Math.round(this.elapsed * 100) / 100,
      requestHeaders: maskHeaders(this.requestHeaders),
      responseHeaders: maskHeaders(this.responseHeaders),
    };
    if (requestBody !== null) {
      if (isNote(requestBody)) entry.requestBodyNote = requestBody.note;
      else {
        entry.requestBody = maskBodyText(textOf(requestBody));
        if (isTruncated(requestBody)) entry.requestBodyTruncated = entry.truncated = true;
      }
    }
    if (responseBody !== null) {
      if (isNote(responseBody)) entry.responseBodyNote = responseBody.note;
      else {
        entry.responseBody = maskBodyText(textOf(responseBody));
        if (isTruncated(responseBody)) entry.responseBodyTruncated = entry.truncated = true;
      }
    }
    if (this.fault !== null) entry.fault = this.fault;
    return entry;
  }
}

/** Whether a request belongs to a tenant set: worked out when the journal is read, from what was captured anyway. */
function concerns(owner: RequestOwner, url: string, headers: FastifyRequest['headers'], clientId: string | undefined, body: CapturedBody): boolean {
  if (clientId === owner.clientId || headers['x-api-key'] === owner.clientId || headers['x-gw-ims-org-id'] === owner.org) return true;
  const path = urlPath(url);
  const queryAt = url.indexOf('?');
  if (startsWithSegment(path, `/${owner.tenant}/target`) || startsWithSegment(path, `/m2/${owner.clientCode}`)) return true;
  if (queryAt >= 0 && new URLSearchParams(url.slice(queryAt + 1)).get('client') === owner.clientCode) return true;
  // A token request names its client in the form body.
  if (startsWithSegment(path, '/ims') && body !== null && !isNote(body)) return new URLSearchParams(textOf(body)).get('client_id') === owner.clientId;
  return false;
}

function parseQuery(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  }
  return maskQuery(out) as Record<string, string | string[]>;
}

function isNote(body: Exclude<CapturedBody, null>): body is { note: string } {
  return typeof body !== 'string' && 'note' in body;
}

function isTruncated(body: BodyWithText): boolean {
  return typeof body !== 'string' && body.truncated;
}

/** A text cut to the limit; the text itself when it fits. */
function captureText(text: string, bodyBytes: number): CapturedBody {
  const clipped = clip(text, bodyBytes);
  return clipped.truncated ? clipped : text;
}

function captureRequestBody(request: FastifyRequest, bodyBytes: number): CapturedBody {
  if (request.rawBody !== null) return request.rawBody === '' ? null : captureText(request.rawBody, bodyBytes);
  const length = request.headers['content-length'];
  const chunked = request.headers['transfer-encoding'] !== undefined;
  if ((length === undefined || length === '0') && !chunked) return null;
  const type = request.headers['content-type'] ?? 'no content type';
  const size = length === undefined ? 'size not announced' : `${length} bytes`;
  const consumed = isStream(request.body) ? 'streamed to the service' : 'not read';
  return { note: `not recorded: ${type}, ${size}, ${consumed}` };
}

function captureResponseBody(payload: unknown, reply: FastifyReply, bodyBytes: number): CapturedBody {
  if (payload === null || payload === undefined || payload === '') return null;
  if (typeof payload === 'string') return captureText(payload, bodyBytes);
  if (Buffer.isBuffer(payload)) {
    const type = String(reply.getHeader('content-type') ?? '');
    if (!TEXTUAL.test(type)) return { note: `not recorded: ${type || 'no content type'}, ${payload.length} bytes` };
    return clipBytes(payload, bodyBytes);
  }
  return { note: isStream(payload) ? 'not recorded: streamed response' : 'not recorded' };
}

function isStream(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function';
}

/**
 * The first `limit` bytes of a text (UTF-8), never splitting a character. A cut text is a fresh
 * copy, so the journal does not keep a large payload alive through a sliced string.
 */
export function clip(text: string, limit: number): { text: string; truncated: boolean } {
  // At most 3 UTF-8 bytes per UTF-16 code unit: short texts need no counting.
  if (text.length * 3 <= limit || Buffer.byteLength(text) <= limit) return { text, truncated: false };
  return { text: decodeCut(Buffer.from(text.slice(0, limit), 'utf8'), limit), truncated: true };
}

/** A buffer up to `limit` bytes: kept as it is when short enough, else its head copied (the payload is not kept alive). */
function clipBytes(bytes: Buffer, limit: number): { bytes: Buffer; truncated: boolean } {
  if (bytes.length <= limit) return { bytes, truncated: false };
  return { bytes: Buffer.from(bytes.subarray(0, limit)), truncated: true };
}

/** The first `limit` bytes as text; a character cut in two decodes as U+FFFD and is dropped. */
function decodeCut(bytes: Buffer, limit: number): string {
  return bytes
    .subarray(0, limit)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}
