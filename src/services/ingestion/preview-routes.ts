import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { previewBatch, type PreviewQuery } from './preview.js';
import { previewSchema } from './preview-schemas.js';

/**
 * GET /batches/{batchId}/datasets/{datasetId}/preview (Batch Ingestion). Registered by the
 * Batch Ingestion plugin (routes.ts) under /data/foundation/import.
 */
export const previewRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/batches/:batchId/datasets/:datasetId/preview', { schema: previewSchema }, (request) => {
    const { batchId, datasetId } = request.params as { batchId: string; datasetId: string };
    return previewBatch(ctx, request.platform!.scope, batchId, datasetId, request.query as PreviewQuery);
  });
};
