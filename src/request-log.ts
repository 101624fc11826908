import { Writable } from 'node:stream';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { maskUrl } from './control/masking.js';
import { ASSET_PREFIX } from './dashboard/assets.js';
import { startsWithSegment } from './control/own-paths.js';

/**
 * One log line per request, written when the response is done, instead of Fastify's pair of
 * "incoming request" / "request completed" lines. 5xx answers and failed responses log as errors.
 * Secret query parameters (access_token, code...) are hidden, as in the request journal.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const level = error || reply.statusCode >= 500 ? 'error' : isDashboardRead(request) ? 'debug' : 'info';
    // The line is built only when it will be written (the default level, warn, drops every 2xx-4xx).
    if ((LEVEL_VALUES[reply.log.level] ?? 0) > LEVEL_VALUES[level]) return;
    const url = maskUrl(request.url);
    const line = {
      method: request.method,
      url,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      ...(error ? { err: error } : {}),
    };
    reply.log[level](line, `${request.method} ${url} ${reply.statusCode}`);
  }
}

/** pino's level values (silent: nothing is written). */
const LEVEL_VALUES: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Number.POSITIVE_INFINITY };

/** The header the dashboard's script sends on its calls to /_mock (src/dashboard/client/api.ts). */
export const DASHBOARD_HEADER = 'x-mock-dashboard';

/**
 * The dashboard loading itself and polling: GET / HEAD of the page, its assets, and the /_mock
 * calls its script makes (marked with DASHBOARD_HEADER). Logged at debug, so the terminal shows
 * the trainee's own requests; the dashboard's actions (reset, clock, faults) stay at info.
 */
export function isDashboardRead(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (request.headers[DASHBOARD_HEADER] !== undefined) return true;
  const url = request.url;
  return url === '/' || url.startsWith('/?') || startsWithSegment(url, ASSET_PREFIX) || startsWithSegment(url, '/favicon.ico');
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const LEVEL_COLOURS: Record<number, string> = { 10: '90', 20: '36', 30: '32', 40: '33', 50: '31', 60: '35' };
const STANDARD_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'method', 'url', 'statusCode', 'durationMs']);

/** Turns one JSON log line into a short human one: `12:00:01 INFO  GET /path 200 3.1ms`. */
export function prettyLine(json: string, colour: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const level = Number(entry.level);
  const time = new Date(Number(entry.time)).toISOString().slice(11, 19);
  const name = (LEVEL_NAMES[level] ?? String(entry.level)).padEnd(5);
  const paint = (text: string, code: string | undefined) => (colour && code ? `\x1b[${code}m${text}\x1b[0m` : text);
  const duration = entry.durationMs === undefined ? '' : ` ${entry.durationMs}ms`;
  const extras = Object.entries(entry)
    .filter(([key]) => !STANDARD_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return `${paint(time, '90')} ${paint(name, LEVEL_COLOURS[level])} ${String(entry.msg ?? '')}${duration}${extras.length ? ` ${paint(extras.join(' '), '90')}` : ''}`;
}

/** A log destination that prints pino's JSON lines in the short form, for a terminal. */
export function prettyStream(out: NodeJS.WritableStream & { isTTY?: boolean }): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line) out.write(`${prettyLine(line, Boolean(out.isTTY))}\n`);
      done();
    },
  });
}
