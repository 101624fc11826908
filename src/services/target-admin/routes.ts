import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { createAuthenticationToken, listEnvironments } from './model.js';
import { authenticationTokenSchema, environmentsSchema } from './schemas.js';
import { activityRoutes } from './activities-routes.js';
import { offerAudiencePropertyRoutes } from './offers-routes.js';
import { reportAndMboxRoutes } from './reports-routes.js';
import { batchRoutes } from './batch-routes.js';
import type { ListQuery } from './listing.js';

/** Target Admin API under /:tenant/target (mc.adobe.io). */
export const targetAdminRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const paths = collectPaths(app);
  await app.register(activityRoutes, { ctx });
  await app.register(offerAudiencePropertyRoutes, { ctx });
  await app.register(reportAndMboxRoutes, { ctx });
  await app.register(batchRoutes, { ctx });

  // Issuing a Profile API token changes no Target object: a viewer may (target-roles.ts).
  app.post('/authentication/token', { schema: authenticationTokenSchema, config: { versions: [1], rights: ['read'] } }, (request) =>
    createAuthenticationToken(ctx, request.target!, request.principal!, (request.query as { scope?: string }).scope),
  );

  app.get('/environments', { schema: environmentsSchema, config: { versions: [1] } }, (request) =>
    listEnvironments(ctx, request.target!, request.query as ListQuery),
  );
  registerOptions(app, paths);
};

interface PathMethods {
  methods: Set<string>;
  versions: Set<number>;
}

/** Methods and API versions of every path registered from here on (relative to the plugin's prefix). */
function collectPaths(app: FastifyInstance): Map<string, PathMethods> {
  const paths = new Map<string, PathMethods>();
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (methods.includes('OPTIONS')) return;
    const path = route.url.slice(app.prefix.length).replace(/(.)\/$/, '$1');
    const entry = paths.get(path) ?? { methods: new Set<string>(), versions: new Set<number>() };
    for (const method of methods) entry.methods.add(method);
    for (const version of route.config?.versions ?? [1]) entry.versions.add(version);
    paths.set(path, entry);
  });
  return paths;
}

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * OPTIONS on each path (seed 002: without a payload, "the Accept header is used to specify the
 * version"): versioned and authorised like a GET, answered 204 with the path's methods in Allow.
 * A CORS preflight never gets here (src/cors.ts answers it first).
 */
function registerOptions(app: FastifyInstance, paths: Map<string, PathMethods>): void {
  for (const [path, { methods, versions }] of paths) {
    const allow = METHOD_ORDER.filter((method) => method === 'OPTIONS' || methods.has(method) || (method === 'HEAD' && methods.has('GET'))).join(', ');
    app.options(path, { schema: { hide: true }, config: { versions: [...versions].sort((a, b) => a - b) } }, async (_request, reply) =>
      reply.code(204).header('allow', allow).send(),
    );
  }
}
