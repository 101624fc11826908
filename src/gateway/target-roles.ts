import type { FastifyContextConfig } from 'fastify';
import type { Integration } from '../auth/integrations.js';

/**
 * Target roles (seed 002, "Permissions & Throttling": the batch needs at least editor, and each
 * operation needs the rights of the same call made directly). The documents name no other rule;
 * the rights follow Target's own roles: viewer (Target's "observer") reads; editor also creates,
 * changes and deletes; approver also changes activity states; publisher reads and changes
 * activity states. The role table of docs/target-admin.md says the same.
 */
export type TargetRight = 'read' | 'edit' | 'activate';

const RIGHTS: Record<Integration['role'], readonly TargetRight[]> = {
  viewer: ['read'],
  editor: ['read', 'edit'],
  approver: ['read', 'edit', 'activate'],
  publisher: ['read', 'activate'],
};

const WHAT: Record<TargetRight, string> = {
  read: 'reading objects',
  edit: 'creating, changing or deleting objects',
  activate: "changing an activity's state",
};

/** What a route needs: fixed, or read from the request body (decided once the body is parsed). */
export type RightsRule = readonly TargetRight[] | ((body: unknown) => readonly TargetRight[]);

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const READ: readonly TargetRight[] = ['read'];
const EDIT: readonly TargetRight[] = ['edit'];

/** A route's rule: its `rights` config, else reads for GET/HEAD and edits for every other method. */
export function rightsRule(method: string, config: FastifyContextConfig | undefined): RightsRule {
  return config?.rights ?? (READS.has(method) ? READ : EDIT);
}

/** Activities: a `state` that puts an activity live or stops it needs the activate right as well. */
export const activityBodyRights = (body: unknown): readonly TargetRight[] => {
  const state = typeof body === 'object' && body !== null ? (body as { state?: unknown }).state : undefined;
  return state === 'approved' || state === 'deactivated' ? ['edit', 'activate'] : ['edit'];
};

/**
 * Why the caller's integration may not do this (the 403 message), else null. An integration
 * without a role (permissive mode's unknown clients, older imported state) is not restricted;
 * a role the table does not know has no rights.
 */
export function refusal(integration: Integration | undefined, needed: readonly TargetRight[]): string | null {
  const role = integration?.role;
  if (role === undefined) return null;
  const held = Object.hasOwn(RIGHTS, role) ? RIGHTS[role] : [];
  const missing = needed.find((right) => !held.includes(right));
  if (missing === undefined) return null;
  const roles = (Object.keys(RIGHTS) as Integration['role'][]).filter((name) => RIGHTS[name].includes(missing));
  return `The integration's role '${role}' does not allow ${WHAT[missing]} (roles that do: ${roles.join(', ')})`;
}
