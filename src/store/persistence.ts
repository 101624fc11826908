import { Low } from 'lowdb';
import { DataFiles, DurableSnapshotFile, type PersistenceFs, type SavedSnapshot } from './data-files.js';
import type { ChangeEvent, Store } from './store.js';

/**
 * Optional persistence of the store to a data file, written behind the requests:
 *
 * - `<file>` is a full snapshot (temporary file, fsync, rename, fsync of the folder).
 * - `<file>.log` is an append-only change log. Mutations are coalesced per object and appended
 *   (then fsynced) once per flush interval, so a request never rewrites a whole file. In sync
 *   mode requests also call commit(), which writes at once and groups concurrent callers.
 * - When the log grows past `compactBytes`, the snapshot is rewritten and the log started anew.
 *
 * A write that fails (disk full...) loses nothing: the changes stay pending (newer ones win per
 * object), the write is retried with backoff, and health() reports the failure until it passes.
 */
export interface PersistenceOptions {
  file: string;
  flushIntervalMs: number;
  compactBytes: number;
  /** Where a failure and the recovery are reported (the app's logger). */
  log?: PersistenceLog;
  fs?: PersistenceFs;
}

export interface PersistenceLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What /_mock/health shows while writes fail. */
export interface PersistenceHealth {
  status: 'failing';
  error: string;
  /** ISO-8601 (real time) of the first failure. */
  since: string;
}

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;
/** Attempts at close before giving up (100 + 200 ms of waits): a shutdown stays short on a failing disk. */
const CLOSE_ATTEMPTS = 3;

const silent: PersistenceLog = { warn() {}, info() {}, error() {} };

export class Persistence {
  private readonly files: DataFiles;
  /** The snapshot, kept by lowdb through a durable adapter. */
  private readonly db: Low<SavedSnapshot>;
  private readonly log: PersistenceLog;
  private pending = new Map<string, ChangeEvent>();
  private changes = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<unknown> = Promise.resolve();
  private logBytes = 0;
  private generation = 0;
  /** The log exists, belongs to `generation` and can be appended to. */
  private logReady = false;
  /** The state was replaced wholesale (a reset, a lost log): only a snapshot records it. */
  private snapshotRequired = false;
  private failure: { error: Error; since: Date } | null = null;
  private retryMs = RETRY_FIRST_MS;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: PersistenceOptions,
  ) {
    this.files = new DataFiles(options.file, options.fs);
    this.db = new Low<SavedSnapshot>(new DurableSnapshotFile(this.files), { version: 1, scopes: {} });
    this.log = options.log ?? silent;
  }

  /** Loads the saved state into the store; false when there was none. Then starts recording. */
  async open(): Promise<boolean> {
    const saved = await this.db.adapter.read();
    if (saved) this.store.load(saved);
    this.generation = saved?.generation ?? 0;
    const log = await this.files.readLog();
    let replayed = 0;
    if (log && log.generation === this.generation) {
      for (const event of log.events) this.store.apply(event);
      replayed = log.events.length;
      this.logBytes = log.bytes;
      this.logReady = log.bytes > 0;
    }
    this.unsubscribe = this.store.onChange((event) => this.record(event));
    return saved !== null || replayed > 0;
  }

  /** Changes recorded so far (sync mode compares it before and after a request). */
  get changeCount(): number {
    return this.changes;
  }

  /** null while every write succeeds. */
  health(): PersistenceHealth | null {
    return this.failure && { status: 'failing', error: this.failure.error.message, since: this.failure.since.toISOString() };
  }

  private record(event: ChangeEvent): void {
    this.pending.set(`${event.scope}\u0000${event.collection}\u0000${event.id}`, event);
    this.changes++;
    if (!this.timer) this.schedule(this.options.flushIntervalMs);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    // Failures are reported (log, health) and retried by write() itself.
    this.timer = setTimeout(() => void this.flush().catch(() => {}), delayMs);
    this.timer.unref();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Appends (and fsyncs) every pending change, compacting when due; rejects when the write fails. */
  flush(): Promise<void> {
    this.cancelTimer();
    return this.enqueue(() => this.write());
  }

  /**
   * Resolves once every change recorded so far is on disk. Callers arriving while a write runs
   * share the next one (group commit). Fails at once while the disk is failing.
   */
  commit(): Promise<void> {
    return this.enqueue(() => (this.failure ? Promise.reject(this.failure.error) : this.write()));
  }

  /**
   * The state was replaced wholesale (a reset, an import): the snapshot is rewritten behind the
   * request, like any change; a failure is reported and retried like any write. It counts as a
   * change, so with sync durability the request waits for it (commit() queues behind it).
   */
  replaced(): void {
    this.changes++;
    // Failures are reported (log, health) and retried by write() itself.
    this.compact().catch(() => {});
  }

  /** Writes the whole state as the snapshot and starts a new log. */
  compact(): Promise<void> {
    this.cancelTimer();
    this.snapshotRequired = true;
    return this.enqueue(() => this.write());
  }

  /** Writes one after the other; a failed write does not stop the next. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.writing.then(task);
    this.writing = run.catch(() => {});
    return run;
  }

  private async write(): Promise<void> {
    const compactionDue = () => this.snapshotRequired || this.logBytes > this.options.compactBytes;
    if (this.pending.size === 0 && !compactionDue()) return;
    try {
      if (!this.snapshotRequired && this.pending.size > 0) await this.appendPending();
      if (compactionDue()) await this.writeSnapshot();
    } catch (error) {
      this.failed(error as Error);
      throw error;
    }
    if (this.failure) {
      this.log.info({ file: this.options.file, failingSince: this.failure.since.toISOString() }, 'data file writable again: every kept change is saved');
      this.failure = null;
      this.retryMs = RETRY_FIRST_MS;
    }
  }

  private async appendPending(): Promise<void> {
    const batch = this.takePending();
    try {
      if (!this.logReady) {
        this.logBytes = await this.files.resetLog(this.generation);
        this.logReady = true;
      }
      this.logBytes += await this.files.append(batch.values(), this.failure ? this.logBytes : null);
    } catch (error) {
      this.restorePending(batch);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        // The log vanished, and the changes it held with it: only a full snapshot has them all again.
        this.logReady = false;
        this.snapshotRequired = true;
      }
      throw error;
    }
  }

  private async writeSnapshot(): Promise<void> {
    const covered = this.takePending();
    const generation = this.generation + 1;
    try {
      this.db.data = { ...this.store.snapshot(undefined, { readOnly: true }), generation };
      await this.db.write();
    } catch (error) {
      this.restorePending(covered);
      throw error;
    }
    // From here the snapshot holds everything; the old log is stale even if resetting it fails.
    this.generation = generation;
    this.snapshotRequired = false;
    this.logReady = false;
    this.logBytes = await this.files.resetLog(generation);
    this.logReady = true;
  }

  private takePending(): Map<string, ChangeEvent> {
    const batch = this.pending;
    this.pending = new Map();
    return batch;
  }

  /** Puts back changes that were not written; a newer change of the same object wins. */
  private restorePending(batch: Map<string, ChangeEvent>): void {
    for (const [key, event] of batch) if (!this.pending.has(key)) this.pending.set(key, event);
  }

  private failed(error: Error): void {
    if (!this.failure) {
      this.failure = { error, since: new Date() };
      this.log.warn({ err: error, file: this.options.file }, 'cannot write the data file: changes are kept in memory and retried');
    } else {
      this.failure.error = error;
    }
    this.schedule(this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  /**
   * Flushes and compacts, then stops recording. On a failing disk it gives up after a few
   * attempts and rejects, naming what was not saved.
   */
  async close(): Promise<void> {
    this.unsubscribe?.();
    let lastError: Error | null = null;
    for (let attempt = 1; attempt <= CLOSE_ATTEMPTS; attempt++) {
      try {
        await this.flush();
        lastError = null;
        break;
      } catch (error) {
        lastError = error as Error;
        if (attempt < CLOSE_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, RETRY_FIRST_MS * attempt));
      }
    }
    if (!lastError) {
      // Tidying only: the log already holds every change.
      await this.enqueue(() => this.writeSnapshot()).catch((error: Error) =>
        this.log.warn({ err: error, file: this.options.file }, 'could not compact the data file at close'),
      );
    }
    this.cancelTimer();
    const unsaved = this.unsavedDescription();
    if (unsaved) {
      this.log.error({ err: lastError, file: this.options.file }, `${unsaved} not saved to the data file`);
      throw new Error(`${unsaved} not saved to ${this.options.file}: ${lastError?.message}`);
    }
  }

  private unsavedDescription(): string | null {
    if (this.snapshotRequired) return 'the state since the last reset or import was';
    if (this.pending.size > 0) return `${this.pending.size} changed object(s) were`;
    return null;
  }
}
