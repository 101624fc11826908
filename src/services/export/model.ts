/**
 * Data Access (/data/foundation/export): reads what ingestion left behind, per org + sandbox.
 *
 * - a batch's dataset files are the Catalog `dataSetFiles` whose `batchId` is the batch;
 * - a dataset file's bytes are those of the uploaded `BatchFile` `${batchId}/${name}`;
 * - a batch's failed records (COLLECTIONS.failedRecords) are served as one "failed file" per input
 *   file, in JSON lines, each line the record plus its `_errors`, `_filename` and `_row`;
 * - a batch's meta directory holds `input_files/`, `row_errors/` and `row_errors_sample.json`.
 */
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { AppContext } from '../../context.js';
import type { ScopeKey } from '../../store/store.js';
import {
  COLLECTIONS,
  settleBatches,
  type Batch,
  type BatchFile,
  type BatchOutcome,
  type CatalogObject,
  type DataSet,
  type InputFormat,
} from '../platform-objects.js';
import { readRecords, type ParsedRecord } from '../ingestion/records.js';
import { batchNotFound, dataSetFileNotFound, dataSetNotFound, hostilePath, pathNotFound } from './errors.js';

/** Data Access pages hold 100 entries by default, and 100 at most (data-access.yaml). */
export const PAGE_LIMIT = 100;
/** The preview shows the first 100 rows (data-access.yaml, Preview tag). */
export const PREVIEW_ROWS = 100;
/** Rows in `row_errors_sample.json`. */
export const ROW_ERRORS_SAMPLE = 100;

export interface PageRequest {
  start?: number;
  limit?: number;
}

/** Builds absolute links to this service, on the host the client called. */
export interface Links {
  url(path: string, query?: Record<string, string | number>): string;
}

export interface FileEntry {
  name: string;
  /** Bytes, as a string (data-access.yaml). */
  length: string;
  _links: { self: { href: string } };
}

export interface DataSetFileEntry {
  dataSetFileId: string;
  dataSetViewId: string;
  version: string;
  created: string;
  updated: string;
  records?: string;
  size?: string;
  isValid: boolean;
  _links: { self: { href: string } };
}

export interface Listing<T> {
  data: T[];
  _page: { limit: number; count: number };
  _links?: { next: { href: string }; page: { href: string; templated: boolean } };
}

/** A stored dataSetFile (see applyOutcome in platform-objects.ts). */
type DataSetFile = CatalogObject & { dataSetId: string; batchId: string; name: string; records?: number; size?: number; isValid?: boolean };
type FailedRecord = BatchOutcome['failed'][number];
type FailedRecords = { id: string; records: FailedRecord[] };

/** Content to send as a file: small generated text, or a file on disk. */
export type Download = { kind: 'text'; text: string } | { kind: 'disk'; absolutePath: string; size: number };

// ---------------------------------------------------------------------------------------------
// Paging

/**
 * One page of `items`: `start` is a zero-based offset, `limit` at most 100 (a larger limit is
 * served as 100, the documented maximum). `_page.count` is the number of entries in the whole
 * listing (as in the tutorial's `limit=1` example, count 6); `_links.next`/`page` are given when
 * more entries follow, carrying the listing's own query parameters along.
 */
export function paginate<T>(items: T[], page: PageRequest, links: Links, path: string, query: Record<string, string> = {}): Listing<T> {
  const limit = Math.min(page.limit ?? PAGE_LIMIT, PAGE_LIMIT);
  const start = page.start ?? 0;
  const listing: Listing<T> = { data: items.slice(start, start + limit), _page: { limit, count: items.length } };
  if (start + limit < items.length) {
    listing._links = {
      next: { href: links.url(path, { ...query, start: start + limit, limit }) },
      page: { href: links.url(path, { ...query, start, limit }), templated: true },
    };
  }
  return listing;
}

// ---------------------------------------------------------------------------------------------
// Lookups (always after settleBatches, so pollers see batches move on the emulator's clock)

function findBatch(ctx: AppContext, scope: ScopeKey, batchId: string): Batch {
  settleBatches(ctx, scope);
  const batch = ctx.store.collection<Batch>(scope, COLLECTIONS.batches).get(batchId);
  if (!batch) throw batchNotFound(batchId);
  return batch;
}

function filesOfBatch(ctx: AppContext, scope: ScopeKey, batchId: string): DataSetFile[] {
  const files = [...ctx.store.collection<DataSetFile>(scope, COLLECTIONS.dataSetFiles).values()].filter((file) => file.batchId === batchId);
  return files.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

function failedRecordsOf(ctx: AppContext, scope: ScopeKey, batchId: string): FailedRecord[] {
  return ctx.store.collection<FailedRecords>(scope, COLLECTIONS.failedRecords).get(batchId)?.records ?? [];
}

/**
 * A `path` query parameter must name an entry of a listing. Anything that tries to climb out
 * (`..` segments, absolute paths, backslashes, NUL) is refused before any lookup.
 */
export function checkPath(path: string): void {
  const segments = path.split(/[/\\]/);
  if (path.includes('\0') || path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path) || segments.includes('..')) {
    throw hostilePath(path);
  }
}

/** The absolute path of a batch file's bytes, refusing a stored path that would leave the blob directory. */
function blobPath(ctx: AppContext, file: BatchFile): string | undefined {
  const root = resolve(ctx.config.blobDir);
  const absolute = resolve(root, file.path);
  return absolute.startsWith(root + sep) ? absolute : undefined;
}

// ---------------------------------------------------------------------------------------------
// GET /batches/{batchId}/files

export function listBatchFiles(ctx: AppContext, scope: ScopeKey, batchId: string, page: PageRequest, links: Links): Listing<DataSetFileEntry> {
  findBatch(ctx, scope, batchId);
  const entries = filesOfBatch(ctx, scope, batchId).map(
    (file): DataSetFileEntry => ({
      dataSetFileId: file.id,
      dataSetViewId: file.dataSetId,
      version: file.version,
      created: String(file.created),
      updated: String(file.updated),
      ...(file.records === undefined ? {} : { records: String(file.records) }),
      ...(file.size === undefined ? {} : { size: String(file.size) }),
      isValid: file.isValid ?? true,
      _links: { self: { href: links.url(`/files/${encodeURIComponent(file.id)}`) } },
    }),
  );
  return paginate(entries, page, links, `/batches/${encodeURIComponent(batchId)}/files`);
}

// ---------------------------------------------------------------------------------------------
// GET|HEAD /files/{dataSetFileId}

function findDataSetFile(ctx: AppContext, scope: ScopeKey, dataSetFileId: string): { file: DataSetFile; upload: BatchFile | undefined } {
  settleBatches(ctx, scope);
  const file = ctx.store.collection<DataSetFile>(scope, COLLECTIONS.dataSetFiles).get(dataSetFileId);
  if (!file) throw dataSetFileNotFound(dataSetFileId);
  const upload = ctx.store.collection<BatchFile>(scope, COLLECTIONS.batchFiles).get(`${file.batchId}/${file.name}`);
  return { file, upload };
}

/** A dataset file is a single file here: its listing has one entry, named as it was uploaded. */
export function listDataSetFile(ctx: AppContext, scope: ScopeKey, dataSetFileId: string, page: PageRequest, links: Links): Listing<FileEntry> {
  const { file, upload } = findDataSetFile(ctx, scope, dataSetFileId);
  const self = `/files/${encodeURIComponent(file.id)}`;
  const entry: FileEntry = {
    name: file.name,
    length: String(upload?.size ?? file.size ?? 0),
    _links: { self: { href: links.url(self, { path: file.name }) } },
  };
  return paginate([entry], page, links, self);
}

/** The exact uploaded bytes of a dataset file, found through its batch id and name. */
export async function dataSetFileContent(ctx: AppContext, scope: ScopeKey, dataSetFileId: string, path: string): Promise<Download> {
  checkPath(path);
  const { file, upload } = findDataSetFile(ctx, scope, dataSetFileId);
  if (path !== file.name || !upload) throw pathNotFound(path);
  const absolutePath = blobPath(ctx, upload);
  if (!absolutePath) throw pathNotFound(path);
  try {
    const stats = await stat(absolutePath);
    if (!stats.isFile()) throw pathNotFound(path);
    return { kind: 'disk', absolutePath, size: stats.size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw pathNotFound(path);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// GET /batches/{batchId}/failed

/** One JSON line per failed record: the record's fields, then `_errors`, `_filename` and `_row`. */
function failedLine(failed: FailedRecord): string {
  const fields =
    failed.record !== null && typeof failed.record === 'object' && !Array.isArray(failed.record)
      ? (failed.record as Record<string, unknown>)
      : { _corrupt_record: typeof failed.record === 'string' ? failed.record : JSON.stringify(failed.record) };
  return `${JSON.stringify({ ...fields, _errors: failed.errors.map((message) => ({ message })), _filename: failed.file, _row: failed.row })}\n`;
}

/** The failed records of a batch grouped by input file name, in the order processing found them. */
function failedFiles(ctx: AppContext, scope: ScopeKey, batchId: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const failed of failedRecordsOf(ctx, scope, batchId)) files.set(failed.file, (files.get(failed.file) ?? '') + failedLine(failed));
  return files;
}

export function listFailedFiles(ctx: AppContext, scope: ScopeKey, batchId: string, page: PageRequest, links: Links): Listing<FileEntry> {
  findBatch(ctx, scope, batchId);
  const path = `/batches/${encodeURIComponent(batchId)}/failed`;
  const entries = [...failedFiles(ctx, scope, batchId)].map(([name, text]) => fileEntry(links, path, name, Buffer.byteLength(text)));
  return paginate(entries, page, links, path);
}

export function failedFileContent(ctx: AppContext, scope: ScopeKey, batchId: string, path: string): Download {
  checkPath(path);
  findBatch(ctx, scope, batchId);
  const text = failedFiles(ctx, scope, batchId).get(path);
  if (text === undefined) throw pathNotFound(path);
  return { kind: 'text', text };
}

// ---------------------------------------------------------------------------------------------
// GET /batches/{batchId}/meta

type MetaNode = { kind: 'file'; text: string } | { kind: 'directory'; children: Map<string, MetaNode> };

/**
 * The batch's meta directory, built from what the emulator keeps:
 * - `input_files/fileMetaData{n}.json`: one per uploaded file, a JSON line `{"path": name}`;
 * - `row_errors/conversion_errors_0.json`: every failed record (as in /failed), when there are any;
 * - `row_errors_sample.json`: the first 100 of those.
 */
function metaTree(ctx: AppContext, scope: ScopeKey, batchId: string): MetaNode {
  const uploads = [...ctx.store.collection<BatchFile>(scope, COLLECTIONS.batchFiles).values()]
    .filter((file) => file.batchId === batchId && file.state === 'complete')
    .sort((a, b) => a.fileName.localeCompare(b.fileName));
  const inputFiles = new Map<string, MetaNode>(
    uploads.map((file, index) => [`fileMetaData${index + 1}.json`, { kind: 'file', text: `${JSON.stringify({ path: file.fileName })}\n` }]),
  );
  const root = new Map<string, MetaNode>([['input_files', { kind: 'directory', children: inputFiles }]]);
  const failed = failedRecordsOf(ctx, scope, batchId);
  if (failed.length > 0) {
    const all = failed.map(failedLine);
    root.set('row_errors', { kind: 'directory', children: new Map([['conversion_errors_0.json', { kind: 'file', text: all.join('') }]]) });
    root.set('row_errors_sample.json', { kind: 'file', text: all.slice(0, ROW_ERRORS_SAMPLE).join('') });
  }
  return { kind: 'directory', children: root };
}

export function batchMeta(
  ctx: AppContext,
  scope: ScopeKey,
  batchId: string,
  path: string | undefined,
  page: PageRequest,
  links: Links,
): { kind: 'listing'; listing: Listing<FileEntry> } | Download {
  if (path !== undefined) checkPath(path);
  findBatch(ctx, scope, batchId);
  const segments = (path ?? '').split('/').filter((segment) => segment !== '');
  let node = metaTree(ctx, scope, batchId);
  for (const segment of segments) {
    const child = node.kind === 'directory' ? node.children.get(segment) : undefined;
    if (!child) throw pathNotFound(path ?? '');
    node = child;
  }
  if (node.kind === 'file') return { kind: 'text', text: node.text };

  const self = `/batches/${encodeURIComponent(batchId)}/meta`;
  const prefix = segments.length > 0 ? `${segments.join('/')}/` : '';
  const entries = [...node.children].map(([name, child]) =>
    fileEntry(links, self, name, child.kind === 'file' ? Buffer.byteLength(child.text) : 0, `${prefix}${name}`),
  );
  return { kind: 'listing', listing: paginate(entries, page, links, self, segments.length > 0 ? { path: segments.join('/') } : {}) };
}

function fileEntry(links: Links, listingPath: string, name: string, length: number, path = name): FileEntry {
  return { name, length: String(length), _links: { self: { href: links.url(listingPath, { path }) } } };
}

// ---------------------------------------------------------------------------------------------
// GET /datasets/{id}/preview

export type RecordReader = (absolutePath: string, format: InputFormat) => AsyncIterable<ParsedRecord>;

/**
 * The dataset's latest rows, at most 100: its successful batches newest first, each batch's files
 * in order, each file's records in order, leaving out the rows that failed validation.
 * A file that cannot be read any more is skipped (and logged), so one bad file does not hide the rest.
 */
export async function previewDataset(
  ctx: AppContext,
  scope: ScopeKey,
  dataSetId: string,
  read: RecordReader = readRecords,
): Promise<{ data: Array<Record<string, unknown>> }> {
  settleBatches(ctx, scope);
  if (!ctx.store.collection<DataSet>(scope, COLLECTIONS.dataSets).has(dataSetId)) throw dataSetNotFound(dataSetId);

  const batches = [...ctx.store.collection<Batch>(scope, COLLECTIONS.batches).values()]
    .filter((batch) => batch.status === 'success' && batch.relatedObjects.some((related) => related.type === 'dataSet' && related.id === dataSetId))
    .sort((a, b) => (b.completed ?? b.updated) - (a.completed ?? a.updated) || b.created - a.created);

  const uploads = ctx.store.collection<BatchFile>(scope, COLLECTIONS.batchFiles);
  const data: Array<Record<string, unknown>> = [];
  for (const batch of batches) {
    const failed = new Set(failedRecordsOf(ctx, scope, batch.id).map((record) => `${record.file}\0${record.row}`));
    const format: InputFormat = batch.inputFormat ?? { format: 'json' };
    for (const file of filesOfBatch(ctx, scope, batch.id)) {
      const upload = uploads.get(`${batch.id}/${file.name}`);
      const absolutePath = upload && blobPath(ctx, upload);
      if (!absolutePath) continue;
      try {
        for await (const { row, record } of read(absolutePath, format)) {
          if (failed.has(`${file.name}\0${row}`)) continue;
          data.push(jsonSafe(record) as Record<string, unknown>);
          if (data.length >= PREVIEW_ROWS) return { data };
        }
      } catch (error) {
        ctx.log.warn({ err: error, batchId: batch.id, file: file.name }, 'preview: file could not be read');
      }
    }
  }
  return { data };
}

/**
 * Records as JSON can carry them: a reader may hand over values JSON has no form for (Parquet
 * INT64 as BigInt, timestamps as Date), which would otherwise break the response.
 */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, jsonSafe(inner)]));
  }
  return value;
}
