/**
 * Serves the dashboard: the page at `/` and its script and styles under /_dashboard. The files
 * are string modules compiled with the server, so dist/ (and the Docker image) carries them
 * without a copy step. The page is listed in the OpenAPI document (so /docs points to it); the
 * assets are hidden.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ASSET_PREFIX } from './assets.js';
import { DASHBOARD_SCRIPT } from './client.js';
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

const PAGE = asset(DASHBOARD_HTML, 'text/html; charset=utf-8');
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

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['Emulator control'],
        summary: 'Dashboard (HTML page): resources per scope, live request journal, faults, clock',
        description: 'Open it in a browser. It reads the /_mock API and needs no network access beyond the emulator.',
      },
    },
    async (request, reply) => send(request, reply, PAGE));
  app.get<{ Params: { file: string } }>(`${ASSET_PREFIX}/:file`, { schema: { hide: true } }, async (request, reply) => {
    const file = ASSETS[request.params.file];
    if (!file) return reply.callNotFound();
    return send(request, reply, file);
  });
};
