import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fsPromises from 'node:fs/promises';
import { mkdir, mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store, scopes } from '../../src/store/store.js';
import { Persistence, type PersistenceLog } from '../../src/store/persistence.js';
import type { PersistenceFs } from '../../src/store/data-files.js';
import { loadFixtures } from '../../src/store/fixtures.js';
import { DEFAULT_FIXTURES_DIR } from '../../src/config.js';
import { DEMO, startApp, targetHeaders, tokenFor } from '../helpers.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'adobe-api-mock-test-'));
}

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/**
 * The real file system, except that writes to the paths `disk.fails` picks throw ENOSPC (after
 * writing their first 10 bytes when `disk.partial`, like a write cut short by a full disk).
 */
function faultyDisk() {
  const disk = { fails: (_path: string) => false, partial: false };
  const open = async (path: string, flags: string | number) => {
    const handle = await fsPromises.open(path, flags);
    if (!disk.fails(path)) return handle;
    return new Proxy(handle, {
      get(target, property) {
        if (property === 'writeFile') {
          return async (data: string) => {
            if (disk.partial) await target.writeFile(data.slice(0, 10));
            throw enospc();
          };
        }
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  const fs = { ...fsPromises, open } as unknown as PersistenceFs;
  return { disk, fs };
}

function recordingLog() {
  const lines: Array<{ level: string; message: string }> = [];
  const log: PersistenceLog = {
    warn: (_details, message) => lines.push({ level: 'warn', message }),
    info: (_details, message) => lines.push({ level: 'info', message }),
    error: (_details, message) => lines.push({ level: 'error', message }),
  };
  return { lines, log };
}

async function reload(file: string): Promise<Store> {
  const store = new Store();
  await new Persistence(store, { file, flushIntervalMs: 10_000, compactBytes: 1 << 30 }).open();
  return store;
}

describe('Persistence (write-behind change log + snapshot)', () => {
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
      const [header, ...log] = (await readFile(`${file}.log`, 'utf8')).trim().split('\n');
      assert.deepEqual(JSON.parse(header!), { generation: 1 }, 'the log continues the snapshot of the same generation');
      assert.equal(log.length, 2, 'one line per changed object, the last value only');
      assert.deepEqual(JSON.parse(log[0]!), { s: 'test', c: 'things', i: 'same', v: { n: 99 } });
      assert.deepEqual(JSON.parse(log[1]!), { s: 'test', c: 'things', i: 'other' });
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
      await writeFile(
        `${file}.log`,
        [good('a'), 'null', '42', '"text"', '[]', '{"s":1,"c":"things","i":"x","v":1}', '{"s":"test","c":"things"}', good('b'), ''].join('\n'),
      );
      const store = new Store();
      assert.equal(await new Persistence(store, { file, flushIntervalMs: 10, compactBytes: 1 << 30 }).open(), true);
      assert.deepEqual(
        [...store.collection('test', 'things').entries()].map(([id]) => id),
        ['a', 'b'],
      );
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
      assert.equal(await readFile(`${file}.log`, 'utf8'), '{"generation":1}\n', 'a new log, without changes');
      const snapshot = JSON.parse(await readFile(file, 'utf8'));
      assert.equal(snapshot.generation, 1);
      assert.equal(snapshot.scopes.test.things.length, 20);
      await persistence.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Persistence on a failing disk', () => {
  test('a failed append keeps its changes (a newer change of the same object wins), reports the failure once, and a later write saves them', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    const { disk, fs } = faultyDisk();
    const { lines, log } = recordingLog();
    try {
      const store = new Store();
      const persistence = new Persistence(store, { file, flushIntervalMs: 10_000, compactBytes: 1 << 30, fs, log });
      await persistence.open();
      await persistence.compact();
      const things = store.collection<{ n: number }>('test', 'things');
      disk.fails = (path) => path.endsWith('.log');
      disk.partial = true;
      things.put('a', { n: 1 });
      things.put('b', { n: 1 });
      await assert.rejects(persistence.flush(), /ENOSPC/);
      things.put('a', { n: 2 });
      await assert.rejects(persistence.flush(), /ENOSPC/);
      await assert.rejects(persistence.commit(), /ENOSPC/, 'sync callers fail fast while the disk fails');
      const health = persistence.health();
      assert.equal(health?.status, 'failing');
      assert.match(health!.error, /ENOSPC/);
      assert.ok(Date.parse(health!.since) <= Date.now());

      disk.fails = () => false;
      await persistence.flush();
      assert.equal(persistence.health(), null);
      assert.deepEqual(
        lines.map((line) => line.level),
        ['warn', 'info'],
        'one warning when it starts failing, one line when it recovers',
      );

      // A crash now (no close): the log alone must hold both objects, without the partial writes.
      const reloaded = await reload(file);
      assert.deepEqual(reloaded.collection('test', 'things').get('a'), { n: 2 });
      assert.deepEqual(reloaded.collection('test', 'things').get('b'), { n: 1 });
      const logLines = (await readFile(`${file}.log`, 'utf8')).trim().split('\n');
      for (const line of logLines) JSON.parse(line);
      await persistence.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a failed write is retried with backoff, without being asked', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    const { disk, fs } = faultyDisk();
    try {
      const store = new Store();
      const persistence = new Persistence(store, { file, flushIntervalMs: 10, compactBytes: 1 << 30, fs });
      await persistence.open();
      disk.fails = () => true;
      store.collection('test', 'things').put('a', { n: 1 });
      const deadline = Date.now() + 5_000;
      while (!persistence.health() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(persistence.health()?.status, 'failing');
      disk.fails = () => false;
      while (persistence.health() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(persistence.health(), null, 'recovered by a retry');
      assert.deepEqual((await reload(file)).collection('test', 'things').get('a'), { n: 1 });
      await persistence.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a failed compaction loses nothing and is reported; a log already folded into a newer snapshot is never replayed', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    const { disk, fs } = faultyDisk();
    try {
      const store = new Store();
      const persistence = new Persistence(store, { file, flushIntervalMs: 10_000, compactBytes: 1 << 30, fs });
      await persistence.open();
      const things = store.collection<{ n: number }>('test', 'things');
      things.put('a', { n: 1 });
      await persistence.flush();

      // The snapshot cannot be written: the state stays as the log has it, and compaction is retried.
      disk.fails = (path) => path.endsWith('.tmp');
      things.put('a', { n: 2 });
      await assert.rejects(persistence.compact(), /ENOSPC/);
      assert.equal(persistence.health()?.status, 'failing');

      // The snapshot is renamed into place but the new log cannot be started (then a crash):
      // the old log, holding a = 1, must not be replayed over the snapshot's a = 2.
      disk.fails = (path) => path.endsWith('.log');
      await assert.rejects(persistence.compact(), /ENOSPC/);
      assert.deepEqual((await reload(file)).collection('test', 'things').get('a'), { n: 2 });

      disk.fails = () => false;
      things.put('b', { n: 1 });
      await persistence.flush();
      assert.equal(persistence.health(), null);
      const reloaded = await reload(file);
      assert.deepEqual(reloaded.collection('test', 'things').get('a'), { n: 2 });
      assert.deepEqual(reloaded.collection('test', 'things').get('b'), { n: 1 });
      await persistence.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('close on a failing disk gives up in bounded time and says what was not saved', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    const { disk, fs } = faultyDisk();
    const { lines, log } = recordingLog();
    try {
      const store = new Store();
      const persistence = new Persistence(store, { file, flushIntervalMs: 10_000, compactBytes: 1 << 30, fs, log });
      await persistence.open();
      disk.fails = () => true;
      store.collection('test', 'things').put('a', { n: 1 });
      store.collection('test', 'things').put('b', { n: 1 });
      const t0 = performance.now();
      await assert.rejects(persistence.close(), /2 changed object\(s\) were not saved to .*state\.json: ENOSPC/);
      assert.ok(performance.now() - t0 < 2_000, 'close gives up within 2 s');
      assert.equal(lines.at(-1)?.level, 'error');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Sync durability', () => {
  test('concurrent commits share writes (group commit), and each resolves only once its change is in the log', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state.json');
    let appends = 0;
    const open = (async (path: string, flags: string | number) => {
      if (path.endsWith('.log') && typeof flags === 'number') appends++;
      return fsPromises.open(path, flags);
    }) as PersistenceFs['open'];
    try {
      const store = new Store();
      const persistence = new Persistence(store, { file, flushIntervalMs: 10_000, compactBytes: 1 << 30, fs: { ...fsPromises, open } as PersistenceFs });
      await persistence.open();
      await persistence.compact();
      const things = store.collection<{ n: number }>('test', 'things');
      const requests = Array.from({ length: 40 }, async (_, n) => {
        await new Promise((resolve) => setTimeout(resolve, n % 8));
        things.put(String(n), { n });
        await persistence.commit();
        const logged = (await readFile(`${file}.log`, 'utf8'))
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { i?: string });
        assert.ok(
          logged.some((line) => line.i === String(n)),
          `change ${n} is in the log once its commit resolved`,
        );
      });
      await Promise.all(requests);
      assert.ok(appends < 40, `40 commits took ${appends} appends`);
      await persistence.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a change that cannot be saved answers 500 in the product envelope; it is kept and saved once the log is back', async () => {
    const dir = await tempDir();
    const dataFile = join(dir, 'state.json');
    try {
      const t = await startApp({ dataFile, durability: 'sync' });
      const token = await tokenFor(t);
      const create = (name: string) =>
        t.inject({ method: 'POST', url: `/${DEMO.tenant}/target/offers/content`, headers: targetHeaders(token), payload: { name, content: '<p>x</p>' } });
      assert.equal((await create('saved at once')).statusCode, 200);

      // The log path becomes a folder: every append fails (EISDIR).
      await rm(`${dataFile}.log`);
      await mkdir(`${dataFile}.log`);
      const failed = await create('kept in memory');
      assert.equal(failed.statusCode, 500);
      assert.match(failed.json().errors[0].message, /could not be saved to the data file: EISDIR/, "Target's error envelope");
      const health = (await t.inject({ method: 'GET', url: '/_mock/health' })).json();
      assert.equal(health.status, 'degraded');
      assert.equal(health.persistence.status, 'failing');

      // The folder goes: the log is gone, so the next write is a full snapshot (retried in the background).
      await rm(`${dataFile}.log`, { recursive: true });
      const deadline = Date.now() + 10_000;
      while ((await t.inject({ method: 'GET', url: '/_mock/health' })).json().status !== 'ok' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal((await create('after recovery')).statusCode, 200);
      const names = (store: Store) => [...store.collection<{ name: string }>(scopes.target(DEMO.tenant), 'offers').values()].map((offer) => offer.name);
      const reloaded = await reload(dataFile); // as after a crash: what is on disk now
      for (const name of ['saved at once', 'kept in memory', 'after recovery']) assert.ok(names(reloaded).includes(name), `${name} is on disk`);
      await t.close();
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

  test('a reset rewrites the snapshot behind its answer; with sync durability the answer waits for it', async () => {
    const dir = await tempDir();
    const snapshotEnvironments = async (file: string) =>
      (JSON.parse(await readFile(file, 'utf8')) as { scopes: Record<string, Record<string, unknown[]>> }).scopes[scopes.target(DEMO.tenant)]?.environments
        ?.length;
    try {
      for (const durability of ['write-behind', 'sync'] as const) {
        const dataFile = join(dir, `${durability}.json`);
        const t = await startApp({ dataFile, durability });
        t.ctx.store.collection(scopes.target(DEMO.tenant), 'environments').delete(8820);
        await t.ctx.persistence!.flush();
        await t.ctx.persistence!.compact();
        assert.equal(await snapshotEnvironments(dataFile), 2);
        assert.equal((await t.inject({ method: 'POST', url: '/_mock/reset' })).statusCode, 200);
        if (durability === 'sync') assert.equal(await snapshotEnvironments(dataFile), 3, 'on disk before the answer');
        await t.ctx.persistence!.flush();
        assert.equal(await snapshotEnvironments(dataFile), 3);
        await t.close();
      }
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
    assert.deepEqual(
      [...copy.collection<{ id: number }>('s', 'activities').values()].map((a) => a.id),
      [168805, 168942, 168816],
    );
  });
});
