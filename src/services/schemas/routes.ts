import type { FastifyRequest } from 'fastify';
import { answer } from '../answer.js';
import { callerOf } from '../platform-objects.js';
import type { ServicePlugin } from '../typed-routes.js';
import { createResource, deleteResource, patchResource, replaceResource, type AuthoredKind, type WriteScope } from './authoring.js';
import type { ResourceKind } from './errors.js';
import { descriptorRoutes } from './descriptors/routes.js';
import { unionRoutes } from './unions/routes.js';
import { lookupSchemaOrUnion } from './unions/model.js';
import { rpcRoutes } from './rpc/routes.js';
import { GLOBAL_XDM_SCOPE, listContainer, lookupResourceBytes } from './model.js';
import { createSchemas, deleteSchemas, listingSchemas, lookupSchemas, patchSchemas, replaceSchemas } from './schemas.js';

const BASE_PATH = '/data/foundation/schemaregistry';

type Container = 'tenant' | 'global';

/** Resources both containers serve, by path (`mixins` is the old name of field groups); behaviors are global only. */
const RESOURCES: Array<[path: string, kind: AuthoredKind]> = [
  ['schemas', 'schemas'],
  ['classes', 'classes'],
  ['fieldgroups', 'fieldgroups'],
  ['mixins', 'fieldgroups'],
  ['datatypes', 'datatypes'],
];

function writeScopeOf(request: Pick<FastifyRequest, 'platform' | 'principal'>): WriteScope {
  const { org, sandbox, scope } = request.platform!;
  return { scope, org, sandbox, caller: callerOf(request.principal) };
}

function scopeOf(request: Pick<FastifyRequest, 'platform'>, container: Container): string {
  return container === 'tenant' ? request.platform!.scope : GLOBAL_XDM_SCOPE;
}

/** Schema Registry, /data/foundation/schemaregistry (platform.adobe.io). Registration order is the OpenAPI document's. */
export const schemaRegistryRoutes: ServicePlugin = async (app, { ctx }) => {
  const listRoute = (container: Container, path: string, kind: ResourceKind) =>
    app.get(`/${container}/${path}`, { schema: listingSchemas[kind] }, (request) => {
      const base = `${request.protocol}://${request.host}${BASE_PATH}`;
      return listContainer(ctx, { container, scope: scopeOf(request, container), kind, path, base }, request.headers.accept, request.query);
    });
  const lookupRoute = (container: Container, path: string, kind: ResourceKind) =>
    app.get(`/${container}/${path}/:id`, { schema: lookupSchemas[kind] }, (request, reply) =>
      reply.type('application/json; charset=utf-8').send(
        // A tenant's unions are read through its schemas endpoint too (unions.md, "Look up a union").
        container === 'tenant' && kind === 'schemas'
          ? lookupSchemaOrUnion(ctx, scopeOf(request, container), request.params.id, request.headers.accept)
          : lookupResourceBytes(ctx, scopeOf(request, container), kind, request.params.id, request.headers.accept),
      ),
    );

  for (const [path, kind] of RESOURCES) {
    listRoute('tenant', path, kind);
    listRoute('global', path, kind);
  }

  // Authoring: the tenant container only (the global one is read-only).
  for (const [path, kind] of RESOURCES) {
    app.post(`/tenant/${path}`, { schema: createSchemas[kind] }, async (request, reply) =>
      answer(reply, createResource(ctx, writeScopeOf(request), kind, request.body)),
    );
    app.put(`/tenant/${path}/:id`, { schema: replaceSchemas[kind] }, (request) =>
      replaceResource(ctx, writeScopeOf(request), kind, request.params.id, request.body),
    );
    app.patch(`/tenant/${path}/:id`, { schema: patchSchemas[kind] }, (request) =>
      patchResource(ctx, writeScopeOf(request), kind, request.params.id, request.body),
    );
    app.delete(`/tenant/${path}/:id`, { schema: deleteSchemas[kind] }, async (request, reply) =>
      answer(reply, deleteResource(ctx, writeScopeOf(request), kind, request.params.id)),
    );
  }

  for (const [path, kind] of RESOURCES) {
    lookupRoute('tenant', path, kind);
    lookupRoute('global', path, kind);
  }
  listRoute('global', 'behaviors', 'behaviors');
  lookupRoute('global', 'behaviors', 'behaviors');
  await app.register(unionRoutes, { ctx });
  await app.register(rpcRoutes, { ctx });
  await app.register(descriptorRoutes, { ctx });
};
