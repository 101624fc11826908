import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopes } from '../../src/store/store.js';
import { settleBatches } from '../../src/services/platform-objects.js';
import { DEMO } from '../helpers.js';
import { COLLECTIONS, controlApp, MEMBERS, type ControlApp } from './support.js';

const PROD = scopes.platform(DEMO.org, 'prod');
const TENANT = scopes.target(DEMO.tenant);

/** The state without the internal scope (what a snapshot carries). */
function visibleState(t: ControlApp) {
  const { _emulator, ...rest } = t.ctx.store.snapshot().scopes;
  return rest;
}

/** The bytes of a batch's uploaded file, downloaded through Data Access. */
async function download(t: ControlApp, batchId: string, name: string): Promise<Buffer> {
  const listing = await t.inject({ method: 'GET', url: `/data/foundation/export/batches/${batchId}/files`, headers: t.platform() });
  assert.equal(listing.statusCode, 200, listing.body);
  const fileId = (listing.json() as { data: Array<{ dataSetFileId: string }> }).data[0].dataSetFileId;
  const file = await t.inject({ method: 'GET', url: `/data/foundation/export/files/${fileId}?path=${encodeURIComponent(name)}`, headers: t.platform() });
  assert.equal(file.statusCode, 200, file.body);
  return file.rawPayload;
}

describe('GET / PUT /_mock/state', () => {
  let t: ControlApp;
  before(async () => {
    t = await controlApp();
  });
  after(() => t.close());

  test('export, change, import: the state is back as it was, uploaded files included', async () => {
    await t.ctx.reset();
    const offer = await t.createOffer('in the snapshot');
    const batchId = await t.completedBatch();
    settleBatches(t.ctx, PROD);
    const before = visibleState(t);

    const exported = await t.inject({ method: 'GET', url: '/_mock/state' });
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-type']), /^application\/json/);
    const snapshot = exported.json();
    assert.equal(snapshot.format, 'adobe-api-mock/state');
    assert.equal(snapshot.version, 1);
    assert.deepEqual(snapshot.scopes, before);
    assert.equal(snapshot.scopes._emulator, undefined, 'the signing key stays inside');
    assert.deepEqual(Object.keys(snapshot.files), [PROD]);
    assert.deepEqual(Buffer.from(snapshot.files[PROD][`${batchId}/members.json`], 'base64'), MEMBERS);

    await t.ctx.reset();
    const other = await t.createOffer('not in the snapshot');
    assert.equal(t.ctx.store.collection<{ name: string }>(TENANT, 'offers').get(other)?.name, 'not in the snapshot');

    const imported = await t.inject({ method: 'PUT', url: '/_mock/state', headers: { 'content-type': 'application/json' }, payload: exported.body });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.deepEqual(imported.json(), { status: 'imported', scopes: Object.keys(before).length, files: 1 });
    assert.deepEqual(visibleState(t), before);
    assert.equal(t.ctx.store.collection<{ name: string }>(TENANT, 'offers').get(offer)?.name, 'in the snapshot');
    assert.deepEqual(await download(t, batchId, 'members.json'), MEMBERS);
    const again = await t.inject({ method: 'GET', url: '/_mock/state' });
    assert.deepEqual(again.json().scopes, snapshot.scopes);
    assert.deepEqual(again.json().files, snapshot.files);

    const call = await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/offers/content/${offer}`, headers: t.target() });
    assert.equal(call.statusCode, 200, 'tokens issued before the import stay valid');
  });

  test('a bad snapshot answers 400 and changes nothing', async () => {
    await t.ctx.reset();
    const offer = await t.createOffer('stays');
    const batchId = await t.completedBatch();
    const before = visibleState(t);
    const good = (await t.inject({ method: 'GET', url: '/_mock/state' })).json();
    const file = `${batchId}/members.json`;
    const cases: Array<[string, unknown, string]> = [
      ['not an object', [1, 2], 'The snapshot must be a JSON object'],
      ['wrong format', { ...good, format: 'other' }, 'format must be "adobe-api-mock/state"'],
      ['wrong version', { ...good, version: 2 }, 'version must be 1'],
      ['scopes missing', { format: good.format, version: 1 }, 'scopes must be an object: scope key → collection → [[id, object], ...]'],
      [
        'entry not a pair',
        { ...good, scopes: { [TENANT]: { offers: [[1, {}]] } } },
        `scopes["${TENANT}"].offers[0] must be an [id, object] pair with a string id`,
      ],
      [
        'duplicate id',
        {
          ...good,
          scopes: {
            [TENANT]: {
              offers: [
                ['1', {}],
                ['1', {}],
              ],
            },
          },
        },
        `scopes["${TENANT}"].offers holds id '1' twice`,
      ],
      [
        'internal scope',
        { ...good, scopes: { ...good.scopes, _emulator: { keys: [] } } },
        "Scope '_emulator' is internal to the emulator and cannot be imported",
      ],
      ['bad base64', { ...good, files: { [PROD]: { [file]: 'not base64!' } } }, `files["${PROD}"]["${file}"] must be base64 text`],
      ['file missing', { ...good, files: {} }, `scopes["${PROD}"].batchFiles '${file}' is complete but files["${PROD}"]["${file}"] is missing`],
      [
        'file of no entry',
        { ...good, files: { ...good.files, [TENANT]: { x: '' } } },
        `files["${TENANT}"]["x"] has no entry in scopes["${TENANT}"].batchFiles`,
      ],
      ['wrong size', { ...good, files: { [PROD]: { [file]: 'AAAA' } } }, `files["${PROD}"]["${file}"] has 3 bytes; its entry says ${MEMBERS.length}`],
    ];
    for (const [label, payload, message] of cases) {
      const response = await t.inject({
        method: 'PUT',
        url: '/_mock/state',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      assert.equal(response.statusCode, 400, label);
      assert.deepEqual(response.json(), { statusCode: 400, error: 'bad-request', message: `Invalid snapshot: ${message}` }, label);
    }
    const notJson = await t.inject({ method: 'PUT', url: '/_mock/state', headers: { 'content-type': 'application/json' }, payload: '{"format":' });
    assert.equal(notJson.statusCode, 400);
    assert.deepEqual(visibleState(t), before);
    assert.equal(t.ctx.store.collection(TENANT, 'offers').has(offer), true);
    assert.deepEqual(await download(t, batchId, 'members.json'), MEMBERS, 'the files are untouched too');
  });

  test('a snapshot larger than the general body limit is accepted', async () => {
    const small = await controlApp({ bodyLimit: 64 * 1024 });
    try {
      const snapshot = (await small.inject({ method: 'GET', url: '/_mock/state' })).body;
      assert.ok(snapshot.length > 64 * 1024);
      const imported = await small.inject({ method: 'PUT', url: '/_mock/state', headers: { 'content-type': 'application/json' }, payload: snapshot });
      assert.equal(imported.statusCode, 200, imported.body);
    } finally {
      await small.close();
    }
  });
});

describe('State import with a data file', () => {
  test('the imported state is what the next start loads, files included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'control-state-'));
    const dataFile = join(dir, 'state.json');
    try {
      const source = await controlApp();
      const offer = await source.createOffer('travels');
      const batchId = await source.completedBatch();
      const snapshot = (await source.inject({ method: 'GET', url: '/_mock/state' })).body;
      await source.close();

      const first = await controlApp({ dataFile });
      const imported = await first.inject({ method: 'PUT', url: '/_mock/state', headers: { 'content-type': 'application/json' }, payload: snapshot });
      assert.equal(imported.statusCode, 200, imported.body);
      await first.close();

      const second = await controlApp({ dataFile });
      try {
        assert.equal(second.ctx.store.collection(TENANT, 'offers').has(offer), true);
        assert.equal(second.ctx.store.collection(PROD, COLLECTIONS.batches).has(batchId), true);
        assert.deepEqual(await download(second, batchId, 'members.json'), MEMBERS);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
