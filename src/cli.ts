#!/usr/bin/env node
import { buildApp } from './server.js';
import { PACKAGE_VERSION } from './config.js';
import { HELP, optionsFrom } from './cli-options.js';
import { FixtureError } from './store/fixtures.js';

async function main(): Promise<void> {
  let options: ReturnType<typeof optionsFrom>;
  try {
    options = optionsFrom(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (options === 'help') return void process.stdout.write(HELP);
  if (options === 'version') return void process.stdout.write(`${PACKAGE_VERSION}\n`);

  const { app, config } = await buildApp(options);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close(); // flushes the data file
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  app.log.info(`adobe-api-mock ${config.version} listening on http://${shown}:${config.port} (auth ${config.auth}; docs at /docs)`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof FixtureError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
