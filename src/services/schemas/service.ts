import type { ServiceDeclaration } from '../declaration.js';
import { PLATFORM_SCOPES } from '../catalog/service.js';
import { XDM_COLLECTIONS } from './model.js';
import { schemaRegistryRoutes } from './routes.js';
import { DESCRIPTORS } from './descriptors/model.js';
import { AUDIT_LOG } from './rpc/auditlog.js';
import { unionMembers } from './unions/model.js';

export const schemaRegistryService: ServiceDeclaration = {
  name: 'schemaregistry',
  product: 'platform',
  prefixes: ['/data/foundation/schemaregistry'],
  routes: schemaRegistryRoutes,
  // A sandbox's own resources (the tenant container) and Adobe's standard ones (the global container, GLOBAL_XDM_SCOPE).
  scopes: [PLATFORM_SCOPES, { kind: 'xdm', label: (rest) => `XDM standard registry (${rest.join('/') || 'global'})` }],
  collections: [
    { name: XDM_COLLECTIONS.schemas, title: 'Schemas', fixtures: true },
    { name: XDM_COLLECTIONS.fieldgroups, title: 'Field groups', fixtures: true },
    { name: XDM_COLLECTIONS.datatypes, title: 'Data types', fixtures: true },
    { name: XDM_COLLECTIONS.classes, title: 'Classes', fixtures: true },
    { name: XDM_COLLECTIONS.behaviors, title: 'Behaviors', fixtures: true },
    {
      name: DESCRIPTORS,
      title: 'Descriptors',
      fixtures: true,
      // Identity, friendly-name, relationship and other descriptors of the tenant schemas.
      summary: (id, o) => ({ id, name: `${String(o['xdm:sourceSchema'])} ${String(o['xdm:sourceProperty'])}`, type: String(o['@type']) }),
    },
    // The audit log of the tenant resources (/rpc/auditlog): bookkeeping.
    { name: AUDIT_LOG, title: 'XDM audit log', hidden: true },
  ],
  // Unions are computed from the schemas tagged `union` (unions/model.ts): a view, not a collection.
  views: [
    {
      name: 'unions',
      title: 'Unions (schemas enabled for Profile)',
      items: (ctx, scope) =>
        unionMembers(ctx, scope).map((union) => ({
          id: union.$id,
          name: union.classTitle,
          class: union.classId,
          members: union.members.map((schema) => String(schema.title ?? schema.$id)).join(', '),
          memberIds: union.members.map((schema) => schema.$id),
        })),
      columns: [
        { heading: 'Union', field: 'id', kind: 'id' },
        { heading: 'Class', field: 'name', kind: 'name' },
        { heading: 'Member schemas', field: 'members', kind: 'text' },
      ],
    },
  ],
  reset: { undeclared: false },
};
