import { extname } from 'node:path';
import type { InputFormat } from '../platform-objects.js';
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
  switch (format.format) {
    case 'json':
      yield* format.isMultiLineJson ? readMultiLineJson(absolutePath, options) : readJsonLines(absolutePath, options);
      return;
    case 'csv':
      yield* readCsv(absolutePath, format, options);
      return;
    case 'parquet':
      yield* readParquet(absolutePath);
      return;
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
