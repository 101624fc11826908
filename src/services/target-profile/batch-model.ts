import { randomInt } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../context.js';
import { scopes } from '../../store/store.js';
import { readBatchFile, MAX_BATCH_BYTES, MAX_BATCH_ROWS, type IdColumn } from './batch-file.js';
import { batchNotFound, batchRejected, noProfileWithThirdPartyId, noProfileWithTntId } from './errors.js';
import { fitsProfileLimit, settle, timestamp, withAttributes, type ProfileStore, type StoredProfile } from './model.js';
import { recordUsage, remainingToday } from './usage.js';
import { escapeXml, xmlFields, type XmlField } from './xml.js';

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

export interface BatchSubmission {
  batchId: string;
  numRows: number;
  /** Rows not applied, with their reason (v1 reports them in its message). */
  rejected: number;
  firstRejection?: string;
}

/** Reads, validates and applies one batch file. Nothing is written unless the whole file is acceptable. */
export async function submitBatch(
  ctx: AppContext,
  profiles: ProfileStore,
  client: string,
  version: BatchVersion,
  body: Readable,
  declaredLength: number | undefined,
): Promise<BatchSubmission> {
  const now = ctx.clock.now();
  const limits = { maxBytes: MAX_BATCH_BYTES, maxRows: MAX_BATCH_ROWS, rowsLeftToday: remainingToday(ctx, client, 'batchRows', now) };
  if (declaredLength !== undefined && declaredLength > limits.maxBytes) {
    body.resume();
    throw batchRejected(413, `The batch file is larger than ${limits.maxBytes / 1024 / 1024} MB`);
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
  const apply = new BatchApplier(profiles, client, version, file.idColumn, file.names, appliedAt, visibleAt);
  let rejected = 0;
  let firstRejection: string | undefined;
  file.rows.forEach((row, index) => {
    batch.ids[index] = row[0]!;
    const problem = apply.row(row);
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

  constructor(
    private readonly profiles: ProfileStore,
    private readonly client: string,
    private readonly version: BatchVersion,
    private readonly idColumn: IdColumn,
    private readonly names: string[],
    private readonly now: number,
    private readonly visibleAt: number,
  ) {
    this.modifiedAt = timestamp(visibleAt);
    this.delayed = visibleAt > now;
  }

  /** Applies one row; the reason when it is not applied, else null. */
  row(row: string[]): string | null {
    const id = row[0]!;
    if (id === '') return `the row has no ${this.idColumn}`;
    const changes: Record<string, string> = {};
    for (let i = 1; i < row.length; i++) if (row[i] !== '') changes[this.names[i - 1]!] = row[i]!;

    const byPcId = this.idColumn === 'pcId';
    const existing = byPcId ? this.profiles.byTntId(this.client, id, this.now) : this.profiles.byThirdPartyId(this.client, id, this.now);
    if (!existing && this.version === 1) return byPcId ? noProfileWithTntId(this.client, id) : noProfileWithThirdPartyId(this.client, id);
    if (!fitsProfileLimit(existing, changes)) return 'the profile would exceed 2000 KB';

    if (!existing) {
      const profile: StoredProfile = {
        id: byPcId ? id : this.profiles.newTntId(this.client, this.now),
        modifiedAt: this.modifiedAt,
        activeAt: this.now,
        attributes: changes,
      };
      if (!byPcId) profile.thirdPartyId = id;
      if (this.delayed) profile.visibleAt = this.visibleAt;
      this.profiles.save(this.client, profile);
    } else if (this.delayed) {
      const current = settle(existing, this.now);
      this.profiles.save(this.client, { ...current, activeAt: this.now, pending: [...(current.pending ?? []), { at: this.visibleAt, attributes: changes }] });
    } else {
      this.profiles.save(this.client, withAttributes(settle(existing, this.now), changes, this.modifiedAt, this.now));
    }
    return null;
  }
}

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
