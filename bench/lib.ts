/**
 * Shared helpers for the benchmarks under bench/.
 *
 * Benchmarks report figures side by side with a baseline measured in the same run on the same
 * machine (ratios, not absolute thresholds), and write a markdown copy to bench/results/<name>.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json (this file runs from dist/bench/, so look upwards). */
export const packageRoot: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** A TCP port that was free a moment ago (listen on 0, read the port, close). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('Could not read the port of a listening socket'));
        return;
      }
      server.close((error) => (error ? reject(error) : resolvePort(address.port)));
    });
  });
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnedServer {
  child: ChildProcess;
  /** performance.now() taken immediately before spawn(). */
  t0: number;
  /** Settles when the process has exited (never rejects). */
  exited: Promise<ExitInfo>;
  /** Whether the process has exited yet. */
  hasExited(): boolean;
  /** What the process printed so far (stdout and stderr interleaved, capped), for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after graceMs; resolves once the process has exited. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

const OUTPUT_CAP = 64 * 1024;

/** Every spawned server that has not exited yet, so a run can stop them all on error or Ctrl-C. */
const liveServers = new Set<SpawnedServer>();

/** Stops every server spawned by this process that is still running (SIGTERM, then SIGKILL). */
export async function stopAllServers(graceMs = 3_000): Promise<void> {
  await Promise.all([...liveServers].map((server) => server.stop(graceMs)));
}

/** Last resort on process exit (synchronous): SIGKILL whatever is still running. */
export function killAllServersNow(): void {
  for (const server of liveServers) if (!server.hasExited()) server.child.kill('SIGKILL');
}

/** Whether the module at `moduleUrl` is the script node was started with (not imported). */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && resolve(entry) === fileURLToPath(moduleUrl);
}

/** Runs the garbage collector when node was started with --expose-gc (between measurements). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Spawns a server process. `t0` is taken right before spawn() so callers can time from it.
 * `env` replaces the environment entirely (pass {...process.env, ...} to extend it);
 * keys whose value is undefined are dropped.
 */
export function spawnServer(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string = packageRoot): SpawnedServer {
  const cleanEnv: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) cleanEnv[key] = value;

  let captured = '';
  const capture = (chunk: Buffer) => {
    if (captured.length < OUTPUT_CAP) captured += chunk.toString('utf8');
  };

  const t0 = performance.now();
  const child = spawn(cmd, args, { env: cleanEnv, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);

  let exitInfo: ExitInfo | null = null;
  const exited = new Promise<ExitInfo>((resolveExit) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolveExit(exitInfo);
    });
    child.once('error', (error) => {
      capture(Buffer.from(`spawn error: ${error.message}\n`));
      exitInfo = { code: null, signal: null };
      resolveExit(exitInfo);
    });
  });

  const server: SpawnedServer = {
    child,
    t0,
    exited,
    hasExited: () => exitInfo !== null,
    output: () => captured,
    async stop(graceMs = 5_000) {
      if (exitInfo) return exitInfo;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  liveServers.add(server);
  void exited.then(() => liveServers.delete(server));
  return server;
}

export interface WaitOptions {
  /** Delay between attempts, ms (default 5). */
  intervalMs?: number;
  /** Give up early when this returns a message (e.g. "the server exited"). */
  abortIf?: () => string | null;
}

export interface FirstResponse {
  /** performance.now() when the 200's headers arrived. */
  at: number;
  attempts: number;
  body: string;
}

/**
 * Polls `url` with plain GETs (a fresh connection each time, no keep-alive) until one answers 200,
 * retrying every ~intervalMs on connection errors (ECONNREFUSED while the server is still starting)
 * and non-200 answers. Rejects once performance.now() passes `deadline`.
 */
export async function waitFor200(url: string, deadline: number, options: WaitOptions = {}): Promise<FirstResponse> {
  const intervalMs = options.intervalMs ?? 5;
  let attempts = 0;
  let lastProblem = 'no attempt made';
  for (;;) {
    const aborted = options.abortIf?.();
    if (aborted) throw new Error(`${aborted} (waiting for 200 from ${url}; last attempt: ${lastProblem})`);
    if (performance.now() > deadline) throw new Error(`No 200 from ${url} before the deadline after ${attempts} attempts (last: ${lastProblem})`);
    attempts += 1;
    const outcome = await getOnce(url, Math.max(1, deadline - performance.now()));
    if (outcome.ok) return { at: outcome.at, attempts, body: outcome.body };
    lastProblem = outcome.problem;
    await sleep(intervalMs);
  }
}

type Attempt = { ok: true; at: number; body: string } | { ok: false; problem: string };

function getOnce(url: string, timeoutMs: number): Promise<Attempt> {
  return new Promise((settle) => {
    let settled = false;
    const done = (attempt: Attempt) => {
      if (!settled) {
        settled = true;
        settle(attempt);
      }
    };
    const request = http.get(url, { agent: false, headers: { connection: 'close' } }, (response) => {
      const at = performance.now();
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        done(response.statusCode === 200 ? { ok: true, at, body } : { ok: false, problem: `HTTP ${response.statusCode}` });
      });
      response.on('error', (error) => done({ ok: false, problem: error.message }));
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error('timed out')));
    request.on('error', (error: NodeJS.ErrnoException) => done({ ok: false, problem: error.code ?? error.message }));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

/** Writes the lines to a file as they come (honouring backpressure), so a large file is never whole in memory. */
export async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line)) await new Promise<void>((resolveDrain) => out.once('drain', () => resolveDrain()));
  await new Promise<void>((resolveEnd) => out.end(() => resolveEnd()));
}

export interface Stats {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
  mean: number;
}

/** Median (mean of the two middle values for even n), p90 (nearest rank), min, max, mean. */
export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('stats() of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    n,
    median,
    p90: percentile(sorted, 90),
    min: sorted[0]!,
    max: sorted[n - 1]!,
    mean: sorted.reduce((sum, value) => sum + value, 0) / n,
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) throw new Error('percentile() of no samples');
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1]!;
}

export type Align = 'left' | 'right';

/** A GitHub-flavoured markdown table with padded columns (readable as plain text too). */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = headers.map((header, column) => Math.max(3, header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const pad = (cell: string, column: number) => (align[column] === 'right' ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!));
  const line = (cells: readonly string[]) => `| ${headers.map((_, column) => pad(cells[column] ?? '', column)).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (align[column] === 'right' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** Milliseconds with one decimal. */
export function ms(value: number): string {
  return value.toFixed(1);
}

/** The machine a result was measured on, as markdown bullet lines. */
export function environmentLines(): string[] {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return [
    `- date: ${new Date().toISOString()}`,
    `- node: ${process.version} (${process.platform} ${process.arch}, ${os.release()})`,
    `- cpu: ${model} × ${cpus.length}`,
    `- memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB, load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  ];
}

/**
 * A warning line when other work is loading the machine (1-minute load average above half the
 * CPU count), which makes timings noisy; null when the machine looks quiet.
 */
export function busyMachineWarning(): string | null {
  const load = os.loadavg()[0]!;
  const cpus = os.cpus().length;
  if (load <= cpus / 2) return null;
  return `> Warning: the machine was busy (1-minute load average ${load.toFixed(2)} on ${cpus} CPUs); the ratio is more reliable than the absolute times, and a quiet rerun is more reliable still.`;
}

/**
 * Prints a result (with the machine it was measured on) to stdout and writes it to
 * bench/results/<name>.md. Returns the path written.
 */
export function writeResult(name: string, markdown: string): string {
  const document = [`# Benchmark: ${name}`, '', ...environmentLines(), '', markdown.trimEnd(), ''].join('\n');
  const folder = join(packageRoot, 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name}.md`);
  writeFileSync(file, document);
  process.stdout.write(`${document}\n(written to ${relative(process.cwd(), file) || file})\n`);
  return file;
}

export interface StartedServer {
  server: SpawnedServer;
  port: number;
  base: string;
}

export interface StartOptions {
  /** Arguments after the script; receives the chosen port (for servers configured by flags). */
  args?: (port: number) => string[];
  /** Extra environment (PORT, HOST and MOCK_LOG_LEVEL=warn are set; MOCK_DATA_FILE, MOCK_FIXTURES, MOCK_AUTH cleared). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Path polled until it answers 200. */
  probe?: string;
  timeoutMs?: number;
}

/** Spawns `node <script>` on a free port of 127.0.0.1 and waits for a 200 on the probe path. */
export async function startServer(name: string, script: string, options: StartOptions = {}): Promise<StartedServer> {
  if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build first`);
  const port = await freePort(BENCH_HOST);
  const server = spawnServer(
    process.execPath,
    [script, ...(options.args?.(port) ?? [])],
    {
      ...process.env,
      PORT: String(port),
      HOST: BENCH_HOST,
      MOCK_LOG_LEVEL: 'warn',
      // In memory, default fixtures, default auth, whatever the calling shell has set.
      MOCK_DATA_FILE: undefined,
      MOCK_FIXTURES: undefined,
      MOCK_AUTH: undefined,
      ...options.env,
    },
    options.cwd,
  );
  const base = `http://${BENCH_HOST}:${port}`;
  try {
    await waitFor200(`${base}${options.probe ?? '/_mock/health'}`, server.t0 + (options.timeoutMs ?? 60_000), {
      intervalMs: 20,
      abortIf: () => (server.hasExited() ? `${name} exited before answering` : null),
    });
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- output of ${name} ---\n${server.output()}`);
  }
  return { server, port, base };
}

export const BENCH_HOST = '127.0.0.1';
export const DEMO_CLIENT = { id: 'adobe-mock-client', secret: 'adobe-mock-secret', org: '0123456789ABCDEF01234567@AdobeOrg', tenant: 'mocktenant' };

/** An IMS access token for the demo client from an emulator listening at `base`. */
export async function imsToken(base: string): Promise<string> {
  const response = await fetch(`${base}/ims/token/v3`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT.id, client_secret: DEMO_CLIENT.secret }),
  });
  if (response.status !== 200) throw new Error(`IMS token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface LoadResult {
  ok: number;
  failed: number;
  statuses: string;
  rps: number;
  bytesPerRequest: number;
  p50: number;
  p99: number;
}

/** The part of autocannon's programmatic API used here (its results object, see its README). */
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number };
  throughput: { total: number };
  statusCodeStats: Record<string, { count: number }>;
}
const requireFromHere = createRequire(import.meta.url);

/**
 * autocannon against `url`: `connections` keep-alive connections, one request in flight on each
 * (no pipelining), for `durationMs`. Answers with another status than `expectStatus` count as failed.
 */
export async function load(url: string, headers: Record<string, string>, connections: number, durationMs: number, expectStatus = 200): Promise<LoadResult> {
  const autocannon = requireFromHere('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;
  const result = await autocannon({ url, method: 'GET', headers, connections, pipelining: 1, duration: durationMs / 1000 });
  const counts = Object.entries(result.statusCodeStats ?? {});
  const ok = result.statusCodeStats?.[String(expectStatus)]?.count ?? 0;
  const answered = counts.reduce((sum, [, { count }]) => sum + count, 0);
  return {
    ok,
    failed: answered - ok + result.errors + result.timeouts,
    statuses: `${counts.map(([status, { count }]) => `${count}×${status}`).join(', ')}; ${result.errors} errors, ${result.timeouts} timeouts`,
    rps: ok / result.duration,
    bytesPerRequest: ok > 0 ? result.throughput.total / ok : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** Resident memory of a process, MiB (VmRSS of /proc/<pid>/status); null where /proc is missing. */
export function residentMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time a process has used so far, ms (user + system of /proc/<pid>/stat, 10 ms ticks); null where /proc is missing. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // After the command name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** USER_HZ of /proc: 100 on every Linux the benchmarks run on. */
const CLOCK_TICKS_PER_SECOND = 100;
