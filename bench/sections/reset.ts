/**
 * Reset with a full store: POST /_mock/reset after 10,000 user objects across the products
 * (Catalog datasets and batches, Target offers, audiences and activities, Schema Registry tenant
 * schemas and field groups, Profile profiles), in process through inject, in memory. The objects
 * are put in with PUT /_mock/state of one prepared snapshot (the fixtures plus the 10,000), which
 * is itself timed. Each round: import (timed), garbage collection (untimed), reset (timed); the
 * reset is checked to leave exactly the fixtures' object count. Then the same with a data file.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../src/server.js';
import { scopes } from '../../src/store/store.js';
import { collectGarbage, DEMO_CLIENT, markdownTable, percentile } from '../lib.js';
import { verdictOf, type BenchSection, type SectionResult } from './types.js';

const USER_OBJECTS = 10_000;
const GOAL_MS = 5;
const WARM_UP = 3;
const SANDBOX = 'prod';

/** Milliseconds with two decimals. */
const ms = (value: number) => value.toFixed(2);

type App = Awaited<ReturnType<typeof buildApp>>['app'];
type Entries = Array<[string, Record<string, unknown>]>;
interface StateDocument {
  format: string;
  version: number;
  scopes: Record<string, Record<string, Entries>>;
}

/** How many user objects of each kind, copied from a template of that kind (the shares add up to 10,000). */
const KINDS: Array<{ product: string; scope: string; collection: string; share: number }> = [
  { product: 'Catalog', scope: 'platform', collection: 'dataSets', share: 2_000 },
  { product: 'Catalog', scope: 'platform', collection: 'batches', share: 2_000 },
  { product: 'Schema Registry', scope: 'platform', collection: 'schemas', share: 500 },
  { product: 'Schema Registry', scope: 'platform', collection: 'fieldgroups', share: 500 },
  { product: 'Target', scope: 'target', collection: 'offers', share: 2_000 },
  { product: 'Target', scope: 'target', collection: 'audiences', share: 1_000 },
  { product: 'Target', scope: 'target', collection: 'activities', share: 1_000 },
  { product: 'Profile', scope: 'profile', collection: 'profiles', share: 1_000 },
];

interface Samples {
  resets: number[];
  resetCpu: number[];
  imports: number[];
}

type Ctx = Awaited<ReturnType<typeof buildApp>>['ctx'];

/** Rounds of import (timed), garbage collection, reset (timed and checked), after WARM_UP untimed ones; samples sorted. */
async function measure(app: App, ctx: Ctx, payload: string, rounds: number, fixtureCount: number): Promise<Samples> {
  const samples: Samples = { resets: [], resetCpu: [], imports: [] };
  for (let round = 0; round < WARM_UP + rounds; round++) {
    collectGarbage();
    let t0 = performance.now();
    await send(app, 'PUT', '/_mock/state', payload);
    const imported = performance.now() - t0;
    if (ctx.store.collection(scopes.target(DEMO_CLIENT.tenant), 'offers').size < 2_000) throw new Error('the import did not load the user objects');
    collectGarbage();
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    await send(app, 'POST', '/_mock/reset');
    const reset = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    // Checked outside the timing: exactly the fixtures again (reading copies nothing).
    const after = countObjects(ctx.store.snapshot(undefined, { readOnly: true }).scopes);
    if (after !== fixtureCount) throw new Error(`after the reset the store holds ${after} objects, the fixtures ${fixtureCount}`);
    if (round < WARM_UP) continue;
    samples.imports.push(imported);
    samples.resets.push(reset);
    samples.resetCpu.push((cpu.user + cpu.system) / 1000);
  }
  for (const values of Object.values(samples)) values.sort((a: number, b: number) => a - b);
  return samples;
}

const row = (name: string, values: number[]) => [name, ms(percentile(values, 50)), ms(percentile(values, 99)), ms(values.at(-1)!)];

export const resetSection: BenchSection = {
  id: 'reset',
  title: 'Reset and state import with 10,000 user objects',
  async run({ quick, scratch, progress }): Promise<SectionResult> {
    const rounds = quick ? 20 : 100;
    const fileRounds = quick ? 5 : 20;
    const { app, ctx } = await buildApp({ logLevel: 'silent' });
    await app.ready();
    let payload: string;
    let fixtureCount: number;
    let memory: Samples;
    try {
      fixtureCount = countObjects(ctx.store.snapshot().scopes);
      const document = await seededDocument(app);
      payload = JSON.stringify(document);
      const seededCount = countObjects(document.scopes);
      if (seededCount - fixtureCount !== USER_OBJECTS) throw new Error(`the snapshot holds ${seededCount - fixtureCount} user objects, not ${USER_OBJECTS}`);
      progress(`  snapshot: ${(payload.length / 1024 ** 2).toFixed(1)} MiB, ${seededCount} objects (${fixtureCount} of the fixtures); ${rounds} rounds`);
      memory = await measure(app, ctx, payload, rounds, fixtureCount);
    } finally {
      await app.close();
    }
    // The same with a data file: an import or a reset replaces the state wholesale, so it rewrites the snapshot file.
    collectGarbage();
    mkdirSync(join(scratch, 'reset'), { recursive: true });
    const withFile = await buildApp({ logLevel: 'silent', dataFile: join(scratch, 'reset', 'state.json') });
    await withFile.app.ready();
    let file: Samples;
    try {
      file = await measure(withFile.app, withFile.ctx, payload, fileRounds, fixtureCount);
    } finally {
      await withFile.app.close();
    }

    const { resets: r, resetCpu: c, imports: i } = memory;
    const resetP50 = percentile(r, 50);
    progress(`  reset p50 ${ms(resetP50)} ms, p99 ${ms(percentile(r, 99))} ms; import p50 ${ms(percentile(i, 50))} ms`);
    const markdown = [
      `${USER_OBJECTS.toLocaleString('en')} user objects (${KINDS.map((kind) => `${kind.share.toLocaleString('en')} ${kind.product} ${kind.collection}`).join(', ')}) ` +
        `on top of the ${fixtureCount.toLocaleString('en')} fixture objects, in process (inject: no network). ${rounds} rounds in memory (${fileRounds} with a data file) after ${WARM_UP} warm-up ones: ` +
        `PUT /_mock/state of the ${(payload.length / 1024 ** 2).toFixed(1)} MiB snapshot, garbage collection (untimed), POST /_mock/reset; ` +
        'every reset is checked to leave exactly the fixtures. CPU is the process time the reset used (user + system), a steadier figure on a busy machine. Times in ms.',
      '',
      markdownTable(
        ['operation', 'p50', 'p99', 'max'],
        [
          row('POST /_mock/reset', r),
          row('POST /_mock/reset, CPU', c),
          row('PUT /_mock/state (the whole snapshot)', i),
          row('POST /_mock/reset, data file on', file.resets),
          row('PUT /_mock/state, data file on', file.imports),
        ],
        ['left', 'right', 'right', 'right'],
      ),
      '',
      'A reset points the store back at the fixtures parsed at start-up, shared copy-on-write (an object is copied the first time it is read ' +
        'after the reset), so it costs about the same whatever the store held: the old objects are simply let go. With a data file, a reset ' +
        'or an import also has the new state written as the snapshot file (the change log cannot express "replaced wholesale"), behind the answer like any change.',
    ].join('\n');
    return {
      markdown,
      goals: [
        {
          figure: `POST /_mock/reset p50, ${USER_OBJECTS.toLocaleString('en')} user objects`,
          value: `${ms(resetP50)} ms (p99 ${ms(percentile(r, 99))}, CPU p50 ${ms(percentile(c, 50))}; data file on ${ms(percentile(file.resets, 50))})`,
          goal: `≤ ${GOAL_MS} ms (issue 20)`,
          verdict: verdictOf(resetP50 <= GOAL_MS),
        },
        {
          figure: `PUT /_mock/state p50, the same ${USER_OBJECTS.toLocaleString('en')} user objects`,
          value: `${ms(percentile(i, 50))} ms (${(payload.length / 1024 ** 2).toFixed(1)} MiB; data file on ${ms(percentile(file.imports, 50))})`,
          goal: 'a figure (issue 20)',
          verdict: 'n/a',
        },
      ],
    };
  },
};

async function send(app: App, method: 'PUT' | 'POST' | 'GET', url: string, payload?: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method, url, payload, headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers } });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  return response;
}

/**
 * The fixtures plus USER_OBJECTS objects: a dataset and a batch are created through the API for
 * their templates, the other kinds copy a fixture object; every copy gets an id of its own.
 */
async function seededDocument(app: App): Promise<StateDocument> {
  const token = await send(app, 'POST', '/ims/token/v3', `grant_type=client_credentials&client_id=${DEMO_CLIENT.id}&client_secret=${DEMO_CLIENT.secret}`, {
    'content-type': 'application/x-www-form-urlencoded',
  });
  const headers = {
    authorization: `Bearer ${(token.json() as { access_token: string }).access_token}`,
    'x-api-key': DEMO_CLIENT.id,
    'x-gw-ims-org-id': DEMO_CLIENT.org,
    'x-sandbox-name': SANDBOX,
  };
  const dataSet = (await send(app, 'POST', '/data/foundation/catalog/dataSets', JSON.stringify({ name: 'reset bench template' }), headers)).json() as string[];
  const dataSetId = String(dataSet[0]).split('/').pop()!;
  await send(app, 'POST', '/data/foundation/import/batches', JSON.stringify({ datasetId: dataSetId, inputFormat: { format: 'json' } }), headers);
  const document = (await send(app, 'GET', '/_mock/state')).json() as StateDocument;
  await send(app, 'POST', '/_mock/reset');
  const fixtures = (await send(app, 'GET', '/_mock/state')).json() as StateDocument;

  const scopeOf = (kind: string) =>
    kind === 'platform'
      ? scopes.platform(DEMO_CLIENT.org, SANDBOX)
      : kind === 'target'
        ? scopes.target(DEMO_CLIENT.tenant)
        : scopes.profile(DEMO_CLIENT.tenant);
  let serial = 0;
  for (const kind of KINDS) {
    const scope = scopeOf(kind.scope);
    const template = document.scopes[scope]?.[kind.collection]?.at(-1)?.[1];
    if (!template) throw new Error(`no ${kind.collection} in ${scope} to copy`);
    const entries = (fixtures.scopes[scope]![kind.collection] ??= []);
    const numeric = typeof template.id === 'number';
    for (let n = 0; n < kind.share; n++) {
      serial += 1;
      const id = numeric ? 9_000_000 + serial : `bench${String(serial).padStart(8, '0')}`;
      entries.push([String(id), { ...structuredClone(template), id, name: `reset bench ${serial}` }]);
    }
  }
  return fixtures;
}

function countObjects(state: Record<string, Record<string, Array<unknown>>>): number {
  let count = 0;
  for (const [scope, collections] of Object.entries(state)) {
    if (scope.startsWith('_')) continue; // the emulator's internal scope (the token signing key)
    for (const [name, entries] of Object.entries(collections)) if (!name.startsWith('_')) count += entries.length;
  }
  return count;
}
