import { buildApp } from './server.js';
import type { MockOptions } from './config.js';
import type { StateSnapshot } from './store/store.js';

export type { MockOptions, AuthMode } from './config.js';
export type { StateSnapshot } from './store/store.js';
export { buildApp } from './server.js';

export interface MockServer {
  /** Base URL, e.g. http://127.0.0.1:54321 */
  url: string;
  port: number;
  /** Back to exactly the fixtures. */
  reset(): Promise<void>;
  /** The whole state as JSON. */
  state(): StateSnapshot;
  close(): Promise<void>;
}

/** Starts an emulator in this process; listens on a free port unless one is given. */
export async function createMockServer(options: MockOptions = {}): Promise<MockServer> {
  const { app, ctx } = await buildApp({ port: 0, ...options });
  await app.listen({ port: ctx.config.port, host: ctx.config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : ctx.config.port;
  return {
    url: `http://${ctx.config.host.includes(':') ? `[${ctx.config.host}]` : ctx.config.host}:${port}`,
    port,
    reset: () => ctx.reset(),
    state: () => ctx.store.snapshot(),
    close: () => app.close(),
  };
}
