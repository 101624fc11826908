/**
 * In-memory state, partitioned by scope. A scope is one isolation unit of the real services:
 * an org + sandbox for Platform, a tenant for Target Admin, a client code for profiles,
 * and the global `ims` scope for integrations. Inside a scope, named collections map ids to
 * plain JSON objects, in insertion order.
 *
 * Every mutation is announced to listeners (persistence, later the dashboard), so nothing
 * else needs to know how state is stored.
 *
 * Objects can be loaded shared (the fixtures, parsed once): a shared object is never handed out
 * as it is, but copied into the collection the first time it is read, so a reset can point the
 * store back at the fixtures without copying them (copy-on-write).
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

/** The shared object each copy was made from, while the copy is the stored version (see versionOf). */
const originals = new WeakMap<object, object>();

/**
 * What identifies the stored version of an object across resets: a copy made when a shared
 * object was first read stands for that shared object, so caches keyed by stored objects (the
 * resolved schemas) still match after a reset has put the same shared contents back. Only
 * meaningful for objects that are replaced (put), never changed in place, like everything the
 * services store; a copy put back is its own version from then on.
 */
export function versionOf<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  return (originals.get(value) as T | undefined) ?? value;
}

export class Collection<T> {
  private readonly items = new Map<string, T>();
  /** Ids whose value is still a shared object (see loadShared): copied on first read. */
  private shared: Set<string> | null = null;

  constructor(
    readonly scope: ScopeKey,
    readonly name: string,
    private readonly announce: ChangeListener,
  ) {}

  get size(): number {
    return this.items.size;
  }

  get(id: string | number): T | undefined {
    const key = String(id);
    if (this.shared?.has(key)) this.own(key);
    return this.items.get(key);
  }

  /** The stored object without copying a shared one: for reading only, never to be changed or handed out. */
  peek(id: string | number): T | undefined {
    return this.items.get(String(id));
  }

  has(id: string | number): boolean {
    return this.items.has(String(id));
  }

  /** The ids, in order (no object is copied). */
  keys(): IterableIterator<string> {
    return this.items.keys();
  }

  values(): IterableIterator<T> {
    this.ownAll();
    return this.items.values();
  }

  entries(): IterableIterator<[string, T]> {
    this.ownAll();
    return this.items.entries();
  }

  /** Creates or replaces the object stored under id. */
  put(id: string | number, value: T): T {
    const key = String(id);
    const previous = this.ownedPrevious(key);
    if (typeof value === 'object' && value !== null) originals.delete(value);
    this.items.set(key, value);
    this.announce({ scope: this.scope, collection: this.name, id: key, value, previous });
    return value;
  }

  delete(id: string | number): boolean {
    const key = String(id);
    if (!this.items.has(key)) return false;
    const previous = this.ownedPrevious(key);
    this.items.delete(key);
    this.announce({ scope: this.scope, collection: this.name, id: key, value: undefined, previous });
    return true;
  }

  /** Loads without announcing: used when state comes from a snapshot or the change log. */
  restore(id: string, value: T | undefined): void {
    this.shared?.delete(id);
    if (value === undefined) this.items.delete(id);
    else this.items.set(id, value);
  }

  /** Loads without announcing an object that stays shared with others until it is first read. */
  restoreShared(id: string, value: T): void {
    this.items.set(id, value);
    (this.shared ??= new Set()).add(id);
  }

  /** Removes every object without announcing. */
  clear(): void {
    this.items.clear();
    this.shared = null;
  }

  toEntries(): Array<[string, T]> {
    this.ownAll();
    return [...this.items.entries()];
  }

  /** The [id, object] pairs for serialization only: shared objects are not copied, so they must not be changed. */
  readOnlyEntries(): Array<[string, T]> {
    return [...this.items.entries()];
  }

  /** The value a change replaces, as listeners get it: a copy when it was shared (a rollback may store it again). */
  private ownedPrevious(key: string): T | undefined {
    const previous = this.items.get(key);
    if (!this.shared?.delete(key)) return previous;
    if (this.shared.size === 0) this.shared = null;
    return structuredClone(previous);
  }

  private own(key: string): void {
    this.items.set(key, copyOf(this.items.get(key)!));
    this.shared!.delete(key);
    if (this.shared!.size === 0) this.shared = null;
  }

  private ownAll(): void {
    if (this.shared === null) return;
    for (const key of this.shared) this.items.set(key, copyOf(this.items.get(key)!));
    this.shared = null;
  }
}

function copyOf<T>(shared: T): T {
  const copy = structuredClone(shared);
  if (typeof copy === 'object' && copy !== null) originals.set(copy, shared as object);
  return copy;
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
      for (const id of this.collection(scope, collection).keys()) {
        const numeric = Number(id);
        if (Number.isSafeInteger(numeric) && numeric > last) last = numeric;
      }
    }
    const next = last + 1;
    sequences.put(collection, { last: next });
    return next;
  }

  /**
   * The state as plain JSON; `only` limits it to some scopes. With `readOnly`, objects still
   * shared with the fixtures are not copied: for callers that only serialize the result.
   */
  snapshot(only?: (scope: ScopeKey) => boolean, options: { readOnly?: boolean } = {}): StateSnapshot {
    const result: StateSnapshot = { version: 1, scopes: {} };
    for (const [scope, collections] of this.data) {
      if (only && !only(scope)) continue;
      const out: Record<string, Array<[string, unknown]>> = {};
      for (const [name, collection] of collections) {
        if (collection.size > 0) out[name] = options.readOnly ? collection.readOnlyEntries() : collection.toEntries();
      }
      if (Object.keys(out).length > 0) result.scopes[scope] = out;
    }
    return result;
  }

  /** Removes a scope and everything in it, announcing each object's deletion (persistence follows). */
  dropScope(scope: ScopeKey): void {
    for (const collection of this.data.get(scope)?.values() ?? []) {
      for (const id of [...collection.keys()]) collection.delete(id);
    }
    this.data.delete(scope);
  }

  /** Replaces the whole state, except the scopes in `keep` (no change events: callers persist a reset explicitly). */
  load(snapshot: StateSnapshot, keep: ReadonlySet<ScopeKey> = new Set()): void {
    this.replace(snapshot, keep, (collection, id, value) => collection.restore(id, value));
  }

  /**
   * Replaces the whole state by `snapshot` without copying it: its objects stay shared (never
   * changed here) and each is copied the first time it is read. The scopes in `keep` stay as
   * they are. No change events.
   */
  loadShared(snapshot: StateSnapshot, keep: ReadonlySet<ScopeKey> = new Set()): void {
    this.replace(snapshot, keep, (collection, id, value) => collection.restoreShared(id, value));
  }

  private replace(snapshot: StateSnapshot, keep: ReadonlySet<ScopeKey>, restore: (collection: Collection<unknown>, id: string, value: unknown) => void): void {
    for (const scope of [...this.data.keys()]) if (!keep.has(scope)) this.data.delete(scope);
    for (const [scope, collections] of Object.entries(snapshot.scopes)) {
      if (keep.has(scope)) continue;
      for (const [name, entries] of Object.entries(collections)) {
        const collection = this.collection(scope, name);
        for (const [id, value] of entries) restore(collection, id, value);
      }
    }
  }

  /** Applies one recorded change without announcing it (change-log replay). */
  apply(event: ChangeEvent): void {
    this.collection(event.scope, event.collection).restore(event.id, event.value);
  }
}
