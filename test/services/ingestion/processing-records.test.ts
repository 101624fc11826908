import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { readRecords, RecordsError, type ParsedRecord } from '../../../src/services/ingestion/records.js';
import type { InputFormat } from '../../../src/services/platform-objects.js';

const dir = await mkdtemp(join(tmpdir(), 'records-test-'));
let n = 0;

async function read(content: string | Uint8Array, format: InputFormat, keepCorruptRows = false): Promise<ParsedRecord[]> {
  n += 1;
  const path = join(dir, `file-${n}`);
  await writeFile(path, content);
  const out: ParsedRecord[] = [];
  for await (const record of readRecords(path, format, { keepCorruptRows })) out.push(record);
  return out;
}

async function failure(content: string | Uint8Array, format: InputFormat): Promise<RecordsError> {
  try {
    await read(content, format);
  } catch (error) {
    assert.ok(error instanceof RecordsError, String(error));
    return error;
  }
  throw new Error('expected a RecordsError');
}

test('JSON lines: BOM, CRLF and blank lines; rows are line numbers', async () => {
  const records = await read('\uFEFF{"a":1}\r\n\r\n  \n{"b":{"c":"x"}}', { format: 'json' });
  assert.deepEqual(records, [
    { row: 1, record: { a: 1 } },
    { row: 4, record: { b: { c: 'x' } } },
  ]);
});

test('JSON lines: a small file read at once ends lines where a large streamed one does (\\n, \\r\\n, a lone \\r)', async () => {
  const lines = ['{"a":1}', '', '{"b":2}', ' ', '{"c":"é"}', '{"d":4}'];
  const text = `${lines[0]}\r\n${lines[1]}\r${lines[2]}\n${lines[3]}\r\r\n${lines[4]}\n${lines[5]}\r`;
  const expected = [
    { row: 1, record: { a: 1 } },
    { row: 3, record: { b: 2 } },
    { row: 6, record: { c: 'é' } },
    { row: 7, record: { d: 4 } },
  ];
  assert.deepEqual(await read(text, { format: 'json' }), expected);
  // Past 256 KiB the file is streamed through readline: the same rows, shifted by the padding's line breaks.
  const padding = '\n'.repeat(300 * 1024);
  const streamed = await read(padding + text, { format: 'json' });
  assert.deepEqual(
    streamed,
    expected.map(({ row, record }) => ({ row: row + padding.length, record })),
  );
});

test('JSON lines: a corrupt line throws unless corrupt rows are kept', async () => {
  const error = await failure('{"a":1}\n[1,2]\n', { format: 'json' });
  assert.deepEqual([error.code, error.row, error.message], ['corrupt-row', 2, 'Line 2 cannot be parsed as a JSON object: the line is not a JSON object']);
  const kept = await read('{"a":1}\nnope\n', { format: 'json' }, true);
  assert.equal(kept[1].row, 2);
  assert.equal(kept[1].corrupt?.text, 'nope');
});

test('multi-line JSON: strings with brackets and escapes, nested arrays, several objects, chunk boundaries', async () => {
  const tricky = { s: 'a ] } [ { , "quoted" \\ back', list: [[1, 2], { x: [] }], u: '\u00e9\u4e2d' };
  assert.deepEqual(await read(JSON.stringify([tricky, { b: 2 }], null, 3), { format: 'json', isMultiLineJson: true }), [
    { row: 1, record: tricky },
    { row: 2, record: { b: 2 } },
  ]);
  assert.deepEqual(await read('{"a":1}\n{\n"a":2}\n', { format: 'json', isMultiLineJson: true }), [
    { row: 1, record: { a: 1 } },
    { row: 2, record: { a: 2 } },
  ]);
  // Larger than one read chunk (64 KiB): elements and multi-byte characters cut across chunks.
  const many = Array.from({ length: 3000 }, (_v, i) => ({ i, text: `é中 "${i}" ]}`.repeat(3) }));
  const records = await read(JSON.stringify(many, null, 2), { format: 'json', isMultiLineJson: true });
  assert.equal(records.length, 3000);
  assert.deepEqual(records[2999], { row: 3000, record: many[2999] });
  assert.deepEqual(await read(' [ ] ', { format: 'json', isMultiLineJson: true }), []);
});

test('multi-line JSON: broken structures are unparseable; a primitive element is a corrupt row', async () => {
  for (const text of ['[{"a":1},]', '[{"a":1} {"b":2}]', '[{"a":1}] x', 'hello', '[{"a": tru}]', '[{"a":1},']) {
    const error = await failure(text, { format: 'json', isMultiLineJson: true });
    assert.equal(error.code, 'unparseable', text);
  }
  const kept = await read('[{"a":1}, 7, "s"]', { format: 'json', isMultiLineJson: true }, true);
  assert.deepEqual(
    kept.map((record) => [record.row, record.corrupt?.text]),
    [
      [1, undefined],
      [2, '7'],
      [3, '"s"'],
    ],
  );
});

test('CSV: no header option names columns _c0.., extra fields are a corrupt row, empty fields are left out', async () => {
  assert.deepEqual(await read('x,y\n', { format: 'csv', header: 'false' }), [{ row: 1, record: { _c0: 'x', _c1: 'y' } }]);
  const kept = await read('a,b\n1,2,3\n"",\n', { format: 'csv' }, true);
  assert.equal(kept[0].corrupt?.message, 'the row has 3 fields but the header names 2');
  assert.deepEqual(kept[1], { row: 2, record: {} });
  assert.equal((await failure('\n1\n', { format: 'csv' })).code, 'empty-header');
  assert.equal((await failure(' , \n1,2\n', { format: 'csv' })).code, 'empty-header');
});

test('Parquet: row groups read one at a time, values as JSON; avro is not read', async () => {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'id', data: Array.from({ length: 25 }, (_v, i) => i), type: 'INT32' },
      { name: 'huge', data: Array.from({ length: 25 }, () => 2n ** 60n), type: 'INT64' },
    ],
    rowGroupSize: 10,
  });
  const records = await read(new Uint8Array(buffer), { format: 'parquet' });
  assert.equal(records.length, 25);
  assert.deepEqual(records[24], { row: 25, record: { id: 24, huge: String(2n ** 60n) } });
  assert.equal((await failure('PAR1 nonsense PAR1', { format: 'parquet' })).code, 'unparseable');
  assert.equal((await failure('{}', { format: 'avro' })).code, 'unsupported-format');
});
