/**
 * Startup benchmark: process spawn → first 200 from GET /_mock/health, for the emulator
 * (dist/bin/cli.js, the bundled CLI, in memory, default fixtures) beside a bare Fastify server started the same way
 * (bench/bare-fastify.ts). Runs alternate (bare, emulator, bare, emulator, ...) after one discarded
 * warm-up of each. Goal: emulator median at most 1.5× the bare median.
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

const GOAL_RATIO = 1.5;
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
}
type Subject = StartupSubject;

export const subjects: { bare: Subject; emulator: Subject } = {
  bare: { name: 'bare Fastify', script: join(dirname(fileURLToPath(import.meta.url)), 'bare-fastify.js') },
  emulator: { name: 'adobe-api-mock', script: join(packageRoot, 'dist', 'bin', 'cli.js') },
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
  await measureStartup(subjects.emulator);

  const samples = { bare: [] as number[], emulator: [] as number[] };
  for (let run = 1; run <= runs; run += 1) {
    samples.bare.push(await measureStartup(subjects.bare));
    samples.emulator.push(await measureStartup(subjects.emulator));
    process.stdout.write(
      `  run ${String(run).padStart(String(runs).length)}/${runs}: bare ${ms(samples.bare.at(-1)!)} ms, emulator ${ms(samples.emulator.at(-1)!)} ms\n`,
    );
  }

  const bare = stats(samples.bare);
  const emulator = stats(samples.emulator);
  const ratio = emulator.median / bare.median;
  const verdict = ratio <= GOAL_RATIO ? 'PASS' : 'FAIL';
  const row = (name: string, s: typeof bare) => [name, ms(s.median), ms(s.p90), ms(s.min), ms(s.max)];

  const markdown = [
    `Process spawn (\`${process.execPath} <script>\`) to the first 200 from \`GET /_mock/health\`, ` +
      `${runs} alternating runs of each after one discarded warm-up; HOST=${HOST}, MOCK_LOG_LEVEL=warn; ` +
      'emulator in memory with the default fixtures. Times in ms.',
    '',
    markdownTable(
      ['server', 'median ms', 'p90', 'min', 'max'],
      [row(`${subjects.bare.name} (baseline)`, bare), row(subjects.emulator.name, emulator)],
      ['left', 'right', 'right', 'right', 'right'],
    ),
    '',
    `Ratio emulator / bare (median): **${ratio.toFixed(2)}×**. Goal: ≤ ${GOAL_RATIO}×. **${verdict}**`,
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
