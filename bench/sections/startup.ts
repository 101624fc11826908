/**
 * Start-up to healthy: spawn → first 200, for the emulator's CLI, a bare Fastify server,
 * json-server (a db generated in the scratch folder) and Prism mocking the Target description.
 * Rounds alternate between the servers after one discarded warm-up of each; Prism takes seconds
 * to start, so it runs fewer rounds. The emulator also without Node's compile cache (its first start,
 * see bench/startup.ts). Goal (issue 20): emulator ≤ 1.3× bare Fastify.
 */
import { join } from 'node:path';
import { buildApp } from '../../src/server.js';
import { markdownTable, ms, stats } from '../lib.js';
import { jsonServer, prism, readPeerDb, writePeerDb } from '../peers.js';
import { measureStartup, subjects, type StartupSubject } from '../startup.js';
import { times, verdictOf, type BenchSection, type SectionResult } from './types.js';

const GOAL_RATIO = 1.3;

/** The peer db read in-process from a fresh emulator with the bundled fixtures. */
export async function peerDbFile(scratch: string): Promise<string> {
  const file = join(scratch, 'db.json');
  const { app } = await buildApp({ logLevel: 'silent' });
  try {
    const token = await app.inject({
      method: 'POST',
      url: '/ims/token/v3',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials&client_id=adobe-mock-client&client_secret=adobe-mock-secret',
    });
    const auth = { authorization: `Bearer ${(token.json() as { access_token: string }).access_token}`, 'x-api-key': 'adobe-mock-client' };
    const db = await readPeerDb(
      async (url, headers) => {
        const answer = await app.inject({ method: 'GET', url, headers: { ...auth, ...headers } });
        return { status: answer.statusCode, body: answer.body };
      },
      { 'x-gw-ims-org-id': '0123456789ABCDEF01234567@AdobeOrg', 'x-sandbox-name': 'prod' },
    );
    writePeerDb(file, db);
  } finally {
    await app.close();
  }
  return file;
}

export const startupSection: BenchSection = {
  id: 'startup',
  title: 'Start-up to healthy',
  async run({ quick, scratch, progress }): Promise<SectionResult> {
    const runs = quick ? 3 : 11;
    const prismRuns = quick ? 1 : 3;
    const db = await peerDbFile(scratch);
    const peers = [jsonServer(db, scratch), prism()];
    const all: Array<{ subject: StartupSubject; runs: number; samples: number[] }> = [
      { subject: subjects.bare, runs, samples: [] },
      { subject: subjects.emulator, runs, samples: [] },
      { subject: subjects.emulatorFirstStart, runs, samples: [] },
      ...peers.filter((peer) => peer !== null).map((peer) => ({ subject: peer, runs: peer.name === 'Prism' ? prismRuns : runs, samples: [] as number[] })),
    ];
    for (const entry of all) await measureStartup(entry.subject); // warm-up: disk cache, JIT of node itself
    for (let round = 1; round <= runs; round += 1) {
      const line: string[] = [];
      for (const entry of all) {
        if (entry.samples.length >= entry.runs) continue;
        entry.samples.push(await measureStartup(entry.subject));
        line.push(`${entry.subject.name} ${ms(entry.samples.at(-1)!)} ms`);
      }
      progress(`  round ${round}/${runs}: ${line.join(', ')}`);
    }

    const medians = new Map(all.map((entry) => [entry.subject.name, stats(entry.samples)]));
    const bare = medians.get(subjects.bare.name)!;
    const emulator = medians.get(subjects.emulator.name)!;
    const firstStart = medians.get(subjects.emulatorFirstStart.name)!;
    const ratio = emulator.median / bare.median;
    const rows = all.map(({ subject, samples }) => {
      const s = medians.get(subject.name)!;
      return [
        subject === subjects.bare ? `${subject.name} (baseline)` : subject.name,
        String(samples.length),
        ms(s.median),
        ms(s.min),
        ms(s.max),
        times(s.median / bare.median),
        probeOf(subject),
      ];
    });
    const missing = ['json-server', 'Prism'].filter((name) => !medians.has(name));
    const markdown = [
      `Spawn (\`node <script>\`) to the first 200 on the probe path, polled every 5 ms over fresh connections; ` +
        `${runs} alternating rounds after one discarded warm-up of each (Prism: ${prismRuns}, it takes seconds to start). ` +
        `Node ${process.version}. Emulator: its CLI in memory with the bundled fixtures, MOCK_LOG_LEVEL=warn; its first start: the same with ` +
        "NODE_DISABLE_COMPILE_CACHE=1 (the CLI turns on Node's compile cache, Node 22.1 and later). json-server: a db of the same activities, offers and datasets. " +
        'Prism: `prism mock -v warn test/contract/reference/target_api.json`. Times in ms.',
      '',
      markdownTable(['server', 'runs', 'median ms', 'min', 'max', '× bare', 'probe'], rows, ['left', 'right', 'right', 'right', 'right', 'right', 'left']),
      ...(missing.length ? ['', `Not measured (not installed): ${missing.join(', ')}.`] : []),
    ].join('\n');
    return {
      markdown,
      goals: [
        {
          figure: 'start-up, emulator / bare Fastify (median)',
          value: `${ms(emulator.median)} / ${ms(bare.median)} ms = ${times(ratio)}`,
          goal: `≤ ${GOAL_RATIO}× (issue 20)`,
          verdict: verdictOf(ratio <= GOAL_RATIO),
        },
        {
          figure: 'start-up, emulator first start (no compile cache) / bare Fastify (median)',
          value: `${ms(firstStart.median)} / ${ms(bare.median)} ms = ${times(firstStart.median / bare.median)}`,
          goal: '(printed)',
          verdict: 'n/a',
        },
        ...['json-server', 'Prism']
          .filter((name) => medians.has(name))
          .map((name) => ({
            figure: `start-up, ${name} (median)`,
            value: `${ms(medians.get(name)!.median)} ms = ${times(medians.get(name)!.median / bare.median)} bare`,
            goal: '(peer, no goal)',
            verdict: 'n/a' as const,
          })),
      ],
    };
  },
};

function probeOf(subject: StartupSubject): string {
  return `\`${subject.probe ?? '/_mock/health'}\``;
}
