import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { callerOf } from '../platform-objects.js';
import { listingFormat, lookupFormat } from './accept.js';
import type { ResourceKind } from './errors.js';
import { createSchema, GLOBAL_XDM_SCOPE, listResources, lookupResource, type CreateSchemaBody, type ListingQuery } from './model.js';
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

/** Schema Registry, /data/foundation/schemaregistry (platform.adobe.io). */
export const schemaRegistryRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const listings: Array<[string, ResourceKind, object]> = [
    ['schemas', 'schemas', listSchemasSchema],
    ['classes', 'classes', listClassesSchema],
    ['fieldgroups', 'fieldgroups', listFieldGroupsSchema],
    ['mixins', 'fieldgroups', listFieldGroupsSchema],
    ['datatypes', 'datatypes', listDataTypesSchema],
  ];
  for (const [path, kind, schema] of listings) {
    app.get(`/tenant/${path}`, { schema }, (request) => list(request, kind, 'tenant', path));
    app.get(`/global/${path}`, { schema }, (request) => list(request, kind, 'global', path));
  }

  function list(request: FastifyRequest, kind: ResourceKind, container: 'tenant' | 'global', path: string) {
    const format = listingFormat(ctx, request.headers.accept);
    const query = request.query as ListingQuery;
    const scope = container === 'tenant' ? request.platform!.scope : GLOBAL_XDM_SCOPE;
    const listing = listResources(ctx, scope, kind, format, query);
    // Links point at the emulator itself, so a client following them stays here.
    const base = `${request.protocol}://${request.host}${BASE_PATH}`;
    return {
      results: listing.results,
      _page: listing._page,
      _links: {
        next: listing.nextStart === null ? null : `${base}/${container}/${path}?${nextPageQuery(query, listing.nextStart)}`,
        ...(kind === 'schemas' && container === 'tenant' ? { global_schemas: { href: `${base}/global/schemas` } } : {}),
      },
    };
  }

  app.post('/tenant/schemas', { schema: createSchemaSchema }, async (request, reply) => {
    const { org, sandbox, scope } = request.platform!;
    const created = createSchema(ctx, scope, org, sandbox, callerOf(request.principal), request.body as CreateSchemaBody);
    return reply.code(201).send(created);
  });

  const lookups: Array<[string, ResourceKind, object]> = [
    ['schemas', 'schemas', lookupSchemaSchema],
    ['classes', 'classes', lookupClassSchema],
    ['fieldgroups', 'fieldgroups', lookupFieldGroupSchema],
    ['mixins', 'fieldgroups', lookupFieldGroupSchema],
    ['datatypes', 'datatypes', lookupDataTypeSchema],
  ];
  for (const [path, kind, schema] of lookups) {
    app.get(`/tenant/${path}/:id`, { schema }, (request) => lookup(request, kind, request.platform!.scope));
    app.get(`/global/${path}/:id`, { schema }, (request) => lookup(request, kind, GLOBAL_XDM_SCOPE));
  }
  app.get('/global/behaviors', { schema: listBehaviorsSchema }, (request) => list(request, 'behaviors', 'global', 'behaviors'));
  app.get('/global/behaviors/:id', { schema: lookupBehaviorSchema }, (request) => lookup(request, 'behaviors', GLOBAL_XDM_SCOPE));

  function lookup(request: FastifyRequest, kind: ResourceKind, scope: string) {
    const accept = lookupFormat(ctx, request.headers.accept);
    return lookupResource(ctx, scope, kind, (request.params as { id: string }).id, accept);
  }
};

function nextPageQuery(query: ListingQuery, start: string): string {
  const params = new URLSearchParams();
  if (query.orderby) params.set('orderby', query.orderby);
  params.set('start', start);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.property) params.set('property', query.property);
  return params.toString();
}
