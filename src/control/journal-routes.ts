import type { FastifyPluginAsync } from 'fastify';
import type { Journal } from './journal.js';
import { badRequest } from './routes.js';
import { clearRequestsSchema, listRequestsSchema } from './schemas.js';

interface RequestsQuery {
  path?: string;
  method?: string;
  status?: string;
  since?: string;
  after?: number;
  limit?: number;
}

/** GET / DELETE /_mock/requests: the request journal. */
export const journalRoutes: FastifyPluginAsync<{ journal: Journal }> = async (app, { journal }) => {
  app.get<{ Querystring: RequestsQuery }>('/requests', { schema: listRequestsSchema }, async (request) => {
    const { since, ...filter } = request.query;
    let sinceMs: number | undefined;
    if (since !== undefined) {
      sinceMs = Date.parse(since);
      if (!Number.isFinite(sinceMs)) throw badRequest(`since must be an ISO-8601 instant, got ${JSON.stringify(since)}`);
    }
    return journal.list({ ...filter, since: sinceMs });
  });

  app.delete('/requests', { schema: clearRequestsSchema }, async (_request, reply) => {
    journal.clear();
    return reply.code(204).send();
  });
};
