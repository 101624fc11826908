import type { AppContext } from '../../context.js';
import type { PlatformRequestScope } from '../../gateway/types.js';
import { platformProblem } from '../../gateway/platform.js';

export const DATASETS = 'dataSets';

/** A Catalog dataSet as stored: the response object without its id key. */
export type DataSet = Record<string, unknown> & { id: string };

/** Catalog answers objects keyed by their id: { "<id>": { ...object } }. */
function keyedById(objects: Iterable<DataSet>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const { id, ...rest } of objects) result[id] = rest;
  return result;
}

/** GET /dataSets: the first page (default limit 20). Listing parameters arrive with the Catalog issue. */
export function listDataSets(ctx: AppContext, platform: PlatformRequestScope) {
  const page: DataSet[] = [];
  for (const dataSet of ctx.store.collection<DataSet>(platform.scope, DATASETS).values()) {
    if (page.length === 20) break;
    page.push(dataSet);
  }
  return keyedById(page);
}

export function getDataSet(ctx: AppContext, platform: PlatformRequestScope, id: string) {
  const dataSet = ctx.store.collection<DataSet>(platform.scope, DATASETS).get(id);
  if (!dataSet) throw platformProblem('not-found', `DataSet ${id} not found`);
  return keyedById([dataSet]);
}
