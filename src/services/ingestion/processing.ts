import type { AppContext } from '../../context.js';
import type { ScopeKey } from '../../store/store.js';

/**
 * Processes a batch signalled COMPLETE: reads its files, validates the records against the
 * dataset's schema and stores the outcome on its pendingBatches entry (see platform-objects.ts).
 * Placeholder until processing lands.
 */
export function startProcessing(_ctx: AppContext, _scope: ScopeKey, _batchId: string): void {}
