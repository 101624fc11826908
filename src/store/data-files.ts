import * as nodeFs from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import type { ChangeEvent, StateSnapshot } from './store.js';

/** The file-system calls persistence makes: node:fs/promises, or a stand-in that fails on purpose (tests). */
export type PersistenceFs = Pick<typeof nodeFs, 'open' | 'readFile' | 'rename' | 'truncate'>;

/**
 * A snapshot and the log that continues it carry the same generation (the log in its first
 * line), so a log already folded into a newer snapshot (a crash between the snapshot's rename
 * and the log's reset) is recognised as stale and never replayed over it.
 */
export interface SavedSnapshot extends StateSnapshot {
  generation?: number;
}

export interface ReadLog {
  generation: number;
  events: ChangeEvent[];
  /** Bytes of complete lines (a torn tail has been cut off the file). */
  bytes: number;
}

interface LogLine {
  s: string;
  c: string;
  i: string;
  v?: unknown;
}

/** lowdb's adapter for the snapshot: lowdb's own DataFile renames without fsync, this one is durable. */
export class DurableSnapshotFile implements Adapter<SavedSnapshot> {
  constructor(private readonly files: DataFiles) {}
  read(): Promise<SavedSnapshot | null> {
    return this.files.readSnapshot();
  }
  write(data: SavedSnapshot): Promise<void> {
    return this.files.replaceSnapshot(data, data.generation ?? 0);
  }
}

/** `<file>` and `<file>.log`, written so that what fsync reported written stays written. */
export class DataFiles {
  readonly logFile: string;

  constructor(
    readonly file: string,
    private readonly fs: PersistenceFs = nodeFs,
  ) {
    this.logFile = `${file}.log`;
  }

  async readSnapshot(): Promise<SavedSnapshot | null> {
    const text = await this.readIfPresent(this.file);
    return text === null ? null : (JSON.parse(text) as SavedSnapshot);
  }

  /** The log's changes; a line torn by a crash mid-append is cut off the file, or the next append would be glued to it. */
  async readLog(): Promise<ReadLog | null> {
    const text = await this.readIfPresent(this.logFile);
    if (text === null) return null;
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    const bytes = Buffer.byteLength(complete);
    if (complete.length < text.length) await this.fs.truncate(this.logFile, bytes);
    const lines = complete.split('\n');
    const generation = headerGeneration(lines[0]!);
    const events: ChangeEvent[] = [];
    for (const line of lines) {
      const event = parseLine(line);
      if (event) events.push(event);
    }
    return { generation, events, bytes };
  }

  /**
   * Appends to the existing log and fsyncs it. `expectedBytes` (after a failed append) first cuts
   * off whatever part of the failed write reached the file.
   */
  async append(events: Iterable<ChangeEvent>, expectedBytes: number | null): Promise<number> {
    let text = '';
    for (const event of events) {
      const line: LogLine = { s: event.scope, c: event.collection, i: event.id };
      if (event.value !== undefined) line.v = event.value;
      text += `${JSON.stringify(line)}\n`;
    }
    // No O_CREAT: a log that vanished must not be replaced by one without its generation line.
    const handle = await this.fs.open(this.logFile, constants.O_WRONLY | constants.O_APPEND);
    try {
      if (expectedBytes !== null && (await handle.stat()).size > expectedBytes) await handle.truncate(expectedBytes);
      await handle.writeFile(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    return Buffer.byteLength(text);
  }

  /** Writes the snapshot durably: a temporary file, fsynced, renamed over `<file>`, then the folder fsynced. */
  async replaceSnapshot(snapshot: StateSnapshot, generation: number): Promise<void> {
    const temporary = `${this.file}.tmp`;
    await this.writeSynced(temporary, JSON.stringify({ version: snapshot.version, generation, scopes: snapshot.scopes }), 'w');
    await this.fs.rename(temporary, this.file);
    await this.syncFolder();
  }

  /** Starts an empty log of this generation; returns its size. */
  async resetLog(generation: number): Promise<number> {
    const header = `${JSON.stringify({ generation })}\n`;
    await this.writeSynced(this.logFile, header, 'w');
    await this.syncFolder(); // in case the log was created
    return Buffer.byteLength(header);
  }

  private async writeSynced(path: string, text: string, flags: string): Promise<void> {
    const handle = await this.fs.open(path, flags);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** A rename or a new file is durable once its folder is fsynced (Windows cannot open a folder: skipped). */
  private async syncFolder(): Promise<void> {
    if (process.platform === 'win32') return;
    const handle = await this.fs.open(dirname(this.file), 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  private async readIfPresent(path: string): Promise<string | null> {
    try {
      return await this.fs.readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

/** The generation of a log's first line; 0 for a log written before generations existed. */
function headerGeneration(line: string): number {
  try {
    const header = JSON.parse(line) as { generation?: unknown } | null;
    return typeof header?.generation === 'number' ? header.generation : 0;
  } catch {
    return 0;
  }
}

/** One change of the log, or null for a line that is not one (empty, unparsable, wrong shape, the header). */
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
