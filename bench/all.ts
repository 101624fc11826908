/**
 * `npm run bench`: every benchmark in one run, each figure beside a baseline measured in the
 * same run (a bare Fastify server or route, the peers json-server and Prism, or the same request
 * on a smaller store), and each goal from the issues beside its figure with met / MISSED.
 * Prints one markdown report and writes it to bench/results.md (a full run) or
 * bench/results-partial.md (--quick or --only).
 *
 *   npm run bench                       # everything (about 6 minutes on a 2-core machine)
 *   npm run bench -- --quick            # shorter rounds: checks that everything runs
 *   npm run bench -- --only throughput  # one section (repeat --only for several)
 *
 * Every server it starts listens on 127.0.0.1 and is stopped at the end, on error and on Ctrl-C.
 * Exits 0 once the report is written, whatever the verdicts (a report, not a test); 1 when a
 * section could not measure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { busyMachineWarning, collectGarbage, environmentLines, killAllServersNow, markdownTable, packageRoot, stopAllServers } from './lib.js';
import { batchSection, catalogSection, uploadSection } from './sections/in-process.js';
import { persistenceSection } from './sections/persistence.js';
import { profilesSection } from './sections/profiles.js';
import { schemaRegistrySection } from './sections/schema-registry.js';
import { resetSection } from './sections/reset.js';
import { stagesSection } from './sections/stages.js';
import { startupSection } from './sections/startup.js';
import { suiteDaySection } from './sections/suite-day.js';
import { tenantSetsSection } from './sections/tenant-sets.js';
import { containerSection } from './sections/container.js';
import { throughputSection } from './sections/throughput.js';
import type { BenchSection, GoalLine, SectionResult } from './sections/types.js';

/** The report's sections, in order. */
const SECTIONS: BenchSection[] = [
  startupSection,
  throughputSection,
  stagesSection,
  batchSection,
  catalogSection,
  uploadSection,
  schemaRegistrySection,
  profilesSection,
  persistenceSection,
  tenantSetsSection,
  resetSection,
  suiteDaySection,
  containerSection,
];

interface Args {
  quick: boolean;
  only: string[];
}

function readArgs(): Args {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { quick: { type: 'boolean' }, only: { type: 'string', multiple: true } },
    strict: true,
  });
  const only = (values.only ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  const unknown = only.filter((id) => !SECTIONS.some((section) => section.id === id));
  if (unknown.length) throw new Error(`unknown section ${unknown.join(', ')}; sections: ${SECTIONS.map((section) => section.id).join(', ')}`);
  return { quick: values.quick ?? false, only };
}

const READING = [
  '**How to read it.** The machine runs the servers and the load generator at once, so absolute figures depend on it and on whatever else',
  'it is doing; every figure is therefore printed beside a baseline measured side by side in the same run, and the ratio is the figure to',
  'read. "× bare" and "% of bare" compare with a bare Fastify server or route answering the same bytes (no gateway, auth, validation or',
  'store): the cost of everything the emulator does. json-server and Prism are what users would run instead; they answer their own bodies,',
  'so their figures are indicative. A goal is met or MISSED on this run; a busy machine mostly moves absolute times, less so ratios.',
].join('\n');

/** This run's temporary folder, removed at the end and on Ctrl-C. */
let scratchFolder: string | null = null;

async function main(): Promise<void> {
  const args = readArgs();
  const sections = args.only.length ? SECTIONS.filter((section) => args.only.includes(section.id)) : SECTIONS;
  const scratch = mkdtempSync(join(tmpdir(), 'adobe-api-mock-bench-'));
  scratchFolder = scratch;
  // Judged before the run: by its end the bench's own servers and load generator keep the load up.
  const busyAtStart = busyMachineWarning();
  const loadAtStart = os.loadavg()[0]!;
  const started = performance.now();
  const results: Array<{ section: BenchSection; result: SectionResult; seconds: number }> = [];
  let failures = 0;
  try {
    for (const section of sections) {
      process.stdout.write(`\n== ${section.title} (${section.id})\n`);
      const t0 = performance.now();
      let result: SectionResult;
      try {
        result = await section.run({ quick: args.quick, scratch, progress: (line) => process.stdout.write(`${line}\n`) });
      } catch (error) {
        failures += 1;
        process.stderr.write(`${section.id} could not measure: ${(error as Error).stack ?? String(error)}\n`);
        result = {
          markdown: `**Could not measure:** ${(error as Error).message.split('\n')[0]}`,
          goals: [{ figure: section.title, value: 'error', goal: '', verdict: 'error' }],
        };
      } finally {
        await stopAllServers();
        collectGarbage();
      }
      const seconds = (performance.now() - t0) / 1000;
      results.push({ section, result, seconds });
      process.stdout.write(`   (${seconds.toFixed(0)} s)\n`);
    }
  } finally {
    await stopAllServers();
    rmSync(scratch, { recursive: true, force: true });
  }

  const goals: Array<GoalLine & { section: string }> = results.flatMap(({ section, result }) => result.goals.map((goal) => ({ ...goal, section: section.id })));
  const mode = args.quick ? 'quick run (--quick: shorter rounds, rougher figures)' : 'full run';
  const report = [
    '# adobe-api-mock benchmarks (`npm run bench`)',
    '',
    ...environmentLines(),
    `- mode: ${mode}${args.only.length ? `, sections: ${args.only.join(', ')}` : ''}; ${((performance.now() - started) / 1000).toFixed(0)} s in all`,
    `- 1-minute load average when the run began: ${loadAtStart.toFixed(2)}`,
    ...(busyAtStart ? ['', busyAtStart] : []),
    '',
    READING,
    '',
    '## Goals',
    '',
    markdownTable(
      ['section', 'figure', 'value', 'goal', 'verdict'],
      goals.map((goal) => [goal.section, goal.figure, goal.value, goal.goal, goal.verdict]),
    ),
    '',
    ...results.flatMap(({ section, result, seconds }) => [
      `## ${section.title} (\`--only ${section.id}\`, ${seconds.toFixed(0)} s)`,
      '',
      result.markdown.trimEnd(),
      '',
    ]),
  ].join('\n');
  const file = join(packageRoot, 'bench', args.quick || args.only.length ? 'results-partial.md' : 'results.md');
  writeFileSync(file, report);
  process.stdout.write(`\n${report}\n(written to ${relative(process.cwd(), file) || file})\n`);
  if (failures > 0) process.exitCode = 1;
}

// Stop every child on Ctrl-C / kill, and SIGKILL any survivor if the process exits regardless.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the servers started by the benchmark\n`);
    void stopAllServers(1_000).finally(() => {
      if (scratchFolder) rmSync(scratchFolder, { recursive: true, force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  });
}
process.once('exit', killAllServersNow);

main().catch((error: unknown) => {
  process.stderr.write(`npm run bench could not run: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
