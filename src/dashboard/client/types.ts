/**
 * The /_mock answers as the dashboard reads them. Declared here, not imported from the server:
 * the page must keep working against an older or newer emulator, so every field it does not
 * strictly need is optional.
 */

/** One object of a collection, as GET /_mock/resources summarises it. */
export interface ResourceSummary {
  id: string | number;
  name?: string;
  status?: string;
  type?: string;
  created?: string;
  updated?: string;
  [detail: string]: unknown;
}

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

/** What the page carries inline (script#first-data, see ../first-data.ts). */
export interface FirstData {
  resources?: Resources;
  clock?: ClockState;
  faults?: Faults;
}
