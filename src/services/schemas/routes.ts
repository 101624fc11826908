import type { FastifyRequest } from 'fastify';
import { answer } from '../answer.js';
import { callerOf } from '../platform-objects.js';
import type { ServicePlugin } from '../typed-routes.js';
import type { ResourceKind } from './errors.js';
import { createSchema, GLOBAL_XDM_SCOPE, listContainer, lookupResource } from './model.js';
import {
  createSchemaSchema,
  listBehaviorsSchema,
  listClassesSchema,
  listDataTypesSchema,
  listFieldGroupsSchema,
  listSchemasSchema,
  lookupBehaviorSchema,
  lookupClassSchema,
  lookupDataTypeSchema,
  lookupFieldGroupSchema,
  lookupSchemaSchema,
} from './schemas.js';

const BASE_PATH = '/data/foundation/schemaregistry';

type Container = 'tenant' | 'global';

/** Resources both containers serve, by path (`mixins` is the old name of field groups): listing and lookup schemas. */
const RESOURCES: Array<[path: string, kind: ResourceKind, list: typeof listSchemasSchema, lookup: typeof lookupSchemaSchema]> = [
  ['schemas', 'schemas', listSchemasSchema, lookupSchemaSchema],
  ['classes', 'classes', listClassesSchema, lookupClassSchema],
  ['fieldgroups', 'fieldgroups', listFieldGroupsSchema, lookupFieldGroupSchema],
  ['mixins', 'fieldgroups', listFieldGroupsSchema, lookupFieldGroupSchema],
  ['datatypes', 'datatypes', listDataTypesSchema, lookupDataTypeSchema],
];

function scopeOf(request: Pick<FastifyRequest, 'platform'>, container: Container): string {
  return container === 'tenant' ? request.platform!.scope : GLOBAL_XDM_SCOPE;
}

/** Schema Registry, /data/foundation/schemaregistry (platform.adobe.io). Registration order is the OpenAPI document's. */
export const schemaRegistryRoutes: ServicePlugin = async (app, { ctx }) => {
  const listRoute = (container: Container, path: string, kind: ResourceKind, schema: typeof listSchemasSchema) =>
    app.get(`/${container}/${path}`, { schema }, (request) => {
      const base = `${request.protocol}://${request.host}${BASE_PATH}`;
      return listContainer(ctx, { container, scope: scopeOf(request, container), kind, path, base }, request.headers.accept, request.query);
    });
  const lookupRoute = (container: Container, path: string, kind: ResourceKind, schema: typeof lookupSchemaSchema) =>
    app.get(`/${container}/${path}/:id`, { schema }, (request) =>
      lookupResource(ctx, scopeOf(request, container), kind, request.params.id, request.headers.accept));

  for (const [path, kind, schema] of RESOURCES) {
    listRoute('tenant', path, kind, schema);
    listRoute('global', path, kind, schema);
  }

  app.post('/tenant/schemas', { schema: createSchemaSchema }, async (request, reply) => {
    const { org, sandbox, scope } = request.platform!;
    return answer(reply, createSchema(ctx, scope, org, sandbox, callerOf(request.principal), request.body));
  });

  for (const [path, kind, , schema] of RESOURCES) {
    lookupRoute('tenant', path, kind, schema);
    lookupRoute('global', path, kind, schema);
  }
  // behaviors: global only
  listRoute('global', 'behaviors', 'behaviors', listBehaviorsSchema);
  lookupRoute('global', 'behaviors', 'behaviors', lookupBehaviorSchema);
};
