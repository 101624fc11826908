/**
 * The package's entry points: `adobe-api-mock` (the server) never loads `testcontainers`, an
 * optional peer dependency, and `adobe-api-mock/testcontainers` maps its options to the image's
 * environment variables and mounts. Starting the container for real is
 * test-container/testcontainers.test.mjs (scripts/container-test.sh).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** testcontainers 12 needs Node >= 22 (its undici uses zstd); on older Node it throws when loaded. */
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
const CAN_LOAD_TESTCONTAINERS = NODE_MAJOR >= 22;

/** Runs an ES module snippet in a fresh Node from the project folder; its stdout parsed as JSON. */
function runModule(source: string): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', source], { cwd: ROOT, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolvePromise(JSON.parse(stdout));
    });
  });
}

/** Which modules of node_modules/testcontainers the snippet's process loaded (CommonJS, so in require.cache). */
const LOADED = `
import { createRequire } from 'node:module';
const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes('/node_modules/testcontainers/')).length;
`;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('package entry points', () => {
  test('package.json: "." and "./testcontainers" in exports, testcontainers an optional peer and a dev dependency only', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.exports['.'], { types: './dist/src/index.d.ts', default: './dist/src/index.js' });
    assert.deepEqual(pkg.exports['./testcontainers'], { types: './dist/src/testcontainers.d.ts', default: './dist/src/testcontainers.js' });
    assert.equal(pkg.main, 'dist/src/index.js');
    assert.equal(pkg.types, 'dist/src/index.d.ts');
    assert.ok(pkg.peerDependencies.testcontainers);
    assert.equal(pkg.peerDependenciesMeta.testcontainers.optional, true);
    assert.ok(pkg.devDependencies.testcontainers);
    assert.equal(pkg.dependencies.testcontainers, undefined);
  });

  test('only src/testcontainers.ts imports testcontainers, and nothing imports it', () => {
    const src = join(ROOT, 'src');
    for (const file of sourceFiles(src)) {
      if (file === join(src, 'testcontainers.ts')) continue;
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /from ['"]testcontainers['"]|import\(['"]testcontainers['"]\)/, `${file} imports testcontainers`);
      assert.doesNotMatch(text, /['"]\.{1,2}\/(?:\.\.\/)*testcontainers\.js['"]/, `${file} imports the Testcontainers module`);
    }
  });

  test('importing adobe-api-mock (and running an emulator) loads nothing of testcontainers', async () => {
    const result = await runModule(`${LOADED}
const main = await import('adobe-api-mock');
const mock = await main.createMockServer({ logLevel: 'silent' });
await mock.close();
console.log(JSON.stringify({ exports: Object.keys(main).sort(), loaded: loaded() }));`);
    assert.deepEqual(result, { exports: ['ConfigError', 'buildApp', 'createMockServer'], loaded: 0 });
  });

  test('importing adobe-api-mock/testcontainers loads testcontainers (the check above can see it)', {
    skip: !CAN_LOAD_TESTCONTAINERS && `testcontainers 12 needs Node >= 22 (this is ${process.version})`,
  }, async () => {
    const result = (await runModule(`${LOADED}
const module = await import('adobe-api-mock/testcontainers');
console.log(JSON.stringify({ exports: Object.keys(module).sort(), loaded: loaded() }));`)) as { exports: string[]; loaded: number };
    assert.ok(result.loaded > 0);
    assert.deepEqual(result.exports, [
      'ADOBE_API_MOCK_IMAGE',
      'ADOBE_API_MOCK_PORT',
      'AdobeApiMockContainer',
      'AdobeApiMockError',
      'StartedAdobeApiMockContainer',
      'demoCredentials',
    ]);
  });
});

describe('AdobeApiMockContainer options', { skip: !CAN_LOAD_TESTCONTAINERS && `testcontainers 12 needs Node >= 22 (this is ${process.version})` }, () => {
  test('each option sets its MOCK_ variable and mount; port 4590, the health wait; nothing started', async () => {
    const result = await runModule(`
const { AdobeApiMockContainer, ADOBE_API_MOCK_IMAGE } = await import('adobe-api-mock/testcontainers');
const plain = new AdobeApiMockContainer();
const container = new AdobeApiMockContainer('registry.example/adobe-api-mock:1.2')
  .withAuthMode('permissive').withClock(new Date('2030-01-01T00:00:00Z')).withFrozenClock()
  .withFixturesDir('fixtures').withPersistence('adobe-mock-data').withControlToken('secret-token')
  .withBatchProcessingMs(250).withLogLevel('warn').withTokenSecret('signing-key')
  .withBindMounts([{ source: '/srv/other', target: '/other', mode: 'ro' }]);
await container.beforeContainerCreated();
const inHostDir = new AdobeApiMockContainer().withPersistence('./state');
await inHostDir.beforeContainerCreated();
const inContainer = new AdobeApiMockContainer().withPersistence();
await inContainer.beforeContainerCreated();
console.log(JSON.stringify({
  defaultImage: ADOBE_API_MOCK_IMAGE, plainImage: plain.imageName.string, image: container.imageName.string,
  plainEnv: plain.environment, env: container.environment, binds: container.hostConfig.Binds, ports: container.exposedPorts,
  wait: container.waitStrategy.constructor.name, path: container.waitStrategy.path, port: container.waitStrategy.port,
  hostDirBinds: inHostDir.hostConfig.Binds, inContainer: [inContainer.environment, inContainer.hostConfig.Binds ?? []],
}));`);
    assert.deepEqual(result, {
      defaultImage: 'adobe-api-mock',
      plainImage: 'adobe-api-mock:latest',
      image: 'registry.example/adobe-api-mock:1.2',
      plainEnv: {},
      env: {
        MOCK_AUTH: 'permissive',
        MOCK_CLOCK: '2030-01-01T00:00:00.000Z',
        MOCK_FREEZE_CLOCK: 'true',
        MOCK_FIXTURES: '/fixtures',
        MOCK_DATA_FILE: '/data/state.json',
        MOCK_CONTROL_TOKEN: 'secret-token',
        MOCK_BATCH_PROCESSING_MS: '250',
        MOCK_LOG_LEVEL: 'warn',
        MOCK_TOKEN_SECRET: 'signing-key',
      },
      binds: ['/srv/other:/other:ro', `${join(ROOT, 'fixtures')}:/fixtures:ro`, 'adobe-mock-data:/data:rw'],
      ports: [4590],
      wait: 'HttpWaitStrategy',
      path: '/_mock/health',
      port: 4590,
      hostDirBinds: [`${join(ROOT, 'state')}:/data:rw`],
      inContainer: [{ MOCK_DATA_FILE: '/data/state.json' }, []],
    });
  });

  test('demoCredentials(): the first integration of fixtures/integrations.json', async () => {
    const demo = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'integrations.json'), 'utf8')).scopes.ims.integrations[0];
    const result = await runModule(`
const { demoCredentials } = await import('adobe-api-mock/testcontainers');
console.log(JSON.stringify(demoCredentials()));`);
    assert.deepEqual(result, {
      clientId: demo.id,
      clientSecret: demo.clientSecret,
      imsOrg: demo.orgId,
      sandbox: demo.sandboxes[0],
      sandboxes: demo.sandboxes,
      tenant: demo.tenant,
      clientCode: demo.clientCode,
      technicalAccountId: demo.technicalAccountId,
    });
  });
});

describe('StartedAdobeApiMockContainer helpers against a stand-in of the control API', {
  skip: !CAN_LOAD_TESTCONTAINERS && `testcontainers 12 needs Node >= 22 (this is ${process.version})`,
}, () => {
  test('reset, createIsolatedSet (its token), deleteIsolatedSet: the calls, the control token, the answers', async () => {
    // A stand-in of the emulator's contract (POST /_mock/tenants → 201, DELETE → 204, IMS tokens),
    // behind a started container whose host and port point at it.
    const result = await runModule(`
import { createServer } from 'node:http';
const { StartedAdobeApiMockContainer, demoCredentials } = await import('adobe-api-mock/testcontainers');
const seen = [];
const SET = { id: 'set-1', imsOrg: 'ABC@AdobeOrg', sandboxes: ['prod'], tenant: 't1', clientCode: 't1', clientId: 'c1', clientSecret: 's1', technicalAccountId: 'x@techacct.adobe.com', created: '2030-01-01T00:00:00.000Z' };
let deleted = false;
const server = createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  seen.push([req.method, req.url, req.headers.authorization ?? null, req.headers['content-type'] ?? null, body]);
  const send = (status, json) => { res.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' }); res.end(json === undefined ? '' : JSON.stringify(json)); };
  if (req.url === '/ims/token/v3') {
    const form = new URLSearchParams(body);
    return form.get('client_id') === 'c1' && !deleted ? send(200, { access_token: 'set-token' }) : send(401, { error: 'invalid_client' });
  }
  if (req.url.startsWith('/_mock/reset')) return send(200, { status: 'reset', scopes: ['target/mocktenant'] });
  if (req.method === 'POST' && req.url === '/_mock/tenants') return send(201, SET);
  if (req.method === 'DELETE' && req.url === '/_mock/tenants/set-1') return deleted ? send(404, { statusCode: 404 }) : ((deleted = true), send(204));
  send(404, { statusCode: 404 });
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const port = server.address().port;
const fake = { getHost: () => '127.0.0.1', getMappedPort: () => port };
const mock = new StartedAdobeApiMockContainer(fake, { controlToken: 'ct', fixturesDir: '' }, demoCredentials());
const out = { baseUrl: mock.getBaseUrl() === 'http://127.0.0.1:' + port };
out.reset = await mock.reset({ tenant: 'mocktenant' });
const set = await mock.createIsolatedSet({ fixtures: false });
out.set = Object.fromEntries(Object.entries(set).filter(([, value]) => typeof value !== 'function'));
out.setToken = await set.getAccessToken();
await mock.deleteIsolatedSet(set.id);
out.tokenAfterDelete = await set.getAccessToken().then(() => 'ok', (error) => [error.name, error.status]);
out.deleteAgain = await mock.deleteIsolatedSet(set.id).then(() => 'ok', (error) => [error.name, error.status]);
out.seen = seen;
server.close();
console.log(JSON.stringify(out));`);
    const set = {
      id: 'set-1',
      imsOrg: 'ABC@AdobeOrg',
      sandboxes: ['prod'],
      tenant: 't1',
      clientCode: 't1',
      clientId: 'c1',
      clientSecret: 's1',
      technicalAccountId: 'x@techacct.adobe.com',
      created: '2030-01-01T00:00:00.000Z',
    };
    assert.deepEqual(result, {
      baseUrl: true,
      reset: { status: 'reset', scopes: ['target/mocktenant'] },
      set,
      setToken: 'set-token',
      tokenAfterDelete: ['AdobeApiMockError', 401],
      deleteAgain: ['AdobeApiMockError', 404],
      seen: [
        ['POST', '/_mock/reset?tenant=mocktenant', 'Bearer ct', null, ''],
        ['POST', '/_mock/tenants', 'Bearer ct', 'application/json', '{"fixtures":false}'],
        ['POST', '/ims/token/v3', null, 'application/x-www-form-urlencoded;charset=UTF-8', 'grant_type=client_credentials&client_id=c1&client_secret=s1'],
        ['DELETE', '/_mock/tenants/set-1', 'Bearer ct', null, ''],
        ['POST', '/ims/token/v3', null, 'application/x-www-form-urlencoded;charset=UTF-8', 'grant_type=client_credentials&client_id=c1&client_secret=s1'],
        ['DELETE', '/_mock/tenants/set-1', 'Bearer ct', null, ''],
      ],
    });
  });
});
