/**
 * The baseline of `npm run bench`'s suite-day section: a bare Fastify server whose one route,
 * `/sized/:status/:bytes` (GET, POST, PUT, DELETE), reads the request body (JSON, form or raw
 * bytes) and answers `status` with a JSON text of exactly `bytes` bytes (an empty body for 0), built once
 * per size. No auth, no gateway, no store. Started like the emulator's CLI (PORT/HOST/MOCK_LOG_LEVEL
 * from the environment, graceful close on SIGTERM). GET /_mock/health answers 200 for the start-up wait.
 */
import Fastify from 'fastify';
import { serveUntilSignalled } from './bare-serve.js';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const level = process.env.MOCK_LOG_LEVEL ?? 'warn';

const app = Fastify({ logger: { level }, bodyLimit: 64 * 1024 * 1024 });
app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
app.get('/_mock/health', async () => ({ status: 'ok' }));

const answers = new Map<number, string>();
/** A JSON string literal of exactly `bytes` bytes (at least the two quotes). */
function answerOf(bytes: number): string {
  let text = answers.get(bytes);
  if (text === undefined) {
    text = JSON.stringify('x'.repeat(Math.max(0, bytes - 2)));
    answers.set(bytes, text);
  }
  return text;
}

app.route<{ Params: { status: string; bytes: string } }>({
  method: ['GET', 'POST', 'PUT', 'DELETE'],
  url: '/sized/:status/:bytes',
  handler: async (request, reply) => {
    const status = Number(request.params.status);
    const bytes = Number(request.params.bytes);
    if (status === 204 || bytes === 0) return reply.code(status).send();
    return reply.code(status).type('application/json; charset=utf-8').send(answerOf(bytes));
  },
});

serveUntilSignalled(app, port, host);
