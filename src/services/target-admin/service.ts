import { basics, compact, text } from '../../control/summaries.js';
import type { ColumnDeclaration, ServiceDeclaration } from '../declaration.js';
import { targetAdminRoutes } from './routes.js';

const modified: ColumnDeclaration = { heading: 'Modified', field: 'updated', kind: 'time' };

/** Target Admin keeps everything of a tenant in scope `target/<tenant>`. */
export const targetAdminService: ServiceDeclaration = {
  name: 'target-admin',
  product: 'target',
  prefixes: ['/:tenant/target'],
  routes: targetAdminRoutes,
  scopes: [{ kind: 'target', label: (rest) => `tenant ${rest.join('/')}` }],
  collections: [
    {
      name: 'activities',
      title: 'Activities',
      fixtures: true,
      primary: true,
      summary: (id, o) => compact({ ...basics(id, o), type: text(o.type), priority: o.priority }),
      // Deleted activities stay stored (references skip them) but are gone for the API.
      listed: (activity) => activity.state !== 'deleted',
      columns: [
        { heading: 'Id', field: 'id', kind: 'id' },
        { heading: 'Name', field: 'name', kind: 'name' },
        { heading: 'Type', field: 'type', kind: 'upper' },
        { heading: 'State', field: 'status', kind: 'badge' },
        modified,
      ],
    },
    {
      name: 'offers',
      title: 'Offers',
      fixtures: true,
      primary: true,
      summary: (id, o) => compact({ ...basics(id, o), workspace: text(o.workspace) }),
      columns: [{ heading: 'Id', field: 'id', kind: 'id' }, { heading: 'Name', field: 'name', kind: 'name' }, modified],
    },
    {
      name: 'audiences',
      title: 'Audiences',
      fixtures: true,
      primary: true,
      summary: (id, o) => compact({ ...basics(id, o), origin: text(o.origin) }),
      columns: [
        { heading: 'Id', field: 'id', kind: 'id' },
        { heading: 'Name', field: 'name', kind: 'name' },
        { heading: 'Origin', field: 'origin', kind: 'text' },
        modified,
      ],
    },
    { name: 'properties', title: 'Properties', fixtures: true },
    { name: 'environments', title: 'Environments', fixtures: true },
    { name: 'mboxes', title: 'Mboxes', fixtures: true },
    { name: 'profileAttributes', title: 'Profile attributes', fixtures: true },
    { name: 'activityChangelogs', title: 'Activity changelogs', fixtures: true, hidden: true },
    { name: 'mboxParameters', title: 'Mbox parameters', fixtures: true, hidden: true },
    { name: 'reports', title: 'Reports', fixtures: true, hidden: true },
    // Tokens of the Target UI's API authentication, also read by the Profile API.
    { name: 'authenticationTokens', title: 'Authentication tokens', hidden: true },
  ],
  reset: { undeclared: true },
};
