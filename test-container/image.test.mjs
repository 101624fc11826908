/**
 * The real image, run with podman and tested from outside over HTTP. Run by
 * scripts/container-test.sh (npm run test:container), which builds the image and passes its name in
 * ADOBE_MOCK_IMAGE; not part of `npm test` (it needs podman and a built image).
 *
 * Every container and volume made here carries the label adobe-api-mock.container-test=<run id>
 * and is removed at the end (the script removes whatever is left, too).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO, targetHeaders } from '../examples/lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IMAGE = process.env.ADOBE_MOCK_IMAGE;
if (!IMAGE) throw new Error('ADOBE_MOCK_IMAGE names the image to test (scripts/container-test.sh builds it)');
const RUN_ID = process.env.CONTAINER_TEST_RUN_ID ?? `t${process.pid}`;
const LABEL = `adobe-api-mock.container-test=${RUN_ID}`;
/** The default crun refuses this kernel's hybrid cgroups; runc with cgroupfs runs everywhere. */
const PODMAN_GLOBAL = (process.env.CONTAINER_TEST_PODMAN_ARGS ?? '--cgroup-manager=cgroupfs --runtime=runc').split(/\s+/).filter(Boolean);
/** Root's podman (images built by the script live there): through sudo when the tests do not run as root. */
const SUDO = process.env.CONTAINER_TEST_SUDO ? [process.env.CONTAINER_TEST_SUDO, '-E'] : [];
const ULIMITS = ['--ulimit', 'nofile=20000:20000', '--ulimit', 'nproc=4096:4096'];
const WALKTHROUGHS = ['platform-dataset-tutorial.mjs', 'target-activity.mjs', 'target-batch.mjs', 'profile-bulk-update.mjs'];
/** Figures for the report; printed at the end. */
const figures = [];

function exec(command, args, { timeoutMs = 120_000, env = process.env } = {}) {
  return new Promise((resolvePromise) => {
    execFile(command, args, { timeout: timeoutMs, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolvePromise({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** podman with the global flags; throws unless it exits 0 (unless allowFail). */
async function podman(args, { allowFail = false, timeoutMs } = {}) {
  const argv = [...SUDO, 'podman', ...PODMAN_GLOBAL, ...args];
  const result = await exec(argv[0], argv.slice(1), { timeoutMs });
  if (!allowFail && result.code !== 0) throw new Error(`podman ${args.join(' ')} → ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

/**
 * Starts a container of the image (port 4590 published on a free loopback port) and waits for
 * /_mock/health. Returns its id, base URL and the time from `podman run` to the first 200.
 */
async function start({ env = {}, volume, readOnly = false } = {}) {
  const args = ['run', '-d', '--label', LABEL, ...ULIMITS, '-p', '127.0.0.1::4590'];
  for (const [key, value] of Object.entries(env)) args.push('-e', `${key}=${value}`);
  if (volume) args.push('-v', `${volume}:/data`);
  // As Docker does it: only what is asked for is writable (podman alone would add tmpfs on /run, /tmp, /var/tmp).
  if (readOnly) args.push('--read-only', '--read-only-tmpfs=false', '--tmpfs', '/tmp');
  const began = performance.now();
  const id = (await podman([...args, IMAGE])).stdout.trim();
  const base = await publishedUrl(id);
  await waitHealthy(base, id);
  return { id, base, startToHealthyMs: performance.now() - began };
}

async function publishedUrl(id) {
  const port = (await podman(['port', id, '4590/tcp'])).stdout.trim().split('\n')[0];
  assert.match(port, /^127\.0\.0\.1:\d+$/, `published port of ${id}`);
  return `http://${port}`;
}

/** Polls /_mock/health every 20 ms; the elapsed time since the call. */
async function waitHealthy(base, id, timeoutMs = 30_000) {
  const began = performance.now();
  for (;;) {
    try {
      const response = await fetch(`${base}/_mock/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return performance.now() - began;
    } catch {
      // not listening yet
    }
    if (performance.now() - began > timeoutMs) {
      const logs = await podman(['logs', id], { allowFail: true });
      throw new Error(`${id} not healthy after ${timeoutMs} ms\n${logs.stdout}${logs.stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function token(base) {
  const response = await fetch(`${base}/ims/token/v3`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}`,
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()).access_token;
}

async function createOffer(base, name) {
  const response = await fetch(`${base}/${DEMO.tenant}/target/offers/content`, {
    method: 'POST',
    headers: targetHeaders(await token(base), 2),
    body: JSON.stringify({ name, content: `<p>${name}</p>` }),
  });
  assert.ok([200, 201].includes(response.status), `${response.status} ${await response.clone().text()}`);
  return (await response.json()).id;
}

async function offerStatus(base, id) {
  const response = await fetch(`${base}/${DEMO.tenant}/target/offers/content/${id}`, { headers: targetHeaders(await token(base), 2) });
  await response.arrayBuffer();
  return response.status;
}

async function inspect(id, format) {
  return (await podman(['inspect', id, '--format', format])).stdout.trim();
}

/** `podman stop -t 10`: SIGTERM, then SIGKILL after 10 s. Returns the time it took and the exit code. */
async function stop(id) {
  const began = performance.now();
  await podman(['stop', '-t', '10', id]);
  const ms = performance.now() - began;
  return { ms, exitCode: Number(await inspect(id, '{{.State.ExitCode}}')) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => `${Math.round(ms)} ms`;

after(async () => {
  const ids = (await podman(['ps', '-aq', '--filter', `label=${LABEL}`], { allowFail: true })).stdout.split('\n').filter(Boolean);
  if (ids.length > 0) await podman(['rm', '-f', '-t', '0', ...ids], { allowFail: true });
  const volumes = (await podman(['volume', 'ls', '-q', '--filter', `label=${LABEL}`], { allowFail: true })).stdout.split('\n').filter(Boolean);
  if (volumes.length > 0) await podman(['volume', 'rm', '-f', ...volumes], { allowFail: true });
  if (figures.length > 0) console.log(`figures:\n${figures.map((line) => `  ${line}`).join('\n')}`);
});

describe(`image ${IMAGE}`, { concurrency: 1 }, () => {
  test('in memory by default, as the unprivileged node user (uid 1000), no volume; the HEALTHCHECK passes', async () => {
    const [inspected] = JSON.parse((await podman(['image', 'inspect', IMAGE])).stdout);
    const config = inspected.Config;
    assert.ok(!config.Env.some((entry) => entry.startsWith('MOCK_DATA_FILE=')), `no MOCK_DATA_FILE in ${config.Env}`);
    assert.deepEqual(Object.keys(config.Volumes ?? {}), [], 'the image declares no VOLUME');
    assert.equal(config.User, 'node');
    assert.ok(inspected.Healthcheck?.Test?.length > 0, 'the HEALTHCHECK is kept (built with --format docker)');

    const times = [];
    for (let round = 0; round < 3; round++) {
      const { id, startToHealthyMs } = await start();
      times.push(startToHealthyMs);
      if (round < 2) await podman(['rm', '-f', '-t', '0', id]);
      else {
        const began = performance.now();
        const check = await podman(['healthcheck', 'run', id], { allowFail: true });
        assert.equal(check.code, 0, `podman healthcheck run: ${check.stdout}${check.stderr}`);
        figures.push(`podman healthcheck run: healthy, took ${fmt(performance.now() - began)}`);
        assert.equal(await inspect(id, '{{.State.Health.Status}}'), 'healthy');
        assert.equal(await inspect(id, '{{len .Mounts}}'), '0', 'no volume is mounted');
        const status = (await podman(['exec', id, 'cat', '/proc/1/status'])).stdout;
        assert.match(status, /^Uid:\s+1000\s+1000\s+1000\s+1000$/m, 'the server (pid 1) runs as uid 1000');
        assert.match(status, /^Gid:\s+1000\s/m);
        assert.equal((await podman(['exec', id, 'id', '-un'])).stdout.trim(), 'node');
        const health = await (await fetch(`${await publishedUrl(id)}/_mock/health`)).json();
        assert.equal(health.status, 'ok', JSON.stringify(health));
        // The log says where the state lives.
        assert.match((await podman(['logs', id])).stdout, /state in memory/);
      }
    }
    figures.push(`podman run → /_mock/health 200 (in memory): ${times.map(fmt).join(', ')} (median ${fmt(median(times))})`);
  });

  test('the walkthroughs pass from the host against the published port, and inside the container (podman exec)', async () => {
    const { id, base } = await start();
    for (const script of WALKTHROUGHS) {
      const result = await exec(process.execPath, [join(ROOT, 'examples', script), base], { env: { ...process.env, NO_COLOR: '1' } });
      assert.equal(result.code, 0, `${script} against ${base}:\n${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout, /Done: every step answered as expected/);
    }
    const inside = await podman(['exec', '-e', 'NO_COLOR=1', id, 'node', 'examples/target-batch.mjs'], { allowFail: true });
    assert.equal(inside.code, 0, `podman exec node examples/target-batch.mjs:\n${inside.stdout}\n${inside.stderr}`);
    assert.match(inside.stdout, /Emulator: http:\/\/127\.0\.0\.1:4590/);
    assert.match(inside.stdout, /Done: every step answered as expected/);
  });

  test('in memory, a restart starts clean; SIGTERM stops it in under 2 s with exit code 0', async () => {
    const { id, base } = await start();
    const offer = await createOffer(base, `memory ${RUN_ID}`);
    assert.equal(await offerStatus(base, offer), 200);
    const stopped = await stop(id);
    figures.push(`podman stop -t 10 (in memory): ${fmt(stopped.ms)}, exit code ${stopped.exitCode}`);
    assert.ok(stopped.ms < 2000, `stopped in ${fmt(stopped.ms)}`);
    assert.equal(stopped.exitCode, 0);
    await podman(['start', id]);
    const again = await publishedUrl(id);
    await waitHealthy(again, id);
    assert.equal(await offerStatus(again, offer), 404, 'the offer is gone: nothing persisted by default');
  });

  test('with MOCK_DATA_FILE on a volume: SIGTERM flushes in under 2 s, and a new container on the volume reads the state back', async () => {
    const volume = `adobe-api-mock-test-${RUN_ID}`;
    await podman(['volume', 'create', '--label', LABEL, volume]);
    const env = { MOCK_DATA_FILE: '/data/state.json' };
    const first = await start({ env, volume });
    assert.match((await podman(['logs', first.id])).stdout, /\/data\/state\.json/);
    const offer = await createOffer(first.base, `persisted ${RUN_ID}`);
    // Stopped right away: the change is still in the flush interval, so only the SIGTERM flush writes it.
    const stopped = await stop(first.id);
    figures.push(`podman stop -t 10 (persistence on, right after a write): ${fmt(stopped.ms)}, exit code ${stopped.exitCode}`);
    assert.ok(stopped.ms < 2000, `stopped in ${fmt(stopped.ms)}`);
    assert.equal(stopped.exitCode, 0);
    const files = (await podman(['run', '--rm', '--label', LABEL, ...ULIMITS, '-v', `${volume}:/data`, IMAGE, 'ls', '-ln', '/data'])).stdout;
    assert.match(files, /\b1000\s+1000\b.*state\.json/, `the state file belongs to node:\n${files}`);

    const second = await start({ env, volume });
    figures.push(`podman run → /_mock/health 200 (persistence on, state on the volume): ${fmt(second.startToHealthyMs)}`);
    assert.equal(await offerStatus(second.base, offer), 200, 'the offer created before the stop is there');
    // Restarting the same container keeps it too.
    await stop(second.id);
    await podman(['start', second.id]);
    const again = await publishedUrl(second.id);
    await waitHealthy(again, second.id);
    assert.equal(await offerStatus(again, offer), 200);
  });

  test('runs with a read-only root file system and a tmpfs on /tmp (uploads go to a temporary folder there)', async () => {
    const { id, base, startToHealthyMs } = await start({ readOnly: true });
    figures.push(`podman run --read-only → /_mock/health 200: ${fmt(startToHealthyMs)}`);
    const write = await podman(['exec', id, 'touch', '/app/x'], { allowFail: true });
    assert.notEqual(write.code, 0, 'the root file system is read-only');
    // The Platform walkthrough uploads a file into a batch and reads the bytes back.
    const result = await exec(process.execPath, [join(ROOT, 'examples', 'platform-dataset-tutorial.mjs'), base], { env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const blobs = (await podman(['exec', id, 'sh', '-c', 'ls -d /tmp/adobe-api-mock-*'])).stdout;
    assert.match(blobs, /\/tmp\/adobe-api-mock-/, 'uploaded files live in a temporary folder under /tmp');
    const stopped = await stop(id);
    assert.equal(stopped.exitCode, 0);
  });

  test('docker-compose.yml comes up with podman-compose and its health check turns healthy', {
    skip: process.env.CONTAINER_TEST_COMPOSE === '0' && 'CONTAINER_TEST_COMPOSE=0',
  }, async () => {
    const project = `adobe-api-mock-test-${RUN_ID}`.toLowerCase();
    const work = await mkdtemp(join(tmpdir(), 'adobe-api-mock-compose-'));
    // podman-compose cannot pass podman's global flags: the same settings through containers.conf.
    const conf = join(work, 'containers.conf');
    await writeFile(
      conf,
      [
        '[containers]',
        'default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]',
        '',
        '[engine]',
        'cgroup_manager = "cgroupfs"',
        'runtime = "runc"',
        '',
      ].join('\n'),
    );
    const port = await freePort();
    const env = { ...process.env, CONTAINERS_CONF: conf, ADOBE_MOCK_IMAGE: IMAGE, ADOBE_MOCK_PORT: `127.0.0.1:${port}` };
    const argv = [...SUDO, 'podman-compose', '-p', project, '-f', join(ROOT, 'docker-compose.yml')];
    const compose = (args) => exec(argv[0], [...argv.slice(1), ...args], { env, timeoutMs: 120_000 });
    try {
      const up = await compose(['up', '-d', '--no-build']);
      assert.equal(up.code, 0, `podman-compose up:\n${up.stdout}\n${up.stderr}`);
      const id = (await podman(['ps', '-q', '--filter', `label=io.podman.compose.project=${project}`])).stdout.trim();
      assert.ok(id, 'the service container runs');
      const began = performance.now();
      let healthy = false;
      while (!healthy && performance.now() - began < 30_000) {
        healthy = (await podman(['healthcheck', 'run', id], { allowFail: true })).code === 0;
        if (!healthy) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(healthy, 'the compose health check passes');
      assert.equal(await inspect(id, '{{.State.Health.Status}}'), 'healthy');
      assert.equal(await inspect(id, '{{len .Mounts}}'), '0', 'compose mounts no volume by default');
      const health = await fetch(`http://127.0.0.1:${port}/_mock/health`);
      assert.equal(health.status, 200);
    } finally {
      await compose(['down', '-t', '2']);
      await rm(work, { recursive: true, force: true });
    }
  });
});

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}
