import type { AppContext } from '../../context.js';
import type { ScopeKey } from '../../store/store.js';

/**
 * Records, in the changelog of every activity using the offer, that the offer was modified
 * (`{modifiedAt, modifiedOffer: {id, name}}`). Called by the offers model after an update.
 * Placeholder until the activities work lands.
 */
export function recordOfferModified(_ctx: AppContext, _scope: ScopeKey, _offer: { id: number; name: string }): void {}
