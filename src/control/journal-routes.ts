import type { FastifyPluginAsync } from 'fastify';
import type { Journal } from './journal.js';
import { badRequest } from './routes.js';
import { clearRequestsSchema, listRequestsSchema } from './schemas.js';
import { setNamed } from './tenant-routes.js';
import type { TenantSets } from './tenant-sets.js';

interface RequestsQuery {
  path?: string;
  method?: string;
  status?: string;
  since?: string;
  after?: number;
  limit?: number;
  set?: string;
}

/** GET / DELETE /_mock/requests: the request journal. */
export const journalRoutes: FastifyPluginAsync<{ journal: Journal; sets: TenantSets }> = async (app, { journal, sets }) => {
  app.get<{ Querystring: RequestsQuery }>('/requests', { schema: listRequestsSchema }, async (request) => {
    const { since, set, ...filter } = request.query;
    const owner = set === undefined ? undefined : sets.ownerOf(setNamed(sets, set));
    let sinceMs: number | undefined;
    if (since !== undefined) {
      sinceMs = Date.parse(since);
      if (!Number.isFinite(sinceMs)) throw badRequest(`since must be an ISO-8601 instant, got ${JSON.stringify(since)}`);
    }
    return journal.list({ ...filter, since: sinceMs, owner });
  });

  app.delete('/requests', { schema: clearRequestsSchema }, async (_request, reply) => {
    journal.clear();
    return reply.code(204).send();
  });
};
