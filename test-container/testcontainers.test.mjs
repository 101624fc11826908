/**
 * The Testcontainers module (`adobe-api-mock/testcontainers`), for real: AdobeApiMockContainer
 * starts the image through the Docker API (podman's, `podman system service`), and the suite runs
 * a Platform batch, a Target /batch, a reset, the isolated sets, a custom fixture folder and
 * persistence through a restart.
 *
 * Run by scripts/container-test.sh with Node ≥ 22 (testcontainers 12 needs it), which passes the
 * image it built in ADOBE_MOCK_IMAGE and sets DOCKER_HOST, TESTCONTAINERS_RYUK_DISABLED and the
 * podman service's CONTAINERS_CONF. Not part of `npm test`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, chown, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdobeApiMockContainer } from 'adobe-api-mock/testcontainers';

const IMAGE = process.env.ADOBE_MOCK_IMAGE;
if (!IMAGE) throw new Error('ADOBE_MOCK_IMAGE names the image to test (scripts/container-test.sh builds it)');
const RUN_ID = process.env.CONTAINER_TEST_RUN_ID ?? `t${process.pid}`;
/** scripts/container-test.sh removes whatever carries this label, also on failure. */
const LABELS = { 'adobe-api-mock.container-test': RUN_ID };
const CONTROL_TOKEN = `control-${RUN_ID}`;
const PLATFORM = '/data/foundation';
const SCHEMA_ALT_ID = '_mocktenant.schemas.533ca5da28087c44344810891b0f03d9';
const FILE_CONTENT = `${JSON.stringify({ _id: 'member-1', personalEmail: { address: 'ada@example.com' } })}\n`;
const figures = [];

/** Starts a container and notes the time start() took (create, start, wait for /_mock/health 200). */
async function start(container, what) {
  const began = performance.now();
  const started = await container.withLabels(LABELS).start();
  const ms = performance.now() - began;
  figures.push(`${what}: start() resolved (healthy) in ${ms.toFixed(0)} ms`);
  return started;
}

async function call(base, path, { method = 'GET', headers = {}, json, body, expect = 200 } = {}) {
  const init = { method, headers: { ...headers } };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['Content-Type'] ??= 'application/json';
  } else if (body !== undefined) {
    init.body = body;
  }
  const response = await fetch(base + path, init);
  const text = await response.text();
  assert.equal(response.status, expect, `${method} ${path} → ${response.status} ${text.slice(0, 500)}`);
  return { status: response.status, text, json: text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined };
}

function platformHeaders(token, creds) {
  return { Authorization: `Bearer ${token}`, 'x-api-key': creds.clientId, 'x-gw-ims-org-id': creds.imsOrg, 'x-sandbox-name': creds.sandbox };
}

after(() => {
  if (figures.length > 0) console.log(`\ntestcontainers figures:\n${figures.map((line) => `  ${line}`).join('\n')}`);
});

describe('AdobeApiMockContainer: the default fixtures, a frozen clock and a control token', () => {
  let mock;
  before(async () => {
    mock = await start(
      new AdobeApiMockContainer(IMAGE).withClock('2030-01-01T00:00:00Z').withFrozenClock().withControlToken(CONTROL_TOKEN).withLogLevel('warn'),
      'default fixtures',
    );
  });
  after(() => mock?.stop());

  test('getters: base URL, demo credentials, control headers; the options reached the emulator', async () => {
    assert.match(mock.getBaseUrl(), /^http:\/\/[^/]+:\d+$/);
    const integrations = JSON.parse(await readFile(new URL('../fixtures/integrations.json', import.meta.url), 'utf8'));
    const demo = integrations.scopes.ims.integrations[0];
    assert.deepEqual(mock.getCredentials(), {
      clientId: demo.id,
      clientSecret: demo.clientSecret,
      imsOrg: demo.orgId,
      sandbox: demo.sandboxes[0],
      sandboxes: demo.sandboxes,
      tenant: demo.tenant,
      clientCode: demo.clientCode,
      technicalAccountId: demo.technicalAccountId,
    });
    const health = await call(mock.getBaseUrl(), '/_mock/health');
    assert.equal(health.json.status, 'ok');
    // /_mock needs the token (MOCK_CONTROL_TOKEN); the clock starts where withClock() said, frozen.
    await call(mock.getBaseUrl(), '/_mock/clock', { expect: 401 });
    const clock = await call(mock.getBaseUrl(), '/_mock/clock', { headers: mock.getControlHeaders() });
    assert.equal(clock.json.now, '2030-01-01T00:00:00.000Z');
    assert.equal(clock.json.frozen, true);
    const config = await call(mock.getBaseUrl(), '/_mock/config', { headers: mock.getControlHeaders() });
    assert.equal(config.json.auth, 'strict');
    assert.equal(config.json.dataFile ?? null, null, 'in memory by default');
  });

  let datasetId;
  test('a Platform batch: dataset, batch, upload, COMPLETE, success, read back through Data Access', async () => {
    const base = mock.getBaseUrl();
    const creds = mock.getCredentials();
    const headers = platformHeaders(await mock.getAccessToken(), creds);
    const schema = await call(base, `${PLATFORM}/schemaregistry/tenant/schemas/${SCHEMA_ALT_ID}`, {
      headers: { ...headers, Accept: 'application/vnd.adobe.xed-full+json; version=1' },
    });
    const created = await call(base, `${PLATFORM}/catalog/dataSets`, {
      method: 'POST',
      headers,
      json: { name: `Testcontainers ${RUN_ID}`, schemaRef: { id: schema.json.$id, contentType: 'application/vnd.adobe.xed+json;version=1' } },
      expect: 201,
    });
    datasetId = String(created.json[0]).split('/').pop();
    const batch = await call(base, `${PLATFORM}/import/batches`, {
      method: 'POST',
      headers,
      json: { datasetId, inputFormat: { format: 'json' } },
      expect: 201,
    });
    const batchId = batch.json.id;
    await call(base, `${PLATFORM}/import/batches/${batchId}/datasets/${datasetId}/files/members.json`, {
      method: 'PUT',
      headers: { ...headers, 'Content-Type': 'application/octet-stream' },
      body: FILE_CONTENT,
    });
    await call(base, `${PLATFORM}/import/batches/${batchId}?action=COMPLETE`, { method: 'POST', headers });
    let status;
    for (let poll = 0; poll < 5; poll++) {
      status = (await call(base, `${PLATFORM}/catalog/batches?batch=${batchId}`, { headers })).json[batchId]?.status;
      if (status === 'success' || status === 'failed') break;
      // The clock is frozen: move it past the processing time instead of waiting.
      await call(base, '/_mock/clock', { method: 'POST', headers: mock.getControlHeaders(), json: { advance: '5s' } });
    }
    assert.equal(status, 'success');
    const files = await call(base, `${PLATFORM}/export/batches/${batchId}/files`, { headers });
    const fileId = files.json.data?.[0]?.dataSetFileId;
    assert.ok(fileId, 'the batch wrote a dataset file');
    const download = await call(base, `${PLATFORM}/export/files/${fileId}?path=members.json`, { headers });
    assert.equal(download.text, FILE_CONTENT);
  });

  test('a Target /batch: an offer created, then read back in the batch and directly', async () => {
    const base = mock.getBaseUrl();
    const { tenant, clientId } = mock.getCredentials();
    const token = await mock.getAccessToken();
    const headers = { Authorization: `Bearer ${token}`, 'x-api-key': clientId };
    const batch = await call(base, `/${tenant}/target/batch`, {
      method: 'POST',
      headers,
      json: {
        operations: [
          { operationId: 0, method: 'POST', relativeUrl: '/v2/offers/content', body: { name: `Testcontainers offer ${RUN_ID}`, content: '<p>hello</p>' } },
          { operationId: 1, dependsOnOperationIds: [0], method: 'GET', relativeUrl: '/v2/offers/content/{operationIdResponse:0}' },
        ],
      },
    });
    const results = new Map(batch.json.results.map((result) => [result.operationId, result]));
    const offerId = results.get(0)?.body?.id;
    assert.equal(results.get(0)?.statusCode, 200);
    assert.equal(typeof offerId, 'number');
    assert.equal(results.get(1)?.body?.content, '<p>hello</p>');
    const v2 = { ...headers, Accept: 'application/vnd.adobe.target.v2+json' };
    const offer = await call(base, `/${tenant}/target/offers/content/${offerId}`, { headers: v2 });
    assert.equal(offer.json.name, `Testcontainers offer ${RUN_ID}`);
  });

  test('reset(): with the control token; the dataset is gone, tokens stay valid', async () => {
    assert.ok(datasetId, 'the Platform test created a dataset');
    const headers = platformHeaders(await mock.getAccessToken(), mock.getCredentials());
    await call(mock.getBaseUrl(), `${PLATFORM}/catalog/dataSets/${datasetId}`, { headers });
    await call(mock.getBaseUrl(), '/_mock/reset', { method: 'POST', expect: 401 });
    assert.equal((await mock.reset()).status, 'reset');
    await call(mock.getBaseUrl(), `${PLATFORM}/catalog/dataSets/${datasetId}`, { headers, expect: 404 });
    const partial = await mock.reset({ tenant: mock.getCredentials().tenant });
    assert.deepEqual(partial.scopes, [`target/${mock.getCredentials().tenant}`]);
  });

  test('isolated sets: createIsolatedSet() signs in on its own org and tenant, deleteIsolatedSet() drops it', async (t) => {
    const probe = await fetch(`${mock.getBaseUrl()}/_mock/tenants`, {
      method: 'POST',
      headers: { ...mock.getControlHeaders(), 'Content-Type': 'application/json' },
      body: '{}',
    });
    const probeText = await probe.text();
    if (probe.status === 404) {
      t.skip('POST /_mock/tenants answers 404: the emulator in this image has no isolated sets yet (issue 15, part 4)');
      return;
    }
    assert.equal(probe.status, 201, probeText);
    await mock.deleteIsolatedSet(JSON.parse(probeText).id);

    const set = await mock.createIsolatedSet({ fixtures: true });
    for (const key of ['id', 'imsOrg', 'tenant', 'clientCode', 'clientId', 'clientSecret', 'technicalAccountId', 'created']) {
      assert.equal(typeof set[key], 'string', `${key} in ${JSON.stringify(set)}`);
    }
    assert.ok(Array.isArray(set.sandboxes) && set.sandboxes.length > 0);
    assert.notEqual(set.imsOrg, mock.getCredentials().imsOrg);
    assert.notEqual(set.tenant, mock.getCredentials().tenant);
    const token = await set.getAccessToken();
    const headers = { Authorization: `Bearer ${token}`, 'x-api-key': set.clientId, 'x-gw-ims-org-id': set.imsOrg, 'x-sandbox-name': set.sandboxes[0] };
    await call(mock.getBaseUrl(), `${PLATFORM}/catalog/dataSets`, { headers });
    await call(mock.getBaseUrl(), `/${set.tenant}/target/offers`, { headers: { ...headers, Accept: 'application/vnd.adobe.target.v2+json' } });
    // The demo credentials do not reach into the set.
    const demoToken = await mock.getAccessToken();
    const foreign = await fetch(`${mock.getBaseUrl()}/${set.tenant}/target/offers`, {
      headers: { Authorization: `Bearer ${demoToken}`, 'x-api-key': mock.getCredentials().clientId },
    });
    assert.ok(foreign.status >= 400, `the demo integration on the set's tenant → ${foreign.status}`);
    await mock.deleteIsolatedSet(set.id);
    await assert.rejects(set.getAccessToken(), /answered 4\d\d/);
    await assert.rejects(mock.deleteIsolatedSet(set.id), { status: 404 });
  });
});

describe('AdobeApiMockContainer: a fixture folder of this machine, persistence in a host folder, permissive auth', () => {
  let work;
  let mock;
  const SECRET = `secret-${RUN_ID}`;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'adobe-api-mock-tc-'));
    // The bundled fixtures with another secret for the demo integration: getCredentials() must answer it.
    const fixtures = join(work, 'fixtures');
    await cp(new URL('../fixtures/', import.meta.url), fixtures, { recursive: true });
    const file = join(fixtures, 'integrations.json');
    const integrations = JSON.parse(await readFile(file, 'utf8'));
    integrations.scopes.ims.integrations[0].clientSecret = SECRET;
    await writeFile(file, JSON.stringify(integrations));
    const data = join(work, 'data');
    await mkdir(data);
    // The image runs as uid 1000: it reads the fixtures and writes the state folder.
    await chmod(work, 0o755);
    await chmod(fixtures, 0o755);
    if (process.getuid?.() === 0) await chown(data, 1000, 1000);
    else await chmod(data, 0o777);
    mock = await start(
      new AdobeApiMockContainer(IMAGE).withFixturesDir(fixtures).withPersistence(data).withAuthMode('permissive').withBatchProcessingMs(0).withLogLevel('warn'),
      'fixture folder + persistence',
    );
  });
  after(async () => {
    await mock?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test("getCredentials() answers the folder's first integration, and its secret signs in", async () => {
    assert.equal(mock.getCredentials().clientSecret, SECRET);
    assert.equal(typeof (await mock.getAccessToken()), 'string');
    const config = await call(mock.getBaseUrl(), '/_mock/config');
    assert.equal(config.json.auth, 'permissive');
    assert.equal(config.json.fixturesDir, '/fixtures');
    assert.equal(config.json.dataFile, '/data/state.json');
  });

  test('withPersistence(hostDir): an offer survives restart()', async () => {
    const { tenant, clientId } = mock.getCredentials();
    const headers = {
      Authorization: `Bearer ${await mock.getAccessToken()}`,
      'x-api-key': clientId,
      'Content-Type': 'application/vnd.adobe.target.v2+json',
      Accept: 'application/vnd.adobe.target.v2+json',
    };
    const created = await call(mock.getBaseUrl(), `/${tenant}/target/offers/content`, {
      method: 'POST',
      headers,
      json: { name: `Kept ${RUN_ID}`, content: 'kept' },
    });
    await mock.restart();
    const offer = await call(mock.getBaseUrl(), `/${tenant}/target/offers/content/${created.json.id}`, { headers });
    assert.equal(offer.json.name, `Kept ${RUN_ID}`);
    const state = JSON.parse(await readFile(join(work, 'data', 'state.json'), 'utf8'));
    assert.ok(JSON.stringify(state).includes(`Kept ${RUN_ID}`), 'the state file is in the host folder');
  });
});
