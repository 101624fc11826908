import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, createMockServer, type MockServer } from '../../src/index.js';
import { DEMO } from '../helpers.js';

async function token(base: string, clientId: string = DEMO.clientId, secret: string = DEMO.clientSecret): Promise<string> {
  const response = await fetch(`${base}/ims/token/v3`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${secret}`,
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const catalogHeaders = (bearer: string) => ({
  authorization: `Bearer ${bearer}`,
  'x-api-key': DEMO.clientId,
  'x-gw-ims-org-id': DEMO.org,
  'x-sandbox-name': 'prod',
  'content-type': 'application/json',
});

describe('createMockServer with the defaults', () => {
  let mock: MockServer;
  before(async () => {
    mock = await createMockServer({ logLevel: 'silent' });
  });
  after(() => mock.close());

  test('listens on a free port of 127.0.0.1 and reports its URL', async () => {
    assert.ok(mock.port > 0);
    assert.equal(mock.url, `http://127.0.0.1:${mock.port}`);
    assert.equal(mock.config.port, 0, 'port 0 asked, a free one given');
    const health = await fetch(`${mock.url}/_mock/health`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
  });

  test('state() shows what the API created; reset() puts the fixtures back', async () => {
    const bearer = await token(mock.url);
    const created = await fetch(`${mock.url}/data/foundation/catalog/dataSets`, {
      method: 'POST',
      headers: catalogHeaders(bearer),
      body: JSON.stringify({ name: 'Embedded test dataset' }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const [ref] = (await created.json()) as string[];
    const id = ref.replace('@/dataSets/', '');
    const scope = `platform/${DEMO.org}/prod`;
    const datasets = () => new Map(mock.state().scopes[scope]?.dataSets ?? []);
    assert.ok(datasets().has(id));
    assert.ok(mock.state().scopes.stock.files.length > 0, 'the Stock catalog is in the state too');

    await mock.reset();
    assert.equal(datasets().has(id), false);
    const after = await fetch(`${mock.url}/data/foundation/catalog/dataSets/${id}`, { headers: catalogHeaders(bearer) });
    assert.equal(after.status, 404, 'the token issued before the reset still works; the dataset is gone');
  });
});

describe('createMockServer options', () => {
  test('two servers side by side keep separate state', async () => {
    const [a, b] = await Promise.all([createMockServer({ logLevel: 'silent' }), createMockServer({ logLevel: 'silent' })]);
    try {
      assert.notEqual(a.port, b.port);
      const bearer = await token(a.url);
      const license = await fetch(`${a.url}/Rest/Libraries/1/Content/License?content_id=112678261&license=Standard`, {
        headers: { 'x-api-key': DEMO.clientId, authorization: `Bearer ${bearer}` },
      });
      assert.equal(license.status, 200);
      const quota = (server: MockServer) => new Map(server.state().scopes.stock.members as Array<[string, { quota: number }]>).get(DEMO.clientId)!.quota;
      assert.equal(quota(a), 5);
      assert.equal(quota(b), 6);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('clock: the emulator starts at the given instant, frozen when asked', async () => {
    const mock = await createMockServer({ logLevel: 'silent', clock: '2030-06-01T12:00:00Z', freezeClock: true });
    try {
      const clock = (await (await fetch(`${mock.url}/_mock/clock`)).json()) as { now: string; frozen: boolean };
      assert.deepEqual({ now: clock.now, frozen: clock.frozen }, { now: '2030-06-01T12:00:00.000Z', frozen: true });
    } finally {
      await mock.close();
    }
    const epoch = await createMockServer({ logLevel: 'silent', clock: Date.UTC(2031, 0, 1), freezeClock: true });
    try {
      const clock = (await (await fetch(`${epoch.url}/_mock/clock`)).json()) as { now: string };
      assert.equal(clock.now, '2031-01-01T00:00:00.000Z');
    } finally {
      await epoch.close();
    }
  });

  test('a clock that is not an instant is refused before anything listens', async () => {
    await assert.rejects(createMockServer({ logLevel: 'silent', clock: 'next tuesday' }), ConfigError);
  });

  test("auth 'permissive' accepts a token the emulator never issued", async () => {
    const mock = await createMockServer({ logLevel: 'silent', auth: 'permissive' });
    try {
      const response = await fetch(`${mock.url}/Rest/Libraries/1/Member/Profile?content_id=112678261&license=Standard`, {
        headers: { 'x-api-key': 'some-real-key', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl' },
      });
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as { purchase_options: { state: string } }).purchase_options.state, 'not_possible');
    } finally {
      await mock.close();
    }
  });

  test('fixturesDir and dataFile: a prepared world, persisted across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adobe-api-mock-embed-'));
    try {
      const fixtures = join(dir, 'fixtures');
      const { mkdir } = await import('node:fs/promises');
      await mkdir(fixtures);
      await writeFile(
        join(fixtures, 'stock.json'),
        JSON.stringify({
          scopes: {
            stock: {
              files: [
                {
                  id: 1,
                  title: 'Only file',
                  creator_id: 7,
                  creator_name: 'Test',
                  country_name: 'Nowhere',
                  width: 100,
                  height: 50,
                  media_type_id: 1,
                  content_type: 'image/jpeg',
                  vector_type: null,
                  category: { id: 1, name: 'Test' },
                  keywords: ['only'],
                  premium_level_id: 1,
                  is_editorial: false,
                  has_releases: false,
                  nb_views: 1,
                  nb_downloads: 1,
                  creation_date: '2020-01-01 00:00:00',
                },
              ],
            },
          },
        }),
      );
      const dataFile = join(dir, 'state.json');
      const first = await createMockServer({ logLevel: 'silent', fixturesDir: fixtures, dataFile });
      const search = async (server: MockServer) =>
        (await (await fetch(`${server.url}/Rest/Media/1/Search/Files?search_parameters[words]=only`, { headers: { 'x-api-key': 'anything' } })).json()) as {
          nb_results: number;
        };
      // No integrations in this fixture set: strict mode knows no API key.
      const refused = await fetch(`${first.url}/Rest/Media/1/Search/Files`, { headers: { 'x-api-key': DEMO.clientId } });
      assert.equal(refused.status, 403);
      await first.close();

      const permissive = await createMockServer({ logLevel: 'silent', fixturesDir: fixtures, dataFile, auth: 'permissive' });
      try {
        assert.equal((await search(permissive)).nb_results, 1);
        assert.equal(permissive.state().scopes.stock.files.length, 1, 'the state came back from the data file');
      } finally {
        await permissive.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('close() stops listening and may be called twice', async () => {
    const mock = await createMockServer({ logLevel: 'silent' });
    await mock.close();
    await mock.close();
    await assert.rejects(fetch(`${mock.url}/_mock/health`));
  });
});
