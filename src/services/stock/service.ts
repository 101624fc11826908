import type { ServiceDeclaration } from '../declaration.js';
import { stockRoutes } from './routes.js';

export const stockService: ServiceDeclaration = {
  name: 'stock',
  product: 'stock',
  prefixes: ['/Rest'],
  routes: stockRoutes,
  scopes: [{ kind: 'stock', label: () => 'Adobe Stock' }],
  collections: [
    { name: 'files', title: 'Files', fixtures: true },
    { name: 'members', title: 'Members', fixtures: true },
  ],
  reset: { undeclared: true },
};
