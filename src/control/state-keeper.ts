import type { Persistence } from '../store/persistence.js';
import type { ScopeKey, StateSnapshot, Store } from '../store/store.js';

/** One scope to put back, and which of its collections (all of them unless `includes` says otherwise). */
export interface ResetPart {
  scope: ScopeKey;
  includes(collection: string): boolean;
}

/**
 * What a reset or an import replaced, handed to the reset tasks (uploaded files, processing runs)
 * so they clean up only what belongs to the replaced part of the state.
 */
export interface ResetScope {
  /** The whole state was replaced. */
  all: boolean;
  /**
   * The whole state came from an imported snapshot whose uploaded files the import has already
   * put in place: tasks must not delete files then.
   */
  imported: boolean;
  /** The scopes (some of) whose collections were replaced; empty when `all`. */
  scopes: ScopeKey[];
  /** The scopes were removed for good (a deleted tenant set), not put back: nothing of theirs may stay on disk once the removal answers. */
  removed: boolean;
  /** Whether `collection` of `scope` (any collection of it, without one) was replaced. */
  covers(scope: ScopeKey, collection?: string): boolean;
}

export type ResetTask = (reset: ResetScope) => Promise<void> | void;

/** A scope's contents as in a snapshot: collection → [id, object] pairs. */
export type ScopeContents = Record<string, Array<[string, unknown]>>;

/** Collection of Target integer sequences (Store.nextInteger), keyed by the collection they number. */
const SEQUENCES = '_sequences';

/** Derived scopes whose contents are kept between resets: the four scopes of 16 tenant sets. */
const DERIVED_CACHE_SIZE = 64;

const EVERYTHING: ResetScope = { all: true, imported: false, scopes: [], removed: false, covers: () => true };
const IMPORTED: ResetScope = { all: true, imported: true, scopes: [], removed: false, covers: () => true };

/**
 * Owns every wholesale change of the state: full reset, reset of some scopes, import. They run
 * one at a time (a second waits for the first), keep the internal scopes (the token signing key)
 * untouched, run the registered reset tasks, and have the data file's snapshot rewritten (behind
 * the answer, like any change), because the store replaces objects without announcing each change.
 */
export class StateKeeper {
  private readonly tasks: ResetTask[] = [];
  /** What a scope the fixture files do not name goes back to (a created tenant set's copied fixtures). */
  private derived: (scope: ScopeKey) => ScopeContents | undefined = () => undefined;
  /** Derived contents already worked out, shared (copy-on-write) by every reset of their scope. */
  private readonly derivedCache = new Map<ScopeKey, ScopeContents>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly fixtures: StateSnapshot,
    private readonly persistence: Persistence | null,
    /** Scopes no reset or import touches. */
    private readonly internalScopes: ReadonlySet<ScopeKey>,
  ) {}

  onReset(task: ResetTask): void {
    this.tasks.push(task);
  }

  /** Where resets find the contents of scopes the fixture files do not name (asked once per scope; the answer is kept and shared). */
  deriveFixtures(resolver: (scope: ScopeKey) => ScopeContents | undefined): void {
    this.derived = resolver;
  }

  /** A scope as the fixture files define it (shared: clone before changing it). */
  fixtureOf(scope: ScopeKey): ScopeContents | undefined {
    return this.fixtures.scopes[scope];
  }

  isInternal(scope: ScopeKey): boolean {
    return this.internalScopes.has(scope);
  }

  /** Every scope that exists now or in the fixtures (internal ones left out). */
  knownScopes(): ScopeKey[] {
    const keys = new Set([...this.store.scopeKeys(), ...Object.keys(this.fixtures.scopes)]);
    return [...keys].filter((scope) => !this.internalScopes.has(scope)).sort();
  }

  /** Puts the whole state back to exactly the fixtures (shared, copied object by object as they are read). */
  resetAll(): Promise<void> {
    return this.exclusive(async () => {
      this.store.loadShared(this.fixtures, this.internalScopes);
      this.derivedCache.clear();
      await this.runTasks(EVERYTHING);
      this.persistence?.replaced();
    });
  }

  /** Puts the chosen collections of the chosen scopes back to their fixture contents; the rest stays as it is. */
  resetParts(parts: ResetPart[]): Promise<void> {
    const chosen = parts.filter((part) => !this.internalScopes.has(part.scope));
    return this.exclusive(async () => {
      for (const part of chosen) this.restorePart(part);
      const byScope = new Map(chosen.map((part) => [part.scope, part]));
      await this.runTasks({
        all: false,
        imported: false,
        scopes: [...byScope.keys()],
        removed: false,
        covers: (scope, collection) => {
          const part = byScope.get(scope);
          return part !== undefined && (collection === undefined || part.includes(collection));
        },
      });
      this.persistence?.replaced();
    });
  }

  /**
   * Removes some scopes entirely, each deletion announced (so the data file follows without a
   * rewrite), after `before` has run in the same turn of the queue; the reset tasks then drop
   * what belongs to those scopes (uploaded files, processing runs).
   */
  drop(dropped: ScopeKey[], before: () => void): Promise<void> {
    const chosen = new Set(dropped.filter((scope) => !this.internalScopes.has(scope)));
    return this.exclusive(async () => {
      before();
      for (const scope of chosen) {
        this.store.dropScope(scope);
        this.derivedCache.delete(scope);
      }
      await this.runTasks({ all: false, imported: false, scopes: [...chosen], removed: true, covers: (scope) => chosen.has(scope) });
    });
  }

  /**
   * Replaces the whole state by an (already validated) snapshot. `beforeLoad` runs first, inside
   * the same turn of the queue (the import puts uploaded files in place there).
   */
  replace(snapshot: StateSnapshot, beforeLoad: () => Promise<void>): Promise<void> {
    return this.exclusive(async () => {
      await beforeLoad();
      this.store.load(snapshot, this.internalScopes);
      this.derivedCache.clear();
      await this.runTasks(IMPORTED);
      this.persistence?.replaced();
    });
  }

  private restorePart(part: ResetPart): void {
    // Shared, never changed here: the store copies each object the first time it is read.
    const fixture = this.fixtures.scopes[part.scope] ?? this.derivedOf(part.scope) ?? {};
    const names = new Set([...this.store.collectionNames(part.scope), ...Object.keys(fixture)]);
    const restored: string[] = [];
    for (const name of names) {
      if (!part.includes(name)) continue;
      restored.push(name);
      const collection = this.store.collection<unknown>(part.scope, name);
      collection.clear();
      for (const [id, value] of fixture[name] ?? []) collection.restoreShared(id, value);
    }
    // A sequence numbers one collection: it goes back with that collection.
    if (!part.includes(SEQUENCES)) {
      const sequences = this.store.collection<unknown>(part.scope, SEQUENCES);
      const saved = new Map(fixture[SEQUENCES] ?? []);
      for (const name of restored) sequences.restore(name, structuredClone(saved.get(name)));
    }
  }

  private derivedOf(scope: ScopeKey): ScopeContents | undefined {
    let contents = this.derivedCache.get(scope);
    if (contents === undefined) contents = this.derived(scope);
    if (contents === undefined) return undefined;
    // Most recently used last; the least recently used goes once the cache is full (each entry is a copy of some fixtures).
    this.derivedCache.delete(scope);
    this.derivedCache.set(scope, contents);
    if (this.derivedCache.size > DERIVED_CACHE_SIZE) this.derivedCache.delete(this.derivedCache.keys().next().value!);
    return contents;
  }

  private async runTasks(reset: ResetScope): Promise<void> {
    for (const task of this.tasks) await task(reset);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
