/**
 * Properties (seed 004, "Property"; Enterprise Permissions): read only through the API.
 */
import type { AppContext } from '../../../context.js';
import type { TargetRequestScope } from '../../../gateway/types.js';
import { listItems, type ListQuery } from '../shared/listing.js';
import { storedByPathId } from '../shared/fields.js';

export const PROPERTIES = 'properties';

export interface StoredProperty {
  id: number;
  name: string;
  description?: string;
  channel: string;
  segmentId?: number;
  modifiedAt?: string;
  workspaces?: string[];
  [key: string]: unknown;
}

const LIST_OPTIONS = {
  fields: ['id', 'name', 'description', 'channel', 'segmentId', 'modifiedAt', 'workspaces'],
  dates: ['modifiedAt'],
  substring: ['name'],
} as const;

/** GET /properties: `{total, offset, limit, properties}`. */
export function listProperties(ctx: AppContext, target: TargetRequestScope, query: ListQuery) {
  const all = ctx.store.collection<StoredProperty>(target.scope, PROPERTIES).values();
  const page = listItems(ctx.clock, all, query, LIST_OPTIONS);
  return { total: page.total, offset: page.offset, limit: page.limit, properties: page.items };
}

export function getProperty(ctx: AppContext, target: TargetRequestScope, rawId: string): StoredProperty {
  return storedByPathId(ctx.clock, ctx.store.collection<StoredProperty>(target.scope, PROPERTIES), 'Property', rawId);
}
