/**
 * Batch processing benchmark: how fast the emulator reads and validates a batch's file in each
 * input format, and how long it keeps the event loop busy meanwhile (processing runs in the
 * server's process, beside the requests it answers). Figures only, not a timed test.
 *
 *   npm run build && node --expose-gc dist/bench/processing.js            # 200,000 records
 *   node --expose-gc dist/bench/processing.js --records 50000
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { startApp } from '../test/helpers.js';
import { awaitSettled, createBatch, member, SCOPE } from '../test/services/ingestion/processing-helpers.js';
import { startProcessing } from '../src/services/ingestion/processing.js';
import { COLLECTIONS, type BatchFile, type InputFormat } from '../src/services/platform-objects.js';
import { busyMachineWarning, markdownTable, writeResult } from './lib.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '200000' } } });
const RECORDS = Number(values.records);

const blobDir = await mkdtemp(join(tmpdir(), 'bench-processing-'));
const t = await startApp({ processingDelayMs: 0, blobDir });
const rows: string[][] = [];

async function measure(label: string, format: InputFormat, fileName: string, write: (path: string) => Promise<void>): Promise<void> {
  const batchId = createBatch(t, format);
  await mkdir(join(blobDir, batchId), { recursive: true });
  const path = join(blobDir, batchId, fileName);
  await write(path);
  const { size } = await stat(path);
  const file: BatchFile = {
    id: `${batchId}/${fileName}`,
    batchId,
    dataSetId: '5c8c3c555033b814b69f947f',
    fileName,
    path: join(batchId, fileName),
    size,
    uploaded: 0,
    state: 'complete',
  };
  t.ctx.store.collection<BatchFile>(SCOPE, COLLECTIONS.batchFiles).put(file.id, file);
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  startProcessing(t.ctx, SCOPE, batchId);
  const batch = await awaitSettled(t, batchId);
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  clearInterval(sampler);
  rows.push([
    label,
    `${batch.status} (${batch.metrics?.recordsWritten ?? 0})`,
    (size / 1e6).toFixed(1),
    seconds.toFixed(2),
    Math.round(RECORDS / seconds).toLocaleString('en'),
    (delay.percentile(99) / 1e6).toFixed(1),
    (delay.max / 1e6).toFixed(1),
    ((rssPeak - rssBefore) / 1e6).toFixed(0),
  ]);
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

function* jsonLines(): Generator<string> {
  for (let i = 1; i <= RECORDS; i++) yield `${JSON.stringify(member(i))}\n`;
}

function* jsonArray(): Generator<string> {
  yield '[\n';
  for (let i = 1; i <= RECORDS; i++) yield `${JSON.stringify(member(i), null, 2)}${i < RECORDS ? ',' : ''}\n`;
  yield ']\n';
}

function* csv(): Generator<string> {
  yield '_id,personalEmail.address,person.name.firstName,_mocktenant.loyalty.loyaltyPoints,_mocktenant.loyalty.memberSince\n';
  for (let i = 1; i <= RECORDS; i++) yield `member-${i},member${i}@example.com,First${i},${i},2019-03-05T10:00:00Z\n`;
}

try {
  await measure('JSON lines', { format: 'json' }, 'members.json', (path) => writeLines(path, jsonLines()));
  await measure('multi-line JSON', { format: 'json', isMultiLineJson: true }, 'members.json', (path) => writeLines(path, jsonArray()));
  await measure('CSV', { format: 'csv' }, 'members.csv', (path) => writeLines(path, csv()));
  await measure('Parquet (row groups of 50,000)', { format: 'parquet' }, 'members.parquet', async (path) => {
    const ids = Array.from({ length: RECORDS }, (_value, i) => `member-${i + 1}`);
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: '_id', data: ids },
        { name: 'personalEmail.address', data: ids.map((id) => `${id}@example.com`) },
        { name: '_mocktenant.loyalty.loyaltyPoints', data: ids.map((_id, i) => i), type: 'INT32' },
      ],
      rowGroupSize: 50_000,
    });
    await writeFile(path, new Uint8Array(buffer));
  });
} finally {
  await t.close();
  await rm(blobDir, { recursive: true, force: true });
}

const table = markdownTable(['input', 'status (written)', 'MB', 's', 'records/s', 'loop delay p99 ms', 'loop delay max ms', 'RSS growth MB'], rows, [
  'left',
  'left',
  'right',
  'right',
  'right',
  'right',
  'right',
  'right',
]);
const warning = busyMachineWarning();
writeResult(
  'processing',
  [
    `${RECORDS.toLocaleString('en')} Loyalty Members records per file, validated against the dataset's schema.`,
    '',
    table,
    ...(warning ? ['', warning] : []),
  ].join('\n'),
);
