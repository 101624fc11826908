import Fastify, {
  type FastifyContextConfig,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifySchema,
  type HTTPMethods,
} from 'fastify';
import type { Integration } from '../auth/integrations.js';

interface DocumentedRoute {
  method: HTTPMethods | HTTPMethods[];
  url: string;
  schema: FastifySchema | undefined;
  /**
   * What the document needs of the route's config: Stock's authorization (optional or required)
   * and the Target API versions the route serves (its media types, docs-document.ts).
   */
  config?: Pick<FastifyContextConfig, 'authorization' | 'versions'>;
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

/** The emulator's OpenAPI document and Swagger UI, built on first use. */
export interface ApiDocs {
  /** The OpenAPI 3 document of every route registered so far. */
  document(): Promise<Record<string, unknown>>;
}

/**
 * Serves GET /openapi.json and the Swagger UI at /docs without paying for them at startup.
 *
 * @fastify/swagger and @fastify/swagger-ui load yaml, @fastify/static and glob, a large share of
 * startup time for pages most test runs never open. So the app only records its routes (an
 * onRoute hook, registered before any route); the first docs request builds a separate Fastify
 * instance holding the same routes (schemas only, no handlers) with both plugins, and the docs
 * are answered from it.
 */
export function registerDocs(app: FastifyInstance, info: OpenApiInfo, demo: () => Integration | undefined): ApiDocs {
  const routes: DocumentedRoute[] = [];
  app.addHook('onRoute', (route) => {
    // Hidden routes (these docs routes among them) and HEAD routes, generated from GETs, are
    // left out of the document, as @fastify/swagger does.
    if (route.method === 'HEAD' || route.schema?.hide === true) return;
    routes.push({
      method: route.method,
      url: route.url,
      schema: route.schema,
      config: { authorization: route.config?.authorization, versions: route.config?.versions },
    });
  });

  let built: Promise<FastifyInstance> | null = null;
  const docsInstance = () =>
    (built ??= buildDocsInstance(app, routes, info, demo()).catch((error: unknown) => {
      built = null;
      throw error;
    }));

  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    const docs = await docsInstance();
    const answer = await docs.inject({ method: request.method as HTTPMethods, url: request.url, headers: request.headers });
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    return reply.code(answer.statusCode).headers(headers).send(answer.rawPayload);
  };
  app.get('/openapi.json', { schema: { hide: true } }, async () => (await docsInstance()).swagger());
  app.get('/docs', { schema: { hide: true } }, forward);
  app.get('/docs/*', { schema: { hide: true } }, forward);

  return { document: async () => (await docsInstance()).swagger() as unknown as Record<string, unknown> };
}

async function buildDocsInstance(app: FastifyInstance, routes: DocumentedRoute[], info: OpenApiInfo, demo: Integration | undefined): Promise<FastifyInstance> {
  // The document's own modules load here too: nothing of the docs is paid for at start-up.
  const [
    { default: swagger },
    { default: swaggerUi },
    { decorateDocument, TARGET_VERSIONS },
    { SECURITY_SCHEMES, areaOf, securityFor },
    { demoCredentials, swaggerUiOptions },
  ] = await Promise.all([
    import('@fastify/swagger'),
    import('@fastify/swagger-ui'),
    import('./docs-document.js'),
    import('./docs-security.js'),
    import('./docs-ui.js'),
  ]);
  const docs = Fastify({ logger: false, exposeHeadRoutes: false });
  await docs.register(swagger, {
    openapi: { openapi: '3.0.3', info, components: { securitySchemes: SECURITY_SCHEMES as Record<string, any> } },
    // Each operation's security, by the gateway in front of it (docs-security.ts), and a Target
    // route's API versions (handed on as x-target-versions, which docs-document.ts turns into
    // media types); then what the document adds as a whole (docs-document.ts).
    transform: ({ schema, url, route }) => {
      const area = areaOf(url);
      const versions = area === 'target' ? (route.config?.versions ?? [1]) : undefined;
      return {
        schema: { ...schema, security: securityFor(area, route.config), ...(versions ? { [TARGET_VERSIONS]: versions } : {}) } as FastifySchema,
        url,
      };
    },
    transformObject: (document) =>
      decorateDocument('openapiObject' in document ? document.openapiObject : document.swaggerObject, {
        tenant: demo?.tenant,
        client: demo?.clientCode,
      }),
  });
  for (const schema of Object.values(app.getSchemas())) docs.addSchema(schema);
  const documentOnly = async () => null;
  // Registered in the app's own order, so the document lists paths as the app declares them.
  await docs.register(async (instance) => {
    for (const route of routes) instance.route({ ...namedWildcard(route), handler: documentOnly });
  });
  await docs.register(swaggerUi, swaggerUiOptions(demoCredentials(demo)));
  await docs.ready();
  return docs;
}

/**
 * A trailing `*` (Batch Ingestion's file paths, which may contain folders) is documented as the
 * `{filePath}` parameter Adobe's reference names, rather than @fastify/swagger's `{*}`.
 */
function namedWildcard(route: DocumentedRoute): DocumentedRoute {
  if (!route.url.endsWith('/*')) return route;
  const params = route.schema?.params as { properties?: Record<string, unknown>; required?: string[] } | undefined;
  let properties: Record<string, unknown> | undefined;
  if (params?.properties) {
    const { '*': wildcard, ...named } = params.properties;
    properties = { ...named, filePath: wildcard };
  }
  return {
    ...route,
    url: `${route.url.slice(0, -1)}:filePath`,
    schema: params
      ? { ...route.schema, params: { ...params, properties, required: params.required?.map((name) => (name === '*' ? 'filePath' : name)) } }
      : route.schema,
  };
}
