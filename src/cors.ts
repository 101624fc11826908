import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ResolvedConfig } from './config.js';
import { productForUrl } from './services/registry.js';

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
 * routes `cors: false`, answers its preflights and allows only the `controlOrigins`. Registered at
 * the root, its onRequest hook answers preflights before any product gateway asks for an API key
 * or token, which browsers never send on a preflight. Every OPTIONS request is answered as a
 * preflight (no strict check for Origin) except one to the Target Admin API without
 * Access-Control-Request-Method: seed 002 makes that an API call of its own, versioned by Accept
 * (src/services/target-admin/routes.ts answers it).
 */
export async function registerCors(app: FastifyInstance, config: ResolvedConfig): Promise<void> {
  if (config.cors === false) return;
  // Built once: the delegator runs on every request. The lists are joined here as the plugin would join them.
  const options = {
    origin: config.cors === true ? '*' : config.cors,
    methods: CORS_METHODS.join(', '),
    exposedHeaders: EXPOSED_HEADERS.join(', '),
    maxAge: 600,
    strictPreflight: false,
  };
  const withPreflight = { ...options, preflight: true };
  const withoutPreflight = { ...options, preflight: false };
  await app.register(cors, {
    delegator: (request: FastifyRequest, done: (error: Error | null, options: typeof withoutPreflight) => void) =>
      done(null, plainTargetOptions(request) ? withoutPreflight : withPreflight),
  });
}

function plainTargetOptions(request: FastifyRequest): boolean {
  return request.method === 'OPTIONS' && request.headers['access-control-request-method'] === undefined && productForUrl(request.url) === 'target';
}
