import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

/** GET /batches/{batchId}/datasets/{datasetId}/preview (Batch Ingestion). Placeholder. */
export const previewRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async () => {};
