/**
 * Requests per second and p99 latency (autocannon, the same settings for every server) of four
 * emulator requests, each beside a bare Fastify route answering the same status, content type
 * and JSON (fetched from the emulator first) to the same request (query string and headers), and beside json-server / Prism on their nearest
 * equivalent ("n/a" where a peer has none). Every server runs in its own process; the load
 * comes from this one; rounds alternate between the servers after a warm-up of each.
 * Goal (issues 4 and 20): every path at ≥ 60% of the bare route's requests per second; each answer is
 * checked to be the same bytes after the load as before it.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BareRoute } from '../bare-routes.js';
import { DEMO_CLIENT, stopAllServers, imsToken, load, markdownTable, packageRoot, startServer, stats, type LoadResult, type StartedServer } from '../lib.js';
import { jsonServer, prism, readPeerDb, writePeerDb } from '../peers.js';
import { percent, verdictOf, type BenchSection, type RunOptions, type GoalLine, type SectionResult } from './types.js';

const GOAL_RATIO = 0.6;
/** Response headers every server writes itself; the bare routes repeat the emulator's others. */
export const WRITTEN_BY_FASTIFY = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);
const CONNECTIONS = 10;
export const EXTRA_DATASETS = 40;

export interface Case {
  id: string;
  title: string;
  path: string;
  /** Headers beyond the token and API key (or instead of them for the auth error). */
  headers: Record<string, string>;
  authenticated: boolean;
  status: number;
  jsonServer: string | null;
  prism: string | null;
  /** Stated goal of this case; others are held to the same ratio by analogy. */
  stated: boolean;
}

export const PLATFORM = { 'x-gw-ims-org-id': DEMO_CLIENT.org, 'x-sandbox-name': 'prod' };
const V3 = { accept: 'application/vnd.adobe.target.v3+json' };

export const CASES: Case[] = [
  {
    id: 'activities',
    title: 'Target activities list',
    path: '/mocktenant/target/activities',
    headers: V3,
    authenticated: true,
    status: 200,
    jsonServer: '/activities',
    prism: '/target/activities',
    stated: true,
  },
  {
    id: 'offer',
    title: 'Target offer 391769 by id',
    path: '/mocktenant/target/offers/content/391769',
    headers: {},
    authenticated: true,
    status: 200,
    jsonServer: '/offers/391769',
    prism: '/target/offers/content/391769',
    stated: false,
  },
  {
    id: 'datasets',
    title: 'Catalog dataSets, limit=20&orderBy=desc:created',
    path: '/data/foundation/catalog/dataSets?limit=20&orderBy=desc:created',
    headers: PLATFORM,
    authenticated: true,
    status: 200,
    jsonServer: '/dataSets?_sort=created&_order=desc&_limit=20',
    prism: null,
    stated: false,
  },
  {
    id: 'auth-error',
    title: 'missing token → 401 (Target activities)',
    path: '/mocktenant/target/activities',
    headers: V3,
    authenticated: false,
    status: 401,
    jsonServer: null,
    prism: null,
    stated: false,
  },
];

interface Subject {
  name: string;
  server: StartedServer;
  path: string;
  headers: Record<string, string>;
  status: number;
  results: LoadResult[];
}

export const throughputSection: BenchSection = {
  id: 'throughput',
  title: 'Requests per second and p99 latency',
  async run(options): Promise<SectionResult> {
    try {
      return await measure(options);
    } finally {
      await stopAllServers(); // this section's servers: nothing else runs while it does
    }
  },
};

async function measure({ quick, scratch, progress }: RunOptions): Promise<SectionResult> {
  const rounds = quick ? 1 : 5;
  const durationMs = quick ? 1_500 : 3_000;
  const warmUpMs = quick ? 500 : 1_000;
  const here = dirname(fileURLToPath(import.meta.url));

  const emulator = await startServer('adobe-api-mock', join(packageRoot, 'dist', 'bin', 'cli.js'));
  const token = await imsToken(emulator.base);
  const auth = { authorization: `Bearer ${token}`, 'x-api-key': DEMO_CLIENT.id };
  await seedDatasets(emulator.base, { ...auth, ...PLATFORM });

  // What the bare routes and json-server serve: exactly what the emulator answered.
  const answers = new Map<string, BareRoute>();
  for (const c of CASES) {
    const response = await fetch(`${emulator.base}${c.path}`, { headers: headersOf(c, auth) });
    const body = await response.text();
    if (response.status !== c.status) throw new Error(`${c.title}: the emulator answered ${response.status}, expected ${c.status}: ${body.slice(0, 200)}`);
    answers.set(c.id, {
      path: `/bare/${c.id}`,
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/json',
      body,
      headers: Object.fromEntries([...response.headers].filter(([name]) => !WRITTEN_BY_FASTIFY.has(name))),
    });
  }
  const routesFile = join(scratch, 'bare-routes.json');
  writeFileSync(routesFile, JSON.stringify([...answers.values()]));
  const dbFile = join(scratch, 'throughput-db.json');
  writePeerDb(
    dbFile,
    await readPeerDb(async (url, headers) => {
      const response = await fetch(`${emulator.base}${url}`, { headers: { ...auth, ...headers } });
      return { status: response.status, body: await response.text() };
    }, PLATFORM),
  );

  const bare = await startServer('bare Fastify', join(here, '..', 'bare-routes.js'), { env: { ROUTES_FILE: routesFile } });
  const jsonPeer = jsonServer(dbFile, scratch);
  const prismPeer = prism();
  const json = jsonPeer ? await startServer(jsonPeer.name, jsonPeer.script, { args: jsonPeer.args, cwd: jsonPeer.cwd, probe: jsonPeer.probe }) : null;
  const mock = prismPeer ? await startServer(prismPeer.name, prismPeer.script, { args: prismPeer.args, probe: prismPeer.probe }) : null;

  const sections: string[] = [];
  const goals: GoalLine[] = [];
  const samplesChecked: string[] = [];
  for (const c of CASES) {
    const answer = answers.get(c.id)!;
    const subjects: Subject[] = [
      { name: 'bare Fastify, same bytes (baseline)', server: bare, ...bareRequestOf(c, auth), status: c.status, results: [] },
      { name: 'adobe-api-mock', server: emulator, path: c.path, headers: headersOf(c, auth), status: c.status, results: [] },
    ];
    if (json && c.jsonServer) subjects.push({ name: 'json-server', server: json, path: c.jsonServer, headers: {}, status: 200, results: [] });
    if (mock && c.prism) subjects.push({ name: 'Prism', server: mock, path: c.prism, headers: {}, status: 200, results: [] });
    const bareBody = await (await fetch(`${bare.base}${subjects[0]!.path}`, { headers: subjects[0]!.headers })).text();
    if (c.status === 200 && JSON.stringify(JSON.parse(bareBody)) !== JSON.stringify(JSON.parse(answer.body)))
      throw new Error(`${c.title}: the bare route does not answer the same JSON`);

    progress(`  ${c.title}: ${subjects.length} servers, ${rounds} × ${durationMs / 1000} s each`);
    for (const subject of subjects) await load(`${subject.server.base}${subject.path}`, subject.headers, CONNECTIONS, warmUpMs, subject.status);
    for (let round = 1; round <= rounds; round += 1) {
      const line: string[] = [];
      for (const subject of subjects) {
        const result = await load(`${subject.server.base}${subject.path}`, subject.headers, CONNECTIONS, durationMs, subject.status);
        if (result.failed > 0 || result.ok === 0) throw new Error(`${c.title}, ${subject.name}: ${result.statuses}`);
        subject.results.push(result);
        line.push(`${subject.name.split(/[ ,]/)[0]} ${result.rps.toFixed(0)}`);
      }
      progress(`    round ${round}/${rounds} req/s: ${line.join(', ')}`);
    }

    // The answer under load is the emulator's normal answer: the same bytes as before the rounds.
    const after = await fetch(`${emulator.base}${c.path}`, { headers: headersOf(c, auth) });
    const afterBody = await after.text();
    if (after.status !== answer.status || withoutPerRequestValues(afterBody) !== withoutPerRequestValues(answer.body))
      throw new Error(`${c.title}: the answer after the load differs from the one before it`);
    samplesChecked.push(c.title);

    const summary = subjects.map((subject) => ({
      subject,
      rps: stats(subject.results.map((r) => r.rps)).median,
      spread: `${stats(subject.results.map((r) => r.rps)).min.toFixed(0)}–${stats(subject.results.map((r) => r.rps)).max.toFixed(0)}`,
      p50: stats(subject.results.map((r) => r.p50)).median,
      p99: stats(subject.results.map((r) => r.p99)).median,
      bytes: stats(subject.results.map((r) => r.bytesPerRequest)).median,
    }));
    const base = summary[0]!;
    const emu = summary[1]!;
    const peer = (name: string) => summary.find((s) => s.subject.name === name);
    const cell = (name: string, path: string | null, installed: boolean) => {
      const found = peer(name);
      if (found) return `${name} ${found.rps.toFixed(0)} req/s, p99 ${found.p99.toFixed(0)} ms`;
      return `${name} ${path === null ? 'n/a' : installed ? '—' : 'not installed'}`;
    };
    sections.push(
      [
        `**${c.title}** — \`GET ${c.path}\` (${c.status}, ${Math.round(emu.bytes)} bytes per answer with headers)`,
        '',
        markdownTable(
          ['server', 'path', 'median req/s', 'rounds min–max', 'p50 ms', 'p99 ms', 'req/s vs bare', 'p99 vs bare'],
          [
            ...summary.map(({ subject, rps, spread, p50, p99 }) => [
              subject.name,
              `\`${subject.path}\``,
              rps.toFixed(0),
              spread,
              p50.toFixed(1),
              p99.toFixed(1),
              percent(rps / base.rps),
              `${(p99 / Math.max(base.p99, 1)).toFixed(2)}×`,
            ]),
            ...(c.jsonServer === null ? [['json-server', 'n/a (no equivalent)', '', '', '', '', '', '']] : []),
            ...(c.prism === null ? [['Prism', 'n/a (no equivalent)', '', '', '', '', '', '']] : []),
          ],
          ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
        ),
      ].join('\n'),
    );
    const ratio = emu.rps / base.rps;
    goals.push({
      figure: `req/s, ${c.title}: emulator / bare`,
      value: `${emu.rps.toFixed(0)} / ${base.rps.toFixed(0)} = ${percent(ratio)}; p99 ${emu.p99.toFixed(0)} vs ${base.p99.toFixed(0)} ms; ${cell('json-server', c.jsonServer, json !== null)}; ${cell('Prism', c.prism, mock !== null)}`,
      goal: `≥ ${percent(GOAL_RATIO)} of bare (${c.stated ? 'issues 4 and 20' : 'issue 20'})`,
      verdict: verdictOf(ratio >= GOAL_RATIO),
    });
  }

  const markdown = [
    `autocannon from the bench process: ${CONNECTIONS} keep-alive connections, no pipelining, ${durationMs / 1000} s per round, ` +
      `${rounds} alternating round(s) per server after a ${warmUpMs / 1000} s warm-up of each; medians of the rounds. Every server is its own ` +
      'process on 127.0.0.1 (emulator: the CLI in memory with the bundled fixtures plus ' +
      `${EXTRA_DATASETS} datasets, so the Catalog page holds 20; bare Fastify: one route per case answering the emulator's status, content type, ` +
      "other headers and JSON, serialized per request, and sent the emulator's request (query string, token, API key, Accept); json-server: a db of the same activities, offers and datasets; Prism: static examples of the Target description). " +
      'Peers answer their own bodies (json-server a bare array, Prism a schema example), so their figures are indicative. ' +
      "No goal is stated for p99 latency; it is printed beside the bare route's (autocannon reports latency in whole milliseconds).",
    '',
    `Each answer was fetched again after its rounds and compared with the one fetched before them (the bytes the bare route serves; an error's requestId and requestTime masked): identical for ${samplesChecked.join(', ')}.`,
    '',
    ...sections.flatMap((text) => [text, '']),
  ].join('\n');
  return { markdown, goals };
}

/** An answer's text with the values that differ on every request (an error's requestId and requestTime) masked. */
function withoutPerRequestValues(body: string): string {
  return body.replace(/"(requestId|requestTime)":"[^"]*"/g, '"$1":"…"');
}

export function headersOf(c: Case, auth: Record<string, string>): Record<string, string> {
  return c.authenticated ? { ...auth, ...c.headers } : { 'x-api-key': auth['x-api-key']!, ...c.headers };
}

/**
 * What the load sends to a case's bare route: the emulator's query string and headers (token, API
 * key, Accept...), so that both servers receive the same request as well as send the same bytes,
 * and the difference is the emulator's own work, not the parsing of a longer request.
 */
export function bareRequestOf(c: Case, auth: Record<string, string>): { path: string; headers: Record<string, string> } {
  const queryAt = c.path.indexOf('?');
  return { path: `/bare/${c.id}${queryAt < 0 ? '' : c.path.slice(queryAt)}`, headers: headersOf(c, auth) };
}

export async function seedDatasets(base: string, headers: Record<string, string>): Promise<void> {
  for (let i = 1; i <= EXTRA_DATASETS; i += 1) {
    const response = await fetch(`${base}/data/foundation/catalog/dataSets`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Bench dataset ${i}`,
        description: `Dataset ${i} of the throughput benchmark`,
        tags: { team: [i % 2 ? 'loyalty' : 'web'] },
      }),
    });
    if (response.status !== 201) throw new Error(`creating a dataset answered ${response.status}: ${await response.text()}`);
  }
}
