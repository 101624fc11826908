import { createReadStream } from 'node:fs';
import { isPlainObject, RecordsError, type ParsedRecord, type ReadOptions } from './shared.js';

interface Element {
  text: string;
  row: number;
}

type State = 'start' | 'beforeElement' | 'inElement' | 'afterElement' | 'end';

/**
 * Multi-line JSON (`isMultiLineJson: true`): a JSON array of objects, or one (or several)
 * objects spread over lines. Streamed: the scanner cuts the text into top-level elements and
 * parses one element at a time, so a large array is never held whole. The row is the element's
 * 1-based position. A broken structure makes the whole file unparseable; an element that parses
 * but is not an object is a corrupt row.
 */
export async function* readMultiLineJson(path: string, options: ReadOptions): AsyncGenerator<ParsedRecord> {
  const scanner = new ElementScanner();
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    for (const element of scanner.push(chunk as string)) yield* parsed(element, options);
  }
  for (const element of scanner.finish()) yield* parsed(element, options);
}

function* parsed({ text, row }: Element, options: ReadOptions): Generator<ParsedRecord> {
  let value: unknown;
  let problem: string | undefined;
  try {
    value = JSON.parse(text);
    if (!isPlainObject(value)) problem = 'the element is not a JSON object';
  } catch (error) {
    // The scanner only cuts balanced text, so a failure here is a malformed element.
    throw new RecordsError('unparseable', `Element ${row} is not valid JSON: ${(error as Error).message}`, row);
  }
  if (problem === undefined) yield { row, record: value as Record<string, unknown> };
  else if (options.keepCorruptRows) yield { row, record: {}, corrupt: { text, message: problem } };
  else throw new RecordsError('corrupt-row', `Element ${row} cannot be read as a record: ${problem}`, row);
}

/** Cuts a JSON array (or a sequence of objects) into the texts of its top-level elements. */
class ElementScanner {
  count = 0;
  private mode: 'array' | 'objects' = 'array';
  private state: State = 'start';
  private buffer = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private afterComma = false;
  private position = 0;

  push(chunk: string): Element[] {
    const done: Element[] = [];
    for (let i = 0; i < chunk.length; i++) {
      this.position += 1;
      const c = chunk[i];
      if (this.state === 'inElement') {
        if (this.consume(c, done)) continue;
        // A primitive element ended just before c: handle c as a separator.
      }
      this.separator(c, done);
    }
    return done;
  }

  finish(): Element[] {
    const done: Element[] = [];
    if (this.state === 'inElement' && !this.isContainer() && !this.inString) this.complete(done);
    const finished = this.state === 'start' || this.state === 'end' || (this.mode === 'objects' && this.state === 'afterElement');
    if (!finished) throw this.broken('the JSON text ends before its array or object is closed');
    return done;
  }

  /** One character inside an element; false when a primitive element ended before it. */
  private consume(c: string, done: Element[]): boolean {
    if (this.inString) {
      this.buffer += c;
      if (this.escaped) this.escaped = false;
      else if (c === '\\') this.escaped = true;
      else if (c === '"') this.inString = false;
      return true;
    }
    if (!this.isContainer() && (c === ',' || c === ']' || c === '}' || /\s/.test(c))) {
      this.complete(done);
      return false;
    }
    this.buffer += c;
    if (c === '"') this.inString = true;
    else if (c === '{' || c === '[') this.depth += 1;
    else if (c === '}' || c === ']') {
      this.depth -= 1;
      if (this.depth === 0) this.complete(done);
    }
    return true;
  }

  private separator(c: string, done: Element[]): void {
    if (c === '\uFEFF' && this.position === 1) return;
    if (/\s/.test(c)) return;
    switch (this.state) {
      case 'start':
        if (c === '[') {
          this.mode = 'array';
          this.state = 'beforeElement';
        } else if (c === '{') {
          this.mode = 'objects';
          this.begin(c);
        } else throw this.broken(`unexpected '${c}' at the start of the file`);
        return;
      case 'beforeElement':
        if (c === ']' && this.count === 0 && !this.afterComma) this.state = 'end';
        else if (c === ']' || c === ',') throw this.broken(`unexpected '${c}'`);
        else this.begin(c);
        return;
      case 'afterElement':
        if (this.mode === 'array' && c === ',') {
          this.state = 'beforeElement';
          this.afterComma = true;
        } else if (this.mode === 'array' && c === ']') this.state = 'end';
        else if (this.mode === 'objects' && c === '{') this.begin(c);
        else throw this.broken(`unexpected '${c}' after element ${this.count}`);
        return;
      case 'end':
        throw this.broken(`unexpected '${c}' after the end of the JSON text`);
      default:
        void done;
    }
  }

  private begin(c: string): void {
    this.state = 'inElement';
    this.buffer = c;
    this.depth = c === '{' || c === '[' ? 1 : 0;
    this.inString = c === '"';
    this.escaped = false;
    if (this.mode === 'objects' && c !== '{') throw this.broken(`unexpected '${c}'`);
  }

  private isContainer(): boolean {
    return this.buffer[0] === '{' || this.buffer[0] === '[';
  }

  private complete(done: Element[]): void {
    this.count += 1;
    done.push({ text: this.buffer, row: this.count });
    this.buffer = '';
    this.state = 'afterElement';
    this.afterComma = false;
  }

  private broken(reason: string): RecordsError {
    return new RecordsError('unparseable', `The file is not valid multi-line JSON: ${reason} (character ${this.position}).`);
  }
}
