import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELP, UsageError, optionsFrom } from '../src/cli-options.js';
import { DEFAULT_PORT, PACKAGE_VERSION } from '../src/config.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(root, 'dist', 'src', 'cli.js');

describe('command-line options', () => {
  test('defaults: port 4590 on 127.0.0.1, strict, in memory', () => {
    assert.deepEqual(optionsFrom([], {}), {
      port: DEFAULT_PORT,
      host: '127.0.0.1',
      auth: 'strict',
      fixturesDir: undefined,
      dataFile: null,
      logLevel: 'info',
    });
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

  test('--help and --version', () => {
    assert.equal(optionsFrom(['--help'], {}), 'help');
    assert.equal(optionsFrom(['-v'], {}), 'version');
    for (const flag of ['--port', '--host', '--auth', '--fixtures', '--data-file', '--log-level']) assert.ok(HELP.includes(flag), flag);
  });

  test('bad values are usage errors', () => {
    assert.throws(() => optionsFrom(['--auth', 'lenient'], {}), UsageError);
    assert.throws(() => optionsFrom(['--port', '70000'], {}), UsageError);
    assert.throws(() => optionsFrom([], { PORT: 'eighty' }), UsageError);
    assert.throws(() => optionsFrom([], { MOCK_LOG_LEVEL: 'chatty' }), UsageError);
    assert.throws(() => optionsFrom(['--no-such-flag'], {}), /Unknown option/);
  });

  test('the version reported is the package version', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string; name: string; bin: Record<string, string> };
    assert.equal(PACKAGE_VERSION, pkg.version);
    assert.equal(pkg.name, 'adobe-api-mock');
    assert.equal(pkg.bin['adobe-api-mock'], 'dist/src/cli.js');
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
