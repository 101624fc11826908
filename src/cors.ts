import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedConfig } from './config.js';
import { surelyNotControl } from './control/own-paths.js';
import { productForUrl } from './services/registry.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the product CORS leaves the route alone (the control plane's, src/control/access.ts). */
    cors?: false;
  }
}

/** Response headers browser clients need to read: traces, versions, created resources, ranges. */
export const EXPOSED_HEADERS = [
  'X-Request-Id',
  'ETag',
  'Location',
  'Last-Modified',
  'Link',
  'Retry-After',
  'Content-Length',
  'Content-Range',
  'Accept-Ranges',
  'Content-Disposition',
];

export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * CORS for the products, /docs and /_mock/health, so browser SDKs and Swagger UI's "try it out"
 * work. Never for the control plane (/_mock, the dashboard): src/control/access.ts marks its
 * routes `cors: false`, answers its preflights and allows only the `controlOrigins`. Installed at
 * the root, its onRequest hook answers preflights before any product gateway asks for an API key
 * or token, which browsers never send on a preflight. Every OPTIONS request is answered as a
 * preflight (no strict check for Origin) except one to the Target Admin API without
 * Access-Control-Request-Method: seed 002 makes that an API call of its own, versioned by Accept
 * (src/services/target-admin/routes.ts answers it).
 *
 * The headers are those @fastify/cors wrote with these options (a per-request options
 * delegator, so always `Vary: Origin`), written by a hook of its own: the plugin rebuilt its
 * options object twice per request, the largest single item of a request's own CPU profile.
 */
export function registerCors(app: FastifyInstance, config: ResolvedConfig): void {
  if (config.cors === false) return;
  const allowed = config.cors;
  const methods = CORS_METHODS.join(', ');
  const exposed = EXPOSED_HEADERS.join(', ');
  app.addHook('onRequest', (request, reply, done) => {
    // Only a control route is marked `cors: false`; a product URL cannot reach one, and reading
    // routeOptions builds an object, so it is read for the other URLs only.
    if (!request.is404 && !surelyNotControl(request.url) && request.routeOptions.config?.cors === false) return done();
    addToVary(reply, 'Origin');
    const origin = allowed === true ? '*' : allowedOrigin(request.headers.origin, allowed);
    if (origin !== null) reply.header('access-control-allow-origin', origin);
    reply.header('access-control-expose-headers', exposed);
    if (request.method !== 'OPTIONS' || plainTargetOptions(request)) return done();
    reply.header('access-control-allow-methods', methods);
    addToVary(reply, 'Access-Control-Request-Headers');
    const asked = request.headers['access-control-request-headers'];
    if (asked !== undefined) reply.header('access-control-allow-headers', asked);
    reply.header('access-control-max-age', '600');
    // Answered here: a preflight never reaches a route.
    reply.code(204).header('content-length', '0').send();
  });
  // OPTIONS requests no route serves: a preflight was answered above, any other one is not found.
  app.options('*', { schema: { hide: true } }, (_request, reply) => {
    reply.callNotFound();
  });
}

/** The request's Origin when listed (it is echoed back), else null (no Allow-Origin header). */
function allowedOrigin(origin: string | undefined, allowed: readonly string[]): string | null {
  return origin !== undefined && allowed.includes(origin) ? origin : null;
}

/** Adds a field name to the Vary header unless it (or `*`) is there already. */
function addToVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary');
  if (current === undefined || current === '' || current === null) {
    reply.header('vary', field);
    return;
  }
  const text = Array.isArray(current) ? current.join(', ') : String(current);
  const names = text
    .toLowerCase()
    .split(',')
    .map((name) => name.trim());
  if (names.includes('*')) reply.header('vary', '*');
  else if (!names.includes(field.toLowerCase())) reply.header('vary', `${text}, ${field}`);
}

function plainTargetOptions(request: FastifyRequest): boolean {
  return request.method === 'OPTIONS' && request.headers['access-control-request-method'] === undefined && productForUrl(request.url) === 'target';
}
