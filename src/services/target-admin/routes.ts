import type { FastifyInstance } from 'fastify';
import { answer } from '../answer.js';
import type { ServicePlugin } from '../typed-routes.js';
import { activityRoutes } from './activities/routes.js';
import { offerRoutes } from './offers/routes.js';
import { audienceRoutes } from './audiences/routes.js';
import { propertyRoutes } from './properties/routes.js';
import { reportRoutes } from './reports/routes.js';
import { mboxRoutes } from './mboxes/routes.js';
import { batchRoutes } from './batch/routes.js';
import { authenticationRoutes } from './authentication/routes.js';
import { environmentRoutes } from './environments/routes.js';

/** The resources of the Target Admin API, in the order their routes are registered. */
const RESOURCES: readonly ServicePlugin[] = [
  activityRoutes,
  offerRoutes,
  audienceRoutes,
  propertyRoutes,
  reportRoutes,
  mboxRoutes,
  batchRoutes,
  authenticationRoutes,
  environmentRoutes,
];

/** Target Admin API under /:tenant/target (mc.adobe.io): each resource's routes, then OPTIONS on every path. */
export const targetAdminRoutes: ServicePlugin = async (app, { ctx }) => {
  const paths = collectPaths(app);
  for (const resource of RESOURCES) await app.register(resource, { ctx });
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
      answer(reply, { body: undefined, status: 204, headers: { allow } }),
    );
  }
}
