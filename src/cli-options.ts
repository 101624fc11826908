import { parseArgs } from 'node:util';
import { DEFAULT_PORT, PACKAGE_VERSION, isAuthMode, type MockOptions } from './config.js';

export const HELP = `adobe-api-mock ${PACKAGE_VERSION}: a local emulator of Adobe's APIs

Usage: adobe-api-mock [options]

  --port <n>            port to listen on (env PORT, default ${DEFAULT_PORT})
  --host <addr>         address to bind (env HOST, default 127.0.0.1)
  --auth <mode>         strict | permissive (env MOCK_AUTH, default strict)
  --fixtures <dir>      fixture folder (env MOCK_FIXTURES, default the bundled fixtures)
  --data-file <path>    persist state to this JSON file (env MOCK_DATA_FILE; default in memory)
  --processing-delay <ms>
                        batch processing time on the emulator clock (env MOCK_PROCESSING_DELAY_MS, default 1000)
  --log-level <level>   fatal|error|warn|info|debug|trace|silent (env MOCK_LOG_LEVEL, default info)
  -h, --help            this text
  -v, --version         the version
`;

/** Flags win over environment variables, which win over defaults. */
export function optionsFrom(argv: string[], env: NodeJS.ProcessEnv): MockOptions | 'help' | 'version' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      auth: { type: 'string' },
      fixtures: { type: 'string' },
      'data-file': { type: 'string' },
      'log-level': { type: 'string' },
      'processing-delay': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const port = Number(values.port ?? env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got ${values.port ?? env.PORT}`);
  const auth = values.auth ?? env.MOCK_AUTH ?? 'strict';
  if (!isAuthMode(auth)) throw new UsageError(`--auth must be strict or permissive, got ${auth}`);
  const logLevel = values['log-level'] ?? env.MOCK_LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got ${logLevel}`);
  const delayText = values['processing-delay'] ?? env.MOCK_PROCESSING_DELAY_MS;
  const processingDelayMs = delayText === undefined ? undefined : Number(delayText);
  if (processingDelayMs !== undefined && !(Number.isInteger(processingDelayMs) && processingDelayMs >= 0)) {
    throw new UsageError(`--processing-delay must be a whole number of milliseconds, got ${delayText}`);
  }
  return {
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    auth,
    fixturesDir: values.fixtures ?? env.MOCK_FIXTURES,
    dataFile: values['data-file'] ?? env.MOCK_DATA_FILE ?? null,
    logLevel,
    ...(processingDelayMs === undefined ? {} : { processingDelayMs }),
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class UsageError extends Error {}

