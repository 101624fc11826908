import { appendFile, readFile, rm, stat, truncate } from 'node:fs/promises';
import { DataFile } from 'lowdb/node';
import { Low } from 'lowdb';
import type { ChangeEvent, StateSnapshot, Store } from './store.js';

/**
 * Optional persistence of the store to a data file, written behind the requests:
 *
 * - `<file>` is a full snapshot kept by lowdb (written atomically: temp file + rename).
 * - `<file>.log` is an append-only change log. Mutations are coalesced per object and appended
 *   once per flush interval, so a request never rewrites a whole file.
 * - When the log grows past `compactBytes`, the snapshot is rewritten and the log truncated.
 *   Replaying a log over a snapshot it was already folded into is harmless (set/delete by id),
 *   so a crash between the two steps loses nothing.
 *
 * On start the snapshot is read and the log replayed; a torn last line (a crash mid-append)
 * is cut off, and lines that are not changes are skipped.
 */
export interface PersistenceOptions {
  file: string;
  flushIntervalMs: number;
  compactBytes: number;
}

interface LogLine {
  s: string;
  c: string;
  i: string;
  v?: unknown;
}

export class Persistence {
  private readonly db: Low<StateSnapshot>;
  private readonly logFile: string;
  private pending = new Map<string, ChangeEvent>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private logBytes = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: PersistenceOptions,
  ) {
    this.logFile = `${options.file}.log`;
    this.db = new Low<StateSnapshot>(
      new DataFile<StateSnapshot>(options.file, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) }),
      { version: 1, scopes: {} },
    );
  }

  /** Loads the saved state into the store; false when there was none. Then starts recording. */
  async open(): Promise<boolean> {
    const saved = await this.db.adapter.read();
    const hadSnapshot = saved !== null;
    if (saved) {
      this.db.data = saved;
      this.store.load(saved);
    }
    const replayed = await this.replayLog();
    this.unsubscribe = this.store.onChange((event) => this.record(event));
    return hadSnapshot || replayed > 0;
  }

  private async replayLog(): Promise<number> {
    let text: string;
    try {
      text = await readFile(this.logFile, 'utf8');
    } catch {
      return 0;
    }
    // A crash mid-append leaves half a line: cut it off, or the next append would be glued to it.
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    if (complete.length < text.length) await truncate(this.logFile, Buffer.byteLength(complete));
    this.logBytes = Buffer.byteLength(complete);
    let applied = 0;
    for (const line of complete.split('\n')) {
      const event = parseLine(line);
      if (!event) continue;
      this.store.apply(event);
      applied++;
    }
    return applied;
  }

  private record(event: ChangeEvent): void {
    this.pending.set(`${event.scope}\u0000${event.collection}\u0000${event.id}`, event);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Appends every pending change to the log (and compacts when the log has grown). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writing = this.writing.then(() => this.writePending());
    return this.writing;
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    let text = '';
    for (const event of batch.values()) {
      const line: LogLine = { s: event.scope, c: event.collection, i: event.id };
      if (event.value !== undefined) line.v = event.value;
      text += JSON.stringify(line) + '\n';
    }
    await appendFile(this.logFile, text);
    this.logBytes += Buffer.byteLength(text);
    if (this.logBytes > this.options.compactBytes) await this.writeSnapshot();
  }

  /** Writes the whole state as the snapshot and empties the log. */
  compact(): Promise<void> {
    this.pending.clear();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writing = this.writing.then(() => this.writeSnapshot());
    return this.writing;
  }

  private async writeSnapshot(): Promise<void> {
    this.db.data = this.store.snapshot();
    await this.db.write();
    await rm(this.logFile, { force: true });
    this.logBytes = 0;
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    await this.flush();
    await this.compact();
  }

  /** Size of the change log, for diagnostics and tests. */
  async logSize(): Promise<number> {
    try {
      return (await stat(this.logFile)).size;
    } catch {
      return 0;
    }
  }
}

/** One change of the log, or null for a line that is not one (empty, unparsable, wrong shape). */
function parseLine(line: string): ChangeEvent | null {
  if (!line) return null;
  let entry: Partial<LogLine> | null;
  try {
    entry = JSON.parse(line) as Partial<LogLine> | null;
  } catch {
    return null;
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  if (typeof entry.s !== 'string' || typeof entry.c !== 'string' || typeof entry.i !== 'string') return null;
  return { scope: entry.s, collection: entry.c, id: entry.i, value: entry.v };
}
