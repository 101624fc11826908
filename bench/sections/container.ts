/**
 * The image as test suites start it: `podman run` → first 200 from /_mock/health, beside the CLI's
 * own start (spawn → first 200) in alternating rounds, and the image's size (the base apart from
 * the layers the project adds). Uses an image built by the container test:
 * `CONTAINER_TEST_KEEP_IMAGE=1 npm run test:container` keeps it as
 * localhost/adobe-api-mock:container-test (or set BENCH_CONTAINER_IMAGE). Skipped, saying why,
 * where podman or the image is missing. Goal (issue 15): container ≤ 1.5× the CLI.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { freePort, markdownTable, ms, packageRoot, stats, waitFor200 } from '../lib.js';
import { measureStartup, subjects } from '../startup.js';
import { times, verdictOf, type BenchSection, type SectionResult } from './types.js';

const run = promisify(execFile);
const GOAL_RATIO = 1.5;
const IMAGE = process.env.BENCH_CONTAINER_IMAGE ?? 'localhost/adobe-api-mock:container-test';
/** As scripts/container-test.sh: crun refuses this kernel's hybrid cgroups; runc with cgroupfs works. */
const PODMAN_GLOBAL = ['--cgroup-manager=cgroupfs', '--runtime=runc'];
const ULIMITS = ['--ulimit', 'nofile=20000:20000', '--ulimit', 'nproc=4096:4096'];
const START_TIMEOUT_MS = 30_000;

const podman = (...args: string[]) => run('podman', [...PODMAN_GLOBAL, ...args], { maxBuffer: 16 * 1024 * 1024 });

function skipped(reason: string): SectionResult {
  return {
    markdown: `**Skipped:** ${reason}. Build the image first: \`CONTAINER_TEST_KEEP_IMAGE=1 npm run test:container\` (or set BENCH_CONTAINER_IMAGE).`,
    goals: [{ figure: 'container start-to-healthy / CLI start', value: 'skipped', goal: `≤ ${GOAL_RATIO}×`, verdict: 'skipped' }],
  };
}

/** One start: `podman run -d` → first 200 on the published port, then the container is removed. */
async function measureContainer(): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const { stdout } = await podman('run', '-d', '--rm', ...ULIMITS, '-p', `127.0.0.1:${port}:4590`, '-e', 'MOCK_LOG_LEVEL=warn', IMAGE);
  const id = stdout.trim();
  try {
    const first = await waitFor200(`http://127.0.0.1:${port}/_mock/health`, t0 + START_TIMEOUT_MS);
    return first.at - t0;
  } finally {
    await podman('rm', '-f', '-t', '0', id).catch(() => {});
  }
}

async function imageBytes(image: string): Promise<number> {
  const { stdout } = await podman('image', 'inspect', image, '--format', '{{.Size}}');
  return Number(stdout.trim());
}

/** The Dockerfile's first FROM, as podman names it. */
function baseImage(): string {
  const from = /^\s*FROM\s+(\S+)/im.exec(readFileSync(join(packageRoot, 'Dockerfile'), 'utf8'))![1]!;
  const slashes = from.split('/').length - 1;
  return slashes >= 2 ? from : slashes === 1 ? `docker.io/${from}` : `docker.io/library/${from}`;
}

export const containerSection: BenchSection = {
  id: 'container',
  title: 'The container: start-to-healthy beside the CLI, image size',
  async run({ quick, progress }): Promise<SectionResult> {
    try {
      await podman('--version');
    } catch {
      return skipped('podman is not installed');
    }
    try {
      await podman('image', 'exists', IMAGE);
    } catch {
      return skipped(`no image ${IMAGE}`);
    }
    const runs = quick ? 3 : 9;
    const container: number[] = [];
    const cli: number[] = [];
    await measureContainer(); // warm-up: page cache of the image's layers
    await measureStartup(subjects.emulator);
    for (let round = 1; round <= runs; round++) {
      container.push(await measureContainer());
      cli.push(await measureStartup(subjects.emulator));
      progress(`  round ${round}/${runs}: container ${ms(container.at(-1)!)} ms, CLI ${ms(cli.at(-1)!)} ms`);
    }
    const c = stats(container);
    const n = stats(cli);
    const ratio = c.median / n.median;

    const base = baseImage();
    const total = await imageBytes(IMAGE);
    const baseBytes = await imageBytes(base).catch(() => NaN);
    const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(1)} MB` : 'n/a');
    const { stdout: labels } = await podman('image', 'inspect', base, '--format', '{{index .Labels "adobe-api-mock.stand-in"}}').catch(() => ({ stdout: '' }));
    const standIn = labels.trim() !== '' && labels.trim() !== '<no value>';

    const markdown = [
      `\`podman run -d\` of \`${IMAGE}\` (in memory, MOCK_LOG_LEVEL=warn, published on 127.0.0.1) to the first 200 from \`/_mock/health\`, ` +
        `beside the CLI's spawn to its first 200, ${runs} alternating rounds after one warm-up of each. Times in ms.`,
      '',
      markdownTable(
        ['start', 'runs', 'median', 'min', 'max', '× CLI'],
        [
          ['CLI (baseline)', String(cli.length), ms(n.median), ms(n.min), ms(n.max), '1.00×'],
          ['container', String(container.length), ms(c.median), ms(c.min), ms(c.max), times(ratio)],
        ],
        ['left', 'right', 'right', 'right', 'right', 'right'],
      ),
      '',
      `Image size: ${mb(total)} = base \`${base}\`${standIn ? ' (the stand-in: Debian minbase + the official Node binary, not the official image)' : ''} ${mb(baseBytes)} ` +
        `+ the project's layers ${mb(total - baseBytes)} (budget 40 MB).`,
    ].join('\n');
    return {
      markdown,
      goals: [
        {
          figure: 'container start-to-healthy / CLI start (median)',
          value: `${ms(c.median)} / ${ms(n.median)} ms = ${times(ratio)}`,
          goal: `≤ ${GOAL_RATIO}×`,
          verdict: verdictOf(ratio <= GOAL_RATIO),
        },
        {
          figure: "image size: the project's layers (base apart)",
          value: `${mb(total - baseBytes)} (base ${mb(baseBytes)})`,
          goal: '≤ 40 MB',
          verdict: Number.isFinite(baseBytes) ? verdictOf(total - baseBytes <= 40e6) : 'n/a',
        },
      ],
    };
  },
};
