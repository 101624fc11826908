import type { ServicePlugin } from '../typed-routes.js';
import { previewBatch } from './preview.js';
import { previewSchema } from './preview-schemas.js';

/**
 * GET /batches/{batchId}/datasets/{datasetId}/preview (Batch Ingestion). Registered by the
 * Batch Ingestion plugin (routes.ts) under /data/foundation/import.
 */
export const previewRoutes: ServicePlugin = async (app, { ctx }) => {
  app.get('/batches/:batchId/datasets/:datasetId/preview', { schema: previewSchema }, (request) =>
    previewBatch(ctx, request.platform!.scope, request.params.batchId, request.params.datasetId, request.query));
};
