import type { ServiceDeclaration } from '../declaration.js';
import { PLATFORM_SCOPES } from '../catalog/service.js';
import { COLLECTIONS } from '../platform-objects.js';
import { LARGE_FILE_UPLOADS } from './model.js';
import { ingestionRoutes } from './routes.js';

export const ingestionService: ServiceDeclaration = {
  name: 'ingestion',
  product: 'platform',
  prefixes: ['/data/foundation/import'],
  routes: ingestionRoutes,
  scopes: [PLATFORM_SCOPES],
  collections: [
    { name: COLLECTIONS.batchFiles, title: 'Batch files', hidden: true },
    { name: COLLECTIONS.pendingBatches, title: 'Pending batches', hidden: true },
    { name: COLLECTIONS.failedRecords, title: 'Failed records', hidden: true },
    { name: LARGE_FILE_UPLOADS, title: 'Large file uploads' },
  ],
  reset: { together: ['catalog', 'export'], undeclared: true },
};
