import { stat } from 'node:fs/promises';
import type { FileMetaData } from 'hyparquet';
import { hyparquet } from '../../../lazy-libraries.js';
import { isPlainObject, RecordsError, unflatten, type ParsedRecord } from './shared.js';

/**
 * Parquet via hyparquet (pure JS), one row group at a time so a large file is never decoded
 * whole. Values become JSON values: INT64 as numbers (strings beyond 2^53), timestamps as ISO
 * strings, binary as base64; flat dotted column names become nested objects. The row is the
 * 1-based row of the file.
 */
export async function* readParquet(path: string): AsyncGenerator<ParsedRecord> {
  const { size } = await stat(path);
  if (size === 0) return;
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await hyparquet();
  const file = await asyncBufferFromFile(path);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new RecordsError('unparseable', `The file is not valid Parquet: ${(error as Error).message}`);
  }
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Array<Record<string, unknown>>;
    try {
      rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd });
    } catch (error) {
      throw new RecordsError('unparseable', `The file is not valid Parquet: ${(error as Error).message}`);
    }
    for (let i = 0; i < rows.length; i++) {
      yield { row: rowStart + i + 1, record: unflatten(toJsonObject(rows[i])) };
    }
    rowStart = rowEnd;
  }
}

function toJsonObject(row: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const converted = toJsonValue(value);
    if (converted !== undefined && converted !== null) result[key] = converted;
  }
  return result;
}

function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isPlainObject(value)) return toJsonObject(value);
  return value;
}
