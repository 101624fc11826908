import type { FastifyPluginAsync } from 'fastify';
import { FaultInvalid, validateFault, type FaultRegistry } from './faults.js';
import { badRequest, notFound } from './routes.js';
import { clearFaultsSchema, createFaultSchema, deleteFaultSchema, listFaultsSchema } from './schemas.js';

/** /_mock/faults: add, list and remove faults (src/control/faults.ts). */
export const faultRoutes: FastifyPluginAsync<{ faults: FaultRegistry }> = async (app, { faults }) => {
  app.post(
    '/faults',
    {
      schema: createFaultSchema,
      // faults.ts checks the definition itself, with messages that name the field and the rule.
      validatorCompiler: () => (data: unknown) => ({ value: data }),
    },
    async (request, reply) => {
      try {
        return reply.code(201).send(faults.add(validateFault(request.body)));
      } catch (error) {
        if (error instanceof FaultInvalid) throw badRequest(error.message);
        throw error;
      }
    },
  );

  app.get('/faults', { schema: listFaultsSchema }, async () => ({ faults: faults.list() }));

  app.delete('/faults', { schema: clearFaultsSchema }, async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/faults/:id', { schema: deleteFaultSchema }, async (request, reply) => {
    if (!faults.remove(request.params.id)) throw notFound(`No fault with id '${request.params.id}'`);
    return reply.code(204).send();
  });
};
