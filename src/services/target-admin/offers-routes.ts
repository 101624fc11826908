import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

/** Offers, audiences and properties. Placeholder. */
export const offerAudiencePropertyRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async () => {};
