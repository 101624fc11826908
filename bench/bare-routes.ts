/**
 * The per-request baseline of `npm run bench`'s throughput section: a bare Fastify server with
 * one GET route per entry of ROUTES_FILE (`[{path, status, contentType, body}]`), each answering
 * the status, content type and JSON document the emulator answered for the same case (parsed
 * once, serialized per request, as the emulator serializes its objects) with the headers it
 * answered beside them (CORS, Vary, ETag…), so both send the same bytes. No auth, no gateway.
 * Started like the emulator's CLI (PORT/HOST/MOCK_LOG_LEVEL from the environment, pino logger,
 * graceful close on SIGTERM). GET /_mock/health answers 200 for the start-up wait.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { serveUntilSignalled } from './bare-serve.js';

export interface BareRoute {
  path: string;
  status: number;
  contentType: string;
  /** The JSON text the emulator answered. */
  body: string;
  /** The emulator's other response headers, those Fastify and Node do not write themselves. */
  headers?: Record<string, string>;
}

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const level = process.env.MOCK_LOG_LEVEL ?? 'warn';
const routes = JSON.parse(readFileSync(process.env.ROUTES_FILE ?? '', 'utf8')) as BareRoute[];

const app = Fastify({ logger: { level } });
app.get('/_mock/health', async () => ({ status: 'ok' }));
for (const route of routes) {
  const document: unknown = JSON.parse(route.body);
  const headers = route.headers ?? {};
  app.get(route.path, async (_request, reply) => reply.code(route.status).headers(headers).type(route.contentType).send(JSON.stringify(document)));
}

serveUntilSignalled(app, port, host);
