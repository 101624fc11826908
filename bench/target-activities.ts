/**
 * Target Admin listing throughput: requests per second of `GET /mocktenant/target/activities`
 * on the emulator (dist/bin/cli.js, in memory, default fixtures, a real IMS token and API key,
 * the SDK's `Accept: application/vnd.adobe.target.v3+json`) beside a bare Fastify route answering
 * the same JSON document (bench/target-bare.ts), both in their own process over loopback HTTP.
 * The load comes from this process with autocannon: N keep-alive connections, each sending its
 * next request as soon as the previous answer is read (no pipelining), for a fixed duration. Rounds alternate
 * (bare, emulator, ...) after one discarded warm-up of each; the medians are compared.
 * Goal: the emulator serves at least 60% of the bare route's requests per second.
 *
 *   npm run bench:target
 *   npm run bench:target -- --path environments          # any path under /mocktenant/target
 *   npm run bench:target -- --duration 10 --connections 32 --rounds 5
 *
 * Always exits 0 once both servers were measured: the verdict is a report, not a test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  BENCH_HOST as HOST,
  busyMachineWarning,
  imsToken,
  isMainModule,
  load as autocannonLoad,
  markdownTable,
  ms,
  packageRoot,
  startServer,
  stats,
  writeResult,
  type LoadResult,
  type SpawnedServer,
} from './lib.js';

const GOAL_RATIO = 0.6;
const TENANT = 'mocktenant';
const CLIENT = 'adobe-mock-client';
const WARM_UP_MS = 1_000;

interface Settings {
  path: string;
  version: number;
  durationMs: number;
  connections: number;
  rounds: number;
}

function settings(): Settings {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      path: { type: 'string' },
      version: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
    },
    strict: true,
  });
  const positive = (name: string, raw: string) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${raw}`);
    return value;
  };
  const raw = values.path ?? 'activities';
  // A bare name or /name means a path under /mocktenant/target.
  const path = raw.startsWith(`/${TENANT}/`) ? raw : `/${TENANT}/target/${raw.replace(/^\/+/, '').replace(/^target\//, '')}`;
  const isActivities = /\/target\/activities(\?|$)/.test(path);
  return {
    path,
    // The SDK asks for v3 activity lists; the other list routes serve v1.
    version: positive('version', values.version ?? (isActivities ? '3' : '1')),
    durationMs: positive('duration', values.duration ?? '5') * 1000,
    connections: positive('connections', values.connections ?? '16'),
    rounds: positive('rounds', values.rounds ?? '5'),
  };
}

/** `connections` keep-alive connections, one request in flight on each, for `durationMs`. */
function load(port: number, path: string, headers: Record<string, string>, connections: number, durationMs: number): Promise<LoadResult> {
  return autocannonLoad(`http://${HOST}:${port}${path}`, headers, connections, durationMs);
}

async function start(name: string, script: string, env: NodeJS.ProcessEnv, probePath: string): Promise<{ server: SpawnedServer; port: number }> {
  const started = await startServer(name, script, { env, probe: probePath });
  return { server: started.server, port: started.port };
}

async function main(): Promise<void> {
  const s = settings();
  const busy = busyMachineWarning(); // before our own load adds to it
  const started = performance.now();
  const here = dirname(fileURLToPath(import.meta.url));
  const servers: SpawnedServer[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'bench-target-'));
  try {
    const emulator = await start('adobe-api-mock', join(packageRoot, 'dist', 'bin', 'cli.js'), {}, '/_mock/health');
    servers.push(emulator.server);
    const token = await imsToken(`http://${HOST}:${emulator.port}`);
    const headers = {
      authorization: `Bearer ${token}`,
      'x-api-key': CLIENT,
      accept: `application/vnd.adobe.target.v${s.version}+json`,
    };

    const first = await fetch(`http://${HOST}:${emulator.port}${s.path}`, { headers });
    const text = await first.text();
    if (first.status !== 200) {
      const hint = first.status === 404 && text.includes('No route for') ? ' (not built in this tree yet: try --path environments)' : '';
      throw new Error(`GET ${s.path} answered ${first.status}${hint}: ${text.slice(0, 300)}`);
    }
    const bodyFile = join(scratch, 'body.json');
    writeFileSync(bodyFile, text);
    const route = s.path.split('?')[0]!;
    const bare = await start('bare Fastify', join(here, 'target-bare.js'), { BODY_FILE: bodyFile, ROUTE: route }, s.path);
    servers.push(bare.server);
    const bareText = await (await fetch(`http://${HOST}:${bare.port}${s.path}`, { headers })).text();
    if (JSON.stringify(JSON.parse(bareText)) !== JSON.stringify(JSON.parse(text))) throw new Error('the bare route does not answer the same JSON');

    const subjects = [
      { name: 'bare Fastify route, same JSON (baseline)', port: bare.port, results: [] as LoadResult[] },
      { name: 'adobe-api-mock (gateway, auth, listing)', port: emulator.port, results: [] as LoadResult[] },
    ];
    process.stdout.write(
      `target-activities: GET ${s.path} (${text.length} bytes), ${s.connections} connections, ${s.durationMs / 1000} s × ${s.rounds} rounds each, alternating\n`,
    );
    for (const subject of subjects) await load(subject.port, s.path, headers, s.connections, WARM_UP_MS);
    for (let round = 1; round <= s.rounds; round += 1) {
      const line: string[] = [];
      for (const subject of subjects) {
        const result = await load(subject.port, s.path, headers, s.connections, s.durationMs);
        if (result.failed > 0) throw new Error(`${subject.name}: ${result.statuses}`);
        subject.results.push(result);
        line.push(`${subject.name.split(' ')[0]} ${result.rps.toFixed(0)} rps`);
      }
      process.stdout.write(`  round ${round}/${s.rounds}: ${line.join(', ')}\n`);
    }

    const summary = subjects.map((subject) => {
      const rps = stats(subject.results.map((result) => result.rps));
      const median = subject.results.find((result) => result.rps === rps.median) ?? subject.results[0]!;
      return {
        subject,
        rps,
        p50: stats(subject.results.map((r) => r.p50)).median,
        p99: stats(subject.results.map((r) => r.p99)).median,
        bytes: median.bytesPerRequest,
      };
    });
    const [baseline, emulatorSummary] = summary as [(typeof summary)[0], (typeof summary)[0]];
    const ratio = emulatorSummary.rps.median / baseline.rps.median;
    const verdict = ratio >= GOAL_RATIO ? 'PASS' : 'FAIL';
    const markdown = [
      `\`GET ${s.path}\` with \`Accept: application/vnd.adobe.target.v${s.version}+json\`, a real IMS token and API key, ` +
        `over loopback HTTP; each server in its own process (\`${process.execPath}\`, MOCK_LOG_LEVEL=warn, emulator in memory ` +
        `with the default fixtures); load from one autocannon client: ${s.connections} keep-alive connections, ${s.durationMs / 1000} s per round, ` +
        `${s.rounds} alternating rounds after a ${WARM_UP_MS / 1000} s warm-up of each. Every answer was a 200 (${Math.round(emulatorSummary.bytes)} bytes per response, headers included).`,
      '',
      markdownTable(
        ['server', 'median req/s', 'min req/s', 'max req/s', 'latency p50 ms', 'latency p99 ms'],
        summary.map(({ subject, rps, p50, p99 }) => [subject.name, rps.median.toFixed(0), rps.min.toFixed(0), rps.max.toFixed(0), ms(p50), ms(p99)]),
        ['left', 'right', 'right', 'right', 'right', 'right'],
      ),
      '',
      `Ratio emulator / bare (median req/s): **${(ratio * 100).toFixed(0)}%**. Goal: ≥ ${GOAL_RATIO * 100}%. **${verdict}**`,
      '',
      'The client shares the machine with both servers, so on a small machine it caps both figures alike; the ratio is the figure to read.',
      '',
      `(${((performance.now() - started) / 1000).toFixed(1)} s in all)`,
      ...(busy ? ['', busy] : []),
    ].join('\n');
    writeResult('target-activities', markdown);
    process.stdout.write(
      `\nVERDICT: ${verdict} (emulator ${emulatorSummary.rps.median.toFixed(0)} req/s vs bare ${baseline.rps.median.toFixed(0)} req/s = ${(ratio * 100).toFixed(0)}%, goal ≥ ${GOAL_RATIO * 100}%)\n`,
    );
  } finally {
    for (const server of servers) await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url))
  main().catch((error: unknown) => {
    process.stderr.write(`bench:target could not measure: ${(error as Error).message}\n`);
    process.exit(1);
  });
