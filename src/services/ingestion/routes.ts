import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

/** Batch Ingestion, /data/foundation/import (platform.adobe.io). */
export const ingestionRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async () => {};
