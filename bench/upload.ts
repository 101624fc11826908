/**
 * Upload benchmark: a 512 MiB file PUT to Batch Ingestion
 * (`/data/foundation/import/batches/{id}/datasets/{id}/files/{name}`, application/octet-stream)
 * over HTTP on 127.0.0.1, beside a bare node:http server streaming the same bytes to disk
 * (bench/upload-baseline.ts). Both run as child processes started like the CLI; the body is
 * generated on the fly by this process (a 64 KiB block written 8192 times, with backpressure).
 *
 * Measured per upload: throughput (MiB/s, first byte written to the answer) and the server's
 * peak RSS growth (VmRSS from /proc/<pid>/status, sampled every 10 ms, minus the RSS just
 * before the upload, after a small warm-up upload). Goal: the emulator's peak growth at most
 * 64 MiB. Also: the emulator with a chunked body (no Content-Length: the limit is enforced by
 * counting), and a 513 MiB body with Content-Length, which must be refused (413) at once.
 *
 *   npm run bench:upload                 # 3 runs of each
 *   BENCH_RUNS=5 npm run bench:upload
 *
 * Always exits 0 once everything was measured: the verdict is a report, not a test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  busyMachineWarning,
  freePort,
  isMainModule,
  markdownTable,
  ms,
  packageRoot,
  sleep,
  spawnServer,
  waitFor200,
  writeResult,
  type SpawnedServer,
} from './lib.js';

const MiB = 1024 * 1024;
const SIZE = 512 * MiB;
const OVER = 513 * MiB;
const GOAL_RSS_MIB = 64;
const HOST = '127.0.0.1';
const DATASET = '5c8c3c555033b814b69f947f';
const CLIENT = { id: 'adobe-mock-client', secret: 'adobe-mock-secret', org: '0123456789ABCDEF01234567@AdobeOrg' };

interface Upload {
  status: number;
  seconds: number;
  mibPerSecond: number;
  peakGrowthMiB: number;
  /** Bytes the client had written when the answer arrived (for refusals). */
  sentWhenAnswered: number;
  answeredAfterMs: number;
}

interface Server {
  name: string;
  process: SpawnedServer;
  base: string;
  /** Path (and headers) of the PUT for a given file name. */
  target(name: string): Promise<{ path: string; headers: Record<string, string> }>;
}

function runCount(): number {
  const raw = process.env.BENCH_RUNS ?? '3';
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, got ${raw}`);
  return runs;
}

/** Resident set size of a process in bytes (Linux), or NaN where /proc is not available. */
function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function start(name: string, script: string, blobRoot: string): Promise<SpawnedServer & { base: string }> {
  const port = await freePort(HOST);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST,
    MOCK_LOG_LEVEL: 'warn',
    MOCK_DATA_FILE: undefined,
    MOCK_FIXTURES: undefined,
    MOCK_AUTH: undefined,
    // The emulator keeps uploads in a temp folder when no data file is set: keep it in ours.
    TMPDIR: blobRoot,
  };
  const server = spawnServer(process.execPath, [script], env);
  const base = `http://${HOST}:${port}`;
  await waitFor200(`${base}/_mock/health`, server.t0 + 30_000, {
    abortIf: () => (server.hasExited() ? `${name} exited before answering:\n${server.output()}` : null),
  });
  return Object.assign(server, { base });
}

function requestJson(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, json: text ? JSON.parse(text) : undefined });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function emulatorTarget(base: string): Promise<Server['target']> {
  const form = `grant_type=client_credentials&client_id=${CLIENT.id}&client_secret=${CLIENT.secret}`;
  const token = await requestJson(`${base}/ims/token/v3`, 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, form);
  if (token.status !== 200) throw new Error(`token request answered ${token.status}`);
  const headers = {
    authorization: `Bearer ${(token.json as { access_token: string }).access_token}`,
    'x-api-key': CLIENT.id,
    'x-gw-ims-org-id': CLIENT.org,
    'x-sandbox-name': 'prod',
  };
  return async (name) => {
    const batch = await requestJson(
      `${base}/data/foundation/import/batches`,
      'POST',
      { ...headers, 'content-type': 'application/json' },
      JSON.stringify({ datasetId: DATASET, inputFormat: { format: 'json' } }),
    );
    if (batch.status !== 201) throw new Error(`batch creation answered ${batch.status}: ${JSON.stringify(batch.json)}`);
    const id = (batch.json as { id: string }).id;
    return { path: `/data/foundation/import/batches/${id}/datasets/${DATASET}/files/${name}`, headers };
  };
}

/**
 * PUTs `size` generated bytes (with or without Content-Length) while sampling the server's RSS;
 * resolves when the answer has arrived (even if the server refused the body early).
 */
async function upload(server: Server, name: string, size: number, contentLength: boolean): Promise<Upload> {
  const { path, headers } = await server.target(name);
  flushDisk();
  const pid = server.process.child.pid!;
  await sleep(100);
  const before = rssOf(pid);
  let peak = before;
  const sampler = setInterval(() => {
    const rss = rssOf(pid);
    if (rss > peak) peak = rss;
  }, 10);
  const block = Buffer.alloc(64 * 1024, 0x7b);
  const t0 = performance.now();
  try {
    const answer = await new Promise<{ status: number; sent: number; at: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const request = http.request(`${server.base}${path}`, {
        method: 'PUT',
        agent: false,
        headers: { ...headers, 'content-type': 'application/octet-stream', ...(contentLength ? { 'content-length': String(size) } : {}) },
      });
      request.on('response', (response) => {
        const at = performance.now();
        answered = true;
        const sentThen = sent;
        response.resume();
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, sent: sentThen, at });
          if (!request.writableEnded) request.destroy(); // answered early: stop sending
        });
      });
      request.on('error', (error) => {
        if (!answered) reject(error);
      });
      const pump = () => {
        while (sent < size && !answered) {
          const piece = size - sent >= block.length ? block : block.subarray(0, size - sent);
          sent += piece.length;
          if (!request.write(piece)) return void request.once('drain', pump);
        }
        if (!answered) request.end();
      };
      pump();
    });
    const seconds = (answer.at - t0) / 1000;
    const final = rssOf(pid);
    if (final > peak) peak = final;
    return {
      status: answer.status,
      seconds,
      mibPerSecond: size / MiB / seconds,
      peakGrowthMiB: (peak - before) / MiB,
      sentWhenAnswered: answer.sent,
      answeredAfterMs: answer.at - t0,
    };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * PUTs `size` bytes with Content-Length over a raw socket and reports when the status line came
 * back. Node's HTTP server answers an unread body with `Connection: close`, and a client still
 * writing then races an EPIPE against reading the answer; a raw socket reads the answer whatever
 * happens to its writes.
 */
async function refusal(server: Server, name: string, size: number): Promise<Upload & { note: string }> {
  // The server answers 413 and closes with our body still arriving, so its kernel resets the
  // connection; on a busy machine the reset can reach us before we have read the answer (EPIPE or
  // ECONNRESET, the 413 lost with the socket). Such an attempt proves nothing: try again, and
  // last of all give the answer 250 ms after the headers before streaming the body.
  const attempts = 5;
  for (let attempt = 1; ; attempt += 1) {
    const headStartMs = attempt === attempts ? 250 : 0;
    try {
      const result = await refusalOnce(server, `${attempt}-${name}`, size, headStartMs);
      const note =
        attempt === 1
          ? ''
          : ` (attempt ${attempt}: the earlier ones lost the answer to a connection reset${headStartMs ? `; the body started ${headStartMs} ms after the headers` : ''})`;
      return { ...result, note };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= attempts || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw error;
    }
  }
}

async function refusalOnce(server: Server, name: string, size: number, headStartMs: number): Promise<Upload> {
  const { path, headers } = await server.target(name);
  const url = new URL(server.base);
  const block = Buffer.alloc(64 * 1024, 0x7b);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let received = '';
    let settled = false;
    const socket = net.connect({ host: url.hostname, port: Number(url.port) }, () => {
      const head = Object.entries({ ...headers, host: url.host, 'content-type': 'application/octet-stream', 'content-length': String(size) })
        .map(([key, value]) => `${key}: ${value}\r\n`)
        .join('');
      socket.write(`PUT ${path} HTTP/1.1\r\n${head}\r\n`);
      if (headStartMs > 0) setTimeout(pump, headStartMs);
      else pump();
    });
    const pump = () => {
      while (sent < size && !settled) {
        sent += block.length;
        if (!socket.write(block)) return void socket.once('drain', pump);
      }
    };
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (!status || settled) return;
      settled = true;
      const at = performance.now();
      resolve({
        status: Number(status[1]),
        seconds: (at - t0) / 1000,
        mibPerSecond: Number.NaN,
        peakGrowthMiB: Number.NaN,
        sentWhenAnswered: sent,
        answeredAfterMs: at - t0,
      });
      socket.destroy();
    });
    socket.on('error', (error) => {
      if (!settled) reject(error);
    });
  });
}

/**
 * Writes back dirty pages before each upload (untimed), so an upload does not pay for the
 * write-back of the previous one's 512 MiB: without it, whichever server runs next is slower.
 */
function flushDisk(): void {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No sync(1) here: uploads then share the write-back, which the alternating order spreads.
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface UploadMeasurement {
  markdown: string;
  pass: boolean;
  /** Median MiB/s of the emulator (Content-Length) and of the bare baseline. */
  emulatorMiBps: number;
  baselineMiBps: number;
  /** Worst peak RSS growth of the emulator over every 512 MiB upload, MiB. */
  worstGrowthMiB: number;
  goalRssMiB: number;
  overStatus: number;
  overAnsweredAfterMs: number;
  /** 413 before a quarter of the 513 MiB body was sent. */
  overOk: boolean;
}

/** `runs` alternating 512 MiB uploads to the baseline and the emulator (both child processes). */
export async function measureUpload(runs: number): Promise<UploadMeasurement> {
  const scripts = {
    baseline: join(dirname(fileURLToPath(import.meta.url)), 'upload-baseline.js'),
    emulator: join(packageRoot, 'dist', 'bin', 'cli.js'),
  };
  for (const script of Object.values(scripts)) if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build first`);
  if (Number.isNaN(rssOf(process.pid))) process.stdout.write('warning: /proc is not available; RSS figures will be NaN\n');

  const started = performance.now();
  const blobRoot = await mkdtemp(join(tmpdir(), 'bench-upload-'));
  let baselineProcess: (SpawnedServer & { base: string }) | undefined;
  let emulatorProcess: (SpawnedServer & { base: string }) | undefined;
  try {
    baselineProcess = await start('baseline', scripts.baseline, blobRoot);
    emulatorProcess = await start('emulator', scripts.emulator, blobRoot);
    const baseline: Server = {
      name: 'bare node:http → disk',
      process: baselineProcess,
      base: baselineProcess.base,
      target: async (name) => ({ path: `/${name}`, headers: {} }),
    };
    const emulator: Server = {
      name: 'adobe-api-mock PUT',
      process: emulatorProcess,
      base: emulatorProcess.base,
      target: await emulatorTarget(emulatorProcess.base),
    };

    // Warm-up: load every code path once with a small body.
    await upload(baseline, 'warm.bin', 4 * MiB, true);
    await upload(emulator, 'warm.json', 4 * MiB, true);
    await upload(emulator, 'warm2.json', 4 * MiB, false);

    const results = { baseline: [] as Upload[], emulator: [] as Upload[], chunked: [] as Upload[] };
    for (let run = 1; run <= runs; run += 1) {
      results.baseline.push(await upload(baseline, 'upload.bin', SIZE, true));
      results.emulator.push(await upload(emulator, 'upload.json', SIZE, true));
      results.chunked.push(await upload(emulator, 'upload.json', SIZE, false));
      const line = (u: Upload) => `${u.status} ${u.mibPerSecond.toFixed(0)} MiB/s +${u.peakGrowthMiB.toFixed(1)} MiB`;
      process.stdout.write(
        `  run ${run}/${runs}: baseline ${line(results.baseline.at(-1)!)} | emulator ${line(results.emulator.at(-1)!)} | chunked ${line(results.chunked.at(-1)!)}\n`,
      );
    }
    const over = await refusal(emulator, 'over.json', OVER);

    const failures = [...results.baseline, ...results.emulator, ...results.chunked].filter((u) => u.status !== 200);
    if (failures.length > 0) throw new Error(`some uploads did not answer 200: ${failures.map((u) => u.status).join(', ')}`);

    const row = (name: string, uploads: Upload[]) => [
      name,
      median(uploads.map((u) => u.mibPerSecond)).toFixed(0),
      ms(median(uploads.map((u) => u.seconds * 1000))),
      Math.max(...uploads.map((u) => u.peakGrowthMiB)).toFixed(1),
    ];
    const throughputRatio = median(results.emulator.map((u) => u.mibPerSecond)) / median(results.baseline.map((u) => u.mibPerSecond));
    const worstGrowth = Math.max(...results.emulator.map((u) => u.peakGrowthMiB), ...results.chunked.map((u) => u.peakGrowthMiB));
    const overOk = over.status === 413 && over.sentWhenAnswered < OVER / 4;
    const verdict = worstGrowth <= GOAL_RSS_MIB && overOk ? 'PASS' : 'FAIL';

    const markdown = [
      `PUT of a ${SIZE / MiB} MiB body generated on the fly over HTTP on ${HOST} (64 KiB writes, backpressure respected), ` +
        `${runs} alternating runs of each after a 4 MiB warm-up. Servers are child processes (\`${process.execPath} <script>\`, ` +
        'MOCK_LOG_LEVEL=warn, emulator in memory with the default fixtures, blobs in a temp folder). RSS growth = peak VmRSS ' +
        'of the server process (sampled every 10 ms) minus its VmRSS just before the upload.',
      '',
      markdownTable(
        ['server', 'median MiB/s', 'median ms', 'peak RSS growth MiB (max)'],
        [
          row(`${baseline.name} (baseline)`, results.baseline),
          row(`${emulator.name}, Content-Length`, results.emulator),
          row(`${emulator.name}, chunked (no Content-Length)`, results.chunked),
        ],
        ['left', 'right', 'right', 'right'],
      ),
      '',
      `Throughput ratio emulator / baseline (median, Content-Length): **${throughputRatio.toFixed(2)}×**` +
        (throughputRatio >= 1
          ? ' (both are bound by the loopback and the disk, and the client shares the CPUs: read a ratio above 1 as "no measurable overhead", not as a speed-up).'
          : '.'),
      `Peak RSS growth of the emulator: **${worstGrowth.toFixed(1)} MiB** (goal ≤ ${GOAL_RSS_MIB} MiB).`,
      `${OVER / MiB} MiB with Content-Length: **${over.status}** after ${ms(over.answeredAfterMs)} ms, ` +
        `${(over.sentWhenAnswered / MiB).toFixed(1)} MiB sent when the answer arrived (goal: 413 before a quarter of the body)${over.note}.`,
      '',
      `**${verdict}**`,
      '',
      `(${((performance.now() - started) / 1000).toFixed(1)} s in all)`,
    ].join('\n');
    return {
      markdown,
      pass: verdict === 'PASS',
      emulatorMiBps: median(results.emulator.map((u) => u.mibPerSecond)),
      baselineMiBps: median(results.baseline.map((u) => u.mibPerSecond)),
      worstGrowthMiB: worstGrowth,
      goalRssMiB: GOAL_RSS_MIB,
      overStatus: over.status,
      overAnsweredAfterMs: over.answeredAfterMs,
      overOk,
    };
  } finally {
    await Promise.all([baselineProcess?.stop(), emulatorProcess?.stop()]);
    await rm(blobRoot, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const busy = busyMachineWarning();
  const result = await measureUpload(runCount());
  writeResult('upload', [result.markdown, ...(busy ? ['', busy] : [])].join('\n'));
  const ratio = result.emulatorMiBps / result.baselineMiBps;
  process.stdout.write(
    `\nVERDICT: ${result.pass ? 'PASS' : 'FAIL'} (peak RSS growth ${result.worstGrowthMiB.toFixed(1)} MiB, goal ≤ ${GOAL_RSS_MIB}; throughput ${ratio.toFixed(2)}× baseline; 513 MiB → ${result.overStatus})\n`,
  );
}

if (isMainModule(import.meta.url))
  main().catch((error: unknown) => {
    process.stderr.write(`bench:upload could not measure: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
