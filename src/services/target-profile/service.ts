import { basics, compact, text } from '../../control/summaries.js';
import type { ColumnDeclaration, ServiceDeclaration, StoredObject, Summarizer } from '../declaration.js';
import { BATCHES } from './batch-model.js';
import { profileControlRoutes } from './control-routes.js';
import { PROFILES, THIRD_PARTY_IDS, THIRD_PARTY_PROFILES } from './model.js';
import { targetProfileRoutes } from './routes.js';

const SCALAR = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** Profiles written by a batch file keep their values as one string of cells beside shared column names. */
const CELL_SEPARATOR = '\u001f';

/** A handful of scalar attributes of a profile, wherever the store keeps them. */
function someAttributes(object: StoredObject, limit = 5): StoredObject | undefined {
  if (Array.isArray(object.columns) && typeof object.cells === 'string' && !object.attributes) {
    const picked: StoredObject = {};
    const cells = object.cells.split(CELL_SEPARATOR);
    object.columns.forEach((column, index) => {
      if (Object.keys(picked).length < limit && cells[index]) picked[String(column)] = cells[index];
    });
    return picked;
  }
  for (const key of ['profileAttributes', 'attributes', 'profile', 'parameters']) {
    const holder = object[key];
    if (!holder || typeof holder !== 'object' || Array.isArray(holder)) continue;
    const picked: StoredObject = {};
    for (const [name, value] of Object.entries(holder as StoredObject)) {
      if (Object.keys(picked).length >= limit) break;
      if (SCALAR(value)) picked[name] = value;
      else if (value && typeof value === 'object' && 'value' in (value as StoredObject) && SCALAR((value as StoredObject).value)) picked[name] = (value as StoredObject).value;
    }
    return picked;
  }
  return undefined;
}

const profileSummary: Summarizer = (id, o) =>
  compact({
    ...basics(id, o),
    tntId: o.thirdPartyOnly ? undefined : text(o.tntId),
    thirdPartyId: text(o.thirdPartyId),
    attributes: someAttributes(o),
  });

const profileColumns: readonly ColumnDeclaration[] = [
  { heading: 'Id', field: 'id', kind: 'id' },
  { heading: 'Attributes', field: 'attributes', kind: 'attributes', also: 'thirdPartyId' },
  { heading: 'Modified', field: 'updated', kind: 'time' },
];

/** Target's profiles of a client code live in scope `profile/<client>`. */
export const targetProfileService: ServiceDeclaration = {
  name: 'target-profile',
  product: 'profile',
  prefixes: ['/rest/v1/profiles', '/m2/:client'],
  routes: targetProfileRoutes,
  scopes: [{ kind: 'profile', label: (rest) => `client code ${rest.join('/')}` }],
  collections: [
    { name: PROFILES, title: 'Profiles', fixtures: true, primary: true, summary: profileSummary, columns: profileColumns },
    { name: THIRD_PARTY_PROFILES, title: 'Profiles known by thirdPartyId only', summary: profileSummary, columns: profileColumns },
    // thirdPartyId → tntId links.
    { name: THIRD_PARTY_IDS, title: 'Third party ids', fixtures: true, hidden: true },
    {
      name: BATCHES,
      title: 'Batches',
      summary: (id, o) =>
        compact({
          ...basics(id, o),
          rows: Array.isArray(o.ids) ? o.ids.length : undefined,
          rejected: o.errors && typeof o.errors === 'object' ? Object.keys(o.errors).length : undefined,
          version: o.version,
        }),
      columns: [
        { heading: 'Batch id', field: 'id', kind: 'id' },
        { heading: 'Rows', field: 'rows', kind: 'text' },
        { heading: 'Rejected', field: 'rejected', kind: 'text' },
        { heading: 'Submitted', field: 'created', kind: 'time' },
      ],
    },
    {
      name: 'settings',
      title: 'Settings',
      summary: (id, o) => compact({ ...basics(id, o), enabled: typeof o.enabled === 'boolean' ? o.enabled : undefined }),
      columns: [
        { heading: 'Setting', field: 'id', kind: 'id' },
        { heading: 'Enabled', field: 'enabled', kind: 'switch' },
      ],
    },
    // The daily quota counters.
    { name: 'usage', title: 'Usage', hidden: true },
  ],
  reset: { undeclared: true },
  controlRoutes: profileControlRoutes,
};
