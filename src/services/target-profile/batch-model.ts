import { randomInt } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AppContext } from '../../context.js';
import type { Answer } from '../answer.js';
import { scopes } from '../../store/store.js';
import { fileTooLarge, readBatchFile, MAX_BATCH_BYTES, MAX_BATCH_ROWS, type IdColumn } from './batch-file.js';
import { batchIdMissing, batchNotFound, noProfileWithThirdPartyId, noProfileWithTntId } from './errors.js';
import {
  CELL_SEPARATOR,
  fitsProfileLimit,
  MAX_PROFILE_BYTES,
  namesSinceMbox,
  overriddenNames,
  settle,
  unpackCells,
  timestamp,
  withAttributes,
  type ClientProfiles,
  type ProfileStore,
  type StoredProfile,
} from './model.js';
import { recordUsage, remainingToday } from './usage.js';
import { escapeXml, xmlAnswer, xmlFields, xmlResponse, type XmlField } from './xml.js';

export const BATCHES = 'batches';

/** v1 updates existing profiles only; v2 also creates the missing ones and reports per row. */
export type BatchVersion = 1 | 2;

/** A processed upload, kept for its status URL. Per-row results are compact: ids, and errors by row. */
export interface StoredBatch {
  id: string;
  version: BatchVersion;
  idColumn: IdColumn;
  createdAt: number;
  /** When its updates become visible (profileUpdateDelayMs later). */
  visibleAt: number;
  ids: string[];
  /** Row number (1-based, header excluded) → why that row was not applied. */
  errors: Record<string, string>;
}

/** One uploaded batch file, as the request brought it. */
export interface BatchUpload {
  client: string;
  version: BatchVersion;
  body: Readable;
  /** The Content-Length header, when the request declared one. */
  declaredLength: number | undefined;
}

export interface BatchSubmission {
  batchId: string;
  numRows: number;
  /** Rows not applied, with their reason (v1 reports them in its message). */
  rejected: number;
  firstRejection?: string;
}

/**
 * POST /m2/{client}/profile/batchUpdate (v1) and /m2/{client}/v2/profile/batchUpdate: submits the
 * file and answers its XML <response>. `origin` is the scheme and host the client called: v2's
 * batchStatus URL points back at this emulator.
 */
export async function batchUpdate(ctx: AppContext, profiles: ProfileStore, upload: BatchUpload, origin: string): Promise<Answer> {
  const { client, version } = upload;
  const result = await submitBatch(ctx, profiles, upload);
  const fields: XmlField[] = [['success', true], ['batchId', result.batchId], ['numRows', result.numRows]];
  if (version === 2) {
    fields.push(['batchStatus', `${origin}/m2/${encodeURIComponent(client)}/v2/profile/batchStatus?batchId=${encodeURIComponent(result.batchId)}`]);
  }
  const rejected = result.rejected > 0 ? `; ${result.rejected} of ${result.numRows} rows not applied (first: ${result.firstRejection})` : '';
  fields.push(['message', `Batch submitted for processing${version === 1 ? rejected : ''}`]);
  return xmlAnswer(xmlResponse(fields));
}

/** GET /m2/{client}/v2/profile/batchStatus?batchId=: the batch's status document, streamed. */
export function batchStatus(ctx: AppContext, client: string, batchId: string | undefined): Answer {
  if (typeof batchId !== 'string' || batchId === '') throw batchIdMissing();
  const batch = findBatch(ctx, client, batchId);
  return xmlAnswer(Readable.from(batchStatusXml(batch, ctx.clock.now())));
}

/** Reads, validates and applies one batch file. Nothing is written unless the whole file is acceptable. */
async function submitBatch(ctx: AppContext, profiles: ProfileStore, { client, version, body, declaredLength }: BatchUpload): Promise<BatchSubmission> {
  const now = ctx.clock.now();
  const limits = { maxBytes: MAX_BATCH_BYTES, maxRows: MAX_BATCH_ROWS, rowsLeftToday: remainingToday(ctx, client, 'batchRows', now) };
  if (declaredLength !== undefined && declaredLength >= limits.maxBytes) {
    body.resume();
    throw fileTooLarge(limits.maxBytes);
  }
  const file = await readBatchFile(body, limits);
  const appliedAt = ctx.clock.now();
  const visibleAt = appliedAt + ctx.config.profileUpdateDelayMs;
  const batch: StoredBatch = {
    id: `${client}-${appliedAt}-${randomInt(10_000_000, 100_000_000)}`,
    version,
    idColumn: file.idColumn,
    createdAt: appliedAt,
    visibleAt,
    ids: new Array<string>(file.rows.length),
    errors: {},
  };
  const apply = new BatchApplier(profiles.forClient(client), batch.id, version, file.idColumn, file.names, appliedAt, visibleAt);
  let rejected = 0;
  let firstRejection: string | undefined;
  file.rows.forEach((row, index) => {
    const cut = row.indexOf(CELL_SEPARATOR);
    const id = cut === -1 ? row : row.slice(0, cut);
    batch.ids[index] = id;
    const problem = apply.row(id, cut === -1 ? '' : row.slice(cut + 1));
    if (problem !== null) {
      rejected += 1;
      batch.errors[String(index + 1)] = problem;
      firstRejection ??= `row ${index + 1}: ${problem}`;
    }
  });
  recordUsage(ctx, client, 'batchRows', file.rows.length, appliedAt);
  ctx.store.collection<StoredBatch>(scopes.profile(client), BATCHES).put(batch.id, batch);
  return { batchId: batch.id, numRows: file.rows.length, rejected, firstRejection };
}

/** Applies rows one by one; the hot path of a 500,000-row upload, so it builds as little as it can. */
class BatchApplier {
  private readonly modifiedAt: string;
  private readonly delayed: boolean;
  private readonly namesLength: number;

  constructor(
    private readonly profiles: ClientProfiles,
    private readonly batchId: string,
    private readonly version: BatchVersion,
    private readonly idColumn: IdColumn,
    private readonly names: string[],
    private readonly now: number,
    private readonly visibleAt: number,
  ) {
    this.modifiedAt = timestamp(visibleAt);
    this.delayed = visibleAt > now;
    this.namesLength = names.reduce((total, name) => total + name.length, 0);
  }

  private sameColumnsAs: string[] | null = null;

  private replacesWholeRow(existing: StoredProfile, cells: string): boolean {
    if (existing.cells === undefined || existing.columns === undefined || existing.pending || existing.attributeTimes) return false;
    // A pending v2 upload that set exactly these columns is overridden by a complete row as is.
    if (existing.sinceMbox !== undefined && existing.sinceMbox !== existing.columns) return false;
    if (existing.columns !== this.names && existing.columns !== this.sameColumnsAs) {
      const same = existing.columns.length === this.names.length && existing.columns.every((name, i) => name === this.names[i]);
      if (!same) return false;
      this.sameColumnsAs = existing.columns;
    }
    return completeRow(cells, this.names.length);
  }

  /** Applies one row (its id and its packed cells); the reason when it is not applied, else null. */
  row(id: string, cells: string): string | null {
    if (id === '') return `the row has no ${this.idColumn}`;
    const byPcId = this.idColumn === 'pcId';
    const existing = byPcId ? this.profiles.byTntId(id, this.now) : this.profiles.byThirdPartyId(id, this.now);
    if (!existing && this.version === 1) return byPcId ? noProfileWithTntId(this.profiles.client, id) : noProfileWithThirdPartyId(this.profiles.client, id);

    if (!existing) {
      // A new profile keeps the row as it came (no per-attribute objects); the size check only
      // unpacks rows that could be near the limit.
      if ((cells.length + this.namesLength) * 3 > MAX_PROFILE_BYTES && !fitsProfileLimit(undefined, unpackCells(this.names, cells))) return TOO_LARGE;
      // Every field in one literal: one object shape for all of them, no property added later.
      const profile: StoredProfile = {
        id,
        thirdPartyId: byPcId ? undefined : id,
        thirdPartyOnly: byPcId ? undefined : true,
        modifiedAt: this.modifiedAt,
        activeAt: this.now,
        visibleAt: this.delayed ? this.visibleAt : undefined,
        columns: this.names,
        cells,
        sinceMbox: completeRow(cells, this.names.length) ? this.names : Object.keys(unpackCells(this.names, cells)),
        sinceMboxBatch: this.batchId,
      };
      this.profiles.save(profile);
      return null;
    }
    if (!this.delayed && this.replacesWholeRow(existing, cells)) {
      // The common re-upload: same columns, every cell given. The new row replaces the old one as is.
      if ((cells.length + this.namesLength) * 3 > MAX_PROFILE_BYTES && !fitsProfileLimit(undefined, unpackCells(this.names, cells))) return TOO_LARGE;
      // v1 sets every column, so nothing of a pending v2 upload is left to override.
      const v2 = this.version === 2;
      this.profiles.save({
        ...existing,
        modifiedAt: this.modifiedAt,
        activeAt: this.now,
        columns: this.names,
        cells,
        sinceMbox: v2 ? this.names : undefined,
        sinceMboxBatch: v2 ? this.batchId : undefined,
      });
      return null;
    }
    const changes = unpackCells(this.names, cells);
    if (!fitsProfileLimit(existing, changes)) return TOO_LARGE;
    // v2 overrides the pending v2 upload; v1 takes no part: what it sets is never dropped later.
    const v2 = this.version === 2;
    const drop = v2 ? overriddenNames(existing, changes, this.batchId) : undefined;
    const names = v2 ? namesSinceMbox(existing, changes, this.batchId) : existing.sinceMbox?.filter((name) => !(name in changes));
    const sinceMbox = names && names.length > 0 ? { sinceMbox: names, sinceMboxBatch: v2 ? this.batchId : existing.sinceMboxBatch } : { sinceMbox: undefined, sinceMboxBatch: undefined };
    const current = settle(existing, this.now);
    if (this.delayed) {
      const update = drop ? { at: this.visibleAt, attributes: changes, drop } : { at: this.visibleAt, attributes: changes };
      this.profiles.save({ ...current, activeAt: this.now, pending: [...(current.pending ?? []), update], ...sinceMbox });
    } else {
      this.profiles.save({ ...withAttributes(current, changes, this.modifiedAt, this.now, drop), ...sinceMbox });
    }
    return null;
  }
}

/** Whether `cells` sets every column of a compact profile with the same columns (nothing of it would survive). */
function completeRow(cells: string, columns: number): boolean {
  if (cells === '' || cells.startsWith(CELL_SEPARATOR) || cells.endsWith(CELL_SEPARATOR) || cells.includes(EMPTY_CELL)) return false;
  let separators = 0;
  for (let at = cells.indexOf(CELL_SEPARATOR); at !== -1; at = cells.indexOf(CELL_SEPARATOR, at + 1)) separators += 1;
  return separators === columns - 1;
}

const EMPTY_CELL = CELL_SEPARATOR + CELL_SEPARATOR;


const TOO_LARGE = 'the profile would exceed 2000 KB';

/**
 * The status document of a v2 batch: overall status and one <profile> per row (success,
 * error with its reason, or pending until the update delay has passed). Streamed: a batch can
 * have 500,000 rows.
 */
export function* batchStatusXml(batch: StoredBatch, now: number): Generator<string> {
  const pending = batch.visibleAt > now;
  const overall: XmlField[] = [
    ['batchId', batch.id],
    ['status', pending ? 'pending' : 'complete'],
    ['batchSize', batch.ids.length],
  ];
  yield `<response>\n${xmlFields(overall)}`;
  const idTag = batch.idColumn === 'pcId' ? 'mboxPC' : 'mbox3rdPartyId';
  let chunk = '';
  for (let i = 0; i < batch.ids.length; i++) {
    const error = batch.errors[String(i + 1)];
    const status = error !== undefined ? 'error' : pending ? 'pending' : 'success';
    chunk += `  <profile>\n    <id>${i + 1}</id>\n    <${idTag}>${escapeXml(batch.ids[i]!)}</${idTag}>\n    <status>${status}</status>\n`;
    if (error !== undefined) chunk += `    <message>${escapeXml(error)}</message>\n`;
    chunk += '  </profile>\n';
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</response>\n`;
}

export function findBatch(ctx: AppContext, client: string, batchId: string): StoredBatch {
  const batch = ctx.store.collection<StoredBatch>(scopes.profile(client), BATCHES).get(batchId);
  if (!batch || batch.version !== 2) throw batchNotFound(client, batchId);
  return batch;
}
