/**
 * Uploaded bytes on disk, under one root folder (`config.blobDir`).
 *
 * Layout (every name below the root is chosen here, never taken raw from a request):
 *
 *   <root>/<16 hex of sha256(scope)>/<batch folder>/<file path>   files of a batch, by scope
 *   <root>/.tmp/<random>                                          uploads being received
 *   <root>/.parts/<upload id>/<start>-<end>                       chunks of large-file uploads
 *   <root>/.trash/<random>                                         scope folders being deleted
 *
 * A file is received into `.tmp` first and renamed over its final path only once every byte
 * has arrived, so a failed or refused upload never leaves a partial file, and an existing file
 * stays intact until its replacement is complete (rename is atomic within one file system).
 * A scope's files are deleted the same way round: their folder is renamed into `.trash` at once
 * (no request can find them after that), and deleted from there behind the answer.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, open, readdirSync, renameSync, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const TEMP = '.tmp';
const PARTS = '.parts';
const TRASH = '.trash';
const SCOPE_FOLDER = /^[0-9a-f]{16}$/;
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Bytes buffered before each write to disk: fewer, larger writes than the 16 KiB default. */
const WRITE_BUFFER = 256 * 1024;

/** The body had more bytes than allowed. */
export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/** The body ended with another length than announced (a Content-Range chunk, for instance). */
export class BlobLengthMismatchError extends Error {
  constructor(
    readonly expected: number,
    readonly received: number,
  ) {
    super(`expected ${expected} bytes, received ${received}`);
  }
}

/** The client went away before the body was complete. */
export class BlobClientAbortError extends Error {
  constructor() {
    super('the request body ended early (client aborted)');
  }
}

/** The final path collides with the folder structure of another file (`a` vs `a/b`). */
export class BlobPathConflictError extends Error {
  constructor(readonly path: string) {
    super(`path conflicts with another stored file: ${path}`);
  }
}

/** A body received into a temporary file, waiting to be committed or discarded. */
export interface ReceivedBlob {
  tempPath: string;
  size: number;
}

export interface ReceiveOptions {
  /** Refuse (BlobTooLargeError) as soon as more bytes than this arrive. */
  maxBytes: number;
  /** When set, the body must have exactly this many bytes (else BlobLengthMismatchError). */
  exactBytes?: number;
}

/** Deletions of trashed folders still running, per blob root (every store of a root waits for them before clearing it). */
const deletions = new Map<string, Set<Promise<void>>>();
/** Folder names of scopes (a sha256 each), worked out once. */
const scopeFolders = new Map<string, string>();
const SCOPE_FOLDERS_KEPT = 10_000;
/** Names in the trash: this process's prefix and a count (the trash is emptied at start-up). */
const TRASH_PREFIX = randomUUID();
let trashedFolders = 0;

export class BlobStore {
  constructor(readonly root: string) {}

  /** Relative folder of a batch's files: hashed scope (org+sandbox), then the batch id (hashed unless plainly safe). */
  batchFolder(scope: string, batchId: string): string {
    const batchFolder = SAFE_ID.test(batchId) ? batchId : hash(batchId).slice(0, 32);
    return `${scopeFolder(scope)}/${batchFolder}`;
  }

  /** Absolute path of a stored blob; throws if `relativePath` would leave the root. */
  absolute(relativePath: string): string {
    const root = resolve(this.root);
    const full = resolve(root, relativePath);
    if (full === root || !full.startsWith(root + sep)) throw new Error(`blob path escapes the blob folder: ${relativePath}`);
    return full;
  }

  /**
   * Streams a body into a new temporary file, counting bytes: refuses past `maxBytes` (and,
   * with `exactBytes`, on any other length). The temporary file is removed on any failure.
   */
  async receive(source: Readable, options: ReceiveOptions): Promise<ReceivedBlob> {
    const tempPath = join(this.root, TEMP, randomUUID());
    const descriptor = await openNew(tempPath);
    const counter = new ByteCounter(options.exactBytes ?? options.maxBytes, options.exactBytes !== undefined);
    try {
      attach(source, counter);
      await drain(counter, createWriteStream(tempPath, { fd: descriptor, highWaterMark: WRITE_BUFFER }));
      if (options.exactBytes !== undefined && counter.bytes !== options.exactBytes) {
        throw new BlobLengthMismatchError(options.exactBytes, counter.bytes);
      }
      return { tempPath, size: counter.bytes };
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
  }

  /** Moves a received file to its final place (replacing any file there) in one rename. */
  async commit(received: ReceivedBlob, destination: string): Promise<void> {
    const target = this.absolute(destination);
    try {
      await mkdir(dirname(target), { recursive: true });
      await rename(received.tempPath, target);
    } catch (error) {
      await rm(received.tempPath, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST' || code === 'ENOTEMPTY') throw new BlobPathConflictError(destination);
      throw error;
    }
  }

  async discard(received: ReceivedBlob): Promise<void> {
    await rm(received.tempPath, { force: true });
  }

  /** Folder holding the chunks of one large-file upload. */
  partsFolder(uploadId: string): string {
    if (!SAFE_ID.test(uploadId)) throw new Error(`unsafe upload id: ${uploadId}`);
    return join(this.root, PARTS, uploadId);
  }

  /** Stores a received chunk of a large-file upload as `<start>-<end>` (a retried range replaces it). */
  async commitPart(received: ReceivedBlob, uploadId: string, start: number, end: number): Promise<void> {
    const folder = this.partsFolder(uploadId);
    await mkdir(folder, { recursive: true });
    await rename(received.tempPath, join(folder, `${start}-${end}`));
  }

  /** Concatenates chunks (in the given order) into a temporary file, ready to commit. */
  async stitch(uploadId: string, ranges: ReadonlyArray<{ start: number; end: number }>): Promise<ReceivedBlob> {
    await mkdir(join(this.root, TEMP), { recursive: true });
    const tempPath = join(this.root, TEMP, randomUUID());
    const folder = this.partsFolder(uploadId);
    const output = createWriteStream(tempPath, { flags: 'wx' });
    let size = 0;
    try {
      for (const { start, end } of ranges) {
        await pipeline(createReadStream(join(folder, `${start}-${end}`)), output, { end: false });
        size += end - start + 1;
      }
      await new Promise<void>((done, fail) => {
        output.once('error', fail);
        output.end(done);
      });
      return { tempPath, size };
    } catch (error) {
      output.destroy();
      await rm(tempPath, { force: true });
      throw error;
    }
  }

  async removeParts(uploadId: string): Promise<void> {
    await rm(this.partsFolder(uploadId), { recursive: true, force: true });
  }

  /** Size in bytes of a stored blob; undefined when it is not there. */
  async size(relativePath: string): Promise<number | undefined> {
    try {
      return (await stat(this.absolute(relativePath))).size;
    } catch {
      return undefined;
    }
  }

  /** Deletes everything this store wrote (scope folders, temporary files, chunks); leaves anything else in the root alone. */
  async clear(): Promise<void> {
    await this.deleted();
    let entries: string[];
    try {
      // Synchronous: a reset usually finds nothing to delete, and one small listing beats a trip through the thread pool.
      entries = readdirSync(this.root);
    } catch {
      return;
    }
    const ours = entries.filter((name) => name === TEMP || name === PARTS || name === TRASH || SCOPE_FOLDER.test(name));
    await Promise.all(ours.map((name) => rm(join(this.root, name), { recursive: true, force: true })));
  }

  /**
   * Removes the files of every batch of one scope (chunks of unfinished large-file uploads stay
   * until `clear`): at once from where requests look (one rename), from the disk behind the
   * answer (`deleted` resolves when that is done).
   */
  clearScope(scope: string): void {
    const folder = join(this.root, scopeFolder(scope));
    // Usually there is nothing: a check is much cheaper than a failed rename's error.
    if (!existsSync(folder)) return;
    const trashed = join(this.root, TRASH, `${TRASH_PREFIX}-${++trashedFolders}`);
    try {
      renameSync(folder, trashed);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // The trash folder itself is missing (first use, or cleared).
      mkdirSync(dirname(trashed), { recursive: true });
      renameSync(folder, trashed);
    }
    const running = deletions.get(this.root) ?? new Set<Promise<void>>();
    deletions.set(this.root, running);
    const deletion: Promise<void> = rm(trashed, { recursive: true, force: true })
      .catch(() => undefined) // left for the next clear or start-up
      .finally(() => running.delete(deletion));
    running.add(deletion);
  }

  /** Resolves once every scope folder trashed so far has been deleted from the disk. */
  async deleted(): Promise<void> {
    const running = deletions.get(this.root);
    while (running && running.size > 0) await Promise.all([...running]);
  }

  /** Temporary files left by a crash mid-upload, and folders it left in the trash, are never needed again. */
  async removeLeftovers(): Promise<void> {
    await this.deleted();
    await Promise.all([TEMP, TRASH].map((name) => rm(join(this.root, name), { recursive: true, force: true })));
  }
}

function scopeFolder(scope: string): string {
  let folder = scopeFolders.get(scope);
  if (folder === undefined) {
    if (scopeFolders.size >= SCOPE_FOLDERS_KEPT) scopeFolders.clear();
    folder = hash(scope).slice(0, 16);
    scopeFolders.set(scope, folder);
  }
  return folder;
}

/** Opens a new file for writing (never an existing one), creating its folder when missing. */
async function openNew(path: string): Promise<number> {
  try {
    return await openFile(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dirname(path), { recursive: true });
    return openFile(path, 'wx');
  }
}

function openFile(path: string, flags: string): Promise<number> {
  return new Promise((resolve, reject) => open(path, flags, (error, descriptor) => (error ? reject(error) : resolve(descriptor))));
}

/**
 * Pipes `from` into the file stream `to`; resolves once every byte is written and the file is
 * closed, rejects with the first error of either (both destroyed, the file closed first).
 * stream/promises' pipeline does the same at a higher price per call (an AbortController and
 * its DOMException each time), which small uploads noticed.
 */
function drain(from: Transform, to: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    const fail = (error: Error) => {
      if (failure) return;
      failure = error;
      from.unpipe(to);
      from.destroy();
      to.destroy();
    };
    from.once('error', fail);
    to.once('error', fail);
    to.once('close', () => {
      if (failure) reject(failure);
      else if (to.writableFinished) resolve();
      else reject(new Error('the file was closed before every byte was written'));
    });
    from.pipe(to);
  });
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Counts bytes on their way to disk and fails as soon as there are more than `limit`, so an
 * oversized body is refused while streaming, not after it has been written in full.
 */
class ByteCounter extends Transform {
  bytes = 0;

  constructor(
    private readonly limit: number,
    private readonly exact: boolean,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      callback(this.exact ? new BlobLengthMismatchError(this.limit, this.bytes) : new BlobTooLargeError(this.limit));
      return;
    }
    callback(null, chunk);
  }
}

/**
 * Feeds the request body into `target` so that it can be abandoned without destroying the
 * request: `pipeline` destroys every stream on failure, and destroying an HTTP request closes
 * its socket, so no 413/400 could be answered. `pipe` leaves the source alone when the target
 * fails; a client that goes away is still passed on as an error.
 */
function attach(source: Readable, target: Transform): void {
  const aborted = () => target.destroy(new BlobClientAbortError());
  source.once('error', (error) => target.destroy(error));
  source.once('aborted', aborted);
  source.once('close', () => {
    if (!source.readableEnded) aborted();
  });
  source.pipe(target);
}
