/**
 * The services' declarations (src/services/<service>/service.ts) are what the control plane
 * knows about their data: every declared collection travels in the state export, goes back with
 * a full reset and with its service's reset, and is known to the dashboard.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PRODUCT_FAMILIES, SERVICES } from '../../src/services/registry.js';
import type { ServiceDeclaration } from '../../src/services/declaration.js';
import { scopeKind } from '../../src/control/declared.js';
import type { DashboardDeclarations } from '../../src/dashboard/first-data.js';
import { startApp, type TestApp } from '../helpers.js';

const PROBE = 'declared-probe';
/** What the probes hold: a name, and what a tenant set's record needs for a reset to drop it (its scopes, its integration). */
const PROBE_OBJECT = { id: PROBE, name: 'Probe', sandboxes: [], imsOrg: 'PROBE@AdobeOrg', tenant: PROBE, clientCode: PROBE, clientId: PROBE };

type Exported = Record<string, Record<string, Array<[string, unknown]>>>;

async function exported(t: TestApp): Promise<Exported> {
  const response = await t.inject({ method: 'GET', url: '/_mock/state' });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { scopes: Exported }).scopes;
}

const hasProbe = (state: Exported, scope: string, collection: string) => (state[scope]?.[collection] ?? []).some(([id]) => id === PROBE);

/** Where a service keeps its data: one fixture scope of each of its kinds. */
function sampleScopes(t: TestApp, service: ServiceDeclaration): string[] {
  return service.scopes.map(({ kind }) => {
    const scope = t.ctx.store.scopeKeys().find((key) => scopeKind(key) === kind);
    assert.ok(scope, `the fixtures hold a scope of kind '${kind}' (service ${service.name})`);
    return scope;
  });
}

/** A probe object in every collection of the service, in each of its scopes. */
function plantProbes(t: TestApp, service: ServiceDeclaration): Array<[string, string]> {
  const planted: Array<[string, string]> = [];
  for (const scope of sampleScopes(t, service)) {
    for (const { name } of service.collections) {
      t.ctx.store.collection(scope, name).put(PROBE, structuredClone(PROBE_OBJECT));
      planted.push([scope, name]);
    }
  }
  return planted;
}

describe('Service declarations', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp();
  });
  after(() => t.close());

  test('each product family has its own place on the dashboard', () => {
    const positions = Object.values(PRODUCT_FAMILIES).map((family) => family.dashboardPosition).sort();
    assert.deepEqual(positions, positions.map((_, index) => index));
  });

  test('every service is declared once, for a known product, with collections named once per kind of scope', () => {
    assert.equal(new Set(SERVICES.map((service) => service.name)).size, SERVICES.length);
    for (const service of SERVICES) {
      assert.ok(service.product in PRODUCT_FAMILIES, service.name);
      assert.ok(service.scopes.length > 0, `${service.name} says where its data lives`);
      for (const other of service.reset.together ?? []) assert.ok(SERVICES.some((entry) => entry.name === other), `${service.name} resets with ${other}`);
    }
    const owners = new Map<string, string>();
    for (const service of SERVICES) {
      for (const { kind } of service.scopes) {
        for (const { name } of service.collections) {
          const key = `${kind}/${name}`;
          assert.ok(!owners.has(key), `${key} is declared by ${owners.get(key)} and ${service.name}`);
          owners.set(key, service.name);
        }
      }
    }
  });

  test('every collection of the fixtures is declared by a service of its scope, as fixture-owned', () => {
    for (const scope of t.ctx.state.knownScopes()) {
      for (const name of t.ctx.store.collectionNames(scope)) {
        if (name.startsWith('_')) continue;
        const declared = SERVICES.filter((service) => service.scopes.some(({ kind }) => kind === scopeKind(scope)))
          .flatMap((service) => service.collections)
          .find((collection) => collection.name === name);
        assert.ok(declared, `${scope} ${name} is declared`);
        assert.equal(declared.fixtures, true, `${scope} ${name} is declared as loaded from the fixtures`);
      }
    }
  });

  for (const service of SERVICES) {
    test(`${service.name}: its collections are exported, and put back by its reset and by a full reset`, async () => {
      const planted = plantProbes(t, service);
      let state = await exported(t);
      for (const [scope, name] of planted) assert.ok(hasProbe(state, scope, name), `GET /_mock/state holds ${scope} ${name}`);

      const reset = await t.inject({ method: 'POST', url: `/_mock/reset?service=${service.name}` });
      assert.equal(reset.statusCode, 200, reset.body);
      state = await exported(t);
      for (const [scope, name] of planted) assert.ok(!hasProbe(state, scope, name), `reset?service=${service.name} puts ${scope} ${name} back`);

      plantProbes(t, service);
      assert.equal((await t.inject({ method: 'POST', url: '/_mock/reset' })).statusCode, 200);
      state = await exported(t);
      for (const [scope, name] of planted) assert.ok(!hasProbe(state, scope, name), `a full reset puts ${scope} ${name} back`);
    });
  }

  test('the dashboard knows every shown collection: /_mock/resources lists it with its title, the page carries its columns', async () => {
    const planted = SERVICES.flatMap((service) => plantProbes(t, service).map(([scope, name]) => ({ service, scope, name })));
    const page = await t.inject({ method: 'GET', url: '/' });
    const json = /<script type="application\/json" id="first-data">(.*?)<\/script>/s.exec(page.body)?.[1];
    assert.ok(json, 'the page carries its first data');
    const dashboard = (JSON.parse(json) as { dashboard: DashboardDeclarations }).dashboard;
    const resources = (await t.inject({ method: 'GET', url: '/_mock/resources' })).json() as {
      scopes: Array<{ scope: string; product: string; collections: Record<string, { title: string }> }>;
    };

    for (const [product, { title }] of Object.entries(PRODUCT_FAMILIES)) assert.equal(dashboard.products[product as keyof typeof PRODUCT_FAMILIES], title);
    for (const { service, scope, name } of planted) {
      const declaration = service.collections.find((collection) => collection.name === name)!;
      const listed = resources.scopes.find((overview) => overview.scope === scope);
      assert.ok(listed, `${scope} is listed`);
      assert.ok(listed.product in dashboard.products, `${scope}'s product has a title`);
      const view = dashboard.collections[scopeKind(scope)]?.[name];
      if (declaration.hidden) {
        assert.equal(listed.collections[name], undefined, `${scope} ${name} is hidden`);
        assert.equal(view, undefined, `${scope} ${name} has no view`);
        continue;
      }
      assert.equal(listed.collections[name]?.title, declaration.title, `${scope} ${name} is listed with its title`);
      assert.ok(view, `${scope} ${name} has a view`);
      assert.equal(view.title, declaration.title);
      assert.equal(view.open, declaration.primary === true);
      assert.ok(view.columns.length > 0, `${scope} ${name} has columns`);
    }
    assert.equal((await t.inject({ method: 'POST', url: '/_mock/reset' })).statusCode, 200);
  });
});
