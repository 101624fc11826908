import { createReadStream } from 'node:fs';
import { isPlainObject, RecordsError, type ParsedRecord, type ReadOptions } from './shared.js';

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

interface Element {
  text: string;
  row: number;
}

function* parsed({ text, row }: Element, options: ReadOptions): Generator<ParsedRecord> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // The scanner only cuts balanced text, so a failure here is a malformed element.
    throw new RecordsError('unparseable', `Element ${row} is not valid JSON: ${(error as Error).message}`, row);
  }
  if (isPlainObject(value)) yield { row, record: value };
  else if (options.keepCorruptRows) yield { row, record: {}, corrupt: { text, message: 'the element is not a JSON object' } };
  else throw new RecordsError('corrupt-row', `Element ${row} cannot be read as a record: the element is not a JSON object`, row);
}

type State = 'start' | 'beforeElement' | 'inElement' | 'afterElement' | 'end';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const BOM = 0xfeff;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Cuts a JSON array (or a sequence of objects) into the texts of its top-level elements. */
class ElementScanner {
  count = 0;
  private mode: 'array' | 'objects' = 'array';
  private state: State = 'start';
  /** Text of the current element from earlier chunks. */
  private carry = '';
  private container = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private afterComma = false;
  private consumed = 0;

  push(chunk: string): Element[] {
    const done: Element[] = [];
    let start = 0; // where the current element begins in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (this.state === 'inElement') {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (code === BACKSLASH) this.escaped = true;
          else if (code === QUOTE) this.inString = false;
          continue;
        }
        if (this.container) {
          if (code === QUOTE) this.inString = true;
          else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.depth += 1;
          else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
            this.depth -= 1;
            if (this.depth === 0) this.complete(done, this.carry + chunk.slice(start, i + 1));
          }
          continue;
        }
        // A primitive element ends at a separator, which is then read as such.
        if (code !== COMMA && code !== CLOSE_BRACKET && code !== CLOSE_BRACE && !isWhitespace(code)) {
          if (code === QUOTE) this.inString = true;
          continue;
        }
        this.complete(done, this.carry + chunk.slice(start, i));
      }
      if (isWhitespace(code) || (code === BOM && this.consumed + i === 0)) continue;
      if (this.separator(code, chunk[i], this.consumed + i)) start = i;
    }
    if (this.state === 'inElement') this.carry += chunk.slice(start);
    this.consumed += chunk.length;
    return done;
  }

  finish(): Element[] {
    const done: Element[] = [];
    if (this.state === 'inElement' && !this.container && !this.inString) this.complete(done, this.carry);
    const finished = this.state === 'start' || this.state === 'end' || (this.mode === 'objects' && this.state === 'afterElement');
    if (!finished) throw this.broken('the JSON text ends before its array or object is closed', this.consumed - 1);
    return done;
  }

  /** A character between elements; true when it begins an element. */
  private separator(code: number, c: string, position: number): boolean {
    switch (this.state) {
      case 'start':
        if (code === OPEN_BRACKET) {
          this.mode = 'array';
          this.state = 'beforeElement';
          return false;
        }
        if (code === OPEN_BRACE) {
          this.mode = 'objects';
          return this.begin(code);
        }
        throw this.broken(`unexpected '${c}' at the start of the file`, position);
      case 'beforeElement':
        if (code === CLOSE_BRACKET && this.count === 0 && !this.afterComma) {
          this.state = 'end';
          return false;
        }
        if (code === CLOSE_BRACKET || code === COMMA || code === CLOSE_BRACE) throw this.broken(`unexpected '${c}'`, position);
        return this.begin(code);
      case 'afterElement':
        if (this.mode === 'array' && code === COMMA) {
          this.state = 'beforeElement';
          this.afterComma = true;
          return false;
        }
        if (this.mode === 'array' && code === CLOSE_BRACKET) {
          this.state = 'end';
          return false;
        }
        if (this.mode === 'objects' && code === OPEN_BRACE) return this.begin(code);
        throw this.broken(`unexpected '${c}' after element ${this.count}`, position);
      default:
        throw this.broken(`unexpected '${c}' after the end of the JSON text`, position);
    }
  }

  private begin(code: number): boolean {
    this.state = 'inElement';
    this.carry = '';
    this.container = code === OPEN_BRACE || code === OPEN_BRACKET;
    this.depth = this.container ? 1 : 0;
    this.inString = code === QUOTE;
    this.escaped = false;
    return true;
  }

  private complete(done: Element[], text: string): void {
    this.count += 1;
    done.push({ text, row: this.count });
    this.carry = '';
    this.state = 'afterElement';
    this.afterComma = false;
  }

  private broken(reason: string, position: number): RecordsError {
    return new RecordsError('unparseable', `The file is not valid multi-line JSON: ${reason} (character ${position + 1}).`);
  }
}
