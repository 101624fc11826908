import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedConfig } from './config.js';
import type { Clock } from './store/clock.js';
import type { Store } from './store/store.js';
import type { TokenService } from './auth/tokens.js';

/** What every gateway, route and model may use; built once per server by createApp. */
export interface AppContext {
  config: ResolvedConfig;
  clock: Clock;
  store: Store;
  tokens: TokenService;
  log: FastifyBaseLogger;
  /** Puts the state back to exactly the fixtures. */
  reset(): Promise<void>;
  /** Registers work to do on reset beyond the store (e.g. deleting uploaded files). */
  onReset(task: () => Promise<void> | void): void;
}
