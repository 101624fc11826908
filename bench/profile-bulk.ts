/**
 * Bulk profile update benchmark: a generated v2 batch file of 500,000 rows (about 48 MB) POSTed
 * to /m2/{client}/v2/profile/batchUpdate over HTTP on 127.0.0.1, streamed from disk as curl's
 * --data-binary would send it. The emulator runs in this process, so the figures are its
 * parse + validate + store time and the process's peak RSS growth (sampled every 10 ms from just
 * before the upload). Goals (issue 6): at most 10 s and at most 256 MB of RSS growth.
 *
 * Two uploads: the first creates every profile, the second updates the same thirdPartyIds.
 *
 *   npm run bench:profiles
 *   node --expose-gc dist/bench/profile-bulk.js --rows 100000
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server.js';
import { busyMachineWarning, markdownTable, writeResult } from './lib.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '500000' } } });
const ROWS = Number(values.rows);
const GOAL_SECONDS = 10;
const GOAL_RSS_MB = 256;
const CLIENT = 'benchclient';

/** One row of about 100 bytes: a CRM id and six attributes, one of them URL-encoded. */
function row(i: number, pass: number): string {
  const n = String(i).padStart(7, '0');
  return `crm-${n},First${n},Last${n},member${n}%40example.com,${pass === 1 ? 'gold' : 'platinum'},${(i * 7) % 10000},Paris,segment-${i % 97}-${pass}\n`;
}

async function writeBatchFile(path: string, pass: number): Promise<number> {
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('batch=thirdPartyId,firstName,lastName,email,tier,points,city,segment\n');
  let block = '';
  for (let i = 1; i <= ROWS; i++) {
    block += row(i, pass);
    if (block.length > 256 * 1024) {
      await write(block);
      block = '';
    }
  }
  await write(block);
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return (await stat(path)).size;
}

function post(port: number, path: string, file: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(size) } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    createReadStream(file).pipe(request);
  });
}

const folder = await mkdtemp(join(tmpdir(), 'bench-profiles-'));
const { app, ctx } = await buildApp({ logLevel: 'silent' });
await app.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.address() as { port: number }).port;
const results: string[][] = [];

try {
  for (const [pass, label] of [
    [1, 'v2, creates 500,000 profiles'],
    [2, 'v2, updates the same profiles'],
  ] as const) {
    const file = join(folder, `batch-${pass}.txt`);
    const size = await writeBatchFile(file, pass);
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const started = performance.now();
    const answer = await post(port, `/m2/${CLIENT}/v2/profile/batchUpdate`, file, size);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const ok = answer.status === 200 && answer.body.includes('<success>true</success>');
    if (!ok) throw new Error(`upload ${pass} failed: HTTP ${answer.status} ${answer.body}`);
    const growthMb = (peak - before) / 1e6;
    results.push([
      label.replace('500,000', ROWS.toLocaleString('en')),
      (size / 1e6).toFixed(1),
      seconds.toFixed(2),
      Math.round(ROWS / seconds).toLocaleString('en'),
      growthMb.toFixed(0),
      seconds <= GOAL_SECONDS && growthMb <= GOAL_RSS_MB ? 'met' : 'missed',
    ]);
  }
  const stored = ctx.store.collection(`profile/${CLIENT}`, 'thirdPartyProfiles').size;
  if (stored !== ROWS) throw new Error(`expected ${ROWS} stored profiles, found ${stored}`);
} finally {
  await app.close();
  await rm(folder, { recursive: true, force: true });
}

const table = markdownTable(['upload', 'MB', 's', 'rows/s', 'peak RSS growth MB', `goal (≤${GOAL_SECONDS} s, ≤${GOAL_RSS_MB} MB)`], results, [
  'left',
  'right',
  'right',
  'right',
  'right',
  'left',
]);
const warning = busyMachineWarning();
writeResult(
  'profile-bulk',
  [
    `${ROWS.toLocaleString('en')} rows (thirdPartyId + 7 attributes, one URL-encoded) POSTed over 127.0.0.1 as application/x-www-form-urlencoded, read raw and streamed through csv-parse; RSS growth of the whole process (emulator and client) from just before each upload.`,
    '',
    table,
    ...(warning ? ['', warning] : []),
  ].join('\n'),
);
