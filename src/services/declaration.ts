/**
 * What a service says about itself, so the core needs no list of its own: where its routes go
 * (the registry), where its data lives and what a reset puts back (the control plane), how
 * /_mock/resources summarises its collections and how the dashboard shows them.
 *
 * Every service declares one `ServiceDeclaration` in src/services/<service>/service.ts, and
 * src/services/registry.ts lists them.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.js';
import type { ScopeKey } from '../store/store.js';
import type { ColumnDeclaration, ResourceSummary } from '../dashboard/declared-types.js';
import type { Product } from './registry.js';

export type { ColumnDeclaration, ColumnKind, ResourceSummary } from '../dashboard/declared-types.js';

/** A service's routes as the registry mounts them: under each prefix, behind its product's gateway. */
export interface ServiceEntry {
  name: string;
  product: Product;
  /** Real path prefixes of the service (the real host's paths, unchanged). */
  prefixes: string[];
  routes: FastifyPluginAsync<{ ctx: AppContext }>;
}

/** A stored object as the summaries read it. */
export type StoredObject = Record<string, unknown>;

export type Summarizer = (id: string, object: StoredObject) => ResourceSummary;

/**
 * One kind of scope of the store (its keys' first segment: `platform/<org>/<sandbox>` is of
 * kind `platform`), with the label the dashboard gives a scope of that kind.
 */
export interface ScopeDeclaration {
  kind: string;
  /** The scope's label, from the key's segments after the kind. */
  label(rest: string[], scope: ScopeKey): string;
  /** Brings a scope up to the emulator's clock before it is shown (batches that have finished processing). */
  settle?(ctx: AppContext, scope: ScopeKey): void;
}

export interface CollectionDeclaration {
  /** The store's collection name. */
  name: string;
  /** What the dashboard shows as its heading ("Large file uploads"). */
  title: string;
  /** Loaded from the fixtures (a reset brings its objects back); otherwise it starts empty. */
  fixtures?: boolean;
  /** Bookkeeping that means nothing to a reader (or holds secrets): left out of /_mock/resources. */
  hidden?: boolean;
  /** Listed first (even when empty, so an empty one reads as "none yet") and unfolded by default. */
  primary?: boolean;
  /** How /_mock/resources summarises one of its objects; id, name, status and times by default. */
  summary?: Summarizer;
  /** Objects stored but gone for the API (deleted activities): not counted or listed. */
  listed?(object: StoredObject): boolean;
  /** The dashboard's table; id, name, status and updated by default. */
  columns?: readonly ColumnDeclaration[];
}

/**
 * A read-only listing computed from a scope's data (the Schema Registry's unions): shown by
 * /_mock/resources and the dashboard like a collection when it lists something, never stored,
 * so neither exported nor reset.
 */
export interface ViewDeclaration {
  /** Its key among the scope's collections in /_mock/resources; no store collection has it. */
  name: string;
  title: string;
  /** The rows, computed now, in the order they are listed. */
  items(ctx: AppContext, scope: ScopeKey): ResourceSummary[];
  /** The dashboard's table; id, name, status and updated by default. */
  columns?: readonly ColumnDeclaration[];
}

/** What POST /_mock/reset?service=<name> puts back, in the service's scopes. */
export interface ResetDeclaration {
  /**
   * Services sharing one lifecycle with this one: their collections go back too (a dataset's
   * batches, their uploaded files and the files processing wrote belong together).
   */
  together?: readonly string[];
  /**
   * Also the collections of its scopes no service declares, and the scopes' id sequences whole;
   * otherwise only the sequences of the collections put back.
   */
  undeclared: boolean;
}

export interface ServiceDeclaration extends ServiceEntry {
  /** The kinds of scope its collections live in. */
  scopes: readonly ScopeDeclaration[];
  collections: readonly CollectionDeclaration[];
  /** Computed listings shown beside its collections. */
  views?: readonly ViewDeclaration[];
  reset: ResetDeclaration;
  /** Routes under /_mock that stand in for the product's own UI (Target's Profile API authentication switch). */
  controlRoutes?: FastifyPluginAsync<{ ctx: AppContext }>;
}
