import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELP, OPTIONS, UsageError, optionsFrom, sourceOf } from '../src/cli-options.js';
import { listenFailure } from '../src/cli-listen.js';
import { DEFAULT_PORT, PACKAGE_VERSION, resolveConfig } from '../src/config.js';
import { shellWord, startupBanner, tokenCommand } from '../src/cli-banner.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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
      '--batch-processing-ms',
      '10',
      '--clock',
      '1700000000000',
      '--cors',
      'false',
      '--token-secret',
      'other',
      '--body-limit',
      '1',
      '--max-upload-bytes',
      '2',
      '--blob-dir',
      '/b2',
      '--journal-size',
      '3',
      '--journal-body-bytes',
      '4',
      '--profile-lifetime-ms',
      '5',
      '--profile-update-delay-ms',
      '6',
      '--profile-authentication',
      'x',
      '--control-token',
      't2',
      '--control-origins',
      'http://app.test:8080',
      '--control-hosts',
      'h.test',
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
    for (const flag of ['--port', '--host', '--auth', '--fixtures', '--data-file', '--log-level', '--batch-processing-ms', '--cors'])
      assert.ok(HELP.includes(flag), flag);
  });

  test('bad values are usage errors', () => {
    assert.throws(() => optionsFrom(['--auth', 'lenient'], {}), UsageError);
    assert.throws(() => optionsFrom(['--port', '70000'], {}), UsageError);
    assert.throws(() => optionsFrom([], { PORT: 'eighty' }), UsageError);
    assert.throws(() => optionsFrom([], { MOCK_LOG_LEVEL: 'chatty' }), UsageError);
    assert.throws(() => optionsFrom(['--batch-processing-ms=-1'], {}), /--batch-processing-ms must be a whole number, got -1/);
    assert.throws(() => optionsFrom([], { MOCK_JOURNAL_SIZE: 'lots' }), /^Error: MOCK_JOURNAL_SIZE must be a whole number, got lots$/);
    assert.throws(() => optionsFrom(['--clock', 'tomorrow'], {}), /^Error: --clock must be an ISO-8601 instant or epoch milliseconds, got tomorrow$/);
    assert.throws(() => optionsFrom([], { MOCK_FREEZE_CLOCK: 'maybe' }), /MOCK_FREEZE_CLOCK must be true, false, 1 or 0, got maybe/);
    assert.throws(() => optionsFrom(['--cors', ' , '], {}), /^Error: --cors needs true, false or at least one origin$/);
    assert.throws(() => optionsFrom(['--no-such-flag'], {}), /Unknown option/);
    assert.throws(
      () => optionsFrom([], { MOCK_CONTROL_ORIGINS: 'http://app.test/path' }),
      /^Error: MOCK_CONTROL_ORIGINS: 'http:\/\/app.test\/path' is not an origin such as http:\/\/localhost:3000 \(scheme, host and port only\)/,
    );
  });

  test('an error names the source that was wrong: the variable when it came from the environment, the flag when from the command line', () => {
    const bad: Record<string, string> = {
      port: 'abc',
      format: 'loud',
      count: 'lots',
      auth: 'maybe',
      level: 'chatty',
      switch: 'yes',
      cors: 'yes',
      durability: 'eventually',
      clock: 'soon',
      origins: 'not an origin',
    };
    let checked = 0;
    for (const option of OPTIONS) {
      const value = bad[option.kind];
      if (value === undefined) continue;
      checked++;
      const fromEnv = messageOf(() => optionsFrom([], { [option.env]: value }));
      assert.ok(fromEnv.startsWith(`${option.env} `) || fromEnv.startsWith(`${option.env}: `), `${option.env}: ${fromEnv}`);
      assert.ok(fromEnv.includes(value), fromEnv);
      assert.ok(!fromEnv.includes(`--${option.flag}`), `${option.env} names no flag: ${fromEnv}`);
      if (option.aliases?.env) assert.ok(messageOf(() => optionsFrom([], { [option.aliases!.env!]: value })).startsWith(option.aliases.env));
      if (option.kind === 'switch') continue; // a switch flag takes no value
      const fromFlag = messageOf(() => optionsFrom([`--${option.flag}=${value}`], { [option.env]: value }));
      assert.ok(fromFlag.startsWith(`--${option.flag}`), `--${option.flag}: ${fromFlag}`);
      if (option.aliases?.flag) assert.ok(messageOf(() => optionsFrom([`--${option.aliases!.flag!}=${value}`], {})).startsWith(`--${option.aliases.flag}`));
    }
    assert.ok(checked >= 15, `${checked} options checked`);
    assert.equal(
      messageOf(() => optionsFrom([], { PORT: 'abc' })),
      'PORT must be a port number 0-65535, got abc',
    );
    assert.equal(
      messageOf(() => optionsFrom(['--port', '70000'], {})),
      '--port must be a port number 0-65535, got 70000',
    );
  });

  test('true/false variables accept exactly true, false, 1 and 0', () => {
    const frozen = (value: string) => (optionsFrom([], { MOCK_FREEZE_CLOCK: value }) as { freezeClock: boolean }).freezeClock;
    assert.deepEqual(['true', '1', 'false', '0'].map(frozen), [true, true, false, false]);
    for (const value of ['yes', 'no', 'on', 'off', 'TRUE', 'False', ' true', 'true ', '2']) {
      assert.equal(
        messageOf(() => frozen(value)),
        `MOCK_FREEZE_CLOCK must be true, false, 1 or 0, got ${value}`,
      );
    }
    const cors = (value: string) => (optionsFrom([], { MOCK_CORS: value }) as { cors: unknown }).cors;
    assert.deepEqual(['true', '1', '*', 'false', '0'].map(cors), [true, true, true, false, false]);
    for (const value of ['yes', 'off', 'TRUE']) {
      assert.equal(
        messageOf(() => cors(value)),
        `MOCK_CORS must be true, false, 1, 0, * or comma-separated origins such as http://localhost:3000, got ${value}`,
      );
    }
    assert.match(HELP, /MOCK_FREEZE_CLOCK: true, false, 1 or 0/);
  });

  test('the README documents exactly the accepted true/false values', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.match(readme, /\| `--freeze-clock` \| `MOCK_FREEZE_CLOCK` \(`true`, `false`, `1` or `0`\) \|/);
    assert.match(readme, /\| `--cors <origins>` \| `MOCK_CORS` \| `true` \| `true` or `1` \(any origin\), `false` or `0` \(off\)/);
  });

  test('where a value came from, for the listen messages', () => {
    assert.equal(sourceOf('port', ['--port', '1'], { PORT: '2' }), '--port');
    assert.equal(sourceOf('port', ['--port=1'], {}), '--port');
    assert.equal(sourceOf('port', [], { PORT: '2' }), 'PORT');
    assert.equal(sourceOf('port', [], { PORT: '' }), 'the default');
    assert.equal(sourceOf('batch-processing-ms', ['--processing-delay', '3'], {}), '--processing-delay');
  });

  test('listen failures in one line', () => {
    const failure = (code: string, port = 4590, host = '127.0.0.1') =>
      listenFailure(Object.assign(new Error(`listen ${code}`), { code, syscall: 'listen' }), { host, port, portSource: 'the default', hostSource: 'HOST' });
    assert.equal(failure('EADDRINUSE'), 'port 4590 (the default) is in use on 127.0.0.1; try --port 0 (any free port) or PORT=<another port>');
    assert.equal(
      failure('EACCES', 80),
      'not allowed to listen on port 80 (the default): ports below 1024 need administrator rights; try --port 0 (any free port) or PORT=4590',
    );
    assert.equal(
      failure('EADDRNOTAVAIL', 4590, '192.0.2.1'),
      'cannot listen on 192.0.2.1 (HOST): it is not an address of this machine; try --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface)',
    );
    assert.equal(failure('ENOTFOUND', 4590, 'nosuch.invalid')?.startsWith('cannot listen on nosuch.invalid (HOST): no such host name;'), true);
    assert.equal(failure('EMFILE'), 'cannot listen on 127.0.0.1:4590: listen EMFILE');
    assert.equal(listenFailure(new Error('not a system error'), { host: 'h', port: 1, portSource: '', hostSource: '' }), null);
    for (const code of ['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND']) assert.ok(!failure(code)!.includes('\n'), code);
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
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      version: string;
      name: string;
      bin: Record<string, string>;
      files: string[];
    };
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
          if (out.includes('Access token')) {
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
    assert.match(err, /^--clock must be an ISO-8601 instant or epoch milliseconds, got soon\n/);
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

function messageOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail('no error');
}

/** Runs the built CLI until it exits (it must: these runs fail before listening). */
function runToExit(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running: ${out}${err}`));
    }, 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

function holdPort(): Promise<{ port: number; release: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ port, release: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

describe('the real CLI process: errors a person can act on', () => {
  test('a port in use: one line naming the port and what to do, exit 2, no stack trace', async () => {
    const held = await holdPort();
    try {
      const byFlag = await runToExit(['--port', String(held.port)]);
      assert.equal(byFlag.code, 2);
      assert.equal(byFlag.err, `port ${held.port} (--port) is in use on 127.0.0.1; try --port 0 (any free port) or PORT=<another port>\n`);
      const byEnv = await runToExit([], { PORT: String(held.port) });
      assert.equal(byEnv.code, 2);
      assert.equal(byEnv.err, `port ${held.port} (PORT) is in use on 127.0.0.1; try --port 0 (any free port) or PORT=<another port>\n`);
      assert.ok(!byEnv.out.includes('listening on'), byEnv.out);
    } finally {
      await held.release();
    }
  });

  test("an address that is not this machine's: one line, exit 2", async () => {
    // 192.0.2.0/24 is TEST-NET-1, never assigned to a host.
    const run = await runToExit(['--port', '0'], { HOST: '192.0.2.1' });
    assert.equal(run.code, 2);
    assert.equal(
      run.err,
      'cannot listen on 192.0.2.1 (HOST): it is not an address of this machine; try --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface)\n',
    );
  });

  const unprivilegedStart = (() => {
    try {
      return Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));
    } catch {
      return 1024;
    }
  })();
  test('a low port without the rights: one line, exit 2', {
    skip: process.getuid?.() === 0 ? 'root may listen on any port' : unprivilegedStart <= 80 ? 'this machine lets anyone listen on port 80' : false,
  }, async () => {
    const run = await runToExit(['--port', '80']);
    assert.equal(run.code, 2);
    assert.equal(run.err, 'not allowed to listen on port 80 (--port): ports below 1024 need administrator rights; try --port 0 (any free port) or PORT=4590\n');
  });

  test('PORT=abc names PORT; a bad MOCK_ variable names the variable', async () => {
    const port = await runToExit([], { PORT: 'abc' });
    assert.equal(port.code, 2);
    assert.equal(port.err, 'PORT must be a port number 0-65535, got abc\nRun adobe-api-mock --help for the options.\n');
    const frozen = await runToExit([], { MOCK_FREEZE_CLOCK: 'yes' });
    assert.equal(frozen.code, 2);
    assert.match(frozen.err, /^MOCK_FREEZE_CLOCK must be true, false, 1 or 0, got yes\n/);
  });
});

const hasCurl = spawnSync('curl', ['--version']).status === 0 && spawnSync('bash', ['--version']).status === 0;

test("the banner's token command, pasted into bash, gets a token from the started server", { skip: hasCurl ? false : 'needs curl and bash' }, async () => {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--log-format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    let out = '';
    const banner = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner in: ${out}`)), 15_000);
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (/Access token[^\n]*\n[^\n]*\n/.test(out)) {
          clearTimeout(timer);
          resolve(out);
        }
      });
    });
    const lines = banner.split('\n');
    const command = lines[lines.findIndex((line) => line.startsWith('  Access token')) + 1];
    assert.match(command, /^ {4}curl -s -X POST http:\/\/127\.0\.0\.1:\d+\/ims\/token\/v3 -d /);
    // Exactly what a person pastes: the whole line, leading spaces included.
    const answer = JSON.parse(execFileSync('bash', ['-c', command], { encoding: 'utf8' })) as { access_token: string; token_type: string };
    assert.equal(answer.token_type, 'bearer');
    assert.match(answer.access_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  } finally {
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
});

test('the token command quotes what a shell would misread', () => {
  assert.equal(shellWord('http://127.0.0.1:4590/ims/token/v3'), 'http://127.0.0.1:4590/ims/token/v3');
  assert.equal(shellWord("it's $HOME"), `'it'\\''s $HOME'`);
  const demo = { id: 'my client', clientSecret: 'a&b' } as Parameters<typeof tokenCommand>[1];
  assert.equal(
    tokenCommand('http://[::1]:4590', demo),
    "curl -s -g -X POST 'http://[::1]:4590/ims/token/v3' -d grant_type=client_credentials --data-urlencode 'client_id=my client' --data-urlencode 'client_secret=a&b'",
  );
});
