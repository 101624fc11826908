/**
 * The baseline for bench/startup.ts: a bare Fastify server answering GET /_mock/health, started
 * the way the emulator's CLI is (same node binary, compiled JS, PORT/HOST/MOCK_LOG_LEVEL from the
 * environment, pino logger at the same level, graceful close on SIGTERM).
 */
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const level = process.env.MOCK_LOG_LEVEL ?? 'warn';

const app = Fastify({ logger: { level } });
app.get('/_mock/health', async () => ({ status: 'ok' }));

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());

app.listen({ port, host }).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
