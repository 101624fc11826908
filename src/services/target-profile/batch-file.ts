import type { Readable } from 'node:stream';
import type { CsvError } from 'csv-parse';
import { csvParse } from '../../lazy-libraries.js';
import { batchRejected } from './errors.js';
import { CELL_SEPARATOR } from './model.js';

/** Seed 004: the batch file must be under 50 MB and hold at most 500,000 rows per upload. */
export const MAX_BATCH_BYTES = 50 * 1024 * 1024;
export const MAX_BATCH_ROWS = 500_000;
/**
 * The emulator's cap on the header line (the documents give none): 64 KiB names thousands of
 * attributes. It also bounds csv-parse's line-end discovery, which allocates buffers for every
 * byte of the first line until it meets one (seconds per megabyte without the cap).
 */
export const MAX_HEADER_BYTES = 64 * 1024;

export type IdColumn = 'pcId' | 'thirdPartyId';

export interface BatchFile {
  idColumn: IdColumn;
  /** Attribute names, URL-decoded (the header without its first column). */
  names: string[];
  /**
   * Data rows, URL-decoded, each kept as one string: the id, then the value of each name, joined
   * by CELL_SEPARATOR ('' leaves an attribute untouched). One string per row instead of one per
   * cell keeps a 500,000-row upload small while it waits to be applied.
   */
  rows: string[];
}

export interface BatchLimits {
  /** The file must be smaller than this (seed 004: "less than 50 MB"). */
  maxBytes: number;
  maxRows: number;
  /** Rows the client may still send today (the daily quota). */
  rowsLeftToday: number;
}

/**
 * Reads a batch file as it arrives, through csv-parse: header first (`batch=` prefix optional),
 * spaces around commas ignored, names and values URL-decoded. Every whole-file problem (header,
 * size, row count, quota, malformed CSV or encoding) rejects the upload before anything is written.
 */
export async function readBatchFile(source: Readable, limits: BatchLimits): Promise<BatchFile> {
  const { parse } = await csvParse();
  const parser = parse({ bom: true, trim: true, relax_column_count: true, skip_empty_lines: true });
  let failure: Error | null = null;
  const abort = (error: Error) => {
    if (failure) return;
    failure = error;
    source.unpipe(parser);
    source.resume(); // drain the rest so the answer goes out at once
    parser.destroy(error);
  };
  let bytes = 0;
  let headerEnded = false;
  source.on('data', (chunk: Buffer) => {
    if (!headerEnded) {
      const lineEnd = lineEndIn(chunk);
      headerEnded = lineEnd !== -1;
      if ((headerEnded ? bytes + lineEnd : bytes + chunk.length) > MAX_HEADER_BYTES) abort(headerTooLong());
    }
    bytes += chunk.length;
    if (bytes >= limits.maxBytes) abort(fileTooLarge(limits.maxBytes));
  });
  source.on('error', (error) => abort(batchRejected(400, `The batch file could not be read: ${error.message}`)));
  source.pipe(parser);

  let header: { idColumn: IdColumn; names: string[] } | null = null;
  const rows: string[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === null) {
        header = readHeader(record);
        continue;
      }
      const row = rows.length + 1;
      if (row > limits.maxRows)
        throw batchRejected(400, `The batch file has more than ${limits.maxRows.toLocaleString('en')} rows; split it into several uploads`);
      if (row > limits.rowsLeftToday) {
        throw batchRejected(
          429,
          `The client's daily limit of batch rows would be exceeded: ${limits.rowsLeftToday.toLocaleString('en')} rows left in the last 24 hours`,
        );
      }
      if (record.length > header.names.length + 1) {
        throw batchRejected(400, `Row ${row} has ${record.length} values but the header names ${header.names.length + 1} columns`);
      }
      for (let i = 0; i < record.length; i++) {
        const cell = decodeCell(record[i]!, row, i);
        if (cell.includes(CELL_SEPARATOR))
          throw batchRejected(400, `Row ${row}, column ${i + 1} contains the control character U+001F, which profiles cannot store`);
        record[i] = cell;
      }
      // join() builds one flat string: the cells become garbage at once.
      rows.push(record.join(CELL_SEPARATOR));
    }
  } catch (error) {
    abort(error as Error);
  }
  if (failure) throw asRejection(failure);
  if (header === null) throw emptyHeader();
  return { ...header, rows };
}

function readHeader(record: string[]): { idColumn: IdColumn; names: string[] } {
  const cells = record.map((cell, column) => decodeCell(column === 0 ? cell.replace(/^batch=\s*/, '') : cell, 0, column));
  const [first, ...names] = cells;
  if (first === undefined || (first === '' && names.every((name) => name === ''))) throw emptyHeader();
  if (first !== 'pcId' && first !== 'thirdPartyId') {
    throw batchRejected(400, `The first column of the header must be pcId or thirdPartyId, not '${excerpt(first)}'`);
  }
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === '') throw batchRejected(400, `Header column ${index + 2} has no name`);
    if (name === '__proto__') throw batchRejected(400, `Header column ${index + 2}: '__proto__' is not a usable attribute name`);
    if (seen.has(name)) throw batchRejected(400, `Header column ${index + 2} repeats the attribute name '${excerpt(name)}'`);
    seen.add(name);
  });
  return { idColumn: first, names };
}

/** Where the first line ends in a chunk (a CR or LF), -1 when it does not. */
function lineEndIn(chunk: Buffer): number {
  const lf = chunk.indexOf(0x0a);
  const cr = chunk.indexOf(0x0d);
  return lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
}

/** What an error message quotes of a client's text: at most 100 characters. */
function excerpt(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

const headerTooLong = () =>
  batchRejected(
    400,
    `The header line of the batch file is longer than ${MAX_HEADER_BYTES.toLocaleString('en')} bytes; it must end with a line break within that length`,
  );

export const fileTooLarge = (maxBytes: number) => batchRejected(413, `The batch file must be smaller than ${maxBytes / 1024 / 1024} MB`);

const emptyHeader = () => batchRejected(400, 'The batch file has no header: its first row must name the columns, starting with pcId or thirdPartyId');

/** URL-decoding (UTF-8, `+` as space); most cells have nothing to decode. */
function decodeCell(cell: string, row: number, column: number): string {
  if (cell.indexOf('%') === -1 && cell.indexOf('+') === -1) return cell;
  try {
    return decodeURIComponent(cell.replace(/\+/g, ' '));
  } catch {
    const where = row === 0 ? `Header column ${column + 1}` : `Row ${row}, column ${column + 1}`;
    throw batchRejected(400, `${where} is not valid URL-encoded UTF-8: '${excerpt(cell)}'`);
  }
}

function asRejection(error: Error): Error {
  if ('status' in error) return error;
  const csv = error as CsvError;
  if (typeof csv.code === 'string' && csv.code.startsWith('CSV_')) return batchRejected(400, `The batch file is not valid CSV: ${csv.message}`);
  return batchRejected(400, `The batch file could not be read: ${error.message}`);
}
