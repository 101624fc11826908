import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

/** Data Access, /data/foundation/export (platform.adobe.io). */
export const dataAccessRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async () => {};
