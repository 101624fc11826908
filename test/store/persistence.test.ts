import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store, scopes } from '../../src/store/store.js';
import { Persistence } from '../../src/store/persistence.js';
import { loadFixtures } from '../../src/store/fixtures.js';
import { DEFAULT_FIXTURES_DIR } from '../../src/config.js';
import { DEMO, startApp, targetHeaders, tokenFor } from '../helpers.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'adobe-api-mock-test-'));
}

describe('Persistence (write-behind change log + lowdb snapshot)', () => {
  test('state written through the API survives a restart, and so do issued tokens', async () => {
    const dir = await tempDir();
    const dataFile = join(dir, 'state.json');
    try {
      const first = await startApp({ dataFile });
      const token = await tokenFor(first);
      const created = await first.inject({
        method: 'POST',
        url: `/${DEMO.tenant}/target/authentication/token?scope=profile_api`,
        headers: targetHeaders(token),
      });
      const accessToken = created.json().accessToken as string;
      await first.close();

      const second = await startApp({ dataFile });
      try {
        const stored = second.ctx.store.collection<{ scope: string }>(scopes.target(DEMO.tenant), 'authenticationTokens').get(accessToken);
        assert.equal(stored?.scope, 'profile_api');
        const call = await second.inject({ method: 'GET', url: `/${DEMO.tenant}/target/environments`, headers: targetHeaders(token) });
        assert.equal(call.statusCode, 200, 'the signing key is persisted, so tokens issued before the restart still work');
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('mutations are coalesced and appended to the log, never rewriting the snapshot per change', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    try {
      const store = new Store();
      const persistence = new Persistence(store, { file, flushIntervalMs: 10_000, compactBytes: 1 << 30 });
      await persistence.open();
      await persistence.compact();
      const snapshotBefore = await readFile(file, 'utf8');
      const things = store.collection<{ n: number }>('test', 'things');
      for (let i = 0; i < 100; i++) things.put('same', { n: i });
      things.put('other', { n: 1 });
      things.delete('other');
      await persistence.flush();
      const log = (await readFile(`${file}.log`, 'utf8')).trim().split('\n');
      assert.equal(log.length, 2, 'one line per changed object, the last value only');
      assert.deepEqual(JSON.parse(log[0]), { s: 'test', c: 'things', i: 'same', v: { n: 99 } });
      assert.deepEqual(JSON.parse(log[1]), { s: 'test', c: 'things', i: 'other' });
      assert.equal(await readFile(file, 'utf8'), snapshotBefore, 'the snapshot was not rewritten');
      await persistence.close();

      const reloaded = new Store();
      await new Persistence(reloaded, { file, flushIntervalMs: 10, compactBytes: 1 << 30 }).open();
      assert.deepEqual(reloaded.collection('test', 'things').get('same'), { n: 99 });
      assert.equal(reloaded.collection('test', 'things').has('other'), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a torn last log line (crash mid-append) is ignored; earlier lines are kept', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    try {
      await writeFile(`${file}.log`, '{"s":"test","c":"things","i":"a","v":{"ok":true}}\n');
      await appendFile(`${file}.log`, '{"s":"test","c":"things","i":"b","v":{"ok"');
      const store = new Store();
      assert.equal(await new Persistence(store, { file, flushIntervalMs: 10, compactBytes: 1 << 30 }).open(), true);
      assert.deepEqual(store.collection('test', 'things').get('a'), { ok: true });
      assert.equal(store.collection('test', 'things').has('b'), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a torn tail is cut off on open, so the first change appended after the restart survives the next restart', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    const options = { file, flushIntervalMs: 10_000, compactBytes: 1 << 30 };
    try {
      await writeFile(`${file}.log`, '{"s":"test","c":"things","i":"a","v":{"ok":true}}\n{"s":"test","c":"things","i":"b","v":{"ok"');
      const first = new Store();
      const persistence = new Persistence(first, options);
      await persistence.open();
      first.collection('test', 'things').put('c', { after: 'restart' });
      await persistence.flush(); // then a crash: no close, so nothing is compacted

      const second = new Store();
      await new Persistence(second, options).open();
      assert.deepEqual(second.collection('test', 'things').get('a'), { ok: true });
      assert.deepEqual(second.collection('test', 'things').get('c'), { after: 'restart' });
      assert.equal(second.collection('test', 'things').has('b'), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('log lines that parse but are not changes are skipped; the valid ones around them are replayed', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    try {
      const good = (id: string) => JSON.stringify({ s: 'test', c: 'things', i: id, v: { id } });
      await writeFile(`${file}.log`, [good('a'), 'null', '42', '"text"', '[]', '{"s":1,"c":"things","i":"x","v":1}', '{"s":"test","c":"things"}', good('b'), ''].join('\n'));
      const store = new Store();
      assert.equal(await new Persistence(store, { file, flushIntervalMs: 10, compactBytes: 1 << 30 }).open(), true);
      assert.deepEqual([...store.collection('test', 'things').entries()].map(([id]) => id), ['a', 'b']);
      assert.deepEqual(store.scopeKeys(), ['test']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the log is folded into the snapshot once it passes compactBytes', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    try {
      const store = new Store();
      const persistence = new Persistence(store, { file, flushIntervalMs: 10_000, compactBytes: 200 });
      await persistence.open();
      for (let i = 0; i < 20; i++) store.collection('test', 'things').put(String(i), { i });
      await persistence.flush();
      assert.equal(await persistence.logSize(), 0);
      const snapshot = JSON.parse(await readFile(file, 'utf8'));
      assert.equal(snapshot.scopes.test.things.length, 20);
      await persistence.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Reset', () => {
  test('POST /_mock/reset puts the state back to exactly the fixtures', async () => {
    const t = await startApp();
    try {
      const fixtures = loadFixtures(DEFAULT_FIXTURES_DIR);
      const withoutInternal = () => {
        const { _emulator, ...rest } = t.ctx.store.snapshot().scopes;
        return rest;
      };
      assert.deepEqual(withoutInternal(), fixtures.scopes);

      const token = await tokenFor(t);
      await t.inject({ method: 'POST', url: `/${DEMO.tenant}/target/authentication/token?scope=debug_tools`, headers: targetHeaders(token) });
      t.ctx.store.collection(scopes.target(DEMO.tenant), 'environments').delete(8820);
      t.ctx.store.collection<object>(scopes.platform(DEMO.org, 'dev'), 'dataSets').put('abc', { id: 'abc' });
      assert.notDeepEqual(withoutInternal(), fixtures.scopes);

      const reset = await t.inject({ method: 'POST', url: '/_mock/reset' });
      assert.equal(reset.statusCode, 200);
      assert.deepEqual(reset.json(), { status: 'reset' });
      assert.deepEqual(withoutInternal(), fixtures.scopes);
      const call = await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/environments`, headers: targetHeaders(token) });
      assert.equal(call.statusCode, 200, 'tokens stay valid across a reset');
      assert.equal(call.json().total, 3);
    } finally {
      await t.close();
    }
  });

  test('reset with a data file rewrites the snapshot to the fixtures', async () => {
    const dir = await tempDir();
    const dataFile = join(dir, 'state.json');
    try {
      const first = await startApp({ dataFile });
      first.ctx.store.collection(scopes.target(DEMO.tenant), 'environments').delete(8820);
      await first.inject({ method: 'POST', url: '/_mock/reset' });
      await first.close();
      const second = await startApp({ dataFile });
      assert.equal(second.ctx.store.collection(scopes.target(DEMO.tenant), 'environments').size, 3);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Store', () => {
  test('integer sequences continue after the highest existing id and never repeat', () => {
    const store = new Store();
    const offers = store.collection<object>(scopes.target('t'), 'offers');
    offers.put(395820, {});
    offers.put(12, {});
    assert.equal(store.nextInteger(scopes.target('t'), 'offers'), 395821);
    offers.delete(395820);
    assert.equal(store.nextInteger(scopes.target('t'), 'offers'), 395822);
    assert.equal(store.nextInteger(scopes.target('other'), 'offers'), 1);
  });

  test('snapshot and load round-trip, keeping insertion order of numeric ids', () => {
    const store = new Store();
    const activities = store.collection<object>('s', 'activities');
    for (const id of [168805, 168942, 168816]) activities.put(id, { id });
    const copy = new Store();
    copy.load(JSON.parse(JSON.stringify(store.snapshot())));
    assert.deepEqual([...copy.collection<{ id: number }>('s', 'activities').values()].map((a) => a.id), [168805, 168942, 168816]);
  });
});
