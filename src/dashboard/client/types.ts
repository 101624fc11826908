/**
 * The /_mock answers as the dashboard reads them. Declared here, not imported from the server:
 * the page must keep working against an older or newer emulator, so every field it does not
 * strictly need is optional. Only the declarations' own types (a resource summary, a column)
 * are the server's, from the dependency-free ../declared-types.ts.
 */
import type { ColumnDeclaration, ResourceSummary } from '../declared-types.js';

export type { ColumnDeclaration, ColumnKind, ResourceSummary } from '../declared-types.js';

export interface CollectionOverview {
  /** Sent by the server; an older server does not (then the name is humanised). */
  title?: string;
  count: number;
  items: ResourceSummary[];
}

export interface ScopeOverview {
  scope: string;
  product: string;
  label: string;
  collections: Record<string, CollectionOverview>;
}

export interface Resources {
  scopes: ScopeOverview[];
}

export interface ClockState {
  now: string;
  epochMs: number;
  frozen?: boolean;
}

export interface Fault {
  id: string | number;
  method?: string;
  path?: string;
  product?: string;
  status?: number;
  error?: string;
  latencyMs?: number;
  drop?: boolean;
  probability?: number;
  remaining?: number | null;
  count?: number;
}

export interface Faults {
  faults?: Fault[];
}

export interface JournalEntry {
  id: string;
  time: string;
  product?: string;
  method: string;
  path: string;
  query?: Record<string, string> | null;
  status: number;
  durationMs?: number;
  fault?: string | number | null;
  requestHeaders?: unknown;
  requestBody?: unknown;
  requestBodyTruncated?: boolean;
  requestBodyNote?: unknown;
  responseHeaders?: unknown;
  responseBody?: unknown;
  responseBodyTruncated?: boolean;
  responseBodyNote?: unknown;
}

export interface Journal {
  requests?: JournalEntry[];
  total?: number;
  dropped?: number;
}

export interface Health {
  version: string;
  services?: string[];
}

export interface CollectionView {
  title: string;
  columns: readonly ColumnDeclaration[];
  /** Unfolded until the user folds it. */
  open: boolean;
}

/** How to show products and collections, from the services' declarations (../first-data.ts). */
export interface DashboardDeclarations {
  /** Section heading per product. */
  products: Record<string, string>;
  /** Per kind of scope (`platform`, `target`...), per collection. */
  collections: Record<string, Record<string, CollectionView>>;
  /** The columns of a collection no service declares. */
  columns: readonly ColumnDeclaration[];
}

/** What the page carries inline (script#first-data, see ../first-data.ts). */
export interface FirstData {
  resources?: Resources;
  clock?: ClockState;
  faults?: Faults;
  dashboard?: DashboardDeclarations;
}
