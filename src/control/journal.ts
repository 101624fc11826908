import type { Product } from '../services/registry.js';
import type { RequestOwner } from './tenant-sets.js';
import { urlPath } from './own-paths.js';

/**
 * The request journal: the last `journalSize` requests to the emulated products, oldest first,
 * in a fixed ring (the oldest is evicted when it is full). Ids only grow, also across a clear,
 * so a client polling with `after=<last id seen>` never sees an entry twice.
 */

/** The product a request went to by its path (the services' declared prefixes); `unknown` outside every product. */
export type JournalProduct = Product | 'unknown';

export interface JournalEntry {
  id: number;
  /** When the request arrived (wall clock, not the emulator's clock). */
  time: string;
  method: string;
  /** The path as sent, without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  product: JournalProduct;
  /** 0 when a fault dropped the connection. */
  status: number;
  durationMs: number;
  requestHeaders: Record<string, string | string[]>;
  responseHeaders: Record<string, string | string[]>;
  requestBody?: string;
  requestBodyTruncated?: true;
  /** Why the request body is not shown (a streamed upload, binary content...). */
  requestBodyNote?: string;
  responseBody?: string;
  responseBodyTruncated?: true;
  responseBodyNote?: string;
  /** Either body was cut at journalBodyBytes. */
  truncated?: true;
  /** Id of the fault that applied to the request. */
  fault?: string;
}

export interface JournalFilter {
  /** Path prefix. */
  path?: string;
  method?: string;
  /** An exact status (404) or a class (`4xx`). */
  status?: string;
  /** Only requests that arrived at or after this instant (epoch ms). */
  since?: number;
  /** Only entries with a greater id. */
  after?: number;
  /**
   * At most this many entries: the first ones after `after` when it is given (paging forward),
   * otherwise the most recent ones. Still answered oldest first.
   */
  limit?: number;
  /** Only requests of a tenant set (JournalRecord.concerns). */
  owner?: RequestOwner;
}

export interface JournalPage {
  requests: JournalEntry[];
  /** Entries kept now. */
  total: number;
  /** Entries evicted to make room, since the start or the last clear. */
  dropped: number;
}

/**
 * What the hooks capture per request: references and numbers only, so recording stays cheap on
 * the hot path. The entry (masking, query parsing, time formatting) is built on first read.
 */
export interface JournalRecord {
  /** Arrival, epoch ms. */
  arrived: number;
  method: string;
  /** The URL as sent (path and query). */
  url: string;
  status: number;
  build(id: number): JournalEntry;
  /** Authenticated with the owner's credential, or addressed to its org, tenant or client code. */
  concerns(owner: RequestOwner): boolean;
}

export class Journal {
  /**
   * The ring, as parallel arrays indexed by slot: one object per request (its record) rather than
   * a wrapper as well, since a full journal keeps `capacity` of them alive. Entries are built on
   * first read and kept.
   */
  private readonly records: Array<JournalRecord | undefined>;
  private readonly ids: Float64Array;
  private readonly entries: Array<JournalEntry | undefined>;
  /** Index of the oldest slot. */
  private head = 0;
  private count = 0;
  private nextId = 1;
  private evicted = 0;

  constructor(readonly capacity: number) {
    this.records = new Array<JournalRecord | undefined>(capacity);
    this.ids = new Float64Array(capacity);
    this.entries = new Array<JournalEntry | undefined>(capacity);
  }

  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** Stores a record; its id is assigned here. */
  add(record: JournalRecord): void {
    if (this.capacity === 0) return;
    let slot: number;
    if (this.count < this.capacity) {
      slot = (this.head + this.count) % this.capacity;
      this.count += 1;
    } else {
      slot = this.head;
      this.head = (this.head + 1) % this.capacity;
      this.evicted += 1;
    }
    this.records[slot] = record;
    this.ids[slot] = this.nextId++;
    this.entries[slot] = undefined;
  }

  clear(): void {
    this.records.fill(undefined);
    this.entries.fill(undefined);
    this.head = 0;
    this.count = 0;
    this.evicted = 0;
  }

  list(filter: JournalFilter = {}): JournalPage {
    const method = filter.method?.toUpperCase();
    const status = statusMatcher(filter.status);
    const matches: number[] = [];
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) % this.capacity;
      const record = this.records[slot]!;
      if (filter.after !== undefined && this.ids[slot]! <= filter.after) continue;
      if (filter.since !== undefined && record.arrived < filter.since) continue;
      if (method !== undefined && record.method !== method) continue;
      if (filter.path !== undefined && !urlPath(record.url).startsWith(filter.path)) continue;
      if (status && !status(record.status)) continue;
      if (filter.owner !== undefined && !record.concerns(filter.owner)) continue;
      matches.push(slot);
    }
    let chosen = matches;
    if (filter.limit !== undefined && matches.length > filter.limit) {
      chosen = filter.after !== undefined ? matches.slice(0, filter.limit) : matches.slice(matches.length - filter.limit);
    }
    const requests = chosen.map((slot) => (this.entries[slot] ??= this.records[slot]!.build(this.ids[slot]!)));
    return { requests, total: this.count, dropped: this.evicted };
  }
}

function statusMatcher(status: string | undefined): ((value: number) => boolean) | null {
  if (status === undefined) return null;
  const range = /^([1-5])xx$/i.exec(status);
  if (range) {
    const hundreds = Number(range[1]);
    return (value) => Math.floor(value / 100) === hundreds;
  }
  const exact = Number(status);
  return (value) => value === exact;
}
