import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { installFaults } from './fault-hooks.js';
import { faultRoutes } from './fault-routes.js';
import { FaultRegistry } from './faults.js';
import { Journal } from './journal.js';
import { installJournal, recordDropped } from './journal-recorder.js';
import { journalRoutes } from './journal-routes.js';
import { controlRoutes } from './routes.js';
import { stateRoutes } from './state-routes.js';
import { tenantRoutes } from './tenant-routes.js';
import { TenantSets } from './tenant-sets.js';

export interface ControlPlane {
  journal: Journal;
  faults: FaultRegistry;
  sets: TenantSets;
}

/**
 * The control plane: the /_mock routes, plus the root-level hooks of the request journal and of
 * fault injection. Call it before any product route is registered: a plugin only inherits the
 * root hooks that exist when it is registered.
 */
export async function installControlPlane(app: FastifyInstance, ctx: AppContext): Promise<ControlPlane> {
  app.decorateRequest('rawBody', null);
  app.decorateRequest('journalPayload', null);
  app.decorateRequest('mockFault', null);
  app.decorateRequest('mockDropped', false);

  const journal = new Journal(Math.max(0, Math.floor(ctx.config.journalSize)));
  const faults = new FaultRegistry();
  const sets = new TenantSets(ctx);
  installFaults(app, ctx, faults, (request, reply) => recordDropped(journal, request, reply, ctx.config.journalBodyBytes));
  installJournal(app, journal, ctx.config.journalBodyBytes);

  await app.register(
    async (control) => {
      await control.register(controlRoutes, { ctx, sets });
      await control.register(stateRoutes, { ctx, sets });
      await control.register(journalRoutes, { journal, sets });
      await control.register(faultRoutes, { faults });
      await control.register(tenantRoutes, { sets });
    },
    { prefix: '/_mock' },
  );
  return { journal, faults, sets };
}
