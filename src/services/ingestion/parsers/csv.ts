import { createReadStream } from 'node:fs';
import { csvParse } from '../../../lazy-libraries.js';
import type { InputFormat } from '../../platform-objects.js';
import { RecordsError, unflatten, type ParsedRecord, type ReadOptions } from './shared.js';

/**
 * CSV with a header row (csv-parse), honouring the batch's `delimiter`, `quote`, `escape`,
 * `nullMarker` and `header`. Values stay strings: the schema-aware conversion to integers,
 * numbers and booleans happens in validation, where the schema is known. An empty field or the
 * null marker means "no value" (the field is left out). Dotted column names
 * become nested objects. The row is the 1-based data row (header and blank lines not counted).
 */
export async function* readCsv(path: string, format: InputFormat, options: ReadOptions): AsyncGenerator<ParsedRecord> {
  const nullMarker = format.nullMarker;
  const { parse } = await csvParse();
  // Small reads: csv-parse handles each chunk in one go, so this bounds the time between turns.
  const parser = createReadStream(path, { highWaterMark: 16 * 1024 }).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      ...(format.delimiter ? { delimiter: format.delimiter } : {}),
      ...(format.quote ? { quote: format.quote } : {}),
      ...(format.escape ? { escape: format.escape } : {}),
    }),
  );
  const hasHeader = String(format.header ?? 'true').toLowerCase() !== 'false';
  let columns: string[] | undefined;
  let row = 0;
  try {
    for await (const raw of parser as AsyncIterable<string[]>) {
      const fields = raw.map((field) => (field === '' || field === nullMarker ? null : field));
      if (columns === undefined && hasHeader) {
        if (fields.every((field) => field === null || field.trim() === '')) {
          throw new RecordsError('empty-header', 'CSV file contains empty header row.');
        }
        columns = fields.map((field, index) => (field === null || field === '' ? `_c${index}` : field.trim()));
        continue;
      }
      if (fields.length === 1 && fields[0] === null) continue; // blank line
      columns ??= fields.map((_field, index) => `_c${index}`);
      row += 1;
      if (fields.length > columns.length) {
        const message = `the row has ${fields.length} fields but the header names ${columns.length}`;
        if (!options.keepCorruptRows) throw new RecordsError('corrupt-row', `CSV row ${row}: ${message}`, row);
        yield { row, record: {}, corrupt: { text: fields.map((field) => field ?? '').join(format.delimiter ?? ','), message } };
        continue;
      }
      const flat: Record<string, unknown> = {};
      fields.forEach((field, index) => {
        if (field !== null) flat[columns![index]] = field;
      });
      yield { row, record: unflatten(flat) };
    }
  } catch (error) {
    if (error instanceof RecordsError) throw error;
    throw new RecordsError('unparseable', `The file is not valid CSV: ${(error as Error).message}`);
  } finally {
    parser.destroy();
  }
}
