import type { BatchError, BatchOutcome } from '../platform-objects.js';
import type { FailureKind } from './validate-records.js';

/** Row references listed per error entry (`rows`); the counts stay exact beyond it. */
const MAX_ROWS_LISTED = 100;
/** Failed records kept per batch for Data Access; the counts stay exact beyond it. */
export const MAX_FAILED_RECORDS = 10_000;

/** What processing has counted so far for one batch. */
export interface Tally {
  startTime: number;
  read: number;
  written: number;
  failedCount: number;
  inputFiles: number;
  inputBytes: number;
  outputBytes: number;
  files: BatchOutcome['files'];
  failed: BatchOutcome['failed'];
  /** Rows per failure kind, as `file:row`. */
  rowsByKind: Record<FailureKind, { count: number; rows: string[] }>;
  /** Files that end the batch with a documented code: 106 (empty), 118 (empty CSV header). */
  fileErrors: Array<{ code: '106' | '118'; file: string }>;
  /** Files that cannot be parsed at all, with the reason. */
  unreadable: string[];
}

export function newTally(startTime: number): Tally {
  return {
    startTime,
    read: 0,
    written: 0,
    failedCount: 0,
    inputFiles: 0,
    inputBytes: 0,
    outputBytes: 0,
    files: [],
    failed: [],
    rowsByKind: { corrupt: { count: 0, rows: [] }, required: { count: 0, rows: [] }, schema: { count: 0, rows: [] } },
    fileErrors: [],
    unreadable: [],
  };
}

export function countFailure(tally: Tally, failure: BatchOutcome['failed'][number], kind: FailureKind): void {
  tally.failedCount += 1;
  if (tally.failed.length < MAX_FAILED_RECORDS) tally.failed.push(failure);
  const entry = tally.rowsByKind[kind];
  entry.count += 1;
  if (entry.rows.length < MAX_ROWS_LISTED) entry.rows.push(`${failure.file}:${failure.row}`);
}

/** Error descriptions, each as documented with its code. */
const DESCRIPTIONS = {
  // troubleshooting.md, "What happens after a batch fails?"
  '106': 'Dataset file is empty. Please upload file with data.',
  // troubleshooting.md, "What happens after a batch fails?"
  '118': 'CSV file contains empty header row.',
  // quality/error-diagnostics.md, "Response with errors" (row-level summary)
  'INGEST-1212-400': (failed: number, written: number) =>
    `Encountered ${failed} errors in the data. Successfully ingested ${written} rows. Please review the associated diagnostic files for more details.`,
  // quality/error-diagnostics.md, "Response with errors"
  'INGEST-1401-400': 'The row has corrupted data and cannot be read or parsed. Fix the corrupted data and try again.',
  // quality/error-diagnostics.md, "Response with errors"
  'INGEST-1555-400': 'A required field is either missing or has a value of null. Add the required field to the input row and try again.',
} as const;

/**
 * The batch's `errors`: 106/118 per file concerned, then for failed rows the summary
 * (INGEST-1212-400, every failed row) and one entry per documented kind (1401 corrupt rows,
 * 1555 required fields) with its recordCount. Other schema mismatches have no documented code
 * of their own; they are counted in the summary and detailed in the failed records.
 */
export function batchErrors(tally: Tally): BatchError[] {
  const errors: BatchError[] = [];
  for (const code of ['106', '118'] as const) {
    const files = tally.fileErrors.filter((error) => error.code === code).map((error) => error.file);
    if (files.length > 0) errors.push({ code, description: DESCRIPTIONS[code], rows: [] });
  }
  if (tally.failedCount === 0) return errors;
  const { corrupt, required, schema } = tally.rowsByKind;
  const allRows = [...corrupt.rows, ...required.rows, ...schema.rows].slice(0, MAX_ROWS_LISTED);
  errors.push({ code: 'INGEST-1212-400', description: DESCRIPTIONS['INGEST-1212-400'](tally.failedCount, tally.written), rows: allRows });
  if (corrupt.count > 0) errors.push({ code: 'INGEST-1401-400', description: DESCRIPTIONS['INGEST-1401-400'], rows: corrupt.rows, recordCount: corrupt.count });
  if (required.count > 0)
    errors.push({ code: 'INGEST-1555-400', description: DESCRIPTIONS['INGEST-1555-400'], rows: required.rows, recordCount: required.count });
  return errors;
}
