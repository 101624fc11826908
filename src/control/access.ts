/**
 * Who may use the control plane: /_mock (but /_mock/health) and the dashboard (`/`, /_dashboard).
 * They read and replace the whole state, so they are closed to other web pages:
 *
 * - Host: a name with a dot (other than localhost / *.localhost) could be DNS-rebound to this
 *   emulator by any web page, so it is refused unless listed in `controlHosts`. Loopback names,
 *   IP literals and single-label names (a compose service: `adobe-api-mock:4590`) pass.
 * - Origin: a browser request from another page (any `Origin` other than the emulator's own,
 *   i.e. the scheme, host and port it was addressed to) is refused unless listed in
 *   `controlOrigins`. Only those listed origins get CORS headers here; the product CORS
 *   (`cors`, src/cors.ts) never applies to the control plane.
 * - Token: with `controlToken` set, a request needs it as `Authorization: Bearer <token>`,
 *   `X-Mock-Control-Token: <token>`, or the cookie a browser gets by opening `/?token=<token>`
 *   once (HttpOnly, SameSite=Strict; the page then reloads without the token in its URL).
 *
 * Refusals answer in the control envelope: 403 `forbidden` (host, origin), 401 `unauthorized`
 * (token missing or wrong). /_mock/health stays open to any host and without the token (the
 * container's HEALTHCHECK, other containers' tests); it shows nothing but the version.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedConfig } from '../config.js';
import { CORS_METHODS, EXPOSED_HEADERS } from '../cors.js';
import { controlEnvelope } from '../gateway/control.js';
import { isControlPath, surelyNotControl, urlPath } from './own-paths.js';

export const TOKEN_HEADER = 'x-mock-control-token';
export const TOKEN_COOKIE = 'adobe_api_mock_control';

/**
 * Installs the checks. Call it before the CORS plugin (its hook must run first, so a refused
 * request gets no CORS header) and before any control route is registered (they are marked
 * so the product CORS skips them).
 */
export function installControlAccess(app: FastifyInstance, config: ResolvedConfig): void {
  app.addHook('onRoute', (route) => {
    if (isControlPath(route.url)) route.config = { ...(route.config as object), cors: false } as typeof route.config;
  });
  const token = config.controlToken === null ? null : digest(config.controlToken);
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isControlPath(pathOf(request))) return;
    const host = request.headers.host ?? '';
    if (!hostAllowed(host, config.controlHosts)) {
      return refuse(
        reply,
        403,
        'forbidden',
        `The control plane does not answer to Host '${host}': a public name could be DNS-rebound to this emulator by any web page. ` +
          'Use localhost, an IP address or a single-label name, or allow this host with --control-hosts / MOCK_CONTROL_HOSTS (controlHosts).',
      );
    }
    const origin = request.headers.origin;
    const listed = origin !== undefined && (config.controlOrigins.includes('*') || config.controlOrigins.includes(normalOrigin(origin) ?? ''));
    if (origin !== undefined && !listed && !sameOrigin(origin, `${request.protocol}://${host}`)) {
      return refuse(
        reply,
        403,
        'forbidden',
        `The control plane does not answer pages of another origin ('${origin}'): only the emulator's own pages may call it. ` +
          'Allow that origin with --control-origins / MOCK_CONTROL_ORIGINS (controlOrigins).',
      );
    }
    if (listed) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    if (isPreflight(request)) {
      // Answered here, never by the product CORS: only a listed origin is allowed anything.
      if (listed) {
        const asked = request.headers['access-control-request-headers'];
        reply.header('access-control-allow-methods', CORS_METHODS.join(', ')).header('access-control-max-age', '600');
        if (asked) reply.header('access-control-allow-headers', asked);
      }
      return reply.code(204).header('content-length', '0').send();
    }
    if (listed) reply.header('access-control-expose-headers', EXPOSED_HEADERS.join(', '));
    if (token === null) return;
    if (hasToken(request, token)) return;
    const offered = request.method === 'GET' && pathOf(request) === '/' ? (request.query as Record<string, unknown> | undefined)?.token : undefined;
    if (typeof offered === 'string' && matches(offered, token)) {
      // Once: the browser keeps it in a cookie and the address bar loses it.
      return reply
        .code(303)
        .header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(offered)}; Path=/; HttpOnly; SameSite=Strict`)
        .header('location', '/')
        .send();
    }
    return refuse(
      reply,
      401,
      'unauthorized',
      `The control plane needs the control token (${offered === undefined && !presented(request) ? 'none was sent' : 'the one sent is wrong'}): ` +
        `send Authorization: Bearer <token> or X-Mock-Control-Token: <token>, or in a browser open /?token=<token> once. ` +
        'It is set by --control-token / MOCK_CONTROL_TOKEN (controlToken).',
      { 'www-authenticate': 'Bearer realm="adobe-api-mock control"' },
    );
  };
  // Product requests (most of the traffic) pass without an await: see surelyNotControl.
  app.addHook('onRequest', (request, reply, done) => {
    if (surelyNotControl(request.url)) return done();
    guard(request, reply).then(() => done(), done);
  });
}

function refuse(reply: FastifyReply, status: 401 | 403, kind: 'unauthorized' | 'forbidden', message: string, headers: Record<string, string> = {}) {
  return reply.code(status).headers(headers).send(controlEnvelope.failure(kind, message));
}

/** The matched route's pattern (so an escaped path cannot slip by), else the URL's path. */
function pathOf(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (route !== undefined && route !== '*') return route;
  const path = urlPath(request.url);
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Loopback names, IP literals and single-label names pass; other names only when listed. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const lower = host.toLowerCase();
  if (lower === '') return true; // HTTP/1.0 without Host: not a browser.
  let name: string;
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']');
    name = lower.slice(1, end < 0 ? undefined : end);
    if (isIP(name) === 6) return true;
  } else {
    const colon = lower.lastIndexOf(':');
    name = colon < 0 ? lower : lower.slice(0, colon);
    if (isIP(name) === 4) return true;
  }
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (bare !== '' && !bare.includes('.') && !bare.includes(':')) return true;
  return allowed.includes('*') || allowed.includes(lower) || allowed.includes(bare);
}

function normalOrigin(origin: string): string | null {
  try {
    const parsed = new URL(origin);
    return parsed.origin === 'null' ? null : parsed.origin;
  } catch {
    return null;
  }
}

function sameOrigin(origin: string, own: string): boolean {
  const a = normalOrigin(origin);
  return a !== null && a === normalOrigin(own);
}

function isPreflight(request: FastifyRequest): boolean {
  return request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function matches(value: string, token: Buffer): boolean {
  return timingSafeEqual(digest(value), token);
}

function presented(request: FastifyRequest): boolean {
  return bearer(request) !== undefined || request.headers[TOKEN_HEADER] !== undefined || cookie(request) !== undefined;
}

function hasToken(request: FastifyRequest, token: Buffer): boolean {
  const header = request.headers[TOKEN_HEADER];
  const candidates = [bearer(request), typeof header === 'string' ? header : undefined, cookie(request)];
  return candidates.some((candidate) => candidate !== undefined && matches(candidate, token));
}

function bearer(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

function cookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0 && part.slice(0, equals).trim() === TOKEN_COOKIE) {
      try {
        return decodeURIComponent(part.slice(equals + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
