/**
 * Target Admin batch latency, in-process (no network): the whole `POST /mocktenant/target/batch`
 * call sent with Fastify inject, timed from the request to the parsed answer. The batch runs each
 * operation through src/gateway/in-process.ts.
 *
 *   - 256 independent GET operations (alternating /activities and /offers lists): goal p50 ≤ 15 ms.
 *   - a chain of 128 operations alternating `POST /offers/content` and a `PUT` of the offer just
 *     created (`/offers/content/{operationIdResponse:N}`): goal p50 ≤ 40 ms.
 *
 *   npm run bench:batch
 *   npm run bench:batch -- --rounds 50
 *
 * Each scenario runs a few discarded warm-up batches, then --rounds timed ones (default 30), on a
 * fresh app with the bundled fixtures. Always exits 0: the verdict is a report, not a test.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server.js';
import { busyMachineWarning, isMainModule, markdownTable, ms, stats, writeResult } from './lib.js';

const TENANT = 'mocktenant';
const CLIENT = 'adobe-mock-client';
const SECRET = 'adobe-mock-secret';
const WARM_UP = 5;

type Operation = Record<string, unknown>;

function independentGets(): Operation[] {
  return Array.from({ length: 256 }, (_, i) => ({
    operationId: i,
    method: 'GET',
    relativeUrl: i % 2 === 0 ? '/activities?limit=10' : '/offers?limit=10',
  }));
}

/** GETs of single resources (fixture offers by id, the environments list): the per-operation floor. */
function independentSingleGets(): Operation[] {
  return Array.from({ length: 256 }, (_, i) => ({
    operationId: i,
    method: 'GET',
    relativeUrl: i % 2 === 0 ? '/offers/content/391769' : '/environments',
  }));
}

let serial = 0;
function offerChain(): Operation[] {
  const operations: Operation[] = [];
  for (let i = 0; i < 128; i += 2) {
    const name = `bench offer ${++serial}`;
    operations.push({
      operationId: i,
      ...(i > 0 ? { dependsOnOperationIds: [i - 1] } : {}),
      method: 'POST',
      relativeUrl: '/offers/content',
      body: { name, content: `<p>${name}</p>` },
    });
    operations.push({
      operationId: i + 1,
      dependsOnOperationIds: [i],
      method: 'PUT',
      relativeUrl: `/offers/content/{operationIdResponse:${i}}`,
      body: { name: `${name} (updated)`, content: `<p>${name} updated</p>` },
    });
  }
  return operations;
}

export interface BatchScenarioResult {
  name: string;
  p50: number;
  /** p50 goal in ms; undefined for the reference rows. */
  goal?: number;
}

export interface BatchMeasurement {
  /** Markdown describing the setup and a table of every scenario. */
  markdown: string;
  scenarios: BatchScenarioResult[];
}

/** Runs every scenario `rounds` times (after a few warm-up batches) on a fresh in-process app. */
export async function measureBatch(rounds: number): Promise<BatchMeasurement> {
  const { app } = await buildApp({ logLevel: 'silent' });
  try {
    return await measureOn(app, rounds);
  } finally {
    await app.close();
  }
}

async function measureOn(app: Awaited<ReturnType<typeof buildApp>>['app'], rounds: number): Promise<BatchMeasurement> {
  await app.ready();
  const token = await app.inject({
    method: 'POST',
    url: '/ims/token/v3',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=client_credentials&client_id=${CLIENT}&client_secret=${SECRET}`,
  });
  const accessToken = (token.json() as { access_token: string }).access_token;

  const time = async (operations: () => Operation[], expected: number): Promise<number> => {
    const payload = JSON.stringify({ operations: operations() });
    const start = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: `/${TENANT}/target/batch`,
      headers: { authorization: `Bearer ${accessToken}`, 'x-api-key': CLIENT, 'content-type': 'application/json' },
      payload,
    });
    const results = (response.json() as { results: Array<{ statusCode?: number }> }).results;
    const elapsed = performance.now() - start;
    const ok = results.filter((result) => result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300).length;
    if (response.statusCode !== 200 || ok !== expected)
      throw new Error(`batch answered ${response.statusCode} with ${ok}/${expected} 2xx: ${response.body.slice(0, 300)}`);
    return elapsed;
  };

  /** The same 256 GETs sent directly (concurrent injects, no batch): what the routes themselves cost. */
  const direct = async (operations: () => Operation[]): Promise<number> => {
    const list = operations();
    const start = performance.now();
    const responses = await Promise.all(
      list.map((operation) =>
        app.inject({
          method: 'GET',
          url: `/${TENANT}/target${operation.relativeUrl as string}`,
          headers: { authorization: `Bearer ${accessToken}`, 'x-api-key': CLIENT },
        }),
      ),
    );
    for (const response of responses) response.json();
    const elapsed = performance.now() - start;
    if (responses.some((response) => response.statusCode !== 200)) throw new Error('a direct GET failed');
    return elapsed;
  };

  const scenarios = [
    { name: '256 independent GETs (lists, limit=10)', build: independentGets, expected: 256, goal: 15 },
    { name: '256 independent GETs (single offer / environments)', build: independentSingleGets, expected: 256, goal: 15 },
    { name: '128-op POST/PUT offer chain', build: offerChain, expected: 128, goal: 40 },
  ];
  const rows: string[][] = [];
  const results: BatchScenarioResult[] = [];
  for (const scenario of scenarios) {
    for (let i = 0; i < WARM_UP; i++) await time(scenario.build, scenario.expected);
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) samples.push(await time(scenario.build, scenario.expected));
    const s = stats(samples);
    rows.push([scenario.name, String(s.n), ms(s.median), ms(s.p90), ms(s.min), ms(s.max), `≤ ${scenario.goal}`, s.median <= scenario.goal ? 'met' : 'MISSED']);
    results.push({ name: scenario.name, p50: s.median, goal: scenario.goal });
  }
  for (const [name, build] of [
    ['direct: the same 256 list GETs, no batch', independentGets],
    ['direct: the same 256 single GETs, no batch', independentSingleGets],
  ] as const) {
    for (let i = 0; i < WARM_UP; i++) await direct(build);
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) samples.push(await direct(build));
    const s = stats(samples);
    rows.push([name, String(s.n), ms(s.median), ms(s.p90), ms(s.min), ms(s.max), '(reference)', '']);
    results.push({ name, p50: s.median });
  }

  const markdown = [
    'Whole `POST /mocktenant/target/batch` calls sent with Fastify inject (in-process), bundled fixtures, times in ms. ' +
      'Operations run through the in-process dispatcher (src/gateway/in-process.ts); the reference rows send the same GETs directly, each with inject.',
    '',
    markdownTable(['scenario', 'rounds', 'p50', 'p90', 'min', 'max', 'goal (p50)', 'verdict'], rows, [
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'left',
    ]),
  ].join('\n');
  return { markdown, scenarios: results };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { rounds: { type: 'string' } }, strict: true });
  const rounds = Number(values.rounds ?? '30');
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, got ${values.rounds}`);
  const { markdown } = await measureBatch(rounds);
  const warning = busyMachineWarning();
  writeResult('target-batch', [markdown, ...(warning ? ['', warning] : [])].join('\n'));
}

if (isMainModule(import.meta.url))
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
