/**
 * Startup benchmark: process spawn → first 200 from GET /_mock/health, for the emulator
 * (dist/bin/cli.js, the bundled CLI, in memory, default fixtures) beside a bare Fastify server started the same way
 * (bench/bare-fastify.ts). Runs alternate (bare, emulator, bare, emulator, ...) after one discarded
 * warm-up of each. Goal (issue 20): emulator median at most 1.3× the bare median.
 *
 *   npm run bench:startup                 # 15 runs of each
 *   BENCH_RUNS=30 npm run bench:startup
 *   npm run bench:startup -- --runs 30
 *
 * Always exits 0 once both servers were measured: the verdict is a report, not a test.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { busyMachineWarning, freePort, isMainModule, markdownTable, ms, packageRoot, spawnServer, stats, waitFor200, writeResult } from './lib.js';

const GOAL_RATIO = 1.3;
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;

/** A server measured from spawn to its first 200: `node <script> <args(port)>`, polled at `probe`. */
export interface StartupSubject {
  name: string;
  script: string;
  /** Flags after the script (servers that take the port as a flag rather than PORT). */
  args?: (port: number) => string[];
  cwd?: string;
  /** Path polled until it answers 200 (default /_mock/health). */
  probe?: string;
  /** Environment variables on top of the measurement's own. */
  env?: NodeJS.ProcessEnv;
}
type Subject = StartupSubject;

const CLI = join(packageRoot, 'dist', 'bin', 'cli.js');

/**
 * The emulator is measured twice: as started again and again (on Node 22.1 and later its modules'
 * compiled code then comes from Node's compile cache, which the CLI turns on: src/bin.ts), and as
 * on its first start after an install, with the cache off. Node 20 has no compile cache: both alike.
 */
export const subjects: { bare: Subject; emulator: Subject; emulatorFirstStart: Subject } = {
  bare: { name: 'bare Fastify', script: join(dirname(fileURLToPath(import.meta.url)), 'bare-fastify.js') },
  emulator: { name: 'adobe-api-mock', script: CLI },
  emulatorFirstStart: { name: 'adobe-api-mock, first start (no compile cache)', script: CLI, env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
};

function runCount(): number {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { runs: { type: 'string' } }, strict: true });
  const raw = values.runs ?? process.env.BENCH_RUNS ?? '15';
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs / BENCH_RUNS must be a positive integer, got ${raw}`);
  return runs;
}

/** One measurement (ms): spawn, poll the probe path until 200, stop and wait for exit. */
export async function measureStartup(subject: Subject): Promise<number> {
  const port = await freePort(HOST);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST,
    MOCK_LOG_LEVEL: 'warn',
    // In memory, default fixtures, default auth, whatever the calling shell has set.
    MOCK_DATA_FILE: undefined,
    MOCK_FIXTURES: undefined,
    MOCK_AUTH: undefined,
    ...subject.env,
  };
  const server = spawnServer(process.execPath, [subject.script, ...(subject.args?.(port) ?? [])], env, subject.cwd);
  try {
    const first = await waitFor200(`http://${HOST}:${port}${subject.probe ?? '/_mock/health'}`, server.t0 + START_TIMEOUT_MS, {
      abortIf: () => (server.hasExited() ? `${subject.name} exited before answering` : null),
    });
    return first.at - server.t0;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- output of ${subject.name} ---\n${server.output()}`);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const runs = runCount();
  for (const subject of Object.values(subjects)) {
    if (!existsSync(subject.script)) throw new Error(`${subject.script} is missing: run npm run build first`);
  }

  process.stdout.write(`startup: ${runs} runs each, alternating, after one discarded warm-up of each\n`);
  const started = performance.now();
  const busy = busyMachineWarning(); // before our own runs add to the load
  await measureStartup(subjects.bare);
  await measureStartup(subjects.emulator); // also fills the compile cache
  await measureStartup(subjects.emulatorFirstStart);

  const samples = { bare: [] as number[], emulator: [] as number[], firstStart: [] as number[] };
  for (let run = 1; run <= runs; run += 1) {
    samples.bare.push(await measureStartup(subjects.bare));
    samples.emulator.push(await measureStartup(subjects.emulator));
    samples.firstStart.push(await measureStartup(subjects.emulatorFirstStart));
    process.stdout.write(
      `  run ${String(run).padStart(String(runs).length)}/${runs}: bare ${ms(samples.bare.at(-1)!)} ms, emulator ${ms(samples.emulator.at(-1)!)} ms, ` +
        `first start ${ms(samples.firstStart.at(-1)!)} ms\n`,
    );
  }

  const bare = stats(samples.bare);
  const emulator = stats(samples.emulator);
  const firstStart = stats(samples.firstStart);
  const ratio = emulator.median / bare.median;
  const verdict = ratio <= GOAL_RATIO ? 'PASS' : 'FAIL';
  const row = (name: string, s: typeof bare) => [name, ms(s.median), ms(s.p90), ms(s.min), ms(s.max), `${(s.median / bare.median).toFixed(2)}×`];

  const markdown = [
    `Process spawn (\`${process.execPath} <script>\`, Node ${process.version}) to the first 200 from \`GET /_mock/health\`, ` +
      `${runs} alternating runs of each after one discarded warm-up; HOST=${HOST}, MOCK_LOG_LEVEL=warn; ` +
      'emulator in memory with the default fixtures; its first start is measured with NODE_DISABLE_COMPILE_CACHE=1. Times in ms.',
    '',
    markdownTable(
      ['server', 'median ms', 'p90', 'min', 'max', '× bare'],
      [row(`${subjects.bare.name} (baseline)`, bare), row(subjects.emulator.name, emulator), row(subjects.emulatorFirstStart.name, firstStart)],
      ['left', 'right', 'right', 'right', 'right', 'right'],
    ),
    '',
    `Ratio emulator / bare (median): **${ratio.toFixed(2)}×** (first start ${(firstStart.median / bare.median).toFixed(2)}×). Goal: ≤ ${GOAL_RATIO}×. **${verdict}**`,
    '',
    `(${((performance.now() - started) / 1000).toFixed(1)} s in all)`,
    ...(busy ? ['', busy] : []),
  ].join('\n');
  writeResult('startup', markdown);
  process.stdout.write(
    `\nVERDICT: ${verdict} (emulator ${ms(emulator.median)} ms vs bare ${ms(bare.median)} ms = ${ratio.toFixed(2)}×, goal ≤ ${GOAL_RATIO}×)\n`,
  );
}

if (isMainModule(import.meta.url))
  main().catch((error: unknown) => {
    process.stderr.write(`bench:startup could not measure: ${(error as Error).message}\n`);
    process.exit(1);
  });
