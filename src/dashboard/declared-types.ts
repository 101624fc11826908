/**
 * The types of the services' declarations that the dashboard's browser script reads too: a
 * resource summary and a table column. Dependency-free (no Node or Fastify types), so both
 * src/services/declaration.ts and the client (client/types.ts) import them.
 */

/** A short summary of a stored object for GET /_mock/resources (never the whole object, never a secret). */
export interface ResourceSummary {
  id: string | number;
  name?: string;
  status?: string;
  type?: string;
  created?: string;
  updated?: string;
  [detail: string]: unknown;
}

/**
 * How the dashboard shows one field of a summary in a table column:
 * - `id`: the id in a monospace cell, cut with an ellipsis;
 * - `name`: text that may wrap after the slashes of path-like names;
 * - `time`: an instant as `2026-01-01 09:30:00Z`;
 * - `badge`: a status badge, then the `also` field as a small reference (the last batch's id);
 * - `ref`: an id of another object, small and cut with an ellipsis;
 * - `upper`: the text in capitals (activity types);
 * - `text`: the value as text;
 * - `metrics`: a batch's record counts, then the `also` field as an error count;
 * - `attributes`: `name=value` pairs, then the `also` field as the thirdPartyId;
 * - `switch`: a boolean as an on/off badge.
 */
export type ColumnKind = 'id' | 'name' | 'time' | 'badge' | 'ref' | 'upper' | 'text' | 'metrics' | 'attributes' | 'switch';

/** A table column as a service declares it. */
export interface ColumnDeclaration {
  heading: string;
  /** The summary field the column shows. */
  field: string;
  kind: ColumnKind;
  /** A second field shown after the first, as `kind` says (badge, metrics, attributes). */
  also?: string;
}
