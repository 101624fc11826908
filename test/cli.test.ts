import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELP, OPTIONS, UsageError, optionsFrom } from '../src/cli-options.js';
import { DEFAULT_PORT, PACKAGE_VERSION, resolveConfig } from '../src/config.js';
import { startupBanner } from '../src/cli-banner.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(root, 'dist', 'bin', 'cli.js');

describe('command-line options', () => {
  const DEFAULTS = { port: DEFAULT_PORT, host: '127.0.0.1', auth: 'strict', dataFile: null, logLevel: 'info' };

  test('defaults: port 4590 on 127.0.0.1, strict, in memory; the rest left to the emulator', () => {
    assert.deepEqual(optionsFrom([], {}), DEFAULTS);
    assert.equal(DEFAULT_PORT, 4590);
  });

  test('environment variables override defaults; flags override both', () => {
    const env = { PORT: '5000', HOST: '0.0.0.0', MOCK_AUTH: 'permissive', MOCK_FIXTURES: '/f', MOCK_DATA_FILE: '/d.json', MOCK_LOG_LEVEL: 'warn' };
    assert.deepEqual(optionsFrom([], env), {
      port: 5000,
      host: '0.0.0.0',
      auth: 'permissive',
      fixturesDir: '/f',
      dataFile: '/d.json',
      logLevel: 'warn',
    });
    const argv = ['--port', '6000', '--host', '::1', '--auth', 'strict', '--fixtures', '/g', '--data-file', '/e.json', '--log-level', 'debug'];
    assert.deepEqual(optionsFrom(argv, env), {
      port: 6000,
      host: '::1',
      auth: 'strict',
      fixturesDir: '/g',
      dataFile: '/e.json',
      logLevel: 'debug',
    });
  });

  test('every option has a flag and an environment variable, mapped to its configuration key', () => {
    const env = {
      MOCK_BATCH_PROCESSING_MS: '250',
      MOCK_CLOCK: '2030-01-01T00:00:00Z',
      MOCK_FREEZE_CLOCK: 'true',
      MOCK_CORS: 'http://a.test,http://b.test',
      MOCK_TOKEN_SECRET: 's3cret',
      MOCK_BODY_LIMIT: '1024',
      MOCK_MAX_UPLOAD_BYTES: '2048',
      MOCK_BLOB_DIR: '/blobs',
      MOCK_JOURNAL_SIZE: '50',
      MOCK_JOURNAL_BODY_BYTES: '512',
      MOCK_PROFILE_LIFETIME_MS: '60000',
      MOCK_PROFILE_UPDATE_DELAY_MS: '5000',
      MOCK_PROFILE_AUTHENTICATION: 'mocktenant, othertenant',
      MOCK_CONTROL_TOKEN: 'control-s3cret',
      MOCK_CONTROL_ORIGINS: 'http://localhost:3000, https://admin.test/',
      MOCK_CONTROL_HOSTS: 'mock.test, dev.box.lan',
    };
    const expected = {
      ...DEFAULTS,
      processingDelayMs: 250,
      clock: '2030-01-01T00:00:00Z',
      freezeClock: true,
      cors: ['http://a.test', 'http://b.test'],
      tokenSecret: 's3cret',
      bodyLimit: 1024,
      maxUploadBytes: 2048,
      blobDir: '/blobs',
      journalSize: 50,
      journalBodyBytes: 512,
      profileLifetimeMs: 60000,
      profileUpdateDelayMs: 5000,
      profileAuthentication: ['mocktenant', 'othertenant'],
      controlToken: 'control-s3cret',
      controlOrigins: ['http://localhost:3000', 'https://admin.test'],
      controlHosts: ['mock.test', 'dev.box.lan'],
    };
    assert.deepEqual(optionsFrom([], env), expected);
    const argv = [
      '--batch-processing-ms', '10',
      '--clock', '1700000000000',
      '--cors', 'false',
      '--token-secret', 'other',
      '--body-limit', '1',
      '--max-upload-bytes', '2',
      '--blob-dir', '/b2',
      '--journal-size', '3',
      '--journal-body-bytes', '4',
      '--profile-lifetime-ms', '5',
      '--profile-update-delay-ms', '6',
      '--profile-authentication', 'x',
      '--control-token', 't2',
      '--control-origins', 'http://app.test:8080',
      '--control-hosts', 'h.test',
    ];
    assert.deepEqual(optionsFrom(argv, env), {
      ...expected,
      processingDelayMs: 10,
      clock: '1700000000000',
      cors: false,
      tokenSecret: 'other',
      bodyLimit: 1,
      maxUploadBytes: 2,
      blobDir: '/b2',
      journalSize: 3,
      journalBodyBytes: 4,
      profileLifetimeMs: 5,
      profileUpdateDelayMs: 6,
      profileAuthentication: ['x'],
      controlToken: 't2',
      controlOrigins: ['http://app.test:8080'],
      controlHosts: ['h.test'],
    });
    for (const option of OPTIONS) {
      assert.ok(HELP.includes(`--${option.flag}`), option.flag);
      assert.ok(HELP.includes(option.env), option.env);
    }
  });

  test('--freeze-clock is a switch; --cors true means any origin', () => {
    assert.equal((optionsFrom(['--freeze-clock'], {}) as { freezeClock: boolean }).freezeClock, true);
    assert.equal((optionsFrom([], { MOCK_FREEZE_CLOCK: '0' }) as { freezeClock: boolean }).freezeClock, false);
    assert.equal((optionsFrom(['--cors', 'true'], {}) as { cors: unknown }).cors, true);
    assert.equal((optionsFrom(['--cors', '*'], {}) as { cors: unknown }).cors, true);
  });

  test('the older --processing-delay and MOCK_PROCESSING_DELAY_MS still work; the new names win', () => {
    assert.equal((optionsFrom(['--processing-delay', '7'], {}) as { processingDelayMs: number }).processingDelayMs, 7);
    assert.equal((optionsFrom([], { MOCK_PROCESSING_DELAY_MS: '8' }) as { processingDelayMs: number }).processingDelayMs, 8);
    assert.equal((optionsFrom(['--batch-processing-ms', '9'], { MOCK_PROCESSING_DELAY_MS: '8' }) as { processingDelayMs: number }).processingDelayMs, 9);
  });

  test('an empty environment variable counts as unset', () => {
    assert.deepEqual(optionsFrom([], { PORT: '', MOCK_JOURNAL_SIZE: '' }), DEFAULTS);
  });

  test('--help and --version', () => {
    assert.equal(optionsFrom(['--help'], {}), 'help');
    assert.equal(optionsFrom(['-v'], {}), 'version');
    for (const flag of ['--port', '--host', '--auth', '--fixtures', '--data-file', '--log-level', '--batch-processing-ms', '--cors']) assert.ok(HELP.includes(flag), flag);
  });

  test('bad values are usage errors', () => {
    assert.throws(() => optionsFrom(['--auth', 'lenient'], {}), UsageError);
    assert.throws(() => optionsFrom(['--port', '70000'], {}), UsageError);
    assert.throws(() => optionsFrom([], { PORT: 'eighty' }), UsageError);
    assert.throws(() => optionsFrom([], { MOCK_LOG_LEVEL: 'chatty' }), UsageError);
    assert.throws(() => optionsFrom(['--batch-processing-ms=-1'], {}), /--batch-processing-ms must be a whole number, got -1/);
    assert.throws(() => optionsFrom([], { MOCK_JOURNAL_SIZE: 'lots' }), /--journal-size must be a whole number, got lots \(from MOCK_JOURNAL_SIZE\)/);
    assert.throws(() => optionsFrom(['--clock', 'tomorrow'], {}), /--clock: clock must be an ISO-8601 instant or epoch milliseconds, got tomorrow/);
    assert.throws(() => optionsFrom([], { MOCK_FREEZE_CLOCK: 'maybe' }), /MOCK_FREEZE_CLOCK must be true or false, got maybe/);
    assert.throws(() => optionsFrom(['--cors', ' , '], {}), /--cors: cors needs true, false or at least one origin/);
    assert.throws(() => optionsFrom(['--no-such-flag'], {}), /Unknown option/);
    assert.throws(
      () => optionsFrom([], { MOCK_CONTROL_ORIGINS: 'http://app.test/path' }),
      /--control-origins: controlOrigins: 'http:\/\/app.test\/path' is not an origin such as http:\/\/localhost:3000 \(scheme, host and port only\)/,
    );
  });

  test('docker-compose.yml sets only variables the CLI knows', async () => {
    const { parse } = await import('yaml');
    const compose = parse(await readFile(join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { environment?: Record<string, string> }> };
    const known = new Set(OPTIONS.flatMap((option) => [option.env, option.aliases?.env].filter(Boolean)));
    const environment = compose.services['adobe-api-mock'].environment ?? {};
    assert.ok(Object.keys(environment).length > 0);
    for (const name of Object.keys(environment)) assert.ok(known.has(name), name);
    assert.notEqual(optionsFrom([], environment), 'help');
  });

  test('the version reported is the package version', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string; name: string; bin: Record<string, string>; files: string[] };
    assert.equal(PACKAGE_VERSION, pkg.version);
    assert.equal(pkg.name, 'adobe-api-mock');
    assert.equal(pkg.bin['adobe-api-mock'], 'dist/bin/cli.js');
    assert.ok(pkg.files.includes('dist/bin'), 'the bundled CLI ships with the package');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealth(url: string, deadline = Date.now() + 15_000): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no answer from ${url}`);
}

describe('the real CLI process', () => {
  test('prints the version and the help', async () => {
    const run = (arg: string) =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [CLI, arg]);
        let out = '';
        child.stdout.on('data', (chunk) => (out += chunk));
        child.on('close', () => resolve(out));
      });
    assert.equal(await run('--version'), `${PACKAGE_VERSION}\n`);
    assert.equal(await run('--help'), HELP);
  });

  test('a usage error exits 2 with the reason', async () => {
    const child = spawn(process.execPath, [CLI, '--auth', 'maybe']);
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 2);
    assert.match(err, /--auth must be strict or permissive, got maybe/);
    assert.match(err, /Run adobe-api-mock --help for the options/);
  });

  test('the startup banner shows the URL, the dashboard, /docs and the demo credentials; env and flags apply', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--freeze-clock'], {
      env: { ...process.env, MOCK_CLOCK: '2030-01-01T00:00:00Z', MOCK_CORS: 'http://app.test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let out = '';
      const banner = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner in: ${out}`)), 15_000);
        child.stdout.on('data', (chunk) => {
          out += chunk;
          if (out.includes('access token')) {
            clearTimeout(timer);
            resolve(out);
          }
        });
      });
      const url = /is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      assert.ok(url, banner);
      for (const expected of [
        `Dashboard        ${url}/`,
        `API docs         ${url}/docs`,
        'API key / client id   adobe-mock-client',
        'client secret         adobe-mock-secret',
        'IMS org               0123456789ABCDEF01234567@AdobeOrg',
        'Target tenant         mocktenant',
        'auth strict',
        'CORS http://app.test',
      ]) {
        assert.ok(banner.includes(expected), `banner shows ${expected}:\n${banner}`);
      }
      const clock = (await (await fetch(`${url}/_mock/clock`)).json()) as { now: string; frozen: boolean };
      assert.deepEqual({ now: clock.now, frozen: clock.frozen }, { now: '2030-01-01T00:00:00.000Z', frozen: true });
      const health = await fetch(`${url}/_mock/health`, { headers: { origin: 'http://app.test' } });
      assert.equal(health.headers.get('access-control-allow-origin'), 'http://app.test');
    } finally {
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });

  test('a bad --clock exits 2 before listening', async () => {
    const child = spawn(process.execPath, [CLI, '--clock', 'soon']);
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 2);
    assert.match(err, /--clock: clock must be an ISO-8601 instant or epoch milliseconds, got soon/);
  });

  test('serves on the given port; SIGTERM flushes the data file, and a restart serves the same state', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adobe-api-mock-cli-'));
    const dataFile = join(dir, 'state.json');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const start = () => {
      const child = spawn(process.execPath, [CLI, '--port', String(port), '--data-file', dataFile], {
        env: { ...process.env, MOCK_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      return { child, exited };
    };
    try {
      const first = start();
      await waitForHealth(`${base}/_mock/health`);
      const health = (await (await fetch(`${base}/_mock/health`)).json()) as { status: string; version: string };
      assert.equal(health.status, 'ok');
      assert.equal(health.version, PACKAGE_VERSION);
      // The token's signing key lives in the persisted state: the token must outlive the restart.
      const tokenResponse = await fetch(`${base}/ims/token/v3`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=adobe-mock-client&client_secret=adobe-mock-secret&scope=openid',
      });
      const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0);
      assert.ok(existsSync(dataFile), 'the data file is written');

      const second = start();
      await waitForHealth(`${base}/_mock/health`);
      const call = await fetch(`${base}/data/foundation/catalog/dataSets`, {
        headers: {
          authorization: `Bearer ${token}`,
          'x-api-key': 'adobe-mock-client',
          'x-gw-ims-org-id': '0123456789ABCDEF01234567@AdobeOrg',
        },
      });
      assert.equal(call.status, 200, 'a token issued before the restart is still valid: the signing key persisted');
      second.child.kill('SIGINT');
      assert.equal(await second.exited, 0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

test('with a control token the banner says so, without printing it', () => {
  const banner = startupBanner(resolveConfig({ controlToken: 'do-not-print-me' }), 'http://127.0.0.1:4590', undefined);
  assert.ok(banner.includes('  Dashboard        http://127.0.0.1:4590/?token=<your control token>\n'), banner);
  assert.ok(banner.includes(' · control API needs the control token'), banner);
  assert.ok(!banner.includes('do-not-print-me'), banner);
  assert.ok(startupBanner(resolveConfig(), 'http://127.0.0.1:4590', undefined).includes('  Dashboard        http://127.0.0.1:4590/\n'));
});
