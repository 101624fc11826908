/**
 * The data the dashboard page carries inline: the same answers as GET /_mock/resources,
 * /_mock/clock and /_mock/faults at the moment the page is served, and how to show them (the
 * services' declarations: product titles, each collection's columns). The script renders them
 * before its first poll, so the page shows data as soon as it has loaded (a screenshot taken
 * right after load shows resources, not "Loading…").
 */
import type { AppContext } from '../context.js';
import { collectResources, DEFAULT_ITEMS } from '../control/resources.js';
import { clockState } from '../control/routes.js';
import type { FaultRegistry } from '../control/faults.js';
import type { ColumnDeclaration } from '../services/declaration.js';
import { PRODUCT_FAMILIES, PRODUCTS, SERVICES, type Product } from '../services/registry.js';

/** How the dashboard shows one collection. */
export interface CollectionView {
  title: string;
  columns: readonly ColumnDeclaration[];
  /** Unfolded until the user folds it. */
  open: boolean;
}

/** What the page needs to show any scope and collection, from the services' declarations. */
export interface DashboardDeclarations {
  /** Section headings per product; `unknown` for scopes no service declares. */
  products: Record<Product | 'unknown', string>;
  /** Per kind of scope (`platform`, `target`...), per shown collection. */
  collections: Record<string, Record<string, CollectionView>>;
  /** The columns of a collection no service declares. */
  columns: readonly ColumnDeclaration[];
}

export interface FirstData {
  resources: ReturnType<typeof collectResources>;
  clock: ReturnType<typeof clockState>;
  faults: { faults: unknown[] };
  dashboard: DashboardDeclarations;
}

/** Id, name, status and last change: what every summary may carry. */
export const DEFAULT_COLUMNS: readonly ColumnDeclaration[] = [
  { heading: 'Id', field: 'id', kind: 'id' },
  { heading: 'Name', field: 'name', kind: 'name' },
  { heading: 'Status', field: 'status', kind: 'badge' },
  { heading: 'Updated', field: 'updated', kind: 'time' },
];

/** The declarations, gathered once: they do not change while the emulator runs. */
export function dashboardDeclarations(): DashboardDeclarations {
  const collections: DashboardDeclarations['collections'] = {};
  for (const service of SERVICES) {
    for (const { kind } of service.scopes) {
      collections[kind] ??= {};
      const views = collections[kind];
      for (const collection of service.collections) {
        if (collection.hidden || views[collection.name]) continue;
        views[collection.name] = { title: collection.title, columns: collection.columns ?? DEFAULT_COLUMNS, open: collection.primary === true };
      }
      for (const view of service.views ?? []) views[view.name] ??= { title: view.title, columns: view.columns ?? DEFAULT_COLUMNS, open: false };
    }
  }
  const products = Object.fromEntries(PRODUCTS.map((product) => [product, PRODUCT_FAMILIES[product].title]));
  return { products: { ...products, unknown: 'Other' } as DashboardDeclarations['products'], collections, columns: DEFAULT_COLUMNS };
}

let declarations: DashboardDeclarations | undefined;

export function firstDashboardData(ctx: AppContext, faults: FaultRegistry): FirstData {
  declarations ??= dashboardDeclarations();
  return { resources: collectResources(ctx, DEFAULT_ITEMS), clock: clockState(ctx), faults: { faults: faults.list() }, dashboard: declarations };
}

/**
 * The data as a `<script type="application/json">` element. `<` is escaped, so no string in
 * the data (an offer named `</script>`) can end the element early.
 */
export function inlineJson(id: string, data: unknown): string {
  return `<script type="application/json" id="${id}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}
