/**
 * What the Resources panel shows, as the server declares it (the services' declarations, which
 * the page carries in its first data): each product's heading, and each collection's title,
 * columns and whether it starts unfolded. This module turns a declared column into table cells.
 */
import { badge, clipped, nameCell, timeCell } from './cells.js';
import { h } from './dom.js';
import type { CollectionView, ColumnDeclaration, ColumnKind, DashboardDeclarations, ResourceSummary } from './types.js';

let declared: DashboardDeclarations | undefined;

/** Keeps the declarations the page was served with. */
export function useDeclarations(declarations: DashboardDeclarations | undefined): void {
  declared = declarations;
}

/** A product's section heading ("Adobe Experience Platform"); its id when the server declares none. */
export const productTitle = (product: string): string => declared?.products[product] ?? product;

/** How collection `name` of `scope` is shown (by the scope's kind: Target profile batches are not Platform batches). */
export const viewOf = (scope: string, name: string): CollectionView | undefined => declared?.collections[scope.split('/')[0]!]?.[name];

function metricsText(metrics: Record<string, unknown> | undefined): string {
  if (!metrics) return '';
  const parts: string[] = [];
  const known = [
    ['recordsRead', 'read'],
    ['recordsWritten', 'written'],
    ['failedRecordCount', 'failed'],
  ] as const;
  for (const [key, label] of known) if (metrics[key] !== undefined) parts.push(`${label} ${metrics[key]}`);
  if (metrics.failureReason) parts.push(String(metrics.failureReason));
  if (parts.length === 0) {
    for (const [key, value] of Object.entries(metrics).slice(0, 3)) parts.push(`${key} ${value}`);
  }
  return parts.join(' · ');
}

function attributesText(attributes: Record<string, unknown> | undefined): string {
  if (!attributes) return '';
  return Object.entries(attributes)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

const asText = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const reference = (value: unknown) => (value ? clipped(String(value), 'mono small ref') : '');

type Cell = (value: unknown, also: unknown) => HTMLTableCellElement;

/** One cell per kind of column (src/services/declaration.ts `ColumnKind`). */
const CELLS: Record<ColumnKind, Cell> = {
  id: (value) => h('td', {}, clipped(String(value), 'mono')),
  name: (value) => nameCell(value),
  time: (value) => timeCell(value),
  badge: (value, also) => h('td', {}, badge(value), reference(also)),
  ref: (value) => h('td', {}, reference(value)),
  upper: (value) => h('td', {}, asText(value).toUpperCase()),
  text: (value) => h('td', { text: asText(value) }),
  metrics: (value, also) => h('td', { class: 'small' }, metricsText(value as Record<string, unknown> | undefined), also ? ` · ${also} error code(s)` : ''),
  attributes: (value, also) => h('td', { class: 'small' }, attributesText(value as Record<string, unknown> | undefined), also ? ` (thirdPartyId ${also})` : ''),
  switch: (value) => h('td', {}, value === undefined ? '' : badge(value ? 'on' : 'off')),
};

/** The cell of a declared column for an object; a kind this page does not know shows the value as text. */
export function cell(column: ColumnDeclaration, item: ResourceSummary): HTMLTableCellElement {
  const render = CELLS[column.kind] ?? CELLS.text;
  return render(item[column.field], column.also === undefined ? undefined : item[column.also]);
}

/** Without declarations (a page served without its first data) a table shows the ids only. */
const IDS_ONLY: readonly ColumnDeclaration[] = [{ heading: 'Id', field: 'id', kind: 'id' }];

/** The declared columns of collection `name` in `scope`; the server's default ones for a collection it declares nothing about. */
export const columnsFor = (scope: string, name: string): readonly ColumnDeclaration[] => viewOf(scope, name)?.columns ?? declared?.columns ?? IDS_ONLY;
