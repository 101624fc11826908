/**
 * Serves the dashboard: the page at `/` and its script and styles under /_dashboard. The files
 * are string modules compiled with the server, so dist/ (and the Docker image) carries them
 * without a copy step. The page is listed in the OpenAPI document (so /docs points to it); the
 * assets are hidden.
 *
 * The page carries the first data inline (`firstData`, see first-data.ts), so it is built per
 * request and never cached; the script and styles are static and revalidated by ETag.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ASSET_PREFIX } from './assets.js';
import { DASHBOARD_SCRIPT } from './client.js';
import { inlineJson } from './first-data.js';
import { DASHBOARD_HTML } from './page.js';
import { DASHBOARD_CSS } from './styles.js';

interface Asset {
  body: string;
  type: string;
  etag: string;
}

const asset = (body: string, type: string): Asset => ({
  body,
  type,
  etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
});

const ASSETS: Record<string, Asset> = {
  'app.js': asset(DASHBOARD_SCRIPT, 'text/javascript; charset=utf-8'),
  'styles.css': asset(DASHBOARD_CSS, 'text/css; charset=utf-8'),
};

/** Revalidated on every load (cheap 304s), so a newer emulator never runs a stale script. */
function send(request: FastifyRequest, reply: FastifyReply, file: Asset) {
  reply.header('cache-control', 'no-cache').header('etag', file.etag).header('x-content-type-options', 'nosniff');
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.type(file.type).send(file.body);
}

export interface DashboardOptions {
  /** What the page carries inline for its first render; without it the page waits for its first poll. */
  firstData?: () => unknown;
}

/** The page, with the first data just before </body> (the script reads it when it starts). */
function page(firstData: DashboardOptions['firstData']): string {
  if (!firstData) return DASHBOARD_HTML;
  // A function, not a string: `$&` in the data must not be read as a replacement pattern.
  return DASHBOARD_HTML.replace('</body>', () => `${inlineJson('first-data', firstData())}\n</body>`);
}

export const dashboardRoutes: FastifyPluginAsync<DashboardOptions> = async (app, { firstData }) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['Emulator control'],
        summary: 'Dashboard (HTML page): resources per scope, live request journal, faults, clock',
        description: 'Open it in a browser. It reads the /_mock API and needs no network access beyond the emulator.',
      },
    },
    async (_request, reply) =>
      reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').type('text/html; charset=utf-8').send(page(firstData)),
  );
  app.get<{ Params: { file: string } }>(`${ASSET_PREFIX}/:file`, { schema: { hide: true } }, async (request, reply) => {
    const file = ASSETS[request.params.file];
    if (!file) return reply.callNotFound();
    return send(request, reply, file);
  });
};
