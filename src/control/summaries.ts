/**
 * Building blocks of the short summaries GET /_mock/resources gives of stored objects. Each
 * service's declaration (src/services/<service>/service.ts) composes its own from these.
 */
import type { ResourceSummary, StoredObject, Summarizer } from '../services/declaration.js';

export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

/** Catalog keeps epoch milliseconds, Target ISO strings; the summaries use ISO strings. */
export function instant(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
  return undefined;
}

/** The summary without its undefined fields. */
export function compact(summary: StoredObject): ResourceSummary {
  for (const key of Object.keys(summary)) if (summary[key] === undefined) delete summary[key];
  return summary as ResourceSummary;
}

/** Fields every summary may carry, whatever the collection. */
export function basics(id: string, object: StoredObject): StoredObject {
  return {
    id: typeof object.id === 'number' ? object.id : id,
    name: text(object.name) ?? text(object.title),
    status: text(object.status) ?? text(object.state),
    created: instant(object.created ?? object.createdAt ?? object['meta:created']),
    updated: instant(object.updated ?? object.modifiedAt ?? object.lastModified ?? object['meta:updated']),
  };
}

export const genericSummary: Summarizer = (id, object) => compact(basics(id, object));
