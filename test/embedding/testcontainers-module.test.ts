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

  test('importing adobe-api-mock/testcontainers loads testcontainers (the check above can see it)', { skip: !CAN_LOAD_TESTCONTAINERS && `testcontainers 12 needs Node >= 22 (this is ${process.version})` }, async () => {
    const result = (await runModule(`${LOADED}
const module = await import('adobe-api-mock/testcontainers');
console.log(JSON.stringify({ exports: Object.keys(module).sort(), loaded: loaded() }));`)) as { exports: string[]; loaded: number };
    assert.ok(result.loaded > 0);
    assert.deepEqual(result.exports, ['ADOBE_API_MOCK_IMAGE', 'ADOBE_API_MOCK_PORT', 'AdobeApiMockContainer', 'AdobeApiMockError', 'StartedAdobeApiMockContainer', 'demoCredentials']);
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
