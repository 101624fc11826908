/**
 * A test suite's day: the requests an integration test makes, over HTTP against the spawned
 * emulator (batch processing delay 0), by 4 concurrent workers, each in a tenant set of its own
 * (POST /_mock/tenants with the demo fixtures copied in). One iteration: reset the worker's set,
 * IMS token, create a Catalog dataset on the fixture schema, create a batch, upload a 100-record
 * JSON file, COMPLETE, poll the batch until success, list the batch's files and download the file
 * (Data Access), a Target /batch creating an offer and an activity using it, then delete both.
 *
 * Baseline: the same round trips (same methods, the same request and response body sizes, the
 * polls included) made by the same 4 workers to a bare Fastify route (bench/bare-sized.ts).
 * Beside it, the emulator's resident memory after start-up and after the suite, and bare Fastify's.
 */
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { markdownTable, packageRoot, processCpuMs, residentMiB, sleep, startServer, stats, type StartedServer } from '../lib.js';
import { times, verdictOf, type BenchSection, type SectionResult } from './types.js';

const WORKERS = 4;
const GOAL_RATIO = 2;
const RECORDS = 100;
const FILE_NAME = 'members.json';
/** The fixture schema of seed 001's tutorial ($id), copied into every set created with fixtures. */
const SCHEMA_ID = 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9';
const POLL_LIMIT = 200;
/** Iterations per worker in each turn of the side-by-side measurement. */
const CHUNK = 5;
const PLATFORM = '/data/foundation';

const here = dirname(fileURLToPath(import.meta.url));

/** One round trip as the bare replay needs it. */
interface Trip {
  method: string;
  contentType: string | undefined;
  requestBytes: number;
  status: number;
  responseBytes: number;
}

export interface TenantSet {
  id: string;
  imsOrg: string;
  tenant: string;
  clientId: string;
  clientSecret: string;
}

/** 100 loyalty members, one JSON object per line, shaped by the fixture schema. */
const FILE_CONTENT = Array.from({ length: RECORDS }, (_, n) =>
  JSON.stringify({
    _id: `member-${n}`,
    personalEmail: { address: `member${n}@example.com` },
    person: { name: { firstName: `First${n}`, lastName: `Last${n}` } },
    _mocktenant: { loyalty: { loyaltyId: `L-${n}`, loyaltyLevel: 'gold', loyaltyPoints: n * 10, memberSince: '2020-01-01T00:00:00Z' } },
  }),
)
  .map((line) => `${line}\n`)
  .join('');

/** An HTTP client that records every round trip it makes. */
class Recorder {
  readonly trips: Trip[] = [];

  constructor(private readonly base: string) {}

  async call(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: string; expect?: number[] } = {},
  ): Promise<{ status: number; text: string }> {
    const headers = options.headers ?? {};
    const response = await fetch(this.base + path, { method, headers, body: options.body });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    const expect = options.expect ?? [200];
    if (!expect.includes(response.status)) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    this.trips.push({
      method,
      contentType: options.body === undefined ? undefined : headers['content-type'],
      requestBytes: options.body === undefined ? 0 : Buffer.byteLength(options.body),
      status: response.status,
      responseBytes: bytes.length,
    });
    return { status: response.status, text };
  }

  json<T>(answer: { text: string }): T {
    return JSON.parse(answer.text) as T;
  }
}

/** One iteration of a worker's test, against its own set; the round trips it made. */
export async function iteration(base: string, set: TenantSet, serial: string): Promise<Trip[]> {
  const http = new Recorder(base);
  await http.call('POST', `/_mock/reset?set=${set.id}`);
  const token = http.json<{ access_token: string }>(
    await http.call('POST', '/ims/token/v3', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: set.clientId, client_secret: set.clientSecret }).toString(),
    }),
  ).access_token;
  const platform = { authorization: `Bearer ${token}`, 'x-api-key': set.clientId, 'x-gw-ims-org-id': set.imsOrg, 'x-sandbox-name': 'prod' };
  const json = { ...platform, 'content-type': 'application/json' };

  const created = await http.call('POST', `${PLATFORM}/catalog/dataSets`, {
    headers: json,
    body: JSON.stringify({ name: `Suite day ${serial}`, schemaRef: { id: SCHEMA_ID, contentType: 'application/vnd.adobe.xed+json;version=1' } }),
    expect: [201],
  });
  const datasetId = String(http.json<string[]>(created)[0]).split('/').pop()!;
  const batch = await http.call('POST', `${PLATFORM}/import/batches`, {
    headers: json,
    body: JSON.stringify({ datasetId, inputFormat: { format: 'json' } }),
    expect: [201],
  });
  const batchId = http.json<{ id: string }>(batch).id;
  await http.call('PUT', `${PLATFORM}/import/batches/${batchId}/datasets/${datasetId}/files/${FILE_NAME}`, {
    headers: { ...platform, 'content-type': 'application/octet-stream' },
    body: FILE_CONTENT,
  });
  await http.call('POST', `${PLATFORM}/import/batches/${batchId}?action=COMPLETE`, { headers: platform });
  let status = '';
  for (let poll = 0; poll < POLL_LIMIT; poll++) {
    const polled = await http.call('GET', `${PLATFORM}/catalog/batches?batch=${batchId}`, { headers: platform });
    status = http.json<Record<string, { status: string }>>(polled)[batchId]?.status ?? '';
    if (status === 'success' || status === 'failed') break;
  }
  if (status !== 'success') throw new Error(`batch ${batchId} ended "${status}" (set ${set.id})`);
  const files = http.json<{ data: Array<{ dataSetFileId: string }> }>(
    await http.call('GET', `${PLATFORM}/export/batches/${batchId}/files`, { headers: platform }),
  );
  const fileId = files.data[0]?.dataSetFileId;
  if (!fileId) throw new Error(`batch ${batchId} wrote no dataset file`);
  const download = await http.call('GET', `${PLATFORM}/export/files/${fileId}?path=${FILE_NAME}`, { headers: platform });
  if (download.text !== FILE_CONTENT) throw new Error('the downloaded file is not the uploaded one');

  const target = `/${set.tenant}/target`;
  const targetJson = { authorization: `Bearer ${token}`, 'x-api-key': set.clientId, 'content-type': 'application/json' };
  const answered = http.json<{ results: Array<{ operationId: number; statusCode: number; body: { id: number } }> }>(
    await http.call('POST', `${target}/batch`, { headers: targetJson, body: JSON.stringify({ operations: targetOperations(serial) }) }),
  );
  const [offer, activity] = [0, 1].map((id) => answered.results.find((result) => result.operationId === id));
  if (offer?.statusCode !== 200 || activity?.statusCode !== 200) throw new Error(`Target /batch: ${JSON.stringify(answered.results).slice(0, 400)}`);
  const targetHeaders = { authorization: `Bearer ${token}`, 'x-api-key': set.clientId };
  await http.call('DELETE', `${target}/activities/ab/${activity.body.id}`, { headers: targetHeaders });
  await http.call('DELETE', `${target}/offers/content/${offer.body.id}`, { headers: targetHeaders });
  return http.trips;
}

/** Seed 004's shapes: an offer, and an AB activity showing it (its id taken from the first answer). */
function targetOperations(serial: string) {
  return [
    { operationId: 0, method: 'POST', relativeUrl: '/v2/offers/content', body: { name: `Suite day offer ${serial}`, content: '<p>suite day</p>' } },
    {
      operationId: 1,
      dependsOnOperationIds: [0],
      method: 'POST',
      relativeUrl: '/v3/activities/ab',
      body: {
        name: `Suite day activity ${serial}`,
        locations: { mboxes: [{ locationLocalId: 0, name: 'homepage-hero' }] },
        experiences: [
          {
            experienceLocalId: 0,
            name: 'Only experience',
            visitorPercentage: 100,
            offerLocations: [{ locationLocalId: 0, offerId: '{operationIdResponse:0}' }],
          },
        ],
        metrics: [
          {
            metricLocalId: 32767,
            name: 'Clicks',
            conversion: true,
            mboxes: [{ name: 'order-complete', successEvent: 'mbox_shown' }],
            action: { type: 'count_once' },
          },
        ],
      },
    },
  ];
}

/** The same round trips to the bare route: same methods, content types and body sizes. */
async function replay(base: string, trips: readonly Trip[]): Promise<void> {
  for (const trip of trips) {
    const body =
      trip.requestBytes === 0
        ? undefined
        : trip.contentType === 'application/json'
          ? JSON.stringify('x'.repeat(Math.max(0, trip.requestBytes - 2)))
          : 'x'.repeat(trip.requestBytes);
    const response = await fetch(`${base}/sized/${trip.status}/${trip.responseBytes}`, {
      method: trip.method,
      headers: trip.contentType ? { 'content-type': trip.contentType } : {},
      body,
    });
    const bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== trip.status || bytes !== trip.responseBytes) throw new Error(`bare ${trip.method} answered ${response.status} with ${bytes} bytes`);
  }
}

/** Runs `perWorker` iterations on each of the workers at once; the iteration times. */
async function concurrently(perWorker: number, workers: number, run: (worker: number, n: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let n = 0; n < perWorker; n++) {
        const t0 = performance.now();
        await run(worker, n);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return samples;
}

/** A running CPU total plus one turn's share; null once any reading is missing. */
function addCpu(total: number | null, before: number | null, after: number | null): number | null {
  return total === null || before === null || after === null ? null : total + after - before;
}

const cpuText = (value: number | null) => (value === null ? 'n/a' : value.toFixed(1));

const mib = (value: number | null) => (value === null ? 'n/a' : value.toFixed(0));

export const suiteDaySection: BenchSection = {
  id: 'suite-day',
  title: "A test suite's day: 4 workers, each in its own tenant set, over HTTP",
  async run({ quick, progress }): Promise<SectionResult> {
    const iterations = quick ? 20 : 200;
    const perWorker = Math.ceil(iterations / WORKERS);
    const emulator: StartedServer = await startServer('adobe-api-mock', join(packageRoot, 'dist', 'bin', 'cli.js'), { env: { MOCK_PROCESSING_DELAY_MS: '0' } });
    const bare: StartedServer = await startServer('bare Fastify', join(here, '..', 'bare-sized.js'));
    await sleep(500); // let start-up's garbage settle before reading the idle memory
    const idle = { emulator: residentMiB(emulator.server.child.pid), bare: residentMiB(bare.server.child.pid) };

    const sets: TenantSet[] = [];
    for (let worker = 0; worker < WORKERS; worker++) {
      const response = await fetch(`${emulator.base}/_mock/tenants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `suite day worker ${worker}`, fixtures: true }),
      });
      if (response.status !== 201) throw new Error(`POST /_mock/tenants answered ${response.status}: ${await response.text()}`);
      sets.push((await response.json()) as TenantSet);
    }

    // Warm-up (untimed): one iteration per worker; the last one's round trips are what the bare replay makes.
    const recorded: Trip[][] = await Promise.all(sets.map((set, worker) => iteration(emulator.base, set, `warm-${worker}`)));
    const tripsOf: Trip[][] = [...recorded];
    progress(`  ${iterations} iterations (${perWorker} per worker), ${recorded[0]!.length} round trips each after warm-up`);
    // Side by side: turns of CHUNK iterations per worker, the emulator's then the bare replay's, so
    // both see the same machine; the bare workers replay recorded iterations, each its own.
    await replay(bare.base, recorded[0]!);
    const [emulatorPid, barePid] = [emulator.server.child.pid, bare.server.child.pid];
    const emulatorSamples: number[] = [];
    const bareSamples: number[] = [];
    const cpu = { emulator: 0 as number | null, bare: 0 as number | null };
    for (let done = 0; done < perWorker; done += CHUNK) {
      const turn = Math.min(CHUNK, perWorker - done);
      let before = processCpuMs(emulatorPid);
      emulatorSamples.push(
        ...(await concurrently(turn, WORKERS, async (worker, n) => {
          tripsOf.push(await iteration(emulator.base, sets[worker]!, `${worker}-${done + n}`));
        })),
      );
      cpu.emulator = addCpu(cpu.emulator, before, processCpuMs(emulatorPid));
      before = processCpuMs(barePid);
      bareSamples.push(...(await concurrently(turn, WORKERS, (worker, n) => replay(bare.base, tripsOf[(worker + (done + n) * WORKERS) % tripsOf.length]!))));
      cpu.bare = addCpu(cpu.bare, before, processCpuMs(barePid));
    }
    const emulatorCpu = cpu.emulator === null ? null : cpu.emulator / emulatorSamples.length;
    const bareCpu = cpu.bare === null ? null : cpu.bare / bareSamples.length;
    const afterSuite = residentMiB(emulatorPid);
    const roundTrips = stats(tripsOf.map((trips) => trips.length));
    await sleep(500);
    const bareAfter = residentMiB(barePid);

    const e = stats(emulatorSamples);
    const b = stats(bareSamples);
    const ratio = e.median / b.median;
    const ms = (value: number) => value.toFixed(1);
    progress(
      `  emulator median ${ms(e.median)} ms, bare ${ms(b.median)} ms (${times(ratio)}); RSS idle ${mib(idle.emulator)} MiB, after ${mib(afterSuite)} MiB`,
    );
    const trips = recorded[0]!;
    const upload = trips.find((trip) => trip.method === 'PUT');
    const markdown = [
      `${(perWorker * WORKERS).toLocaleString('en')} iterations, ${WORKERS} workers at once (${perWorker} each, after one untimed warm-up iteration each, in turns of ${CHUNK} alternating with the bare replay), over HTTP (keep-alive, Node's fetch), ` +
        `each worker in a tenant set of its own created with the demo fixtures; batch processing delay 0 (\`MOCK_PROCESSING_DELAY_MS=0\`). One iteration: ` +
        '`POST /_mock/reset?set=<its set>`, IMS token, Catalog dataset on the fixture schema, batch, upload of a ' +
        `${RECORDS}-record JSON file (${(upload?.requestBytes ?? 0).toLocaleString('en')} bytes), COMPLETE, batch polls until success, Data Access file list and download ` +
        '(checked byte for byte), Target `/batch` creating an offer and an AB activity showing it, then DELETE of the activity and the offer. ' +
        `Round trips per iteration: median ${roundTrips.median}, max ${roundTrips.max} (polls included). The bare Fastify workers replay recorded iterations: the same methods, ` +
        'content types, request and response body sizes and statuses, one route answering prebuilt bytes. Times in ms.',
      '',
      markdownTable(
        ['server', 'iteration median', 'p90', 'min', 'max', 'server CPU / iteration', 'round trips / iteration'],
        [
          ['adobe-api-mock', ms(e.median), ms(e.p90), ms(e.min), ms(e.max), cpuText(emulatorCpu), String(roundTrips.median)],
          ['bare Fastify, same round trips', ms(b.median), ms(b.p90), ms(b.min), ms(b.max), cpuText(bareCpu), String(roundTrips.median)],
        ],
        ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
      '',
      `Ratio (median): **${times(ratio)}** bare; p90 ${times(e.p90 / b.p90)}` +
        (emulatorCpu !== null && bareCpu !== null
          ? `; server CPU per iteration ${times(emulatorCpu / bareCpu)} (steadier on a busy machine: the server's own work, not the wait for a core).`
          : '.'),
      '',
      'Resident memory (VmRSS of the server process, MiB):',
      '',
      markdownTable(
        ['server', 'idle after start-up', 'after the suite'],
        [
          ['adobe-api-mock', mib(idle.emulator), mib(afterSuite)],
          ['bare Fastify', mib(idle.bare), mib(bareAfter)],
        ],
        ['left', 'right', 'right'],
      ),
      '',
      'Round trips of one iteration (method, request and response bytes, status):',
      '',
      markdownTable(
        ['#', 'method', 'request bytes', 'status', 'response bytes'],
        trips.map((trip, n) => [String(n + 1), trip.method, String(trip.requestBytes), String(trip.status), String(trip.responseBytes)]),
        ['right', 'left', 'right', 'right', 'right'],
      ),
    ].join('\n');
    return {
      markdown,
      goals: [
        {
          figure: `suite-day iteration median, ${WORKERS} workers (${roundTrips.median} round trips) / bare Fastify, same round trips`,
          value:
            `${ms(e.median)} / ${ms(b.median)} ms = ${times(ratio)} (p90 ${ms(e.p90)} / ${ms(b.p90)}` +
            (emulatorCpu !== null && bareCpu !== null
              ? `; server CPU ${cpuText(emulatorCpu)} / ${cpuText(bareCpu)} ms = ${times(emulatorCpu / bareCpu)})`
              : ')'),
          goal: `≤ ${GOAL_RATIO}× (issue 20)`,
          verdict: verdictOf(ratio <= GOAL_RATIO),
        },
        {
          figure: 'emulator RSS idle after start-up / after the suite (bare Fastify idle)',
          value: `${mib(idle.emulator)} / ${mib(afterSuite)} MiB (${mib(idle.bare)} MiB)`,
          goal: 'a figure (issue 20)',
          verdict: 'n/a',
        },
      ],
    };
  },
};
