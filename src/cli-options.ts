import { parseArgs } from 'node:util';
import {
  ConfigError,
  DEFAULT_PORT,
  PACKAGE_VERSION,
  clockStart,
  controlOriginsSetting,
  corsSetting,
  durability,
  isAuthMode,
  type Durability,
  type MockOptions,
} from './config.js';

/**
 * Options the CLI can set. Beyond MockOptions it names the keys other parts of the emulator
 * read (journal, profiles), so the flags exist however the configuration grows.
 */
export type CliOptions = MockOptions & {
  journalSize?: number;
  journalBodyBytes?: number;
  profileLifetimeMs?: number;
  profileUpdateDelayMs?: number;
  profileAuthentication?: string[];
  /** CLI only: log lines as JSON, or short lines for people ('auto': short in a terminal). */
  logFormat?: 'auto' | 'pretty' | 'json';
};

type Kind = 'port' | 'text' | 'auth' | 'level' | 'format' | 'count' | 'cors' | 'clock' | 'switch' | 'list' | 'origins' | 'durability';

interface OptionSpec {
  flag: string;
  short?: string;
  env: string;
  /** Older names still accepted. */
  aliases?: { flag?: string; env?: string };
  key: keyof CliOptions;
  kind: Kind;
  value?: string;
  help: string;
  /** The value used when neither flag nor environment sets it (else the emulator's default applies). */
  fallback?: string | number | null;
  /** The default as the help shows it, when it is not `fallback`. */
  shown?: string;
}

/** The values a true/false variable accepts (a flag alone means true). */
export const TRUE_VALUES = ['true', '1'];
export const FALSE_VALUES = ['false', '0'];
const SWITCH_VALUES = 'true, false, 1 or 0';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Every flag, its environment variable and the configuration key it sets. */
export const OPTIONS: OptionSpec[] = [
  { flag: 'port', env: 'PORT', key: 'port', kind: 'port', value: '<n>', help: 'port to listen on (0 = any free port)', fallback: DEFAULT_PORT },
  { flag: 'host', env: 'HOST', key: 'host', kind: 'text', value: '<addr>', help: 'address to bind', fallback: '127.0.0.1' },
  { flag: 'auth', env: 'MOCK_AUTH', key: 'auth', kind: 'auth', value: '<mode>', help: 'strict | permissive', fallback: 'strict' },
  { flag: 'fixtures', env: 'MOCK_FIXTURES', key: 'fixturesDir', kind: 'text', value: '<dir>', help: 'fixture folder', shown: 'the bundled fixtures' },
  {
    flag: 'data-file',
    env: 'MOCK_DATA_FILE',
    key: 'dataFile',
    kind: 'text',
    value: '<path>',
    help: 'persist state to this JSON file',
    fallback: null,
    shown: 'in memory',
  },
  {
    flag: 'durability',
    env: 'MOCK_DURABILITY',
    key: 'durability',
    kind: 'durability',
    value: '<mode>',
    help: 'write-behind (on disk within the flush interval) | sync (on disk before the answer)',
    shown: 'write-behind',
  },
  { flag: 'log-level', env: 'MOCK_LOG_LEVEL', key: 'logLevel', kind: 'level', value: '<level>', help: LOG_LEVELS.join('|'), fallback: 'info' },
  {
    flag: 'log-format',
    env: 'MOCK_LOG_FORMAT',
    key: 'logFormat',
    kind: 'format',
    value: '<format>',
    help: 'auto (short lines in a terminal, JSON otherwise) | pretty | json',
    shown: 'auto',
  },
  {
    flag: 'batch-processing-ms',
    env: 'MOCK_BATCH_PROCESSING_MS',
    aliases: { flag: 'processing-delay', env: 'MOCK_PROCESSING_DELAY_MS' },
    key: 'processingDelayMs',
    kind: 'count',
    value: '<ms>',
    help: "batch processing time on the emulator's clock",
    shown: '1000',
  },
  {
    flag: 'clock',
    env: 'MOCK_CLOCK',
    key: 'clock',
    kind: 'clock',
    value: '<time>',
    help: 'start the emulator clock at an ISO-8601 instant or epoch ms',
    shown: 'real time',
  },
  { flag: 'freeze-clock', env: 'MOCK_FREEZE_CLOCK', key: 'freezeClock', kind: 'switch', help: 'start with the clock frozen (moves only via /_mock/clock)' },
  {
    flag: 'cors',
    env: 'MOCK_CORS',
    key: 'cors',
    kind: 'cors',
    value: '<origins>',
    help: 'true or 1 (any origin), false or 0 (off), or comma-separated origins',
    shown: 'true',
  },
  {
    flag: 'control-token',
    env: 'MOCK_CONTROL_TOKEN',
    key: 'controlToken',
    kind: 'text',
    value: '<token>',
    help: 'token /_mock and the dashboard then need (Bearer, X-Mock-Control-Token, or /?token= in a browser)',
    shown: 'none',
  },
  {
    flag: 'control-origins',
    env: 'MOCK_CONTROL_ORIGINS',
    key: 'controlOrigins',
    kind: 'origins',
    value: '<origins>',
    help: "origins whose pages may call /_mock besides the emulator's own (comma-separated)",
    shown: 'none',
  },
  {
    flag: 'control-hosts',
    env: 'MOCK_CONTROL_HOSTS',
    key: 'controlHosts',
    kind: 'list',
    value: '<hosts>',
    help: 'host names with a dot /_mock answers to besides localhost and IP addresses (comma-separated)',
    shown: 'none',
  },
  {
    flag: 'token-secret',
    env: 'MOCK_TOKEN_SECRET',
    key: 'tokenSecret',
    kind: 'text',
    value: '<secret>',
    help: 'HMAC secret of issued tokens',
    shown: 'random, kept with the data file',
  },
  { flag: 'body-limit', env: 'MOCK_BODY_LIMIT', key: 'bodyLimit', kind: 'count', value: '<bytes>', help: 'largest JSON body accepted', shown: '5242880' },
  {
    flag: 'max-upload-bytes',
    env: 'MOCK_MAX_UPLOAD_BYTES',
    key: 'maxUploadBytes',
    kind: 'count',
    value: '<bytes>',
    help: 'largest uploaded file',
    shown: '536870912',
  },
  {
    flag: 'idle-timeout-ms',
    env: 'MOCK_IDLE_TIMEOUT_MS',
    key: 'idleTimeoutMs',
    kind: 'count',
    value: '<ms>',
    help: 'close a connection idle this long (e.g. stalled mid-body)',
    shown: '60000',
  },
  {
    flag: 'blob-dir',
    env: 'MOCK_BLOB_DIR',
    key: 'blobDir',
    kind: 'text',
    value: '<dir>',
    help: 'folder for uploaded files',
    shown: 'beside the data file, else temporary',
  },
  {
    flag: 'journal-size',
    env: 'MOCK_JOURNAL_SIZE',
    key: 'journalSize',
    kind: 'count',
    value: '<n>',
    help: 'requests kept in the /_mock/requests journal',
    shown: '1000',
  },
  {
    flag: 'journal-body-bytes',
    env: 'MOCK_JOURNAL_BODY_BYTES',
    key: 'journalBodyBytes',
    kind: 'count',
    value: '<bytes>',
    help: 'body bytes kept per journal entry',
    shown: '16384',
  },
  {
    flag: 'profile-lifetime-ms',
    env: 'MOCK_PROFILE_LIFETIME_MS',
    key: 'profileLifetimeMs',
    kind: 'count',
    value: '<ms>',
    help: 'Target profile lifetime',
    shown: '1209600000 (14 days)',
  },
  {
    flag: 'profile-update-delay-ms',
    env: 'MOCK_PROFILE_UPDATE_DELAY_MS',
    key: 'profileUpdateDelayMs',
    kind: 'count',
    value: '<ms>',
    help: 'delay before a profile update is visible',
    shown: '0',
  },
  {
    flag: 'profile-authentication',
    env: 'MOCK_PROFILE_AUTHENTICATION',
    key: 'profileAuthentication',
    kind: 'list',
    value: '<codes>',
    help: 'client codes whose profile API needs a token (comma-separated)',
  },
];

function helpText(): string {
  const rows = OPTIONS.map((option) => {
    const left = `  --${option.flag}${option.value ? ` ${option.value}` : ''}`;
    const shown = option.shown ?? (option.fallback === undefined || option.fallback === null ? undefined : String(option.fallback));
    const fallback = shown === undefined ? '' : `, default ${shown}`;
    const alias = option.aliases?.flag ? `; also --${option.aliases.flag}` : '';
    const accepted = option.kind === 'switch' ? `: ${SWITCH_VALUES}` : '';
    const right = `${option.help} (env ${option.env}${accepted}${fallback}${alias})`;
    return left.length < 28 ? `${left.padEnd(28)}${right}` : `${left}\n${' '.repeat(28)}${right}`;
  });
  return `adobe-api-mock ${PACKAGE_VERSION}: a local emulator of Adobe's APIs

Usage: adobe-api-mock [options]

Flags win over environment variables, which win over the defaults.

${rows.join('\n')}
  -h, --help                this text
  -v, --version             the version
`;
}

export const HELP = helpText();

export class UsageError extends Error {}

/** Flags win over environment variables, which win over defaults. */
export function optionsFrom(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' | 'version' {
  const parseOptions: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  };
  for (const option of OPTIONS) {
    const type = option.kind === 'switch' ? 'boolean' : 'string';
    parseOptions[option.flag] = { type };
    if (option.aliases?.flag) parseOptions[option.aliases.flag] = { type };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: parseOptions, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (values.version) return 'version';

  const options: Record<string, unknown> = {};
  for (const option of OPTIONS) {
    const found = optionValue(option, values, env);
    if (found === undefined) {
      if (option.fallback !== undefined) options[option.key] = option.fallback;
      continue;
    }
    options[option.key] = convert(option, found.raw, found.source);
  }
  return options as CliOptions;
}

/** Where an option's value comes from, for messages: `--port`, `PORT` or `the default`. */
export function sourceOf(flag: string, argv: string[], env: NodeJS.ProcessEnv): string {
  const option = OPTIONS.find((candidate) => candidate.flag === flag);
  if (!option) return 'the default';
  const flags = [option.flag, option.aliases?.flag].filter((name): name is string => name !== undefined);
  const used = [...argv].reverse().find((arg) => flags.some((name) => arg === `--${name}` || arg.startsWith(`--${name}=`)));
  if (used) return used.split('=')[0];
  const names = [option.env, option.aliases?.env].filter((name): name is string => name !== undefined);
  return names.find((name) => env[name] !== undefined && env[name] !== '') ?? 'the default';
}

/** The value an option got and where from (`--flag`, an older flag, `ENV`, an older variable), else undefined. */
function optionValue(
  option: OptionSpec,
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
): { raw: string | boolean; source: string } | undefined {
  const flags = [option.flag, option.aliases?.flag].filter((name): name is string => name !== undefined);
  for (const flag of flags) if (values[flag] !== undefined) return { raw: values[flag], source: `--${flag}` };
  const names = [option.env, option.aliases?.env].filter((name): name is string => name !== undefined);
  // An empty variable counts as unset.
  for (const name of names) if (env[name] !== undefined && env[name] !== '') return { raw: env[name], source: name };
  return undefined;
}

function convert(option: OptionSpec, raw: string | boolean, source: string): unknown {
  const text = String(raw);
  switch (option.kind) {
    case 'port': {
      const port = Number(text);
      if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`${source} must be a port number 0-65535, got ${text}`);
      return port;
    }
    case 'format':
      if (!['auto', 'pretty', 'json'].includes(text)) throw new UsageError(`${source} must be auto, pretty or json, got ${text}`);
      return text;
    case 'count': {
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`${source} must be a whole number, got ${text}`);
      return Number(text);
    }
    case 'auth':
      if (!isAuthMode(text)) throw new UsageError(`${source} must be strict or permissive, got ${text}`);
      return text;
    case 'level':
      if (!LOG_LEVELS.includes(text)) throw new UsageError(`${source} must be one of ${LOG_LEVELS.join(', ')}, got ${text}`);
      return text;
    case 'switch':
      if (typeof raw === 'boolean') return raw;
      if (TRUE_VALUES.includes(text)) return true;
      if (FALSE_VALUES.includes(text)) return false;
      throw new UsageError(`${source} must be ${SWITCH_VALUES}, got ${text}`);
    case 'cors': {
      const value = TRUE_VALUES.includes(text) ? true : FALSE_VALUES.includes(text) ? false : text;
      const origins = checked(() => corsSetting(value), source, 'cors');
      const wrong = Array.isArray(origins) ? origins.find((origin) => !origin.includes('://')) : undefined;
      if (wrong !== undefined) {
        throw new UsageError(`${source} must be true, false, 1, 0, * or comma-separated origins such as http://localhost:3000, got ${wrong}`);
      }
      return origins;
    }
    case 'durability':
      return checked(() => durability(text as Durability), source, 'durability');
    case 'clock':
      checked(() => clockStart(text), source, 'clock');
      return text;
    case 'origins':
      return checked(() => controlOriginsSetting(text), source, 'controlOrigins');
    case 'list':
      return text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
    default:
      return text;
  }
}

/** Runs a check of config.ts; its message names the option key (`clock must be...`): the CLI's names the source. */
function checked<T>(work: () => T, source: string, key: string): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const message = error.message;
    if (message.startsWith(`${key}: `)) throw new UsageError(`${source}: ${message.slice(key.length + 2)}`);
    if (message.startsWith(`${key} `)) throw new UsageError(`${source}${message.slice(key.length)}`);
    throw new UsageError(`${source}: ${message}`);
  }
}
