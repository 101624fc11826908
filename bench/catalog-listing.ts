/**
 * Catalog listing benchmark: a filtered, ordered page (limit=100) over 100,000 batches in one
 * Platform partition, through the whole app in-process (gateway, validation, listing engine,
 * serialization) via app.inject. Goal: p50 ≤ 30 ms for
 * `GET /batches?status=success&orderBy=desc:created&limit=100&start=200`.
 *
 * Baselines measured in the same run: the same requests over 1,000 batches, and a bare Fastify
 * route answering a prebuilt 100-object page (the floor of inject + serialization).
 *
 *   npm run bench:catalog                    # 200 timed requests per shape
 *   BENCH_RUNS=500 npm run bench:catalog
 *
 * Always exits 0 once measured: the verdict is a report, not a test.
 */
import Fastify from 'fastify';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/server.js';
import { scopes } from '../src/store/store.js';
import { COLLECTIONS, type Batch } from '../src/services/platform-objects.js';
import { busyMachineWarning, collectGarbage, isMainModule, markdownTable, ms, percentile, writeResult } from './lib.js';

const ORG = '0123456789ABCDEF01234567@AdobeOrg';
const CLIENT = 'adobe-mock-client';
const SECRET = 'adobe-mock-secret';
const BIG = 100_000;
const SMALL = 1_000;
const GOAL_MS = 30;
const STATUSES = ['success', 'success', 'success', 'failed', 'loading', 'processing', 'staging', 'aborted'] as const;

function runs(): number {
  const raw = process.env.BENCH_RUNS ?? '200';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`BENCH_RUNS must be a positive integer, got ${raw}`);
  return value;
}

/** A deterministic pseudo-random sequence, so every run loads the same batches. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

function makeBatch(index: number, next: () => number): Batch {
  const id = index.toString(16).padStart(32, 'b');
  const created = 1_700_000_000_000 + Math.floor(next() * 30 * 86_400_000);
  const status = STATUSES[Math.floor(next() * STATUSES.length)]!;
  const dataSet = `5c8c3c555033b814b69f9${String(Math.floor(next() * 50)).padStart(3, '0')}`;
  return {
    id,
    imsOrg: ORG,
    status,
    created,
    updated: created + Math.floor(next() * 600_000),
    version: '1.0.3',
    relatedObjects: [{ type: 'dataSet', id: dataSet }],
    tags: {
      acp_producer: [CLIENT],
      acp_stagePath: [`${CLIENT}/stage/${id}`],
      team: [next() < 0.5 ? 'loyalty' : 'web'],
      ...(next() < 0.2 ? { priority: ['high'] } : {}),
    },
    createdUser: 'bench@techacct.adobe.com',
    updatedUser: 'bench@techacct.adobe.com',
    createdClient: CLIENT,
    externalId: id,
    inputFormat: { format: 'json' },
    metrics: { recordsRead: Math.floor(next() * 1000), recordsWritten: Math.floor(next() * 1000) },
    errors: [],
  };
}

interface Shape {
  name: string;
  url: string;
}

const SHAPES: Shape[] = [
  { name: 'status + desc:created, limit 100, start 200', url: '/data/foundation/catalog/batches?status=success&orderBy=desc:created&limit=100&start=200' },
  {
    name: 'tags AND + createdAfter, asc:updated, limit 100',
    url: '/data/foundation/catalog/batches?tags=team:loy*,priority:*&createdAfter=1700500000000&orderBy=asc:updated&limit=100',
  },
  {
    name: 'dataSet + properties, desc:created, limit 100',
    url: '/data/foundation/catalog/batches?dataSet=5c8c3c555033b814b69f9007&orderBy=desc:created&limit=100&properties=status,created,metrics',
  },
  { name: 'unordered first page (default limit 20)', url: '/data/foundation/catalog/batches' },
];

async function timeRequests(inject: (url: string) => Promise<number>, url: string, count: number): Promise<number[]> {
  for (let i = 0; i < 20; i += 1) await inject(url); // warm-up: JIT, lazy validators
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    const status = await inject(url);
    samples.push(performance.now() - t0);
    if (status !== 200) throw new Error(`${url} answered ${status}`);
  }
  return samples.sort((a, b) => a - b);
}

async function emulatorWith(batchCount: number) {
  const { app, ctx } = await buildApp({ processingDelayMs: 0, logLevel: 'silent' });
  await app.ready();
  const token = await app.inject({
    method: 'POST',
    url: '/ims/token/v3',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=client_credentials&client_id=${CLIENT}&client_secret=${SECRET}`,
  });
  const accessToken = (token.json() as { access_token: string }).access_token;
  const batches = ctx.store.collection<Batch>(scopes.platform(ORG, 'prod'), COLLECTIONS.batches);
  const next = random(42);
  for (let i = 0; i < batchCount; i += 1) {
    const batch = makeBatch(i, next);
    batches.put(batch.id, batch);
  }
  const headers = { authorization: `Bearer ${accessToken}`, 'x-api-key': CLIENT, 'x-gw-ims-org-id': ORG, 'x-sandbox-name': 'prod' };
  return {
    inject: async (url: string) => (await app.inject({ method: 'GET', url, headers })).statusCode,
    close: () => app.close(),
  };
}

async function bareFastify() {
  const app = Fastify({ logger: false });
  const next = random(7);
  const page: Record<string, unknown> = {};
  for (let i = 0; i < 100; i += 1) {
    const { id, ...rest } = makeBatch(i, next);
    page[id] = rest;
  }
  app.get('/page', async () => page);
  await app.ready();
  return { inject: async (url: string) => (await app.inject({ method: 'GET', url })).statusCode, close: () => app.close() };
}

export interface CatalogMeasurement {
  /** Setup, table and verdict line, as markdown. */
  markdown: string;
  /** p50 of the main request over 100,000 batches, ms. */
  p50: number;
  goalMs: number;
  /** Ratios of that p50 to the bare-Fastify page and to the same request over 1,000 batches. */
  vsBare: number;
  vsSmall: number;
}

/** Measures every shape `count` times (after 20 warm-up requests each), in-process. */
export async function measureCatalogListing(count: number): Promise<CatalogMeasurement> {
  const started = performance.now();
  const rows: string[][] = [];
  const results: Record<string, { p50: number; p95: number }> = {};
  const record = (label: string, samples: number[]) => {
    const p50 = percentile(samples, 50);
    const p95 = percentile(samples, 95);
    results[label] = { p50, p95 };
    rows.push([label, ms(p50), ms(p95), ms(samples[0]!), ms(samples[samples.length - 1]!)]);
    process.stdout.write(`  ${label}: p50 ${ms(p50)} ms, p95 ${ms(p95)} ms\n`);
  };

  process.stdout.write(`catalog-listing: loading ${BIG.toLocaleString('en')} batches, ${count} timed requests per shape\n`);
  const bare = await bareFastify();
  record('baseline: bare Fastify, prebuilt 100-object page', await timeRequests(bare.inject, '/page', count));
  await bare.close();

  collectGarbage();
  const small = await emulatorWith(SMALL);
  record(`baseline: ${SHAPES[0]!.name} over ${SMALL.toLocaleString('en')}`, await timeRequests(small.inject, SHAPES[0]!.url, count));
  await small.close();

  collectGarbage();
  const big = await emulatorWith(BIG);
  for (const shape of SHAPES) record(`${shape.name} over ${BIG.toLocaleString('en')}`, await timeRequests(big.inject, shape.url, count));
  await big.close();

  const main = results[`${SHAPES[0]!.name} over ${BIG.toLocaleString('en')}`]!;
  const floor = results['baseline: bare Fastify, prebuilt 100-object page']!;
  const small1k = results[`baseline: ${SHAPES[0]!.name} over ${SMALL.toLocaleString('en')}`]!;
  const verdict = main.p50 <= GOAL_MS ? 'PASS' : 'FAIL';
  const markdown = [
    `In-process (\`app.inject\`, gateway and token check included), ${count} timed requests per shape after 20 warm-up ones; ` +
      `${BIG.toLocaleString('en')} batches in one partition (org + prod sandbox), varied status, created, tags and datasets. Times in ms.`,
    '',
    markdownTable(['request', 'p50', 'p95', 'min', 'max'], rows, ['left', 'right', 'right', 'right', 'right']),
    '',
    `Main request \`${SHAPES[0]!.url.replace('/data/foundation/catalog', '')}\`: p50 **${ms(main.p50)} ms** over ${BIG.toLocaleString('en')} batches ` +
      `(${(main.p50 / floor.p50).toFixed(1)}× the bare-Fastify page, ${(main.p50 / small1k.p50).toFixed(1)}× the same request over ${SMALL.toLocaleString('en')}). ` +
      `Goal: p50 ≤ ${GOAL_MS} ms. **${verdict}**`,
    '',
    `(${((performance.now() - started) / 1000).toFixed(1)} s in all)`,
  ].join('\n');
  collectGarbage();
  return { markdown, p50: main.p50, goalMs: GOAL_MS, vsBare: main.p50 / floor.p50, vsSmall: main.p50 / small1k.p50 };
}

async function main(): Promise<void> {
  const busy = busyMachineWarning();
  const result = await measureCatalogListing(runs());
  writeResult('catalog-listing', [result.markdown, ...(busy ? ['', busy] : [])].join('\n'));
  process.stdout.write(`\nVERDICT: ${result.p50 <= GOAL_MS ? 'PASS' : 'FAIL'} (p50 ${ms(result.p50)} ms, goal ≤ ${GOAL_MS} ms)\n`);
}

if (isMainModule(import.meta.url))
  main().catch((error: unknown) => {
    process.stderr.write(`bench:catalog could not measure: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
