import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

/** Reports, mboxes, mbox parameters, profile attributes. Placeholder. */
export const reportAndMboxRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async () => {};
