/**
 * In-memory state, partitioned by scope. A scope is one isolation unit of the real services:
 * an org + sandbox for Platform, a tenant for Target Admin, a client code for profiles,
 * and the global `ims` scope for integrations. Inside a scope, named collections map ids to
 * plain JSON objects, in insertion order.
 *
 * Every mutation is announced to listeners (persistence, later the dashboard), so nothing
 * else needs to know how state is stored.
 */

export type ScopeKey = string;

export const scopes = {
  ims: (): ScopeKey => 'ims',
  platform: (org: string, sandbox: string): ScopeKey => `platform/${org}/${sandbox}`,
  target: (tenant: string): ScopeKey => `target/${tenant}`,
  profile: (client: string): ScopeKey => `profile/${client}`,
  stock: (): ScopeKey => 'stock',
};

export interface ChangeEvent {
  scope: ScopeKey;
  collection: string;
  id: string;
  /** The new value; undefined when the object was deleted. */
  value: unknown;
  /** The value it replaced; undefined when the object is new. */
  previous?: unknown;
}

/** The whole state as plain JSON: scope → collection → [id, value] pairs (order preserved). */
export interface StateSnapshot {
  version: 1;
  scopes: Record<ScopeKey, Record<string, Array<[string, unknown]>>>;
}

type ChangeListener = (event: ChangeEvent) => void;

export class Collection<T> {
  private readonly items = new Map<string, T>();

  constructor(
    readonly scope: ScopeKey,
    readonly name: string,
    private readonly announce: ChangeListener,
  ) {}

  get size(): number {
    return this.items.size;
  }

  get(id: string | number): T | undefined {
    return this.items.get(String(id));
  }

  has(id: string | number): boolean {
    return this.items.has(String(id));
  }

  values(): IterableIterator<T> {
    return this.items.values();
  }

  entries(): IterableIterator<[string, T]> {
    return this.items.entries();
  }

  /** Creates or replaces the object stored under id. */
  put(id: string | number, value: T): T {
    const key = String(id);
    const previous = this.items.get(key);
    this.items.set(key, value);
    this.announce({ scope: this.scope, collection: this.name, id: key, value, previous });
    return value;
  }

  delete(id: string | number): boolean {
    const key = String(id);
    const previous = this.items.get(key);
    if (!this.items.delete(key)) return false;
    this.announce({ scope: this.scope, collection: this.name, id: key, value: undefined, previous });
    return true;
  }

  /** Loads without announcing: used when state comes from a snapshot or the change log. */
  restore(id: string, value: T | undefined): void {
    if (value === undefined) this.items.delete(id);
    else this.items.set(id, value);
  }

  toEntries(): Array<[string, T]> {
    return [...this.items.entries()];
  }
}

/** Collection holding the last integer handed out per sequence (Target object ids). */
const SEQUENCES = '_sequences';

export class Store {
  private readonly data = new Map<ScopeKey, Map<string, Collection<unknown>>>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly announce: ChangeListener = (event) => {
    for (const listener of this.listeners) listener(event);
  };

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  collection<T>(scope: ScopeKey, name: string): Collection<T> {
    let collections = this.data.get(scope);
    if (!collections) {
      collections = new Map();
      this.data.set(scope, collections);
    }
    let collection = collections.get(name);
    if (!collection) {
      collection = new Collection<unknown>(scope, name, this.announce);
      collections.set(name, collection);
    }
    return collection as Collection<T>;
  }

  scopeKeys(): ScopeKey[] {
    return [...this.data.keys()];
  }

  /** Names of the collections a scope has (possibly empty ones), without creating any. */
  collectionNames(scope: ScopeKey): string[] {
    return [...(this.data.get(scope)?.keys() ?? [])];
  }

  /**
   * Next integer id of a sequence within a scope: one more than both the last one handed out
   * and the highest numeric id already in `collection` (so ids continue after the fixtures').
   */
  nextInteger(scope: ScopeKey, collection: string): number {
    const sequences = this.collection<{ last: number }>(scope, SEQUENCES);
    let last = sequences.get(collection)?.last ?? 0;
    if (last === 0) {
      for (const id of this.collection(scope, collection).entries()) {
        const numeric = Number(id[0]);
        if (Number.isSafeInteger(numeric) && numeric > last) last = numeric;
      }
    }
    const next = last + 1;
    sequences.put(collection, { last: next });
    return next;
  }

  /** The state as plain JSON; `only` limits it to some scopes. */
  snapshot(only?: (scope: ScopeKey) => boolean): StateSnapshot {
    const result: StateSnapshot = { version: 1, scopes: {} };
    for (const [scope, collections] of this.data) {
      if (only && !only(scope)) continue;
      const out: Record<string, Array<[string, unknown]>> = {};
      for (const [name, collection] of collections) {
        if (collection.size > 0) out[name] = collection.toEntries();
      }
      if (Object.keys(out).length > 0) result.scopes[scope] = out;
    }
    return result;
  }

  /** Removes a scope and everything in it, announcing each object's deletion (persistence follows). */
  dropScope(scope: ScopeKey): void {
    for (const collection of this.data.get(scope)?.values() ?? []) {
      for (const [id] of collection.toEntries()) collection.delete(id);
    }
    this.data.delete(scope);
  }

  /** Replaces the whole state (no change events: callers persist a reset explicitly). */
  load(snapshot: StateSnapshot): void {
    this.data.clear();
    for (const [scope, collections] of Object.entries(snapshot.scopes)) {
      for (const [name, entries] of Object.entries(collections)) {
        const collection = this.collection(scope, name);
        for (const [id, value] of entries) collection.restore(id, value);
      }
    }
  }

  /** Applies one recorded change without announcing it (change-log replay). */
  apply(event: ChangeEvent): void {
    this.collection(event.scope, event.collection).restore(event.id, event.value);
  }
}
