import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

export type AuthMode = 'strict' | 'permissive';

/**
 * write-behind: changes reach the data file within a flush interval of their answer.
 * sync: a request that changed the state is answered once the change is on disk (fsynced).
 */
export type Durability = 'write-behind' | 'sync';
export const DURABILITIES: readonly Durability[] = ['write-behind', 'sync'];

/** Options accepted by createServer / the CLI. Every field is optional. */
export interface MockOptions {
  /** Port to listen on (CLI default 4590; the programmatic API defaults to 0 = any free port). */
  port?: number;
  host?: string;
  /** strict: tokens must be issued here and match key and org. permissive: presence and format only. */
  auth?: AuthMode;
  /** Folder of fixture files loaded at start and on reset. */
  fixturesDir?: string;
  /** JSON file to persist state to; null or absent keeps everything in memory. */
  dataFile?: string | null;
  /** Folder for uploaded binaries (defaults beside the data file, else a temp folder). */
  blobDir?: string;
  logLevel?: string;
  /** Where log lines go (JSON, one per line); stdout by default. */
  logStream?: NodeJS.WritableStream;
  /** Largest accepted JSON body, bytes. */
  bodyLimit?: number;
  /** Largest file (or large-file chunk) accepted by Batch Ingestion uploads, bytes (default 512 MiB). */
  maxUploadBytes?: number;
  /** How long mutations are coalesced before they are appended to the data file's log. */
  flushIntervalMs?: number;
  /** Size of the change log that triggers a snapshot rewrite. */
  compactBytes?: number;
  /** With a data file: when an acknowledged change is on disk (default write-behind). */
  durability?: Durability;
  /** Time on the emulator's clock from a batch's COMPLETE to its final status (ms; default 1000). */
  processingDelayMs?: number;
  /** HMAC secret for issued access tokens; random per start unless persisted with the data file. */
  tokenSecret?: string;
  /** A connection that sends nothing for this long (e.g. a client stalled mid-body) is closed (ms; default 60000). */
  idleTimeoutMs?: number;
  /**
   * CORS for browser clients and the Swagger UI: true (default) allows any origin, false turns
   * CORS off, a string (comma-separated) or array lists the allowed origins.
   */
  cors?: boolean | string | string[];
  /** Where the emulator's clock starts: an ISO-8601 instant or epoch milliseconds (default: real time). */
  clock?: string | number | Date;
  /** Start with the clock frozen (it then moves only through /_mock/clock). */
  freezeClock?: boolean;
  /** Target profiles expire after this long without an update (ms on the emulator's clock; default 14 days). */
  profileLifetimeMs?: number;
  /** Time on the emulator's clock before a profile update becomes visible to fetches (ms; default 0). */
  profileUpdateDelayMs?: number;
  /** Target client codes whose Profile API authentication switch is ON at start (default none). */
  profileAuthentication?: string[];
  /** Requests kept in the request journal (GET /_mock/requests); 0 turns the journal off (default 1000). */
  journalSize?: number;
  /** Largest request or response body text kept per journal entry, bytes (default 16 KiB). */
  journalBodyBytes?: number;
  /**
   * When set, /_mock (but /_mock/health) and the dashboard need it: `Authorization: Bearer <token>`,
   * `X-Mock-Control-Token: <token>`, or in a browser the cookie set by opening `/?token=<token>`.
   */
  controlToken?: string;
  /**
   * Origins (`https://app.test`) whose pages may call /_mock and read its answers, besides the
   * emulator's own; a string is comma-separated; `*` allows any (default none).
   */
  controlOrigins?: string | string[];
  /**
   * Host names (with a dot, else they are allowed anyway) /_mock answers to besides localhost,
   * IP addresses and single-label names; a string is comma-separated; `*` allows any (default none).
   */
  controlHosts?: string | string[];
}

export interface ResolvedConfig {
  port: number;
  host: string;
  auth: AuthMode;
  fixturesDir: string;
  dataFile: string | null;
  blobDir: string;
  /** The blob folder was made up for this app (no data file, none given): removed on close. */
  blobDirIsTemporary: boolean;
  logLevel: string;
  logStream: NodeJS.WritableStream | null;
  bodyLimit: number;
  maxUploadBytes: number;
  flushIntervalMs: number;
  compactBytes: number;
  durability: Durability;
  tokenSecret: string | null;
  processingDelayMs: number;
  idleTimeoutMs: number;
  /** true = any origin, false = off, else the allowed origins. */
  cors: boolean | string[];
  /** Epoch ms the clock starts at; null for real time. */
  clockStart: number | null;
  freezeClock: boolean;
  profileLifetimeMs: number;
  profileUpdateDelayMs: number;
  profileAuthentication: string[];
  journalSize: number;
  journalBodyBytes: number;
  /** null: the control plane needs no token. */
  controlToken: string | null;
  /** Normalized origins (`scheme://host[:port]`), or `*`. */
  controlOrigins: string[];
  /** Lower-case host names or `host:port`, or `*`. */
  controlHosts: string[];
  version: string;
}

export const DEFAULT_PORT = 4590;

/** The folder holding package.json, found upwards from this file (dist/src/ compiled, or a bundle's folder). */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '..', '..');
  }
}

const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_FIXTURES_DIR = join(packageRoot, 'fixtures');

export function resolveConfig(options: MockOptions = {}): ResolvedConfig {
  const dataFile = options.dataFile ? resolve(options.dataFile) : null;
  return {
    port: options.port ?? DEFAULT_PORT,
    host: options.host ?? '127.0.0.1',
    auth: options.auth ?? 'strict',
    fixturesDir: resolve(options.fixturesDir ?? DEFAULT_FIXTURES_DIR),
    dataFile,
    blobDir: resolve(options.blobDir ?? (dataFile ? `${dataFile}.files` : temporaryBlobDir())),
    blobDirIsTemporary: options.blobDir === undefined && dataFile === null,
    logLevel: options.logLevel ?? 'warn',
    logStream: options.logStream ?? null,
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    maxUploadBytes: options.maxUploadBytes ?? 512 * 1024 * 1024,
    flushIntervalMs: options.flushIntervalMs ?? 100,
    compactBytes: options.compactBytes ?? 32 * 1024 * 1024,
    durability: durability(options.durability),
    tokenSecret: options.tokenSecret ?? null,
    processingDelayMs: options.processingDelayMs ?? 1000,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    cors: corsSetting(options.cors),
    clockStart: clockStart(options.clock),
    freezeClock: options.freezeClock ?? false,
    profileLifetimeMs: options.profileLifetimeMs ?? 14 * 86_400_000,
    profileUpdateDelayMs: options.profileUpdateDelayMs ?? 0,
    profileAuthentication: [...(options.profileAuthentication ?? [])],
    journalSize: options.journalSize ?? 1000,
    journalBodyBytes: options.journalBodyBytes ?? 16 * 1024,
    controlToken: options.controlToken || null,
    controlOrigins: controlOriginsSetting(options.controlOrigins),
    controlHosts: listSetting(options.controlHosts).map((host) => host.toLowerCase()),
    version: PACKAGE_VERSION,
  };
}

/** A configuration value that cannot be used (the CLI reports it as a usage error). */
export class ConfigError extends Error {}

export function corsSetting(value: MockOptions['cors']): boolean | string[] {
  if (value === undefined || typeof value === 'boolean') return value ?? true;
  const origins = (Array.isArray(value) ? value : value.split(',')).map((origin) => origin.trim()).filter(Boolean);
  if (origins.length === 0) throw new ConfigError('cors needs true, false or at least one origin');
  return origins.includes('*') ? true : origins;
}

/** A list option: an array, or a comma-separated string. */
export function listSetting(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter(Boolean);
}

/** Origins as browsers send them (`https://app.test`, no path, default port left out), or `*`. */
export function controlOriginsSetting(value: string | string[] | undefined): string[] {
  return listSetting(value).map((origin) => {
    if (origin === '*') return origin;
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // Reported below.
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username) {
      throw new ConfigError(`controlOrigins: '${origin}' is not an origin such as http://localhost:3000 (scheme, host and port only)`);
    }
    return parsed.origin;
  });
}

export function durability(value: MockOptions['durability']): Durability {
  if (value === undefined) return 'write-behind';
  if (!DURABILITIES.includes(value)) throw new ConfigError(`durability must be ${DURABILITIES.join(' or ')}, got ${String(value)}`);
  return value;
}

export function clockStart(value: MockOptions['clock']): number | null {
  if (value === undefined) return null;
  const epochMs =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : /^-?\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(epochMs)) throw new ConfigError(`clock must be an ISO-8601 instant or epoch milliseconds, got ${String(value)}`);
  return epochMs;
}

let temporaryDirs = 0;

/** One folder per app, so apps sharing a process (tests) never see or reset each other's files. */
function temporaryBlobDir(): string {
  temporaryDirs += 1;
  return join(tmpdir(), `adobe-api-mock-${process.pid}-${temporaryDirs}-${Math.random().toString(36).slice(2, 8)}`);
}

export function isAuthMode(value: string): value is AuthMode {
  return value === 'strict' || value === 'permissive';
}

/** Kept in step with package.json by a test. */
export const PACKAGE_VERSION = '0.1.0';
