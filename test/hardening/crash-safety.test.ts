/**
 * Crash safety with a data file (issue 8): the CLI is killed with SIGKILL in the middle of heavy
 * writes, several times; each restart must load the file and hold every write acknowledged
 * before the last flush interval. SIGTERM must flush everything.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdtemp, rename, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO } from '../helpers.js';

const CLI = fileURLToPath(new URL('../../bin/cli.js', import.meta.url));
/** The default flush interval (config.flushIntervalMs), plus room for the append itself on a busy machine. */
const FLUSH_INTERVAL_MS = 100;
const SAFETY_MARGIN_MS = 150;
const KILLS = 3;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  base: string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function start(dataFile: string, extra: string[] = []): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, '--port', String(port), '--data-file', dataFile, '--log-level', 'silent', ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the emulator exited while starting: ${stderr}`);
    try {
      if ((await fetch(`${base}/_mock/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no health answer within 20 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, base, exited, stderr: () => stderr };
}

async function token(base: string): Promise<string> {
  const response = await fetch(`${base}/ims/token/v3`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=adobe-mock-secret`,
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Creates offers with 8 concurrent clients until `stop()`; `acked` fills with each acknowledged id and its time. */
function writer(base: string, accessToken: string, label: string) {
  const acked: Array<{ id: number; ackedAt: number }> = [];
  let stopped = false;
  let serial = 0;
  const worker = async () => {
    while (!stopped) {
      const name = `${label} ${++serial}`;
      try {
        const response = await fetch(`${base}/${DEMO.tenant}/target/offers/content`, {
          method: 'POST',
          headers: { authorization: `Bearer ${accessToken}`, 'x-api-key': DEMO.clientId, 'content-type': 'application/json' },
          body: JSON.stringify({ name, content: `<p>${name}</p>` }),
        });
        if (response.status === 200) acked.push({ id: ((await response.json()) as { id: number }).id, ackedAt: performance.now() });
      } catch {
        return; // the process is gone
      }
    }
  };
  const done = Promise.all(Array.from({ length: 8 }, worker));
  return {
    acked,
    /** Resolves once `count` writes were acknowledged (or after 30 s). */
    async reach(count: number): Promise<void> {
      const deadline = Date.now() + 30_000;
      while (acked.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    async stop(): Promise<void> {
      stopped = true;
      await done;
    },
  };
}

async function offerIds(base: string, accessToken: string, label: string): Promise<Set<number>> {
  const response = await fetch(`${base}/${DEMO.tenant}/target/offers?name=${encodeURIComponent(label)}`, {
    headers: { authorization: `Bearer ${accessToken}`, 'x-api-key': DEMO.clientId },
  });
  assert.equal(response.status, 200);
  return new Set(((await response.json()) as { offers: Array<{ id: number }> }).offers.map((offer) => offer.id));
}

describe('crash safety of the data file', () => {
  test(`${KILLS} SIGKILLs during heavy writes lose nothing acknowledged before the last flush interval; SIGTERM flushes all`, {
    timeout: 120_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adobe-mock-crash-'));
    const dataFile = join(dir, 'state.json');
    const mustHave = new Map<number, string>();
    let running: Running | null = null;
    try {
      for (let kill = 1; kill <= KILLS + 1; kill++) {
        running = await start(dataFile);
        const accessToken = await token(running.base);
        // Everything acknowledged in earlier runs is still there after the restart.
        for (const label of new Set(mustHave.values())) {
          const present = await offerIds(running.base, accessToken, label);
          const missing = [...mustHave].filter(([id, l]) => l === label && !present.has(id)).map(([id]) => id);
          assert.deepEqual(missing, [], `offers of "${label}" lost after the restart`);
        }
        if (kill > KILLS) break;

        const label = `crash run ${kill}`;
        const writes = writer(running.base, accessToken, label);
        await writes.reach(150 * kill);
        const killedAt = performance.now();
        running.child.kill('SIGKILL');
        assert.deepEqual(await running.exited, { code: null, signal: 'SIGKILL' });
        await writes.stop();
        for (const { id, ackedAt } of writes.acked) if (ackedAt < killedAt - FLUSH_INTERVAL_MS - SAFETY_MARGIN_MS) mustHave.set(id, label);
      }

      // SIGTERM after a burst: every acknowledged write survives, even the last ones.
      const accessToken = await token(running!.base);
      const label = 'sigterm run';
      const burst = writer(running!.base, accessToken, label);
      await burst.reach(200);
      await burst.stop();
      const acked = burst.acked;
      running!.child.kill('SIGTERM');
      assert.deepEqual(await running!.exited, { code: 0, signal: null });
      running = await start(dataFile);
      const present = await offerIds(running.base, await token(running.base), label);
      assert.deepEqual(
        acked.filter(({ id }) => !present.has(id)),
        [],
        'writes lost despite SIGTERM',
      );
      console.log(`crash safety: ${KILLS} SIGKILLs survived, ${mustHave.size} writes checked after kills, ${acked.length} after SIGTERM`);
    } finally {
      if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
  // Guarantee: a line torn by a crash mid-append is cut off at the next start, so the first
  // write acknowledged after that restart is not glued to the fragment and lost at the restart after.
  test('torn tail, restart, write, restart: the write after the first restart survives', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adobe-mock-crash-'));
    const dataFile = join(dir, 'state.json');
    let running: Running | null = null;
    try {
      running = await start(dataFile);
      const before = writer(running.base, await token(running.base), 'before the crash');
      await before.reach(5);
      await before.stop();
      running.child.kill('SIGTERM');
      await running.exited;
      // A crash mid-append: half a line at the end of the log.
      await appendFile(`${dataFile}.log`, '{"s":"target/mocktenant","c":"offers","i":"999","v":{"id":999,"na');

      running = await start(dataFile);
      let accessToken = await token(running.base);
      const writes = writer(running.base, accessToken, 'after the torn tail');
      await writes.reach(20);
      await writes.stop();
      await new Promise((resolve) => setTimeout(resolve, FLUSH_INTERVAL_MS + SAFETY_MARGIN_MS));
      running.child.kill('SIGKILL');
      await running.exited;

      running = await start(dataFile);
      accessToken = await token(running.base);
      // A lost change to the id sequence would hand out an acknowledged offer's id again.
      const next = writer(running.base, accessToken, 'after the second restart');
      await next.reach(5);
      await next.stop();
      const present = await offerIds(running.base, accessToken, 'after the torn tail');
      assert.deepEqual(
        writes.acked.filter(({ id }) => !present.has(id)),
        [],
        'writes lost or overwritten after the torn tail',
      );
    } finally {
      if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
  // Guarantee: a full disk never ends the process or loses a change: the log's writes are
  // retried, /_mock/health says degraded meanwhile, and once the disk frees every change
  // acknowledged during the outage is written (checked after a SIGKILL, so no close-time flush helps).
  test('disk full (ENOSPC) on the log: no exit, degraded health, then ok once the disk frees, nothing lost', {
    skip: !existsSync('/dev/full'),
    timeout: 60_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adobe-mock-crash-'));
    const dataFile = join(dir, 'state.json');
    const logFile = `${dataFile}.log`;
    let running: Running | null = null;
    const health = async () =>
      (await fetch(`${running!.base}/_mock/health`)).json() as Promise<{ status: string; persistence?: { status: string; error: string; since: string } }>;
    try {
      running = await start(dataFile);
      const accessToken = await token(running.base);
      const before = writer(running.base, accessToken, 'disk full');
      await before.reach(5);
      await before.stop();
      await new Promise((resolve) => setTimeout(resolve, FLUSH_INTERVAL_MS + SAFETY_MARGIN_MS));

      // The disk fills up: the log becomes /dev/full (every write fails with ENOSPC).
      await rename(logFile, `${logFile}.kept`);
      await symlink('/dev/full', logFile);
      const during = writer(running.base, accessToken, 'disk full');
      await during.reach(50);
      await during.stop();
      await new Promise((resolve) => setTimeout(resolve, FLUSH_INTERVAL_MS + SAFETY_MARGIN_MS));
      assert.equal(running.child.exitCode, null, 'the emulator is still running');
      const degraded = await health();
      assert.equal(degraded.status, 'degraded');
      assert.equal(degraded.persistence?.status, 'failing');
      assert.match(degraded.persistence?.error ?? '', /ENOSPC/);

      // The disk frees: the same log file is writable again.
      await rm(logFile);
      await rename(`${logFile}.kept`, logFile);
      const deadline = Date.now() + 15_000;
      while ((await health()).status !== 'ok' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(Object.keys(await health()), ['status', 'version', 'services'], 'healthy again, with the usual body');

      running.child.kill('SIGKILL');
      await running.exited;
      running = await start(dataFile);
      const present = await offerIds(running.base, await token(running.base), 'disk full');
      const acked = [...before.acked, ...during.acked];
      assert.deepEqual(
        acked.filter(({ id }) => !present.has(id)),
        [],
        'writes acknowledged during the outage were lost',
      );

      // Guarantee: SIGTERM on a full disk still ends the process promptly, saying what was not saved.
      await rename(logFile, `${logFile}.kept`);
      await symlink('/dev/full', logFile);
      const unsaved = writer(running.base, await token(running.base), 'never saved');
      await unsaved.reach(5);
      await unsaved.stop();
      const t0 = performance.now();
      running.child.kill('SIGTERM');
      assert.deepEqual(await running.exited, { code: 1, signal: null });
      assert.ok(performance.now() - t0 < 5_000, 'exits within 5 s');
      assert.match(running.stderr(), /changed object\(s\) were not saved to .*state\.json: ENOSPC/);
    } finally {
      if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
  // Guarantee of --durability sync: an acknowledged write is on disk before its answer, so a
  // SIGKILL at any moment loses none of them (no flush-interval margin here).
  test(`sync durability: ${KILLS} SIGKILLs during heavy writes lose no acknowledged write`, { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adobe-mock-crash-'));
    const dataFile = join(dir, 'state.json');
    const mustHave = new Map<number, string>();
    let running: Running | null = null;
    try {
      for (let kill = 1; kill <= KILLS + 1; kill++) {
        running = await start(dataFile, ['--durability', 'sync']);
        const accessToken = await token(running.base);
        for (const label of new Set(mustHave.values())) {
          const present = await offerIds(running.base, accessToken, label);
          const missing = [...mustHave].filter(([id, l]) => l === label && !present.has(id)).map(([id]) => id);
          assert.deepEqual(missing, [], `acknowledged offers of "${label}" lost after the restart`);
        }
        if (kill > KILLS) break;
        const label = `sync run ${kill}`;
        const writes = writer(running.base, accessToken, label);
        await writes.reach(100 * kill);
        running.child.kill('SIGKILL');
        await running.exited;
        await writes.stop();
        for (const { id } of writes.acked) mustHave.set(id, label);
      }
      console.log(`sync durability: ${KILLS} SIGKILLs survived, ${mustHave.size} acknowledged writes checked`);
    } finally {
      if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
