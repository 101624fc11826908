import { INTEGRATIONS } from '../../auth/integrations.js';
import { TENANT_SETS } from '../../control/tenant-sets.js';
import type { ServiceDeclaration } from '../declaration.js';
import { imsRoutes } from './routes.js';

export const imsService: ServiceDeclaration = {
  name: 'ims',
  product: 'ims',
  prefixes: ['/ims'],
  routes: imsRoutes,
  scopes: [{ kind: 'ims', label: () => 'integrations (all orgs)' }],
  collections: [
    { name: INTEGRATIONS, title: 'Integrations', fixtures: true },
    // The tenant sets' records (POST /_mock/tenants); their integrations are among the integrations.
    { name: TENANT_SETS, title: 'Tenant sets' },
  ],
  reset: { undeclared: true },
};
