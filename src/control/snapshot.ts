/**
 * The whole state as one JSON document (GET / PUT /_mock/state):
 *
 *   {
 *     "format": "adobe-api-mock/state", "version": 1, "exportedAt": ISO, "emulatorVersion": "...",
 *     "scopes": { "<scope key>": { "<collection>": [["<id>", {object}], ...] } },
 *     "files":  { "<scope key>": { "<batch file id>": "<base64 of the file's bytes>" } }
 *   }
 *
 * `scopes` is the store's own layout (order and ids kept). Uploaded files travel inline as base64
 * under the id of their batchFiles entry, so a snapshot is one self-contained file that can move
 * to another machine. The export is streamed: files are read from disk and encoded piece by piece.
 * The internal scope (the token signing key) is neither exported nor replaced by an import.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { AppContext } from '../context.js';
import { COLLECTIONS, type BatchFile } from '../services/platform-objects.js';
import { BlobStore } from '../store/blobs.js';
import { MAX_JSON_DEPTH } from '../gateway/json-body.js';
import type { ScopeKey, StateSnapshot } from '../store/store.js';

export const SNAPSHOT_FORMAT = 'adobe-api-mock/state';
export const SNAPSHOT_VERSION = 1;
/** Largest PUT /_mock/state body: near the longest string V8 can hold (the JSON body is parsed from one). */
export const SNAPSHOT_BODY_LIMIT = 512 * 1024 * 1024 - 1024;
/**
 * Nesting allowed in PUT /_mock/state: the snapshot's own five levels (document, scopes, scope,
 * collection, [id, object] pair) on top of the objects, which may sit a few levels deeper than
 * the request bodies they came from (a service can keep caller data under a field of its own).
 * So whatever the door let in exports and imports again.
 */
export const SNAPSHOT_JSON_DEPTH = MAX_JSON_DEPTH + 16;
/** Bytes read per base64 piece (a multiple of 3, so pieces concatenate into valid base64). */
const READ_PIECE = 3 * 64 * 1024;

type Collections = Record<string, Array<[string, unknown]>>;

export interface StateDocument {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  exportedAt?: string;
  emulatorVersion?: string;
  scopes: Record<ScopeKey, Collections>;
  files?: Record<ScopeKey, Record<string, string>>;
}

/** A snapshot that cannot be imported; the message says where and why. */
export class SnapshotInvalid extends Error {}

/** The state (or the scopes `only` accepts) as a stream of JSON text, files inlined as base64. */
export function exportState(ctx: AppContext, only?: (scope: ScopeKey) => boolean): Readable {
  const snapshot = ctx.store.snapshot(only, { readOnly: true });
  for (const scope of Object.keys(snapshot.scopes)) if (ctx.state.isInternal(scope)) delete snapshot.scopes[scope];
  const head = JSON.stringify({
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    exportedAt: new Date().toISOString(),
    emulatorVersion: ctx.config.version,
    scopes: snapshot.scopes,
  });
  const blobs = new BlobStore(ctx.config.blobDir);
  const files = filesOf(snapshot);
  return Readable.from(
    (async function* () {
      yield `${head.slice(0, -1)},"files":{`;
      let firstScope = true;
      for (const [scope, entries] of files) {
        const present: BatchFile[] = [];
        for (const file of entries) if ((await blobs.size(file.path)) !== undefined) present.push(file);
        if (present.length === 0) continue;
        yield `${firstScope ? '' : ','}${JSON.stringify(scope)}:{`;
        firstScope = false;
        let firstFile = true;
        for (const file of present) {
          yield `${firstFile ? '' : ','}${JSON.stringify(file.id)}:"`;
          firstFile = false;
          for await (const piece of createReadStream(blobs.absolute(file.path), { highWaterMark: READ_PIECE })) {
            yield (piece as Buffer).toString('base64');
          }
          yield '"';
        }
        yield '}';
      }
      yield '}}';
    })(),
    { objectMode: false },
  );
}

/** The batch files with bytes, per scope (large-file uploads still in progress have none yet). */
function filesOf(snapshot: StateSnapshot): Array<[ScopeKey, BatchFile[]]> {
  const out: Array<[ScopeKey, BatchFile[]]> = [];
  for (const [scope, collections] of Object.entries(snapshot.scopes)) {
    const entries = (collections[COLLECTIONS.batchFiles] ?? []).map(([, value]) => value as BatchFile).filter((file) => file.state === 'complete');
    if (entries.length > 0) out.push([scope, entries]);
  }
  return out;
}

/** A checked snapshot, its files decoded and waiting in a staging folder. */
export interface PreparedImport {
  snapshot: StateSnapshot;
  /** Moves the staged files into place, replacing every uploaded file of the current state. */
  install(): Promise<void>;
  /** Removes the staging folder (after install, or when the import is abandoned). */
  discard(): Promise<void>;
}

/**
 * Checks a posted snapshot completely and stages its files, changing nothing of the current
 * state: any problem throws SnapshotInvalid before the state is touched.
 */
export async function prepareImport(ctx: AppContext, input: unknown): Promise<PreparedImport> {
  const document = checkDocument(input, ctx);
  const blobs = new BlobStore(ctx.config.blobDir);
  const files = checkFiles(document, blobs);
  const staging = join(ctx.config.blobDir, `.import-${randomUUID()}`);
  const discard = () => rm(staging, { recursive: true, force: true });
  try {
    for (const { path, bytes } of files) {
      const target = join(staging, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
    }
  } catch (error) {
    await discard();
    throw error;
  }
  const snapshot: StateSnapshot = { version: 1, scopes: document.scopes };
  return {
    snapshot,
    discard,
    install: async () => {
      await blobs.clear();
      let folders: string[] = [];
      try {
        folders = await readdir(staging);
      } catch {
        return; // nothing was staged
      }
      await mkdir(ctx.config.blobDir, { recursive: true });
      for (const folder of folders) await rename(join(staging, folder), join(ctx.config.blobDir, folder));
    },
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function checkDocument(input: unknown, ctx: AppContext): StateDocument {
  if (!isObject(input)) throw new SnapshotInvalid('The snapshot must be a JSON object');
  if (input.format !== SNAPSHOT_FORMAT) throw new SnapshotInvalid(`format must be "${SNAPSHOT_FORMAT}"`);
  if (input.version !== SNAPSHOT_VERSION) throw new SnapshotInvalid(`version must be ${SNAPSHOT_VERSION}`);
  if (!isObject(input.scopes)) throw new SnapshotInvalid('scopes must be an object: scope key → collection → [[id, object], ...]');
  for (const [scope, collections] of Object.entries(input.scopes)) {
    if (scope === '') throw new SnapshotInvalid('A scope key is empty');
    if (ctx.state.isInternal(scope)) throw new SnapshotInvalid(`Scope '${scope}' is internal to the emulator and cannot be imported`);
    if (!isObject(collections)) throw new SnapshotInvalid(`scopes.${scope} must be an object of collections`);
    for (const [name, entries] of Object.entries(collections)) {
      const where = `scopes["${scope}"].${name}`;
      if (!Array.isArray(entries)) throw new SnapshotInvalid(`${where} must be an array of [id, object] pairs`);
      const seen = new Set<string>();
      entries.forEach((entry: unknown, index) => {
        if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || !isObject(entry[1])) {
          throw new SnapshotInvalid(`${where}[${index}] must be an [id, object] pair with a string id`);
        }
        if (seen.has(entry[0])) throw new SnapshotInvalid(`${where} holds id '${entry[0]}' twice`);
        seen.add(entry[0]);
      });
    }
  }
  if (input.files !== undefined && !isObject(input.files)) throw new SnapshotInvalid('files must be an object: scope key → batch file id → base64');
  for (const [scope, files] of Object.entries((input.files ?? {}) as Record<string, unknown>)) {
    if (!isObject(files)) throw new SnapshotInvalid(`files["${scope}"] must be an object: batch file id → base64`);
    for (const [id, content] of Object.entries(files)) {
      if (typeof content !== 'string' || content.length % 4 !== 0 || !BASE64.test(content)) {
        throw new SnapshotInvalid(`files["${scope}"]["${id}"] must be base64 text`);
      }
    }
  }
  return input as unknown as StateDocument;
}

/**
 * Every complete batch file needs its bytes, and every inlined file a batch file of that size.
 * The blob path of each file is derived again from its scope and batch (the stored `path` is
 * rewritten), so a snapshot edited to another org or sandbox still finds its files.
 */
function checkFiles(document: StateDocument, blobs: BlobStore): Array<{ path: string; bytes: Buffer }> {
  const out: Array<{ path: string; bytes: Buffer }> = [];
  const inline = document.files ?? {};
  for (const [scope, ids] of Object.entries(inline)) {
    const known = new Set((document.scopes[scope]?.[COLLECTIONS.batchFiles] ?? []).map(([id]) => id));
    for (const id of Object.keys(ids)) {
      if (!known.has(id)) throw new SnapshotInvalid(`files["${scope}"]["${id}"] has no entry in scopes["${scope}"].${COLLECTIONS.batchFiles}`);
    }
  }
  for (const [scope, collections] of Object.entries(document.scopes)) {
    const entries = collections[COLLECTIONS.batchFiles] ?? [];
    for (const [id, value] of entries) {
      const file = value as Partial<BatchFile>;
      const where = `scopes["${scope}"].${COLLECTIONS.batchFiles} '${id}'`;
      if (typeof file.batchId !== 'string' || typeof file.fileName !== 'string' || file.fileName === '') {
        throw new SnapshotInvalid(`${where} needs a batchId and a fileName`);
      }
      let path: string;
      try {
        path = `${blobs.batchFolder(scope, file.batchId)}/${file.fileName}`;
        blobs.absolute(path);
      } catch {
        throw new SnapshotInvalid(`${where} has a file name that leaves the file folder`);
      }
      if (path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
        throw new SnapshotInvalid(`${where} has an unusable file name`);
      }
      file.path = path;
      const content = inline[scope]?.[id];
      if (file.state !== 'complete') {
        if (content !== undefined) throw new SnapshotInvalid(`files["${scope}"]["${id}"] belongs to an unfinished upload`);
        continue;
      }
      if (content === undefined) throw new SnapshotInvalid(`${where} is complete but files["${scope}"]["${id}"] is missing`);
      const bytes = Buffer.from(content, 'base64');
      if (file.size !== bytes.length) throw new SnapshotInvalid(`files["${scope}"]["${id}"] has ${bytes.length} bytes; its entry says ${String(file.size)}`);
      out.push({ path, bytes });
    }
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
