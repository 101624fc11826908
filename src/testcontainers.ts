/**
 * `adobe-api-mock/testcontainers`: the emulator's Docker image as a Testcontainers module, in the
 * manner of the `@testcontainers/*` packages.
 *
 *   import { AdobeApiMockContainer } from 'adobe-api-mock/testcontainers';
 *   const mock = await new AdobeApiMockContainer().withFrozenClock().start();
 *   const token = await mock.getAccessToken();
 *   fetch(`${mock.getBaseUrl()}/data/foundation/catalog/dataSets`, { headers: { Authorization: `Bearer ${token}`, ... } });
 *   await mock.reset();
 *   await mock.stop();
 *
 * `testcontainers` is an optional peer dependency: only this module imports it, and the package's
 * main entry (`adobe-api-mock`) never loads this module.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AbstractStartedContainer,
  GenericContainer,
  Wait,
  type RestartOptions,
  type StartedTestContainer,
  type StopOptions,
  type StoppedTestContainer,
} from 'testcontainers';
import { loadFixtures } from './store/fixtures.js';

/** The port the image listens on. */
export const ADOBE_API_MOCK_PORT = 4590;
/** The default image: the one `docker build -t adobe-api-mock .` makes. */
export const ADOBE_API_MOCK_IMAGE = 'adobe-api-mock';
/** Where withFixturesDir() mounts the folder, and where withPersistence() keeps the state file. */
const FIXTURES_MOUNT = '/fixtures';
const DATA_DIR = '/data';
/** stop() and restart() send SIGTERM and wait this long (the emulator flushes its state and exits well within it). */
const STOP_TIMEOUT_MS = 10_000;

/** The credentials of one integration: what a client needs to sign in and address its org, sandbox and tenant. */
export interface AdobeApiMockCredentials {
  /** Client id, also the API key (`x-api-key`). */
  clientId: string;
  clientSecret: string;
  /** IMS org (`x-gw-ims-org-id`). */
  imsOrg: string;
  /** The first of `sandboxes` (`x-sandbox-name`). */
  sandbox: string;
  sandboxes: string[];
  /** Target Admin tenant (`/{tenant}/target/...`). */
  tenant: string;
  /** Target Profile client code (`/m2/{clientCode}/...`). */
  clientCode: string;
  technicalAccountId: string;
}

/** An isolated set, as `POST /_mock/tenants` answers it. */
export interface IsolatedSetInfo {
  id: string;
  imsOrg: string;
  sandboxes: string[];
  tenant: string;
  clientCode: string;
  clientId: string;
  clientSecret: string;
  technicalAccountId: string;
  created: string;
}

/** An isolated set with a token helper for its own credentials. */
export interface IsolatedSet extends IsolatedSetInfo {
  /** An access token of the set's integration (client credentials). */
  getAccessToken(scope?: string): Promise<string>;
}

export interface IsolatedSetOptions {
  /** Copy the fixtures into the new set (the emulator's default when left out). */
  fixtures?: boolean;
}

/** A call to the emulator that did not answer as expected: the status and the body it sent. */
export class AdobeApiMockError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
    this.name = 'AdobeApiMockError';
  }
}

/** What a started container keeps of its options (AdobeApiMockContainer.start() makes it). */
export interface AdobeApiMockSettings {
  controlToken: string | undefined;
  /** The fixtures folder on this machine (withFixturesDir), else the bundled one. */
  fixturesDir: string;
}

/** The folder of the bundled fixtures, beside dist/ in the package. */
function bundledFixturesDir(): string {
  return fileURLToPath(new URL('../../fixtures/', import.meta.url));
}

/** The first integration of a fixture set: the one the CLI's banner shows as the demo credentials. */
export function demoCredentials(fixturesDir: string = bundledFixturesDir()): AdobeApiMockCredentials {
  const integrations = loadFixtures(fixturesDir).scopes.ims?.integrations ?? [];
  const first = integrations[0]?.[1] as
    | { id: string; clientSecret: string; orgId: string; sandboxes?: string[]; tenant: string; clientCode: string; technicalAccountId: string }
    | undefined;
  if (!first) throw new Error(`No integration in the fixtures of ${fixturesDir} (scopes.ims.integrations)`);
  const sandboxes = first.sandboxes ?? [];
  return {
    clientId: first.id,
    clientSecret: first.clientSecret,
    imsOrg: first.orgId,
    sandbox: sandboxes[0] ?? 'prod',
    sandboxes: [...sandboxes],
    tenant: first.tenant,
    clientCode: first.clientCode,
    technicalAccountId: first.technicalAccountId,
  };
}

/**
 * The emulator's image, started by Testcontainers: port 4590 exposed, ready once
 * `GET /_mock/health` answers 200. In memory unless withPersistence() is used, so every start is
 * a fresh emulator. Options map to the image's environment variables (README, Configuration).
 */
export class AdobeApiMockContainer extends GenericContainer {
  private controlToken: string | undefined;
  private fixturesDir: string | undefined;
  /** The mounts these options add, by target; merged with withBindMounts()'s (which replaces its list) at creation. */
  private readonly mounts = new Map<string, string>();

  constructor(image: string = ADOBE_API_MOCK_IMAGE) {
    super(image);
    this.withExposedPorts(ADOBE_API_MOCK_PORT)
      .withWaitStrategy(Wait.forHttp('/_mock/health', ADOBE_API_MOCK_PORT).forStatusCode(200))
      .withStartupTimeout(60_000);
  }

  /** MOCK_AUTH: 'strict' (the default: tokens checked) or 'permissive' (any token accepted). */
  withAuthMode(mode: 'strict' | 'permissive'): this {
    return this.withEnvironment({ MOCK_AUTH: mode });
  }

  /** MOCK_CLOCK: start the emulator's clock at this instant (ISO-8601 string, epoch ms or Date). */
  withClock(instant: string | number | Date): this {
    const value = instant instanceof Date ? instant.toISOString() : String(instant);
    return this.withEnvironment({ MOCK_CLOCK: value });
  }

  /** MOCK_FREEZE_CLOCK: start with the clock frozen; it then moves only through POST /_mock/clock. */
  withFrozenClock(frozen = true): this {
    return this.withEnvironment({ MOCK_FREEZE_CLOCK: String(frozen) });
  }

  /**
   * MOCK_FIXTURES: a fixture folder of this machine instead of the bundled fixtures, mounted
   * read-only at /fixtures (it must be readable by uid 1000). getCredentials() then answers its
   * first integration.
   */
  withFixturesDir(hostDir: string): this {
    const source = resolve(hostDir);
    this.fixturesDir = source;
    this.mounts.set(FIXTURES_MOUNT, `${source}:${FIXTURES_MOUNT}:ro`);
    return this.withEnvironment({ MOCK_FIXTURES: FIXTURES_MOUNT });
  }

  /**
   * MOCK_DATA_FILE=/data/state.json: the state is kept across restarts. Where:
   * - nothing: in the container itself (kept by restart(), gone with the container);
   * - an absolute or ./relative path: that folder of this machine, bind-mounted on /data (writable by uid 1000);
   * - a plain name: that Docker volume on /data (created when missing, owned by the image's user).
   */
  withPersistence(hostDirOrVolume?: string): this {
    this.withEnvironment({ MOCK_DATA_FILE: `${DATA_DIR}/state.json` });
    if (hostDirOrVolume === undefined) return this;
    const isPath = hostDirOrVolume.startsWith('.') || hostDirOrVolume.includes('/');
    this.mounts.set(DATA_DIR, `${isPath ? resolve(hostDirOrVolume) : hostDirOrVolume}:${DATA_DIR}:rw`);
    return this;
  }

  /** MOCK_CONTROL_TOKEN: /_mock (but /_mock/health) needs it; reset() and the other helpers send it. */
  withControlToken(token: string): this {
    this.controlToken = token;
    return this.withEnvironment({ MOCK_CONTROL_TOKEN: token });
  }

  /** MOCK_BATCH_PROCESSING_MS: time on the emulator's clock from a batch's COMPLETE to its final status. */
  withBatchProcessingMs(ms: number): this {
    return this.withEnvironment({ MOCK_BATCH_PROCESSING_MS: String(ms) });
  }

  /** MOCK_LOG_LEVEL: 'silent', 'error', 'warn', 'info' (the default), 'debug', ... */
  withLogLevel(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'): this {
    return this.withEnvironment({ MOCK_LOG_LEVEL: level });
  }

  /** MOCK_TOKEN_SECRET: a fixed signing key, so tokens stay valid across containers. */
  withTokenSecret(secret: string): this {
    return this.withEnvironment({ MOCK_TOKEN_SECRET: secret });
  }

  protected override async beforeContainerCreated(): Promise<void> {
    const others = (this.hostConfig.Binds ?? []).filter((bind) => !this.mounts.has(bind.split(':')[1] ?? ''));
    this.hostConfig.Binds = [...others, ...this.mounts.values()];
  }

  override async start(): Promise<StartedAdobeApiMockContainer> {
    // Read before starting: a fixture folder without an integration fails here, not in the first test.
    const settings: AdobeApiMockSettings = { controlToken: this.controlToken, fixturesDir: this.fixturesDir ?? bundledFixturesDir() };
    const credentials = demoCredentials(settings.fixturesDir);
    return new StartedAdobeApiMockContainer(await super.start(), settings, credentials);
  }
}

/** A running emulator: where it is, how to sign in, and its control API. */
export class StartedAdobeApiMockContainer extends AbstractStartedContainer {
  private readonly controlToken: string | undefined;
  private readonly credentials: AdobeApiMockCredentials;

  constructor(startedTestContainer: StartedTestContainer, settings: AdobeApiMockSettings, credentials: AdobeApiMockCredentials) {
    super(startedTestContainer);
    this.controlToken = settings.controlToken;
    this.credentials = credentials;
  }

  /**
   * Stops (and removes) the container. SIGTERM first, so a data file gets the last changes
   * (Testcontainers' own default is to kill at once); `{ timeout: 0 }` kills.
   */
  override stop(options: Partial<StopOptions> = {}): Promise<StoppedTestContainer> {
    return super.stop({ timeout: STOP_TIMEOUT_MS, ...options });
  }

  /** Restarts the container (SIGTERM first, as stop()) and waits for /_mock/health again. */
  override restart(options: Partial<RestartOptions> = {}): Promise<void> {
    return super.restart({ timeout: STOP_TIMEOUT_MS, ...options });
  }

  /** The port 4590 is published on, on getHost(). */
  getPort(): number {
    return this.getMappedPort(ADOBE_API_MOCK_PORT);
  }

  /** e.g. http://localhost:32771 (no trailing slash): IMS at /ims, Platform at /data/foundation, Target at /{tenant}/target. */
  getBaseUrl(): string {
    const host = this.getHost();
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.getPort()}`;
  }

  /** The demo integration of the fixtures in use (the bundled ones: adobe-mock-client, mocktenant, ...). */
  getCredentials(): AdobeApiMockCredentials {
    return { ...this.credentials, sandboxes: [...this.credentials.sandboxes] };
  }

  /** The headers /_mock needs: the control token when one is set, else none. */
  getControlHeaders(): Record<string, string> {
    return this.controlToken === undefined ? {} : { Authorization: `Bearer ${this.controlToken}` };
  }

  /**
   * An access token from the emulator's IMS (POST /ims/token/v3, client credentials): of the demo
   * integration, or of the credentials given.
   */
  async getAccessToken(credentials: { clientId: string; clientSecret: string; scope?: string } = this.credentials): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret });
    if (credentials.scope) body.set('scope', credentials.scope);
    const response = await fetch(`${this.getBaseUrl()}/ims/token/v3`, { method: 'POST', body });
    const text = await response.text();
    if (response.status !== 200) throw new AdobeApiMockError(`POST /ims/token/v3 answered ${response.status}: ${text}`, response.status, text);
    return (JSON.parse(text) as { access_token: string }).access_token;
  }

  /**
   * POST /_mock/reset: back to the fixtures, everything or what the parameters select
   * (`{ service: 'catalog' }`, `{ tenant: 'mocktenant' }`, ...; docs/control-api.md, "Reset, whole or in part").
   */
  async reset(selection: Record<string, string> = {}): Promise<{ status: string; scopes?: string[] }> {
    const query = new URLSearchParams(selection).toString();
    return (await this.control('POST', `/_mock/reset${query ? `?${query}` : ''}`, [200])) as { status: string; scopes?: string[] };
  }

  /**
   * POST /_mock/tenants: a new isolated set (its own IMS org and sandboxes, Target tenant, Profile
   * client code and credential pair), so parallel workers share one container without resets.
   */
  async createIsolatedSet(options: IsolatedSetOptions = {}): Promise<IsolatedSet> {
    const body = options.fixtures === undefined ? {} : { fixtures: options.fixtures };
    const info = (await this.control('POST', '/_mock/tenants', [201], body)) as IsolatedSetInfo;
    return {
      ...info,
      getAccessToken: (scope?: string) => this.getAccessToken({ clientId: info.clientId, clientSecret: info.clientSecret, scope }),
    };
  }

  /** DELETE /_mock/tenants/{id}: the set and everything in it are gone. */
  async deleteIsolatedSet(id: string): Promise<void> {
    await this.control('DELETE', `/_mock/tenants/${encodeURIComponent(id)}`, [204]);
  }

  /** A call to /_mock with the control token; the parsed JSON answer (undefined when empty). */
  private async control(method: string, path: string, expected: number[], json?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { ...this.getControlHeaders() };
    const init: RequestInit = { method, headers };
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(json);
    }
    const response = await fetch(`${this.getBaseUrl()}${path}`, init);
    const text = await response.text();
    if (!expected.includes(response.status)) {
      throw new AdobeApiMockError(`${method} ${path} answered ${response.status}: ${text}`, response.status, text);
    }
    return text ? JSON.parse(text) : undefined;
  }
}
