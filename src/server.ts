import { rm } from 'node:fs/promises';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { resolveConfig, type MockOptions, type ResolvedConfig } from './config.js';
import type { AppContext } from './context.js';
import { Clock } from './store/clock.js';
import { Store } from './store/store.js';
import type { Persistence } from './store/persistence.js';
import { loadFixtures } from './store/fixtures.js';
import { newSecret } from './store/ids.js';
import { TokenService } from './auth/tokens.js';
import { installControlErrors } from './gateway/control.js';
import { MAX_JSON_DEPTH, registerJsonParsers } from './gateway/json-body.js';
import { hasBody } from './gateway/http.js';
import { answerClientErrors } from './gateway/client-errors.js';
import { envelopeForUrl, registerServices, SERVICES } from './services/registry.js';
import { resourceRoutes } from './control/resources.js';
import { firstDashboardData } from './dashboard/first-data.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { installControlPlane } from './control/plane.js';
import { StateKeeper } from './control/state-keeper.js';
import { RequestValidators } from './validation.js';
import { LazySerializers } from './serialization.js';
import { demoIntegration } from './auth/integrations.js';
import { registerDocs, type ApiDocs } from './control/docs.js';
import { registerCors } from './cors.js';
import { installControlAccess } from './control/access.js';
import { OneLinePerRequest } from './request-log.js';
import { installSyncCommit } from './gateway/sync-commit.js';
import './gateway/types.js';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type ValidatorFactory = NonNullable<CompilersFactory['buildValidator']>;
type SerializerFactory = NonNullable<CompilersFactory['buildSerializer']>;

/** Internal scope that survives reset: the token signing key, so tokens stay valid across resets. */
const EMULATOR_SCOPE = '_emulator';

export interface MockApp {
  app: FastifyInstance;
  ctx: AppContext;
  config: ResolvedConfig;
  /** Route validators compile on first use; `validators.compileAll()` forces them (tests). */
  validators: RequestValidators;
  /** Response serializers too; `serializers.compileAll()` forces them. */
  serializers: LazySerializers;
  /** The OpenAPI document (also served at /openapi.json), built on first use. */
  docs: ApiDocs;
}

/** Builds the whole emulator (not listening yet). Used by the CLI, the programmatic API and tests. */
export async function buildApp(options: MockOptions = {}): Promise<MockApp> {
  const config = resolveConfig(options);
  const validators = new RequestValidators();
  const serializers = new LazySerializers();
  let ctxForFrameworkErrors: AppContext | null = null;
  const app = Fastify({
    // Failures before routing (a malformed %-escape in the URL...) answer in the URL's product envelope.
    frameworkErrors: (error, request, reply) => {
      const envelope = envelopeForUrl(ctxForFrameworkErrors!, request.url);
      // Fastify types this reply with the route generics of a route that was never matched.
      (reply as unknown as FastifyReply).code(400).send(envelope.failure('bad-request', `The request URL is malformed: ${error.message}`, request));
    },
    // Requests Node's parser refuses (headers over the size limit...) too; the URL is read from the raw request.
    clientErrorHandler: answerClientErrors((url) => envelopeForUrl(ctxForFrameworkErrors!, url)),
    logger: config.logStream ? { level: config.logLevel, stream: config.logStream } : { level: config.logLevel },
    logController: new OneLinePerRequest(),
    bodyLimit: config.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
    // Fastify calls the compiler with the route definition ({schema, httpPart, ...}), although
    // its published type says the schema alone; hence the cast.
    schemaController: {
      compilersFactory: {
        buildValidator: validators.factory as unknown as ValidatorFactory,
        buildSerializer: serializers.factory as unknown as SerializerFactory,
      },
    },
    return503OnClosing: true,
    requestTimeout: 120_000,
    // Stalled clients (a body that never finishes) are closed rather than kept forever.
    connectionTimeout: config.idleTimeoutMs,
  });

  const clock = new Clock();
  // Frozen first, so a frozen clock starts exactly at the given instant.
  if (config.freezeClock) clock.freeze();
  if (config.clockStart !== null) clock.set(config.clockStart);
  const store = new Store();
  const fixtures = loadFixtures(config.fixturesDir);
  // Loaded only when asked for: not needed in memory.
  const persistence: Persistence | null = config.dataFile
    ? new (await import('./store/persistence.js')).Persistence(store, {
        file: config.dataFile,
        flushIntervalMs: config.flushIntervalMs,
        compactBytes: config.compactBytes,
        log: app.log,
      })
    : null;

  const loadedSaved = persistence ? await persistence.open() : false;
  if (!loadedSaved) store.load(structuredClone(fixtures));
  const tokens = new TokenService(signingSecret(store, config), clock);

  const state = new StateKeeper(store, fixtures, persistence, new Set([EMULATOR_SCOPE]));
  const ctx: AppContext = {
    config,
    clock,
    store,
    tokens,
    log: app.log,
    persistence,
    state,
    reset: () => state.resetAll(),
    onReset: (task) => state.onReset(task),
  };
  ctxForFrameworkErrors = ctx;
  if (persistence && !loadedSaved) await persistence.compact();
  app.addHook('onClose', async () => {
    await persistence?.close();
    if (config.blobDirIsTemporary) await rm(config.blobDir, { recursive: true, force: true });
  });

  if (persistence && config.durability === 'sync') installSyncCommit(app, persistence, ctx);
  registerBodyParsers(app);
  closeConnectionsWithUnreadBodies(app);
  app.decorateRequest('principal', null);
  app.decorateRequest('platform', null);
  app.decorateRequest('target', null);

  const docs = registerDocs(
    app,
    {
      title: 'adobe-api-mock',
      version: config.version,
      description:
        'Local emulator of Adobe IMS, Experience Platform (Catalog, Batch Ingestion, Data Access, Schema Registry), ' +
        'Target Admin and Profile APIs and Adobe Stock. Paths are those of the real hosts.',
    },
    () => demoIntegration(ctx.store),
  );

  // Before the CORS plugin: refused control requests get no CORS header, control routes no product CORS.
  installControlAccess(app, config);
  registerCors(app, config);
  installControlErrors(app);
  // Before the services: the journal's and the faults' root hooks must be there when they register.
  const plane = await installControlPlane(app, ctx);
  await app.register(resourceRoutes, { prefix: '/_mock', ctx });
  await app.register(dashboardRoutes, { firstData: () => firstDashboardData(ctx, plane.faults) });
  // The services' stand-ins for product UIs (Target's Profile API authentication switch).
  for (const service of SERVICES) if (service.controlRoutes) await app.register(service.controlRoutes, { prefix: '/_mock', ctx });
  await registerServices(app, ctx);
  return { app, ctx, config, validators, serializers, docs };
}

/** The HMAC key of issued tokens: configured, else kept in the internal scope (persisted with the data file). */
function signingSecret(store: Store, config: ResolvedConfig): string {
  if (config.tokenSecret) return config.tokenSecret;
  const keys = store.collection<{ id: string; secret: string }>(EMULATOR_SCOPE, 'keys');
  const existing = keys.get('token-signing');
  if (existing) return existing.secret;
  const secret = newSecret();
  keys.put('token-signing', { id: 'token-signing', secret });
  return secret;
}

function registerBodyParsers(app: FastifyInstance): void {
  registerJsonParsers(app, MAX_JSON_DEPTH);
  // IMS takes form-encoded parameters.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}

/**
 * An answer sent before the request body was read (e.g. a gateway 401 on an upload) closes the
 * connection: otherwise Node keeps reading and discarding the rest, and a client that stalls
 * mid-body would hold the socket for the whole keep-alive time. A request without a body keeps
 * the connection (Node marks it complete only after the 'request' event, so a synchronous
 * answer such as a 404 would otherwise look unread).
 */
function closeConnectionsWithUnreadBodies(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.raw.complete === false && request.raw.readableEnded === false && hasBody(request)) reply.header('connection', 'close');
    done(null, payload);
  });
}
