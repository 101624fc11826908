/** Environments (host groups) of a tenant (seed 004, "Mboxes and Environments"): read only. */
import type { AppContext } from '../../../context.js';
import type { TargetRequestScope } from '../../../gateway/types.js';
import { listItems, type ListQuery } from '../shared/listing.js';

export interface Environment {
  id: number;
  name: string;
}

/**
 * GET /environments: the tenant's environments in the list envelope of seed 004, with the shared
 * list semantics ("with the options to filter and sort": limit, offset, sortBy, id/name filters).
 */
export function listEnvironments(ctx: AppContext, target: TargetRequestScope, query: ListQuery = {}) {
  const environments = [...ctx.store.collection<Environment>(target.scope, 'environments').values()].map(({ id, name }) => ({ id, name }));
  const page = listItems(ctx.clock, environments, query, { fields: ['id', 'name'], substring: ['name'] });
  return { total: page.total, offset: page.offset, limit: page.limit, environments: page.items };
}
