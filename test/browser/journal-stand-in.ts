/**
 * TEST ONLY. A stand-in for the request journal (`GET /_mock/requests`, Part C of issue 7) for
 * builds that do not have it yet, following the same contract: entries with increasing ids,
 * oldest first, `after=<id>`. It listens on the raw HTTP server, so it needs no Fastify hook.
 * The browser test installs it only when the emulator has no journal route of its own.
 */
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

interface Entry {
  id: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  product: string;
  status: number;
  durationMs: number;
}

const OWN_PATHS = /^\/($|_mock(\/|$)|_dashboard\/|docs(\/|$)|openapi\.json)/;

function productOf(path: string): string {
  if (path.startsWith('/ims/')) return 'ims';
  if (path.startsWith('/data/')) return 'platform';
  if (/^\/[^/]+\/target\//.test(path)) return 'target';
  if (path.startsWith('/rest/v1/profiles')) return 'profile';
  if (/^\/rest\/media\//i.test(path)) return 'stock';
  return 'unknown';
}

export function installJournalStandIn(app: FastifyInstance): void {
  const entries: Entry[] = [];
  app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (OWN_PATHS.test(url.pathname)) return;
    const started = performance.now();
    response.on('finish', () => {
      entries.push({
        id: entries.length + 1,
        time: new Date().toISOString(),
        method: request.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        product: productOf(url.pathname),
        status: response.statusCode,
        durationMs: performance.now() - started,
      });
    });
  });
  app.get<{ Querystring: { after?: string } }>('/_mock/requests', { schema: { hide: true } }, async (request) => {
    const after = Number(request.query.after ?? 0);
    return { requests: entries.filter((entry) => entry.id > after), total: entries.length, dropped: 0 };
  });
}
