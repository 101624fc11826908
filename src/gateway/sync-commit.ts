import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import type { Persistence } from '../store/persistence.js';
import { envelopeForUrl } from '../services/registry.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Store changes recorded when the request arrived (sync durability). */
    changesBefore: number;
  }
}

/**
 * `durability: 'sync'`: a request during which the store changed is answered only once the
 * change is appended to the log and fsynced. Concurrent requests share one write and one fsync
 * (Persistence.commit). A change that cannot be saved answers 500 (it stays in memory and the
 * write is retried; /_mock/health says degraded).
 */
export function installSyncCommit(app: FastifyInstance, persistence: Persistence, ctx: AppContext): void {
  app.decorateRequest('changesBefore', 0);
  app.addHook('onRequest', (request, _reply, done) => {
    request.changesBefore = persistence.changeCount;
    done();
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (persistence.changeCount === request.changesBefore) return payload;
    try {
      await persistence.commit();
      return payload;
    } catch (error) {
      const message = `The change was made in memory but could not be saved to the data file: ${(error as Error).message}`;
      reply.code(500).header('content-type', 'application/json; charset=utf-8');
      return JSON.stringify(envelopeForUrl(ctx, request.url).failure('internal', message, request));
    }
  });
}
