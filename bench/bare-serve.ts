import type { FastifyInstance } from 'fastify';

/**
 * Listens like the emulator's CLI does and closes cleanly on SIGTERM/SIGINT: the shared tail of
 * the bare baseline servers. Kept tiny, as the start-up baseline pays for importing it.
 */
export function serveUntilSignalled(app: FastifyInstance, port: number, host: string): void {
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
}
