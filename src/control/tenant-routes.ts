import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { badRequest, notFound } from './routes.js';
import { createTenantSchema, deleteTenantSchema, getTenantSchema, listTenantsSchema } from './schemas.js';
import { TenantSetError, type TenantSets, type TenantSetView } from './tenant-sets.js';

/** The 404 of an id that names no created set (the fixture integrations are not sets). */
export function unknownSet(id: string) {
  return notFound(`No tenant set '${id}': sets are created by POST /_mock/tenants (the fixture integrations are not sets)`);
}

/** The set a ?set= parameter names; 404 when there is none. */
export function setNamed(sets: TenantSets, id: string): TenantSetView {
  const set = sets.get(id);
  if (!set) throw unknownSet(id);
  return set;
}

/** /_mock/tenants: isolated tenant sets for parallel test workers (src/control/tenant-sets.ts). */
export const tenantRoutes: FastifyPluginAsync<{ sets: TenantSets }> = async (app, { sets }) => {
  const createOptions = {
    schema: createTenantSchema,
    // The body is optional: none means an empty set with default name.
    preValidation: (request: FastifyRequest, _reply: unknown, done: () => void) => {
      request.body ??= {};
      done();
    },
  };
  app.post<{ Body: { name?: string; fixtures?: boolean } }>('/tenants', createOptions, async (request, reply) => {
    try {
      return reply.code(201).send(sets.create(request.body));
    } catch (error) {
      if (error instanceof TenantSetError) throw badRequest(error.message);
      throw error;
    }
  });

  app.get('/tenants', { schema: listTenantsSchema }, async () => ({ tenants: sets.list() }));

  app.get<{ Params: { id: string } }>('/tenants/:id', { schema: getTenantSchema }, async (request) => setNamed(sets, request.params.id));

  app.delete<{ Params: { id: string } }>('/tenants/:id', { schema: deleteTenantSchema }, async (request, reply) => {
    if (!(await sets.delete(request.params.id))) throw unknownSet(request.params.id);
    return reply.code(204).send();
  });
};
