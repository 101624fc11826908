/**
 * The Schema Registry's unions on the dashboard: computed from the schemas tagged `union` (a
 * view declared by the schemas service, never stored), listed per sandbox by /_mock/resources
 * with their member schemas, and declared with their columns in the page's first data.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DashboardDeclarations } from '../../src/dashboard/first-data.js';
import { DEMO, platformHeaders, startApp, tokenFor, type TestApp } from '../helpers.js';
import { primaryEmailIdentity } from '../services/schemas/support.js';

const REGISTRY = '/data/foundation/schemaregistry';
const PROFILE = 'https://ns.adobe.com/xdm/context/profile';
const LOYALTY_SCHEMA = 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9';
const PROD = `platform/${DEMO.org}/prod`;
const DEV = `platform/${DEMO.org}/dev`;

interface Overview {
  scope: string;
  collections: Record<string, { title: string; count: number; items: Array<Record<string, unknown>> }>;
}

describe('dashboard: Schema Registry unions and their member schemas', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());
  beforeEach(() => t.ctx.reset());

  async function scopes(): Promise<Overview[]> {
    const response = await t.inject({ method: 'GET', url: '/_mock/resources' });
    assert.equal(response.statusCode, 200, response.body);
    return (response.json() as { scopes: Overview[] }).scopes;
  }

  async function registry(method: 'POST' | 'PATCH', path: string, body: unknown, sandbox = 'prod'): Promise<Record<string, unknown>> {
    const response = await t.inject({
      method,
      url: `${REGISTRY}${path}`,
      headers: platformHeaders(token, { 'content-type': 'application/json', 'x-sandbox-name': sandbox }),
      payload: JSON.stringify(body),
    });
    assert.ok(response.statusCode < 300, response.body);
    return response.json();
  }

  /** A Profile schema with the personal email as its primary identity, enabled for Profile. */
  async function profileSchema(title: string, sandbox: string): Promise<string> {
    const schema = await registry(
      'POST',
      '/tenant/schemas',
      { title, type: 'object', allOf: [{ $ref: PROFILE }, { $ref: 'https://ns.adobe.com/xdm/context/profile-personal-details' }] },
      sandbox,
    );
    await registry('POST', '/tenant/descriptors', primaryEmailIdentity(String(schema.$id)), sandbox);
    await registry(
      'PATCH',
      `/tenant/schemas/${encodeURIComponent(String(schema.$id))}`,
      [{ op: 'add', path: '/meta:immutableTags', value: ['union'] }],
      sandbox,
    );
    return String(schema.$id);
  }

  test('the fixture sandbox lists the Profile union with the Loyalty Members schema; the page declares its columns', async () => {
    const prod = (await scopes()).find((scope) => scope.scope === PROD);
    assert.ok(prod);
    assert.deepEqual(prod.collections.unions, {
      title: 'Unions (schemas enabled for Profile)',
      count: 1,
      items: [
        {
          id: `${PROFILE}__union`,
          name: 'XDM Individual Profile',
          class: PROFILE,
          members: 'Loyalty Members',
          memberIds: [LOYALTY_SCHEMA],
        },
      ],
    });
    assert.equal(prod.collections.descriptors?.count, 1, 'the fixture primary identity descriptor');

    const page = await t.inject({ method: 'GET', url: '/' });
    const json = /<script type="application\/json" id="first-data">(.*?)<\/script>/s.exec(page.body)?.[1];
    assert.ok(json, 'the page carries its first data');
    const { dashboard, resources } = JSON.parse(json) as { dashboard: DashboardDeclarations; resources: { scopes: Overview[] } };
    assert.deepEqual(dashboard.collections.platform?.unions, {
      title: 'Unions (schemas enabled for Profile)',
      columns: [
        { heading: 'Union', field: 'id', kind: 'id' },
        { heading: 'Class', field: 'name', kind: 'name' },
        { heading: 'Member schemas', field: 'members', kind: 'text' },
      ],
      open: false,
    });
    assert.deepEqual(resources.scopes.find((scope) => scope.scope === PROD)?.collections.unions, prod.collections.unions);
  });

  test('a schema joining the union shows up as a member; another sandbox has its own unions; nothing is stored', async () => {
    const guests = await profileSchema('Hotel guests', 'prod');
    let all = await scopes();
    const union = all.find((scope) => scope.scope === PROD)?.collections.unions;
    assert.equal(union?.count, 1);
    assert.equal(union?.items[0]?.members, 'Loyalty Members, Hotel guests');
    assert.deepEqual(union?.items[0]?.memberIds, [LOYALTY_SCHEMA, guests]);

    // the dev sandbox has no union until one of its schemas is enabled for Profile
    await registry('POST', '/tenant/fieldgroups', { title: 'Nothing', type: 'object', 'meta:intendedToExtend': [PROFILE] }, 'dev');
    assert.equal(
      all.find((scope) => scope.scope === DEV),
      undefined,
    );
    all = await scopes();
    assert.equal(all.find((scope) => scope.scope === DEV)?.collections.unions, undefined, 'no union, no table');
    const visitors = await profileSchema('Visitors', 'dev');
    all = await scopes();
    assert.deepEqual(all.find((scope) => scope.scope === DEV)?.collections.unions?.items[0]?.memberIds, [visitors]);

    // computed: no store collection holds it, so the state export has none
    const state = await t.inject({ method: 'GET', url: '/_mock/state' });
    const exported = (state.json() as { scopes: Record<string, Record<string, unknown>> }).scopes;
    assert.ok(!('unions' in (exported[PROD] ?? {})) && !('unions' in (exported[DEV] ?? {})));
    assert.ok(!t.ctx.store.collectionNames(PROD).includes('unions'));
  });
});
