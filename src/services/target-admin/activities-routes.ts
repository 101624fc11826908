import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

/** Activities: list, AB, XT, name/state/priority/schedule, changelog. Placeholder. */
export const activityRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async () => {};
