import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startProcessing } from '../../src/services/ingestion/processing.js';
import { DEMO, platformHeaders, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';
import { SCOPE, createBatch, ingest, jsonLines, member, processingApp, uploadFile } from '../services/ingestion/processing-helpers.js';

interface Summary {
  id: string | number;
  name?: string;
  status?: string;
  updated?: string;
  [key: string]: unknown;
}
interface ScopeOverview {
  scope: string;
  product: string;
  label: string;
  collections: Record<string, { title: string; count: number; items: Summary[] }>;
}

async function resources(t: TestApp, query = ''): Promise<ScopeOverview[]> {
  const response = await t.inject({ method: 'GET', url: `/_mock/resources${query}` });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { scopes: ScopeOverview[] }).scopes;
}

const scopeOf = (scopes: ScopeOverview[], key: string) => {
  const found = scopes.find((scope) => scope.scope === key);
  assert.ok(found, `scope ${key} is listed: ${scopes.map((scope) => scope.scope).join(', ')}`);
  return found;
};

const TARGET = `target/${DEMO.tenant}`;

describe('GET /_mock/resources', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  test('the fixtures: scopes per product with labels, counts and the 50 newest summaries', async () => {
    const scopes = await resources(t);
    assert.equal(scopes[0]!.scope, SCOPE, 'Platform first');
    assert.ok(!scopes.some((scope) => scope.scope.startsWith('_')), 'internal scopes stay hidden');
    const platform = scopeOf(scopes, SCOPE);
    assert.equal(platform.product, 'platform');
    assert.equal(platform.label, `${DEMO.org} · sandbox prod`);
    assert.deepEqual(Object.keys(platform.collections).slice(0, 2), ['dataSets', 'batches']);
    assert.deepEqual(platform.collections.batches, { title: 'Batches', count: 0, items: [] });
    assert.equal(platform.collections.dataSets!.title, 'Datasets');
    assert.deepEqual(platform.collections.dataSets!.items, [
      {
        id: '5c8c3c555033b814b69f947f',
        name: 'LoyaltyMembersDataset',
        created: '2019-03-16T00:07:53.602Z',
        updated: '2019-03-16T00:07:53.602Z',
        schema: 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9',
      },
    ]);

    const target = scopeOf(scopes, TARGET);
    assert.equal(target.product, 'target');
    assert.equal(target.label, `tenant ${DEMO.tenant}`);
    assert.deepEqual(Object.keys(target.collections).slice(0, 3), ['activities', 'offers', 'audiences']);
    const offers = target.collections.offers!;
    assert.equal(offers.count, 1120);
    assert.equal(offers.items.length, 50);
    const times = offers.items.map((offer) => Date.parse(offer.updated!));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
    assert.deepEqual(offers.items[0], { id: 438180, name: 'My new offer', updated: '2017-07-10T20:46:53Z', workspace: '1234567' });
    assert.deepEqual(
      target.collections.activities!.items.find((activity) => activity.id === 168333),
      {
        id: 168333,
        name: 'My XT Activity',
        status: 'saved',
        type: 'xt',
        updated: '2017-07-07T18:22:10Z',
        priority: 0,
      },
    );
    for (const hidden of ['activityChangelogs', 'mboxParameters', 'reports', '_sequences']) assert.ok(!(hidden in target.collections), hidden);

    const ims = scopeOf(scopes, 'ims');
    assert.ok(!JSON.stringify(ims).includes('adobe-mock-secret'), 'no client secret in the summaries');
  });

  test('limit: counts only with 0, fewer summaries on request, 400 outside 0..500', async () => {
    const countsOnly = scopeOf(await resources(t, '?limit=0'), TARGET);
    assert.deepEqual(countsOnly.collections.offers, { title: 'Offers', count: 1120, items: [] });
    assert.equal(scopeOf(await resources(t, '?limit=2'), TARGET).collections.audiences!.items.length, 2);
    const refused = await t.inject({ method: 'GET', url: '/_mock/resources?limit=501' });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error, 'bad-request');
  });

  test('new objects come first; a deleted activity is gone; new scopes appear with their label', async () => {
    const created = await t.inject({
      method: 'POST',
      url: `/${DEMO.tenant}/target/offers/content`,
      headers: targetHeaders(token, { 'content-type': 'application/vnd.adobe.target.v2+json' }),
      payload: { name: 'Fresh offer', content: '<p>hi</p>' },
    });
    assert.equal(created.statusCode, 200, created.body);
    const offerId = created.json().id as number;
    const deleted = await t.inject({ method: 'DELETE', url: `/${DEMO.tenant}/target/activities/ab/168805`, headers: targetHeaders(token) });
    assert.equal(deleted.statusCode, 200, deleted.body);
    const sandbox = await t.inject({
      method: 'POST',
      url: '/data/foundation/catalog/dataSets',
      headers: { ...platformHeaders(token, { 'x-sandbox-name': 'dev' }), 'content-type': 'application/json' },
      payload: { name: 'Dev dataset' },
    });
    assert.equal(sandbox.statusCode, 201, sandbox.body);

    const scopes = await resources(t);
    const target = scopeOf(scopes, TARGET);
    assert.equal(target.collections.offers!.count, 1121);
    assert.equal(target.collections.offers!.items[0]!.id, offerId);
    assert.equal(target.collections.offers!.items[0]!.name, 'Fresh offer');
    assert.equal(target.collections.activities!.count, 9);
    assert.ok(!target.collections.activities!.items.some((activity) => activity.id === 168805));
    const dev = scopeOf(scopes, `platform/${DEMO.org}/dev`);
    assert.equal(dev.label, `${DEMO.org} · sandbox dev`);
    assert.equal(dev.collections.dataSets!.items[0]!.name, 'Dev dataset');
    assert.ok(scopes.indexOf(dev) < scopes.indexOf(target), 'Platform scopes stay together, before Target');

    await t.inject({ method: 'POST', url: '/_mock/reset' });
    assert.equal(scopeOf(await resources(t), TARGET).collections.offers!.count, 1120);
  });
});

describe('GET /_mock/resources: profiles', () => {
  test('a few attributes from either storage form, the batches, no bookkeeping; a huge collection lists the last stored', async () => {
    const t = await startApp();
    try {
      const scope = 'profile/dashboardclient';
      const profiles = t.ctx.store.collection(scope, 'profiles');
      const columns = ['city', 'tier', 'points'];
      // Above 20 000 objects the newest are the last stored, whatever their timestamps say.
      for (let n = 0; n < 20_001; n++) {
        profiles.put(`tnt-${n}`, { id: `tnt-${n}`, modifiedAt: '2026-01-01T00:00:00.000+00:00', columns, cells: ['Basel', '', String(n)].join('\u001f') });
      }
      profiles.put('tnt-x', { id: 'tnt-x', thirdPartyId: 'crm-1', modifiedAt: '2025-01-01T00:00:00.000+00:00', attributes: { a: '1', b: '2' } });
      t.ctx.store
        .collection(scope, 'batches')
        .put('b1', { id: 'b1', version: 2, createdAt: Date.parse('2026-01-01T00:00:00Z'), ids: ['x', 'y'], errors: { 2: 'bad' } });
      t.ctx.store.collection(scope, 'thirdPartyIds').put('crm-1', { id: 'crm-1', tntId: 'tnt-x' });
      t.ctx.store.collection(scope, 'usage').put('2026-01-01', { id: '2026-01-01', count: 1 });

      const overview = scopeOf(await resources(t, '?limit=2'), scope);
      assert.equal(overview.product, 'profile');
      assert.equal(overview.label, 'client code dashboardclient');
      assert.deepEqual(Object.keys(overview.collections), ['profiles', 'batches']);
      assert.deepEqual(overview.collections.profiles, {
        title: 'Profiles',
        count: 20_002,
        items: [
          { id: 'tnt-x', updated: '2025-01-01T00:00:00.000+00:00', thirdPartyId: 'crm-1', attributes: { a: '1', b: '2' } },
          { id: 'tnt-20000', updated: '2026-01-01T00:00:00.000+00:00', attributes: { city: 'Basel', points: '20000' } },
        ],
      });
      assert.deepEqual(overview.collections.batches, {
        title: 'Batches',
        count: 1,
        items: [{ id: 'b1', created: '2026-01-01T00:00:00.000Z', rows: 2, rejected: 1, version: 2 }],
      });
    } finally {
      await t.close();
    }
  });
});

describe('GET /_mock/resources: batches', () => {
  test('a processed batch shows its status, dataset and metrics', async () => {
    const t = await processingApp(0);
    try {
      const batch = await ingest(t, { format: 'json' }, { 'members.json': jsonLines([member(1), member(2), member(3)]) });
      assert.equal(batch.status, 'success');
      const summary = scopeOf(await resources(t), SCOPE).collections.batches!.items[0]!;
      assert.equal(summary.id, batch.id);
      assert.equal(summary.status, 'success');
      assert.equal(summary.dataSetId, '5c8c3c555033b814b69f947f');
      assert.equal(summary.format, 'json');
      assert.equal((summary.metrics as Record<string, unknown>).recordsRead, 3);
      assert.equal((summary.metrics as Record<string, unknown>).recordsWritten, 3);
      assert.equal(summary.updated, new Date(batch.updated).toISOString());
    } finally {
      await t.close();
    }
  });

  test('the lifecycle follows the emulator clock: staging, then the final state once the delay has passed', async () => {
    const t = await processingApp(600_000);
    try {
      const batchId = createBatch(t, { format: 'json' });
      await uploadFile(t, batchId, 'members.json', jsonLines([member(1)]));
      const statusNow = async () => scopeOf(await resources(t), SCOPE).collections.batches!.items.find((batch) => batch.id === batchId)!.status;
      assert.equal(await statusNow(), 'loading');
      startProcessing(t.ctx, SCOPE, batchId);
      assert.equal(await statusNow(), 'staging');
      await t.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '10m' } });
      let status = await statusNow();
      // Processing runs in real time in the background; its outcome shows once it is there.
      for (let attempt = 0; attempt < 100 && status !== 'success'; attempt++) {
        await sleep(20);
        status = await statusNow();
      }
      assert.equal(status, 'success');
    } finally {
      await t.close();
    }
  });
});
