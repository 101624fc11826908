/** What every format reader shares: the error type, the record shape, and the small value helpers. */

export type RecordsErrorCode =
  /** The file holds no record at all (troubleshooting guide code 106). */
  | 'empty-file'
  /** A CSV file whose header row is empty (troubleshooting guide code 118). */
  | 'empty-header'
  /** The file cannot be read in the batch's input format. */
  | 'unparseable'
  /** A record cannot be parsed and the caller did not ask for corrupt rows (see ReadOptions). */
  | 'corrupt-row'
  /** The input format is not one the emulator reads (avro). */
  | 'unsupported-format';

/** A file that cannot be read as records: never a crash, always one of these. */
export class RecordsError extends Error {
  constructor(
    readonly code: RecordsErrorCode,
    message: string,
    /** The row concerned, when there is one. */
    readonly row?: number,
  ) {
    super(message);
    this.name = 'RecordsError';
  }
}

/**
 * One record read from an uploaded file: its 1-based row (line, CSV data row, array element or
 * Parquet row). A row that cannot be parsed is only yielded when the reader was asked to keep
 * corrupt rows; it then has an empty `record` and `corrupt` set.
 */
export interface ParsedRecord {
  row: number;
  record: Record<string, unknown>;
  corrupt?: { text: string; message: string };
}

export interface ReadOptions {
  /** Yield rows that cannot be parsed (with `corrupt`) instead of throwing a RecordsError. */
  keepCorruptRows?: boolean;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);
}

/**
 * Turns flat column names with dots (`_mocktenant.loyalty.loyaltyPoints`) into nested objects,
 * as CSV and flat Parquet files name XDM fields. Keys without dots are kept as they are.
 */
export function unflatten(flat: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (value === undefined) continue;
    const parts = key.split('.');
    if (parts.length === 1 || parts.some((part) => part === '')) {
      result[key] = value;
      continue;
    }
    let target = result;
    for (const part of parts.slice(0, -1)) {
      const existing = target[part];
      if (!isPlainObject(existing)) target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
  return result;
}

/** Gives the event loop a turn: long files are read without starving other requests. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
