import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isPlainObject, RecordsError, type ParsedRecord, type ReadOptions } from './shared.js';

/**
 * Files up to this size are read in one go, synchronously: a file just uploaded is in the page
 * cache, and the read finishes in microseconds instead of a few trips through the thread pool
 * (so a small batch is processed before its first status poll). Larger files are streamed.
 */
const READ_AT_ONCE = 256 * 1024;
/** Where readline (crlfDelay: Infinity) ends a line: \n, \r\n or a lone \r. */
const LINE_BREAK = /\r?\n|\r(?!\n)/;

/** The file's lines, as readline gives them (no empty last line after a final line break). */
function linesOf(path: string): Iterable<string> | AsyncIterable<string> {
  if (statSync(path).size > READ_AT_ONCE) return createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  const lines = readFileSync(path, 'utf8').split(LINE_BREAK);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * JSON lines: one object per line, blank lines skipped; the row is the line number. A line that
 * is not a JSON object is a corrupt row (partial ingestion's code 1401), not a broken file.
 */
export async function* readJsonLines(path: string, options: ReadOptions): AsyncGenerator<ParsedRecord> {
  const lines = linesOf(path);
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
