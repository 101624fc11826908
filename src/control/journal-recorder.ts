import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { productForUrl } from '../services/registry.js';
import type { Journal, JournalEntry } from './journal.js';
import { maskBodyText, maskHeaders, maskQuery } from './masking.js';
import { isEmulatorOwn } from './own-paths.js';

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
 * onSend keeps a reference to the payload; the entry is built once the answer is sent, and
 * bodies are only copied up to `bodyBytes`. Upload bodies are streams the route consumes: they
 * are never buffered, only their type and announced size are recorded.
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
        record(journal, request, reply, bodyBytes);
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
  record(journal, request, reply, bodyBytes);
}

function record(journal: Journal, request: FastifyRequest, reply: FastifyReply, bodyBytes: number): void {
  const url = request.url;
  const queryAt = url.indexOf('?');
  const elapsed = reply.elapsedTime;
  const arrived = Date.now() - elapsed;
  const entry: Omit<JournalEntry, 'id'> = {
    time: new Date(arrived).toISOString(),
    method: request.method,
    path: queryAt < 0 ? url : url.slice(0, queryAt),
    query: queryAt < 0 ? {} : parseQuery(url.slice(queryAt + 1)),
    product: productForUrl(url) ?? 'unknown',
    status: request.mockDropped ? 0 : reply.statusCode,
    durationMs: Math.round(elapsed * 100) / 100,
    requestHeaders: maskHeaders(request.headers),
    responseHeaders: request.mockDropped ? {} : maskHeaders(reply.getHeaders()),
  };
  requestBody(entry, request, bodyBytes);
  responseBody(entry, request, reply, bodyBytes);
  if (request.mockFault !== null) entry.fault = request.mockFault;
  journal.add(entry, arrived);
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

function requestBody(entry: Omit<JournalEntry, 'id'>, request: FastifyRequest, bodyBytes: number): void {
  if (request.rawBody !== null) {
    if (request.rawBody === '') return;
    const clipped = clip(request.rawBody, bodyBytes);
    entry.requestBody = maskBodyText(clipped.text);
    if (clipped.truncated) entry.requestBodyTruncated = entry.truncated = true;
    return;
  }
  const length = request.headers['content-length'];
  const chunked = request.headers['transfer-encoding'] !== undefined;
  if ((length === undefined || length === '0') && !chunked) return;
  const type = request.headers['content-type'] ?? 'no content type';
  const size = length === undefined ? 'size not announced' : `${length} bytes`;
  const consumed = isStream(request.body) ? 'streamed to the service' : 'not read';
  entry.requestBodyNote = `not recorded: ${type}, ${size}, ${consumed}`;
}

function responseBody(entry: Omit<JournalEntry, 'id'>, request: FastifyRequest, reply: FastifyReply, bodyBytes: number): void {
  if (request.mockDropped) {
    entry.responseBodyNote = 'no answer: the connection was dropped by a fault';
    return;
  }
  const payload = request.journalPayload;
  if (payload === null || payload === undefined || payload === '') return;
  let clipped: { text: string; truncated: boolean };
  if (typeof payload === 'string') {
    clipped = clip(payload, bodyBytes);
  } else if (Buffer.isBuffer(payload)) {
    const type = String(reply.getHeader('content-type') ?? '');
    if (!TEXTUAL.test(type)) {
      entry.responseBodyNote = `not recorded: ${type || 'no content type'}, ${payload.length} bytes`;
      return;
    }
    clipped = clipBytes(payload, bodyBytes);
  } else {
    entry.responseBodyNote = isStream(payload) ? 'not recorded: streamed response' : 'not recorded';
    return;
  }
  entry.responseBody = maskBodyText(clipped.text);
  if (clipped.truncated) entry.responseBodyTruncated = entry.truncated = true;
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

function clipBytes(bytes: Buffer, limit: number): { text: string; truncated: boolean } {
  if (bytes.length <= limit) return { text: bytes.toString('utf8'), truncated: false };
  return { text: decodeCut(bytes, limit), truncated: true };
}

/** The first `limit` bytes as text; a character cut in two decodes as U+FFFD and is dropped. */
function decodeCut(bytes: Buffer, limit: number): string {
  return bytes.subarray(0, limit).toString('utf8').replace(/\uFFFD$/, '');
}
