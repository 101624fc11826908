/**
 * Batch processing benchmark: how fast the emulator reads and validates a batch's file in each
 * input format, and how long it keeps the event loop busy meanwhile (processing runs in the
 * server's process, beside the requests it answers). Figures only, not a timed test.
 *
 *   npm run build && node --expose-gc dist/bench/processing.js            # 200,000 records
 *   node --expose-gc dist/bench/processing.js --records 50000
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { startApp } from '../test/helpers.js';
import { member } from '../test/services/ingestion/processing-helpers.js';
import type { InputFormat } from '../src/services/platform-objects.js';
import { busyMachineWarning, markdownTable, writeLines, writeResult } from './lib.js';
import { processBatchFile } from './process-batch.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '200000' } } });
const RECORDS = Number(values.records);

const blobDir = await mkdtemp(join(tmpdir(), 'bench-processing-'));
const t = await startApp({ processingDelayMs: 0, blobDir });
const rows: string[][] = [];

async function measure(label: string, format: InputFormat, fileName: string, write: (path: string) => Promise<void>): Promise<void> {
  const result = await processBatchFile(t, { format, fileName, records: RECORDS, write });
  rows.push([
    label,
    `${result.status} (${result.recordsWritten})`,
    (result.bytes / 1e6).toFixed(1),
    result.seconds.toFixed(2),
    Math.round(result.recordsPerSecond).toLocaleString('en'),
    result.loopDelayP99Ms.toFixed(1),
    result.loopDelayMaxMs.toFixed(1),
    (result.rssGrowthBytes / 1e6).toFixed(0),
  ]);
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
