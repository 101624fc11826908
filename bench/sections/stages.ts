/**
 * Where the time of one request goes: the four throughput cases (throughput.ts) served by the
 * emulator built in this process, driven over HTTP on 127.0.0.1 by autocannon in a child process
 * (so this process's CPU time is the server's alone). For each case:
 *
 * - CPU µs per request (process.cpuUsage over a fixed number of requests, best of the rounds),
 *   beside a bare Fastify route of this process answering the same bytes;
 * - a stage breakdown from a CPU profile (node:inspector, a sample every 50 µs) of one more run:
 *   each sample goes to the stage of the innermost frame that names one (generated validators
 *   and serializers, built-ins such as JSON.stringify and Node modules other than HTTP count for
 *   their caller), and the
 *   shares are applied to the µs per request. Nothing is added to the emulator: the profile
 *   costs only while this section runs.
 *
 *   npm run bench -- --only stages
 *   node dist/bench/sections/stages.js [--quick]
 */
import { spawn } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server.js';
import { imsToken, isMainModule, markdownTable } from '../lib.js';
import { CASES, EXTRA_DATASETS, PLATFORM, WRITTEN_BY_FASTIFY, bareRequestOf, headersOf, seedDatasets } from './throughput.js';
import type { BenchSection, RunOptions, SectionResult } from './types.js';

const CONNECTIONS = 10;
const SAMPLING_MICROS = 50;

/** Stages in the table's order; the first rule matching a frame's URL (or URL and function) names its stage. */
const STAGE_RULES: [stage: string, matches: (url: string, name: string) => boolean][] = [
  ['token verification', (url) => url.includes('/src/auth/') || url.includes('/node_modules/jose/')],
  ['gateway checks', (url, name) => url.includes('/src/gateway/') && !(url.endsWith('/gateway/http.js') && ERROR_FUNCTIONS.has(name))],
  ['error envelopes', (url, name) => url.includes('/src/errors/') || (url.endsWith('/gateway/http.js') && ERROR_FUNCTIONS.has(name))],
  ['request validation', (url) => url.includes('/src/validation.') || url.includes('/node_modules/ajv/') || url.endsWith('/fastify/lib/validation.js')],
  ['handler (service, store)', (url) => url.includes('/src/services/') || url.includes('/src/store/')],
  [
    'serialization',
    (url, name) =>
      url.includes('/src/serialization.') || url.includes('/fast-json-stringify') || (url.endsWith('/fastify/lib/reply.js') && name === 'serialize'),
  ],
  ['request journal', (url) => url.includes('/src/control/journal')],
  ['fault hooks', (url) => url.includes('/src/control/fault')],
  ['control access, CORS', (url) => url.includes('/src/control/access.') || url.includes('/src/cors.')],
  ['logging', (url) => url.includes('/src/request-log.') || url.includes('/node_modules/pino') || url.includes('/fastify/lib/logger')],
  ['other emulator code', (url) => url.includes('/src/')],
  ['rest of Fastify', (url) => /\/node_modules\/(fastify|find-my-way|avvio|toad-cache|@fastify\/|fast-querystring|abstract-logging)/.test(url)],
  ['Node.js HTTP, sockets, streams', (url) => NODE_HTTP.test(url)],
];
/** Node's own HTTP work; other node: modules (crypto, events, promises...) count for their caller, like built-ins. */
const NODE_HTTP = /^node:(?:_http_|net$|stream$|internal\/(?:streams\/|stream_base_commons|http|timers))/;
const ERROR_FUNCTIONS = new Set(['sendError', 'classify']);
const GC = 'garbage collection';
const OTHER = 'other libraries, runtime';
const STAGES = [...STAGE_RULES.map(([stage]) => stage), GC, OTHER];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CaseBreakdown {
  id: string;
  title: string;
  requests: number;
  /** CPU µs per request of the emulator, and of the bare route answering the same bytes. */
  cpuMicros: number;
  bareCpuMicros: number;
  /** µs per request of each stage (shares of the profile applied to cpuMicros). */
  stages: Map<string, number>;
}

export const stagesSection: BenchSection = {
  id: 'stages',
  title: 'Where the time of one request goes',
  async run(options): Promise<SectionResult> {
    const breakdowns = await measureStages(options);
    return { markdown: report(breakdowns, options.quick), goals: [] };
  },
};

export async function measureStages({ quick, progress }: Pick<RunOptions, 'quick' | 'progress'>): Promise<CaseBreakdown[]> {
  const requests = quick ? 4_000 : 10_000;
  const rounds = quick ? 1 : 3;
  const { app } = await buildApp({ logLevel: 'warn' });
  const bare = Fastify({ logger: { level: 'warn' } });
  try {
    const base = await listen(app);
    const token = await imsToken(base);
    const auth = { authorization: `Bearer ${token}`, 'x-api-key': 'adobe-mock-client' };
    await seedDatasets(base, { ...auth, ...PLATFORM });
    for (const c of CASES) {
      const response = await fetch(`${base}${c.path}`, { headers: headersOf(c, auth) });
      const body = await response.text();
      if (response.status !== c.status) throw new Error(`${c.title}: the emulator answered ${response.status}: ${body.slice(0, 200)}`);
      const document: unknown = JSON.parse(body);
      const contentType = response.headers.get('content-type') ?? 'application/json';
      const headers = Object.fromEntries([...response.headers].filter(([name]) => !WRITTEN_BY_FASTIFY.has(name)));
      bare.get(`/bare/${c.id}`, async (_request, reply) => reply.code(c.status).headers(headers).type(contentType).send(JSON.stringify(document)));
    }
    const bareBase = await listen(bare);

    const session = new Session();
    session.connect();
    const out: CaseBreakdown[] = [];
    try {
      for (const c of CASES) {
        const url = `${base}${c.path}`;
        const headers = headersOf(c, auth);
        progress(`  ${c.title}: ${rounds} × ${requests} requests, then one profiled run`);
        await drive(url, headers, Math.min(requests, 5_000));
        const cpuMicros = await cpuPerRequest(url, headers, requests, rounds);
        const bareLoad = bareRequestOf(c, auth);
        await drive(`${bareBase}${bareLoad.path}`, bareLoad.headers, Math.min(requests, 5_000));
        const bareCpuMicros = await cpuPerRequest(`${bareBase}${bareLoad.path}`, bareLoad.headers, requests, rounds);
        const shares = await profiledShares(session, url, headers, requests);
        const stages = new Map(STAGES.map((stage) => [stage, (shares.get(stage) ?? 0) * cpuMicros]));
        out.push({ id: c.id, title: c.title, requests, cpuMicros, bareCpuMicros, stages });
      }
    } finally {
      session.disconnect();
    }
    return out;
  } finally {
    await bare.close();
    await app.close();
  }
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

const autocannonScript = createRequire(import.meta.url).resolve('autocannon');

/** `amount` GETs from autocannon in a child process; resolves with the number of answers. */
function drive(url: string, headers: Record<string, string>, amount: number): Promise<number> {
  const args = [autocannonScript, '--json', '-c', String(CONNECTIONS), '-a', String(amount)];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', () => {
      try {
        const result = JSON.parse(output) as { requests: { total: number }; errors: number };
        if (result.errors > 0) reject(new Error(`${url}: ${result.errors} errors`));
        else resolve(result.requests.total);
      } catch {
        reject(new Error(`autocannon gave no result for ${url}`));
      }
    });
  });
}

/** This process's CPU µs per request over `amount` requests, the best of `rounds` (the least disturbed). */
async function cpuPerRequest(url: string, headers: Record<string, string>, amount: number, rounds: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round += 1) {
    const start = process.cpuUsage();
    const answered = await drive(url, headers, amount);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / answered);
  }
  return best;
}

/** Each stage's share of the busy (non-idle) samples of one profiled run. */
async function profiledShares(session: Session, url: string, headers: Record<string, string>, amount: number): Promise<Map<string, number>> {
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_MICROS });
  await session.post('Profiler.start');
  let stopped: { profile: Profile };
  try {
    await drive(url, headers, amount);
  } finally {
    stopped = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    await session.post('Profiler.disable');
  }
  return sharesOf(stopped.profile);
}

export function sharesOf(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const stageOfNode = new Map<number, string | null>();
  const stageOf = (id: number): string | null => {
    const known = stageOfNode.get(id);
    if (known !== undefined) return known;
    const { functionName: name, url } = byId.get(id)!.callFrame;
    let stage: string | null;
    if (name === '(idle)') stage = null;
    else if (name === '(garbage collector)') stage = GC;
    else if (url === '' || (url.startsWith('node:') && !NODE_HTTP.test(url))) {
      // Built-ins and generated code (validators, serializers) count for their caller.
      const parent = parentOf.get(id);
      stage = parent === undefined || name === '(program)' || name === '(root)' ? OTHER : stageOf(parent);
    } else stage = STAGE_RULES.find(([, matches]) => matches(url.replaceAll('\\', '/'), name))?.[0] ?? OTHER;
    stageOfNode.set(id, stage);
    return stage;
  };
  const time = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const stage = stageOf(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (stage === null) return;
    time.set(stage, (time.get(stage) ?? 0) + delta);
    busy += delta;
  });
  return new Map([...time].map(([stage, spent]) => [stage, busy > 0 ? spent / busy : 0]));
}

function report(breakdowns: CaseBreakdown[], quick: boolean): string {
  const columns = breakdowns.map((b) => b.id);
  const micros = (value: number) => value.toFixed(1);
  const rows = [
    ...STAGES.map((stage) => [stage, ...breakdowns.map((b) => micros(b.stages.get(stage) ?? 0))]),
    ['**emulator, total**', ...breakdowns.map((b) => `**${micros(b.cpuMicros)}**`)],
    ['bare Fastify, same bytes', ...breakdowns.map((b) => micros(b.bareCpuMicros))],
    ['emulator − bare', ...breakdowns.map((b) => micros(b.cpuMicros - b.bareCpuMicros))],
  ];
  return [
    `CPU µs per request of the server (this process), ${breakdowns[0]?.requests ?? 0} GETs per round from autocannon in a child process ` +
      `(${CONNECTIONS} keep-alive connections, 127.0.0.1), the best of ${quick ? 1 : 3} round(s); the emulator is built in-process in memory ` +
      `with the bundled fixtures plus ${EXTRA_DATASETS} datasets, as in the throughput section. Stages: shares of a CPU profile ` +
      `(one sample every ${SAMPLING_MICROS} µs) of one more run, by the innermost frame that names a stage; built-ins and generated ` +
      'validators / serializers count for their caller. "Node.js HTTP" (parser, sockets, writev) and most of Fastify are paid by the bare route too.',
    '',
    markdownTable(['stage (µs per request)', ...columns], rows, ['left', ...columns.map(() => 'right' as const)]),
  ].join('\n');
}

if (isMainModule(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  const breakdowns = await measureStages({ quick, progress: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${report(breakdowns, quick)}\n`);
}
