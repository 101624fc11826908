import { extname } from 'node:path';
import type { InputFormat } from '../platform-objects.js';
import { MAX_JSON_DEPTH, valueNestsDeeperThan } from '../../gateway/json-body.js';
import { readCsv } from './parsers/csv.js';
import { readJsonLines } from './parsers/json-lines.js';
import { readMultiLineJson } from './parsers/multi-line-json.js';
import { readParquet } from './parsers/parquet.js';
import { RecordsError, type ParsedRecord, type ReadOptions } from './parsers/shared.js';

export { RecordsError, type ParsedRecord, type ReadOptions, type RecordsErrorCode } from './parsers/shared.js';

/**
 * Reads the records of one uploaded file (absolute path) in the batch's input format, streaming:
 * JSON lines, multi-line JSON (`isMultiLineJson`), CSV with a header row, or Parquet. An empty
 * file yields nothing (the caller decides what that means). Throws a RecordsError when the file
 * cannot be parsed (`unparseable`), when a CSV header row is empty (`empty-header`), or at the
 * first corrupt row unless `keepCorruptRows` is set.
 */
export async function* readRecords(absolutePath: string, format: InputFormat, options: ReadOptions = {}): AsyncGenerator<ParsedRecord> {
  for await (const parsed of recordsOfFormat(absolutePath, format, options)) {
    if (parsed.corrupt || !valueNestsDeeperThan(parsed.record, MAX_JSON_DEPTH)) {
      yield parsed;
      continue;
    }
    // Everything downstream (validation, failed-record reports, previews) recurses over records.
    const message = `the record is nested deeper than ${MAX_JSON_DEPTH} levels`;
    if (!options.keepCorruptRows) throw new RecordsError('corrupt-row', `Row ${parsed.row} cannot be read as a record: ${message}`, parsed.row);
    yield { row: parsed.row, record: {}, corrupt: { text: `(not kept: ${message})`, message } };
  }
}

function recordsOfFormat(absolutePath: string, format: InputFormat, options: ReadOptions): AsyncGenerator<ParsedRecord> {
  switch (format.format) {
    case 'json':
      return format.isMultiLineJson ? readMultiLineJson(absolutePath, options) : readJsonLines(absolutePath, options);
    case 'csv':
      return readCsv(absolutePath, format, options);
    case 'parquet':
      return readParquet(absolutePath);
    default:
      throw new RecordsError('unsupported-format', `The emulator does not read the '${String(format.format)}' input format.`);
  }
}

/**
 * The format a file is read in: the batch's input format, or without one (seed 001 creates its
 * batch with only a datasetId) the file's extension, JSON lines being the documented default.
 */
export function formatForFile(inputFormat: Partial<InputFormat> | undefined, fileName: string): InputFormat {
  if (inputFormat?.format) return inputFormat as InputFormat;
  const extension = extname(fileName).toLowerCase();
  const format = extension === '.parquet' ? 'parquet' : extension === '.csv' ? 'csv' : 'json';
  return { ...inputFormat, format };
}
