/**
 * Persistence: latency of a mutation (POST /{tenant}/target/offers/content, sequential, in-process
 * with inject) with the data file on, over the bundled fixtures alone and over 100,000 more
 * offers loaded from the data file at start. Writes go behind the requests (a coalesced,
 * append-only log per flush interval, fsynced), so the ratio should stay near 1; a whole-file
 * rewrite per request would multiply it. Beside it, the same with --durability sync (each answer
 * waits for its append and fsync). Reference: the same 100,000 offers in memory, no data file.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../src/server.js';
import { scopes } from '../../src/store/store.js';
import { collectGarbage, DEMO_CLIENT, markdownTable, percentile } from '../lib.js';
import type { Durability } from '../../src/config.js';

/** Milliseconds with two decimals (these requests take well under a millisecond). */
const ms = (value: number) => value.toFixed(2);
import { times, verdictOf, type BenchSection, type SectionResult } from './types.js';

const OBJECTS = 100_000;
const GOAL_RATIO = 1.5;
const WARM_UP = 200;
const CHUNK = 100;

interface Setup {
  name: string;
  dataFile: string | null;
  /** Offers to add beyond the fixtures before measuring. */
  extra: number;
  durability?: Durability;
}

interface Measured {
  setup: Setup;
  samples: number[];
  p50: number;
  p99: number;
  fileMiB: number;
  /** Whether the snapshot file was rewritten while the timed requests ran. */
  snapshotRewritten: boolean;
  logKiB: number;
}

export const persistenceSection: BenchSection = {
  id: 'persistence',
  title: 'Persistence: mutation latency with the data file on',
  async run({ quick, scratch, progress }): Promise<SectionResult> {
    const count = quick ? 500 : 3_000;
    const setups: Setup[] = [
      { name: 'data file, fixtures only (baseline)', dataFile: join(scratch, 'empty', 'state.json'), extra: 0 },
      { name: `data file, fixtures + ${OBJECTS.toLocaleString('en')} offers`, dataFile: join(scratch, 'full', 'state.json'), extra: OBJECTS },
      { name: `in memory, fixtures + ${OBJECTS.toLocaleString('en')} offers (reference)`, dataFile: null, extra: OBJECTS },
      {
        name: `data file, fixtures + ${OBJECTS.toLocaleString('en')} offers, durability sync`,
        dataFile: join(scratch, 'sync', 'state.json'),
        extra: OBJECTS,
        durability: 'sync',
      },
    ];
    const opened: Opened[] = [];
    let results: Measured[];
    try {
      for (const setup of setups) {
        collectGarbage();
        opened.push(await open(setup));
      }
      // Side by side: chunks of CHUNK timed requests, round-robin over the setups.
      for (let done = 0; done < count; done += CHUNK) {
        for (const subject of opened) await timeRequests(subject, Math.min(CHUNK, count - done));
      }
      await new Promise((resolve) => setTimeout(resolve, 250)); // the last flush interval
      results = opened.map(summarize); // before closing: closing compacts the log into the snapshot
    } finally {
      for (const subject of opened) await subject.app.close();
    }
    for (const result of results) progress(`  ${result.setup.name}: p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms`);
    const [empty, full, memory, sync] = results as [Measured, Measured, Measured, Measured];
    const ratio50 = full.p50 / empty.p50;
    const ratio99 = full.p99 / empty.p99;
    const markdown = [
      `${count.toLocaleString('en')} sequential \`POST /mocktenant/target/offers/content\` (a new offer each, in-process with inject, ` +
        `after ${WARM_UP} warm-up ones) per setup, the four setups open side by side and timed in turns of ${CHUNK} requests. With a data file the app is started twice: once to write the ${OBJECTS.toLocaleString('en')} offers ` +
        '(closing compacts them into the snapshot), then again, loading that file, for the timed requests; the default flush interval ' +
        '(100 ms) and compaction threshold (32 MiB of log) apply. Times in ms.',
      '',
      markdownTable(
        ['setup', 'p50', 'p99', 'max', 'snapshot MiB', 'log appended KiB', 'snapshot rewritten during the run'],
        results.map((r) => [
          r.setup.name,
          ms(r.p50),
          ms(r.p99),
          ms(r.samples.at(-1)!),
          r.setup.dataFile ? r.fileMiB.toFixed(1) : '—',
          r.setup.dataFile ? r.logKiB.toFixed(0) : '—',
          r.setup.dataFile ? (r.snapshotRewritten ? 'yes' : 'no') : '—',
        ]),
        ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
      ),
      '',
      `Ratio ${OBJECTS.toLocaleString('en')} offers / fixtures only, data file on: p50 **${times(ratio50)}**, p99 ${times(ratio99)} ` +
        `(in memory with ${OBJECTS.toLocaleString('en')}: p50 ${times(memory.p50 / empty.p50)}).`,
      '',
      `Durability, ${OBJECTS.toLocaleString('en')} offers: write-behind p50 ${ms(full.p50)} / p99 ${ms(full.p99)} ms, ` +
        `sync p50 ${ms(sync.p50)} / p99 ${ms(sync.p99)} ms. Sequential requests cannot share an fsync, so a sync mutation pays one ` +
        'append + fsync of its own (the scratch folder is on the file system of os.tmpdir(); a tmpfs makes fsync free).',
    ].join('\n');
    return {
      markdown,
      goals: [
        {
          figure: `mutation p50 with the data file on, ${OBJECTS.toLocaleString('en')} objects / fixtures only`,
          value: `${ms(full.p50)} / ${ms(empty.p50)} ms = ${times(ratio50)} (p99 ${times(ratio99)})`,
          goal: `near 1 (≤ ${GOAL_RATIO}×; issue 2: no whole-file rewrite per request)`,
          verdict: verdictOf(ratio50 <= GOAL_RATIO && !full.snapshotRewritten),
        },
        {
          figure: `mutation p50 / p99, ${OBJECTS.toLocaleString('en')} objects, durability sync (write-behind beside it)`,
          value: `${ms(sync.p50)} / ${ms(sync.p99)} ms (write-behind ${ms(full.p50)} / ${ms(full.p99)} ms)`,
          goal: 'a figure (issue 14: on disk before the answer)',
          verdict: 'n/a',
        },
      ],
    };
  },
};

interface Opened {
  setup: Setup;
  app: Awaited<ReturnType<typeof buildApp>>['app'];
  post(): Promise<void>;
  samples: number[];
  before: FileState | null;
}

/** Starts the app for a setup (writing its data file first when it needs the extra offers) and warms it up. */
async function open(setup: Setup): Promise<Opened> {
  if (setup.dataFile) mkdirSync(dirname(setup.dataFile), { recursive: true });
  if (setup.dataFile && setup.extra > 0) {
    // First start: write the offers, then close (flush + compaction into the snapshot).
    const { app, ctx } = await buildApp({ logLevel: 'silent', dataFile: setup.dataFile });
    await app.ready();
    addOffers(ctx.store, setup.extra);
    await app.close();
  }
  collectGarbage();
  const { app, ctx } = await buildApp({ logLevel: 'silent', dataFile: setup.dataFile, durability: setup.durability });
  await app.ready();
  if (!setup.dataFile && setup.extra > 0) addOffers(ctx.store, setup.extra);
  const token = await app.inject({
    method: 'POST',
    url: '/ims/token/v3',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=client_credentials&client_id=${DEMO_CLIENT.id}&client_secret=${DEMO_CLIENT.secret}`,
  });
  const headers = {
    authorization: `Bearer ${(token.json() as { access_token: string }).access_token}`,
    'x-api-key': DEMO_CLIENT.id,
    'content-type': 'application/json',
  };
  let serial = 0;
  const post = async () => {
    serial += 1;
    const response = await app.inject({
      method: 'POST',
      url: `/${DEMO_CLIENT.tenant}/target/offers/content`,
      headers,
      payload: JSON.stringify({ name: `persistence bench ${serial}`, content: `<p>offer ${serial}</p>` }),
    });
    if (response.statusCode !== 201 && response.statusCode !== 200)
      throw new Error(`POST offer answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
  };
  for (let i = 0; i < WARM_UP; i += 1) await post();
  await new Promise((resolve) => setTimeout(resolve, 250)); // let the warm-up's flush finish
  return { setup, app, post, samples: [], before: setup.dataFile ? fileState(setup.dataFile) : null };
}

async function timeRequests(subject: Opened, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    await subject.post();
    subject.samples.push(performance.now() - t0);
  }
}

function summarize(subject: Opened): Measured {
  const { setup, before } = subject;
  const after = setup.dataFile ? fileState(setup.dataFile) : null;
  const samples = [...subject.samples].sort((a, b) => a - b);
  return {
    setup,
    samples,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    fileMiB: (after?.size ?? 0) / 1024 ** 2,
    snapshotRewritten: before !== null && after !== null && (after.mtimeMs !== before.mtimeMs || after.size !== before.size),
    logKiB: ((after?.logSize ?? 0) - (before?.logSize ?? 0)) / 1024,
  };
}

type Store = Awaited<ReturnType<typeof buildApp>>['ctx']['store'];

/** Offers as the offers model stores them, with ids well above the fixtures'. */
function addOffers(store: Store, count: number): void {
  const offers = store.collection<{ id: number; name: string; content: string; modifiedAt: string; workspace: string }>(
    scopes.target(DEMO_CLIENT.tenant),
    'offers',
  );
  for (let i = 0; i < count; i += 1) {
    const id = 5_000_000 + i;
    offers.put(id, {
      id,
      name: `/bench/offers/${id}`,
      content: `<div class="bench">Offer ${id}: generated for the persistence benchmark</div>`,
      modifiedAt: '2024-01-01T00:00:00Z',
      workspace: '1234567',
    });
  }
}

interface FileState {
  size: number;
  mtimeMs: number;
  logSize: number;
}

function fileState(file: string): FileState {
  const snapshot = statSync(file, { throwIfNoEntry: false });
  const log = statSync(`${file}.log`, { throwIfNoEntry: false });
  return { size: snapshot?.size ?? 0, mtimeMs: snapshot?.mtimeMs ?? 0, logSize: log?.size ?? 0 };
}
