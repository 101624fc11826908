import { buildApp } from './server.js';
import type { MockOptions, ResolvedConfig } from './config.js';
import type { StateSnapshot } from './store/store.js';

export type { MockOptions, AuthMode, ResolvedConfig } from './config.js';
export type { StateSnapshot } from './store/store.js';
export { buildApp } from './server.js';
export { ConfigError } from './config.js';

/**
 * Options of the programmatic API: every emulator option (all optional), listening on a free
 * port of 127.0.0.1 unless `port` / `host` say otherwise.
 *
 * The ones a test suite reaches for most:
 * - `auth`: 'strict' (default) or 'permissive';
 * - `fixturesDir`: a folder of fixture files instead of the bundled ones;
 * - `dataFile`: persist state to this JSON file (default: in memory);
 * - `clock` / `freezeClock`: start the emulator's clock at an ISO instant or epoch ms, frozen or running;
 * - `processingDelayMs`: batch processing time on the emulator's clock;
 * - `cors`: true (any origin), false, or the allowed origins (product APIs; never /_mock);
 * - `controlToken`: /_mock and the dashboard then need it (Bearer or X-Mock-Control-Token);
 * - `logLevel`: 'silent' keeps test output clean.
 */
export type MockServerOptions = MockOptions;

export interface MockServer {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** The effective configuration. */
  readonly config: ResolvedConfig;
  /** Back to exactly the fixtures (issued tokens stay valid). */
  reset(): Promise<void>;
  /** The whole state as JSON (the same snapshot a data file holds). */
  state(): StateSnapshot;
  /** Stops listening and releases everything (flushes the data file, removes temporary uploads). */
  close(): Promise<void>;
}

/** Starts an emulator in this process; listens on a free port unless one is given. */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { app, ctx, config } = await buildApp({ port: 0, ...options });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    config,
    reset: () => ctx.reset(),
    state: () => ctx.store.snapshot(),
    close: () => (closed ??= app.close()),
  };
}
