import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.js';
import { badRequest } from './routes.js';
import { getStateSchema, putStateSchema } from './schemas.js';
import { exportState, prepareImport, SNAPSHOT_BODY_LIMIT, SNAPSHOT_JSON_DEPTH, SnapshotInvalid } from './snapshot.js';
import { registerJsonParsers } from '../gateway/json-body.js';
import { setNamed } from './tenant-routes.js';
import type { TenantSets } from './tenant-sets.js';

/** GET / PUT /_mock/state: the whole state as one JSON snapshot (src/control/snapshot.ts); GET ?set= one tenant set's scopes. */
export const stateRoutes: FastifyPluginAsync<{ ctx: AppContext; sets: TenantSets }> = async (app, { ctx, sets }) => {
  registerJsonParsers(app, SNAPSHOT_JSON_DEPTH);
  app.get<{ Querystring: { set?: string } }>('/state', { schema: getStateSchema }, async (request, reply) => {
    const setId = request.query.set;
    let only: ((scope: string) => boolean) | undefined;
    if (setId !== undefined) {
      const chosen = new Set(sets.scopesOf(setNamed(sets, setId)));
      only = (scope) => chosen.has(scope);
    }
    return reply.type('application/json; charset=utf-8').send(exportState(ctx, only));
  });

  app.put(
    '/state',
    {
      schema: putStateSchema,
      bodyLimit: SNAPSHOT_BODY_LIMIT,
      // snapshot.ts checks the document itself, with messages that say where the problem is.
      validatorCompiler: () => (data: unknown) => ({ value: data }),
    },
    async (request) => {
      let prepared: Awaited<ReturnType<typeof prepareImport>>;
      try {
        prepared = await prepareImport(ctx, request.body);
      } catch (error) {
        if (error instanceof SnapshotInvalid) throw badRequest(`Invalid snapshot: ${error.message}`);
        throw error;
      }
      const counts = {
        scopes: Object.keys(prepared.snapshot.scopes).length,
        files: Object.values(prepared.snapshot.scopes).reduce((sum, collections) => sum + (collections.batchFiles?.length ?? 0), 0),
      };
      try {
        await ctx.state.replace(prepared.snapshot, prepared.install);
      } finally {
        await prepared.discard();
      }
      return { status: 'imported', ...counts };
    },
  );
};
