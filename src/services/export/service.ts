import type { ServiceDeclaration } from '../declaration.js';
import { PLATFORM_SCOPES } from '../catalog/service.js';
import { dataAccessRoutes } from './routes.js';

/** Data Access stores nothing of its own: it reads what Catalog and Batch Ingestion keep. */
export const dataAccessService: ServiceDeclaration = {
  name: 'export',
  product: 'platform',
  prefixes: ['/data/foundation/export'],
  routes: dataAccessRoutes,
  scopes: [PLATFORM_SCOPES],
  collections: [],
  reset: { together: ['catalog', 'ingestion'], undeclared: true },
};
