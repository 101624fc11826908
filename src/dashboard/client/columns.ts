/**
 * What the Resources panel shows: each product's heading and each collection's table columns.
 * Kept apart from the rendering so the server can declare them later (per product and
 * collection) and this module shrink to a fallback.
 */
import { badge, clipped, idCell, nameCell, timeCell } from './cells.js';
import { h } from './dom.js';
import type { ResourceSummary } from './types.js';

export const PRODUCTS: Record<string, string> = {
  platform: 'Adobe Experience Platform',
  target: 'Adobe Target · Admin API',
  profile: 'Adobe Target · profiles',
  stock: 'Adobe Stock',
  ims: 'Adobe IMS',
  unknown: 'Other',
};

/** A column: its heading and the cell it shows for an object. */
export type Column = [title: string, cell: (item: ResourceSummary) => HTMLTableCellElement];

/** Collections shown unfolded; the user's own choice wins afterwards. */
export const OPEN_BY_DEFAULT = new Set(['dataSets', 'batches', 'activities', 'offers', 'audiences', 'profiles']);

/** The server sends each collection's title; an older server does not: "largeFileUploads" → "Large file uploads". */
export function humanise(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\-\s]+/g, ' ').trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

function metricsText(metrics: Record<string, unknown> | undefined): string {
  if (!metrics) return '';
  const parts: string[] = [];
  const known = [['recordsRead', 'read'], ['recordsWritten', 'written'], ['failedRecordCount', 'failed']] as const;
  for (const [key, label] of known) if (metrics[key] !== undefined) parts.push(label + ' ' + metrics[key]);
  if (metrics.failureReason) parts.push(String(metrics.failureReason));
  if (parts.length === 0) {
    for (const [key, value] of Object.entries(metrics).slice(0, 3)) parts.push(key + ' ' + value);
  }
  return parts.join(' · ');
}

function attributesText(attributes: Record<string, unknown> | undefined): string {
  if (!attributes) return '';
  return Object.entries(attributes).map(([key, value]) => key + '=' + value).join(', ');
}

const orEmpty = (value: unknown): string => (value as string | undefined) || '';

const PROFILE_COLUMNS: Column[] = [
  ['Id', idCell],
  ['Attributes', (i) => h('td', { class: 'small' }, attributesText(i.attributes as Record<string, unknown> | undefined), i.thirdPartyId ? ' (thirdPartyId ' + i.thirdPartyId + ')' : '')],
  ['Modified', (i) => timeCell(i.updated)],
];

/** Per collection name; a `<kind of scope>/<name>` key comes first (Target profile batches are not Platform batches). */
const COLUMNS: Record<string, Column[]> = {
  dataSets: [
    ['Name', (i) => nameCell(i.name)],
    ['Id', idCell],
    ['Last batch', (i) => h('td', {}, badge(i.lastBatchStatus), i.lastBatchId ? clipped(i.lastBatchId as string, 'mono small ref') : '')],
    ['Updated', (i) => timeCell(i.updated)],
  ],
  batches: [
    ['Id', idCell],
    ['Status', (i) => h('td', {}, badge(i.status))],
    ['Dataset', (i) => h('td', {}, i.dataSetId ? clipped(i.dataSetId as string, 'mono small ref') : '')],
    ['Metrics', (i) => h('td', { class: 'small' }, metricsText(i.metrics as Record<string, unknown> | undefined), i.errors ? ' · ' + i.errors + ' error code(s)' : '')],
    ['Updated', (i) => timeCell(i.updated)],
  ],
  activities: [
    ['Id', idCell],
    ['Name', (i) => nameCell(i.name)],
    ['Type', (i) => h('td', {}, (i.type || '').toUpperCase())],
    ['State', (i) => h('td', {}, badge(i.status))],
    ['Modified', (i) => timeCell(i.updated)],
  ],
  offers: [
    ['Id', idCell],
    ['Name', (i) => nameCell(i.name)],
    ['Modified', (i) => timeCell(i.updated)],
  ],
  audiences: [
    ['Id', idCell],
    ['Name', (i) => nameCell(i.name)],
    ['Origin', (i) => h('td', {}, orEmpty(i.origin))],
    ['Modified', (i) => timeCell(i.updated)],
  ],
  profiles: PROFILE_COLUMNS,
  thirdPartyProfiles: PROFILE_COLUMNS,
  'profile/batches': [
    ['Batch id', idCell],
    ['Rows', (i) => h('td', { text: i.rows === undefined ? '' : String(i.rows) })],
    ['Rejected', (i) => h('td', { text: i.rejected === undefined ? '' : String(i.rejected) })],
    ['Submitted', (i) => timeCell(i.created)],
  ],
  'profile/settings': [
    ['Setting', idCell],
    ['Enabled', (i) => h('td', {}, i.enabled === undefined ? '' : badge(i.enabled ? 'on' : 'off'))],
  ],
};

const GENERIC_COLUMNS: Column[] = [
  ['Id', idCell],
  ['Name', (i) => nameCell(i.name)],
  ['Status', (i) => h('td', {}, badge(i.status))],
  ['Updated', (i) => timeCell(i.updated)],
];

/** The columns of collection `name` in `scope` ("profile/<client>" → the profile/<name> table first). */
export const columnsFor = (scope: string, name: string): Column[] =>
  COLUMNS[scope.split('/')[0] + '/' + name] || COLUMNS[name] || GENERIC_COLUMNS;
