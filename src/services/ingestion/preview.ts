import { join } from 'node:path';
import type { AppContext } from '../../context.js';
import type { ScopeKey } from '../../store/store.js';
import { platformProblem } from '../../gateway/platform.js';
import { COLLECTIONS, settleBatches, type Batch, type BatchFile, type InputFormat } from '../platform-objects.js';
import { formatForFile, readRecords, RecordsError } from './records.js';
import { isPlainObject } from './parsers/shared.js';

/** Rows answered when `nrow` is absent or 0 (the reference's default, meaning "no particular number"). */
export const DEFAULT_PREVIEW_ROWS = 100;
/** Most rows a preview answers. */
export const MAX_PREVIEW_ROWS = 1000;

export interface PreviewQuery {
  format?: InputFormat['format'];
  isMultiLineJson?: boolean;
  delimiter?: string;
  quote?: string;
  escape?: string;
  charset?: string;
  header?: boolean;
  nrow?: number;
}

export interface PreviewResponse {
  formatParams: { format: string; delimiter?: string; quote?: string; escape?: string; charset: string; header?: boolean };
  preview: { columns: Array<{ cid: string; name: string }>; rows: Array<Record<string, string>> };
}

/**
 * Batch Ingestion's preview: the first records of the files uploaded so far to the batch for
 * that dataset, read in the batch's input format (query parameters override it). Columns are
 * the records' leaf fields named by their path with `/` (as the reference's example names
 * them), numbered from 0; each row maps column ids to the value as text.
 */
export async function previewBatch(ctx: AppContext, scope: ScopeKey, batchId: string, dataSetId: string, query: PreviewQuery): Promise<PreviewResponse> {
  settleBatches(ctx, scope);
  const batch = ctx.store.collection<Batch>(scope, COLLECTIONS.batches).get(batchId);
  if (!batch) throw platformProblem('not-found', `Batch '${batchId}' was not found.`);
  if (!batch.relatedObjects.some((related) => related.type === 'dataSet' && related.id === dataSetId)) {
    throw platformProblem('not-found', `Dataset '${dataSetId}' is not part of batch '${batchId}'.`);
  }
  const format = previewFormat(batch.inputFormat, query);
  if (format.format === 'avro') throw platformProblem('unsupported-media-type', 'The emulator cannot preview avro files.');
  const limit = Math.min(query.nrow ? query.nrow : DEFAULT_PREVIEW_ROWS, MAX_PREVIEW_ROWS);

  const files = [...ctx.store.collection<BatchFile>(scope, COLLECTIONS.batchFiles).values()].filter(
    (file) => file.batchId === batchId && file.dataSetId === dataSetId && file.state === 'complete',
  );
  const table = new PreviewTable();
  for (const file of files) {
    if (table.size >= limit) break;
    const fileFormat = formatForFile(format, file.fileName);
    try {
      for await (const { record, corrupt } of readRecords(join(ctx.config.blobDir, file.path), fileFormat, { keepCorruptRows: true })) {
        if (corrupt) continue;
        table.add(record);
        if (table.size >= limit) break;
      }
    } catch (error) {
      if (error instanceof RecordsError && error.code === 'empty-header') continue;
      if (error instanceof RecordsError) throw platformProblem('bad-request', `File '${file.fileName}' cannot be previewed: ${error.message}`);
      throw error;
    }
  }
  return {
    formatParams: formatParams(format),
    preview: table.result(),
  };
}

function previewFormat(inputFormat: InputFormat | undefined, query: PreviewQuery): InputFormat {
  const base: Partial<InputFormat> = { ...inputFormat };
  const format: Partial<InputFormat> = {
    ...base,
    ...(query.format ? { format: query.format } : {}),
    ...(query.isMultiLineJson !== undefined ? { isMultiLineJson: query.isMultiLineJson } : {}),
    ...(query.delimiter !== undefined ? { delimiter: query.delimiter } : {}),
    ...(query.quote !== undefined ? { quote: query.quote } : {}),
    ...(query.escape !== undefined ? { escape: query.escape } : {}),
    ...(query.charset !== undefined ? { charset: query.charset } : {}),
    ...(query.header !== undefined ? { header: String(query.header) } : {}),
  };
  return format as InputFormat;
}

function formatParams(format: InputFormat): PreviewResponse['formatParams'] {
  const name = format.format ?? 'json';
  const params: PreviewResponse['formatParams'] = { format: name, charset: format.charset ?? 'UTF-8' };
  if (name === 'csv') {
    params.delimiter = format.delimiter ?? ',';
    params.quote = format.quote ?? '"';
    params.escape = format.escape ?? '"';
    params.header = String(format.header ?? 'true').toLowerCase() !== 'false';
  }
  return params;
}

/** Columns in order of first appearance; rows keyed by column id. */
class PreviewTable {
  private readonly columns = new Map<string, string>();
  private readonly rows: Array<Record<string, string>> = [];

  get size(): number {
    return this.rows.length;
  }

  add(record: Record<string, unknown>): void {
    const row: Record<string, string> = {};
    for (const [path, value] of leaves(record, '')) {
      let cid = this.columns.get(path);
      if (cid === undefined) {
        cid = String(this.columns.size);
        this.columns.set(path, cid);
      }
      row[cid] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    this.rows.push(row);
  }

  result(): PreviewResponse['preview'] {
    return { columns: [...this.columns].map(([name, cid]) => ({ cid, name })), rows: this.rows };
  }
}

function* leaves(value: Record<string, unknown>, prefix: string): Generator<[string, unknown]> {
  for (const [key, item] of Object.entries(value)) {
    const path = prefix ? `${prefix}/${key}` : key;
    if (isPlainObject(item) && Object.keys(item).length > 0) yield* leaves(item, path);
    else if (item !== null && item !== undefined) yield [path, item];
  }
}
