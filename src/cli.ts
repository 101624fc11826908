#!/usr/bin/env node
import { buildApp } from './server.js';
import { ConfigError, PACKAGE_VERSION } from './config.js';
import { HELP, UsageError, optionsFrom, sourceOf, type CliOptions } from './cli-options.js';
import { listenFailure } from './cli-listen.js';
import { startupBanner } from './cli-banner.js';
import { prettyStream } from './request-log.js';
import { FixtureError } from './store/fixtures.js';
import { demoIntegration } from './auth/integrations.js';

async function main(): Promise<void> {
  let options: CliOptions | 'help' | 'version';
  try {
    options = optionsFrom(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\nRun adobe-api-mock --help for the options.\n`);
    process.exit(2);
  }
  if (options === 'help') return void process.stdout.write(HELP);
  if (options === 'version') return void process.stdout.write(`${PACKAGE_VERSION}\n`);

  const pretty = options.logFormat === 'pretty' || ((options.logFormat ?? 'auto') === 'auto' && process.stdout.isTTY === true);
  const { app, ctx, config } = await buildApp(pretty ? { ...options, logStream: prettyStream(process.stdout) } : options);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close(); // flushes the data file
    } catch (error) {
      // A data file that cannot be written: the message says what was not saved.
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const argv = process.argv.slice(2);
    const message = listenFailure(error, {
      host: config.host,
      port: config.port,
      portSource: sourceOf('port', argv, process.env),
      hostSource: sourceOf('host', argv, process.env),
    });
    if (message === null) throw error;
    await app.close().catch(() => {});
    process.stderr.write(`${message}\n`);
    process.exit(2);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (config.logLevel !== 'silent') {
    const demo = demoIntegration(ctx.store);
    process.stdout.write(`${startupBanner(config, url, demo)}\n`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof FixtureError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
