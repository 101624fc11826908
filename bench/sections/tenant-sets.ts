/**
 * Creating and deleting isolated tenant sets (POST / DELETE /_mock/tenants), in process through
 * inject, on a store holding the bundled fixtures: empty sets (what a test worker asks for by
 * default) and sets with the demo fixtures copied in (about 1,500 Target objects each).
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../src/server.js';
import { markdownTable, ms, percentile } from '../lib.js';
import { verdictOf, type BenchSection } from './types.js';

const GOAL_MS = 5;

interface Timings {
  create: number[];
  remove: number[];
}

async function measure(count: number, fixtures: boolean): Promise<Timings> {
  const { app } = await buildApp({ logLevel: 'silent' });
  await app.ready();
  try {
    const timings: Timings = { create: [], remove: [] };
    const ids: string[] = [];
    // A few unmeasured rounds: route compilation and first-use costs are not the figure.
    for (let i = 0; i < count + 10; i++) {
      const t0 = performance.now();
      const created = await app.inject({ method: 'POST', url: '/_mock/tenants', payload: { fixtures } });
      if (created.statusCode !== 201) throw new Error(`create answered ${created.statusCode}: ${created.body}`);
      if (i >= 10) timings.create.push(performance.now() - t0);
      ids.push((created.json() as { id: string }).id);
    }
    for (const [i, id] of ids.entries()) {
      const t0 = performance.now();
      const deleted = await app.inject({ method: 'DELETE', url: `/_mock/tenants/${id}` });
      if (deleted.statusCode !== 204) throw new Error(`delete answered ${deleted.statusCode}: ${deleted.body}`);
      if (i >= 10) timings.remove.push(performance.now() - t0);
    }
    return timings;
  } finally {
    await app.close();
  }
}

export const tenantSetsSection: BenchSection = {
  id: 'tenants',
  title: 'Tenant sets: create and delete',
  async run({ quick, progress }) {
    const count = quick ? 200 : 500;
    const rows: string[][] = [];
    const goals = [];
    for (const fixtures of [false, true]) {
      progress(`${count} sets, fixtures ${fixtures}`);
      const { create, remove } = await measure(count, fixtures);
      const label = fixtures ? 'with the demo fixtures' : 'empty';
      for (const [what, samples] of [
        ['create', create],
        ['delete', remove],
      ] as const) {
        const sorted = [...samples].sort((a, b) => a - b);
        const p50 = percentile(sorted, 50);
        rows.push([`${what}, ${label}`, ms(p50), ms(percentile(sorted, 99))]);
        if (!fixtures)
          goals.push({
            figure: `tenant set ${what} p50 (empty set, ${count} sets)`,
            value: `${ms(p50)} ms`,
            goal: `≤ ${GOAL_MS} ms (issue 15)`,
            verdict: verdictOf(p50 <= GOAL_MS),
          });
      }
    }
    const markdown = [
      `${count} sets created one after another on the bundled fixtures, then deleted, in process (inject: no network), in memory.`,
      '',
      markdownTable(['operation', 'p50 ms', 'p99 ms'], rows, ['left', 'right', 'right']),
    ].join('\n');
    return { markdown, goals };
  },
};
