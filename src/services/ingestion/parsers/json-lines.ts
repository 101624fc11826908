import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { isPlainObject, RecordsError, type ParsedRecord, type ReadOptions } from './shared.js';

/**
 * JSON lines: one object per line, blank lines skipped; the row is the line number. A line that
 * is not a JSON object is a corrupt row (partial ingestion's code 1401), not a broken file.
 */
export async function* readJsonLines(path: string, options: ReadOptions): AsyncGenerator<ParsedRecord> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  let first = true;
  for await (let text of lines) {
    line += 1;
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    let problem: string | undefined;
    try {
      value = JSON.parse(text);
      if (!isPlainObject(value)) problem = 'the line is not a JSON object';
    } catch (error) {
      problem = (error as Error).message;
    }
    if (problem === undefined) {
      yield { row: line, record: value as Record<string, unknown> };
    } else if (options.keepCorruptRows) {
      yield { row: line, record: {}, corrupt: { text, message: problem } };
    } else {
      throw new RecordsError('corrupt-row', `Line ${line} cannot be parsed as a JSON object: ${problem}`, line);
    }
  }
}
