import type { InputFormat } from '../platform-objects.js';

/** One record read from an uploaded file: its 1-based row (line, CSV data row, array index + 1 or Parquet row). */
export interface ParsedRecord {
  row: number;
  record: Record<string, unknown>;
}

/**
 * Reads the records of one uploaded file (absolute path) in the batch's input format:
 * JSON lines, a multi-line JSON array, CSV with a header row, or Parquet. Throws a
 * RecordsError when the file cannot be parsed. Placeholder until processing lands.
 */
// eslint-disable-next-line require-yield
export async function* readRecords(_absolutePath: string, _format: InputFormat): AsyncGenerator<ParsedRecord> {
  throw new Error('readRecords: not implemented yet');
}
