/**
 * Sections reusing the standalone benchmarks' measurements: Target /batch (bench/target-batch.ts),
 * the Catalog listing over 100,000 batches (bench/catalog-listing.ts) and the 512 MiB upload
 * (bench/upload.ts).
 */
import { measureCatalogListing } from '../catalog-listing.js';
import { ms } from '../lib.js';
import { measureBatch } from '../target-batch.js';
import { measureUpload } from '../upload.js';
import { times, verdictOf, type BenchSection } from './types.js';

export const batchSection: BenchSection = {
  id: 'batch',
  title: 'Target /batch',
  async run({ quick }) {
    const rounds = quick ? 8 : 30;
    const result = await measureBatch(rounds);
    return {
      markdown: result.markdown,
      goals: result.scenarios
        .filter((scenario) => scenario.goal !== undefined)
        .map((scenario) => ({
          figure: `batch p50, ${scenario.name}`,
          value: `${ms(scenario.p50)} ms`,
          goal: `≤ ${scenario.goal} ms (issue 5)`,
          verdict: verdictOf(scenario.p50 <= scenario.goal!),
        })),
    };
  },
};

export const catalogSection: BenchSection = {
  id: 'catalog',
  title: 'Catalog listing over 100,000 batches',
  async run({ quick }) {
    const result = await measureCatalogListing(quick ? 40 : 200);
    return {
      markdown: result.markdown,
      goals: [
        {
          figure: 'Catalog page over 100,000 batches (status + desc:created, limit 100), p50',
          value: `${ms(result.p50)} ms (${times(result.vsBare)} a bare Fastify page, ${times(result.vsSmall)} the same over 1,000)`,
          goal: `≤ ${result.goalMs} ms (issue 3)`,
          verdict: verdictOf(result.p50 <= result.goalMs),
        },
      ],
    };
  },
};

export const uploadSection: BenchSection = {
  id: 'upload',
  title: '512 MiB upload',
  async run({ quick }) {
    const result = await measureUpload(quick ? 1 : 3);
    return {
      markdown: result.markdown,
      goals: [
        {
          figure: '512 MiB upload, peak RSS growth of the emulator',
          value: `${result.worstGrowthMiB.toFixed(1)} MiB`,
          goal: `≤ ${result.goalRssMiB} MiB (issue 3)`,
          verdict: verdictOf(result.worstGrowthMiB <= result.goalRssMiB),
        },
        {
          figure: '512 MiB upload, throughput emulator / bare node:http → disk',
          value: `${result.emulatorMiBps.toFixed(0)} / ${result.baselineMiBps.toFixed(0)} MiB/s = ${times(result.emulatorMiBps / result.baselineMiBps)}`,
          goal: 'printed (issue 3)',
          verdict: 'n/a',
        },
        {
          figure: '513 MiB with Content-Length',
          value: `${result.overStatus} after ${ms(result.overAnsweredAfterMs)} ms`,
          goal: '413, before a quarter of the body (issue 3)',
          verdict: verdictOf(result.overOk),
        },
      ],
    };
  },
};
