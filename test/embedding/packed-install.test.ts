// Installing as a library, the way a user does while the package is on no registry: `npm pack` this
// checkout, `npm install <tarball>` into a fresh project, then import, start, call and close from that
// project, and run the installed bin. The dependencies come from the npm registry (or the npm cache).
// dist/ must exist (npm test builds first); the pack runs with --ignore-scripts so it does not rebuild.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO } from '../helpers.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** The environment without what an enclosing `npm test` put there about this package. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|command$|config_local_prefix$)/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

const SHIPPED = [/^dist\/src\//, /^dist\/bin\//, /^fixtures\//, /^openapi\//, /^examples\//, /^README\.md$/, /^package\.json$/, /^LICENSE$/];

// Run in the consuming project: the package as its users import it, by name.
const CONSUMER = `
import { createMockServer } from 'adobe-api-mock';
import pkg from 'adobe-api-mock/package.json' with { type: 'json' };

const mock = await createMockServer({ logLevel: 'silent' });
const tokenResponse = await fetch(mock.url + '/ims/token/v3', {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: ${JSON.stringify(DEMO.clientId)}, client_secret: ${JSON.stringify(DEMO.clientSecret)} }),
});
const { access_token } = await tokenResponse.json();
const datasets = await fetch(mock.url + '/data/foundation/catalog/dataSets', {
  headers: {
    authorization: 'Bearer ' + access_token,
    'x-api-key': ${JSON.stringify(DEMO.clientId)},
    'x-gw-ims-org-id': ${JSON.stringify(DEMO.org)},
    'x-sandbox-name': 'prod',
  },
});
const body = await datasets.json();
await mock.close();
console.log(JSON.stringify({
  resolved: import.meta.resolve('adobe-api-mock'),
  version: pkg.version,
  token: tokenResponse.status,
  dataSets: datasets.status,
  count: Object.keys(body).length,
}));
`;

describe('the packed tarball, installed into a fresh project', { timeout: 180_000 }, () => {
  let dir: string;
  let project: string;
  let pack: PackResult;
  let tarball: string;

  before(async () => {
    await stat(join(REPO, 'dist/src/index.js')).catch(() => assert.fail('dist/ is missing: npm run build first'));
    dir = await mkdtemp(join(tmpdir(), 'adobe-api-mock-pack-'));
    let started = Date.now();
    const packed = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: REPO,
      env: childEnv(),
      maxBuffer: 32 * 1024 * 1024,
    });
    [pack] = JSON.parse(packed.stdout) as PackResult[];
    tarball = join(dir, pack.filename);
    console.log(
      `npm pack: ${pack.filename}, ${(pack.size / 1024).toFixed(0)} KiB packed, ${(pack.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${pack.files.length} files, ${Date.now() - started} ms`,
    );

    project = join(dir, 'consumer');
    await mkdir(project);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2));
    started = Date.now();
    await run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project, env: childEnv(), maxBuffer: 32 * 1024 * 1024 });
    console.log(`npm install <tarball>: ${Date.now() - started} ms`);
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('the tarball holds the built package and its data, not the sources or the tests', () => {
    const paths = pack.files.map((file) => file.path);
    const stray = paths.filter((path) => !SHIPPED.some((pattern) => pattern.test(path)));
    assert.deepEqual(stray, [], 'only dist/src, dist/bin, fixtures, openapi, examples, README and package.json');
    assert.deepEqual(
      paths.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts')),
      [],
      'no TypeScript sources',
    );
    assert.deepEqual(
      paths.filter((path) => /^(dist\/)?(test|bench|src)\//.test(path) && !path.startsWith('dist/src/')),
      [],
    );
    for (const expected of [
      'package.json',
      'README.md',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/testcontainers.js',
      'dist/bin/cli.js',
      'openapi/openapi.json',
      'fixtures/integrations.json',
    ]) {
      assert.ok(paths.includes(expected), `${expected} is in the tarball`);
    }
    assert.ok(pack.size < 2 * 1024 * 1024, `packed size ${pack.size} bytes stays under 2 MiB`);
    assert.ok(pack.unpackedSize < 10 * 1024 * 1024, `unpacked size ${pack.unpackedSize} bytes stays under 10 MiB`);
  });

  test('imported by name, it starts, issues a token, answers a Platform call and closes', async () => {
    await writeFile(join(project, 'consumer.mjs'), CONSUMER);
    const started = Date.now();
    const { stdout } = await run(process.execPath, ['consumer.mjs'], { cwd: project, env: childEnv(), timeout: 60_000 });
    console.log(`node consumer.mjs: ${Date.now() - started} ms, ${stdout.trim()}`);
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { resolved: string; version: string; token: number; dataSets: number; count: number };
    assert.ok(result.resolved.includes('/node_modules/adobe-api-mock/dist/src/index.js'), `resolved from the installed copy: ${result.resolved}`);
    assert.equal(result.version, VERSION);
    assert.equal(result.token, 200);
    assert.equal(result.dataSets, 200);
    assert.ok(result.count > 0, 'the fixtures datasets are listed');
  });

  test('the installed bin answers --version through npx', async () => {
    const { stdout } = await run(NPX, ['--no', '--', 'adobe-api-mock', '--version'], { cwd: project, env: childEnv(), timeout: 60_000 });
    assert.equal(stdout.trim(), VERSION);
  });
});
