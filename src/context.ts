import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedConfig } from './config.js';
import type { Clock } from './store/clock.js';
import type { Store } from './store/store.js';
import type { Persistence } from './store/persistence.js';
import type { TokenService } from './auth/tokens.js';
import type { ResetTask, StateKeeper } from './control/state-keeper.js';

/** What every gateway, route and model may use; built once per server by createApp. */
export interface AppContext {
  config: ResolvedConfig;
  clock: Clock;
  store: Store;
  tokens: TokenService;
  log: FastifyBaseLogger;
  /** The data file's writer; null in memory. */
  persistence: Persistence | null;
  /** Wholesale changes of the state: full or partial reset, snapshot import. */
  state: StateKeeper;
  /** Puts the state back to exactly the fixtures. */
  reset(): Promise<void>;
  /**
   * Registers work to do when (part of) the state is replaced, beyond the store (e.g. deleting
   * uploaded files); the task is told which scopes were replaced.
   */
  onReset(task: ResetTask): void;
}
