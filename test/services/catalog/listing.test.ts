import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { COLLECTIONS } from '../../../src/services/platform-objects.js';
import { DEMO } from '../../helpers.js';
import { catalogClient, catalogSpec, demoScope, problem, type CatalogClient } from './support.js';

const ORG = DEMO.org;

/** Batches b01..b30 in the dev sandbox: created 1000*i, statuses cycling, tags and datasets varied. */
function seedBatches(client: CatalogClient): void {
  const batches = client.t.ctx.store.collection<Record<string, unknown> & { id: string }>(demoScope('dev'), COLLECTIONS.batches);
  const statuses = ['success', 'failed', 'loading'];
  for (let i = 1; i <= 30; i += 1) {
    const id = `b${String(i).padStart(2, '0')}`;
    batches.put(id, {
      id,
      imsOrg: ORG,
      status: statuses[i % 3],
      created: 1000 * i,
      updated: 100_000 - 1000 * i,
      version: `1.0.${i}`,
      relatedObjects: [{ type: 'dataSet', id: i <= 10 ? 'dsA' : 'dsB' }],
      tags: {
        team: [i % 2 === 0 ? 'loyalty' : 'web'],
        ...(i % 5 === 0 ? { priority: ['high', 'urgent'] } : {}),
      },
      ...(i === 7 ? { note: null } : {}),
      ...(i % 10 === 0 ? { availableDates: { startDate: i, endDate: i + 100 } } : {}),
      recordCount: i * 10,
    });
  }
  const dataSets = client.t.ctx.store.collection<Record<string, unknown> & { id: string }>(demoScope('dev'), COLLECTIONS.dataSets);
  for (const [id, name, created] of [
    ['dsA', 'alpha', 5],
    ['dsB', 'beta', 3],
    ['dsC', 'alpha', 9],
    ['dsD', 'te*st', 1],
  ] as const) {
    dataSets.put(id, { id, name, created, updated: created, version: '1.0.0', imsOrg: ORG, tags: {} });
  }
  const files = client.t.ctx.store.collection<Record<string, unknown> & { id: string }>(demoScope('dev'), COLLECTIONS.dataSetFiles);
  files.put('b01-1', { id: 'b01-1', batchId: 'b01', dataSetId: 'dsA', name: 'a.json', created: 1, updated: 1, version: '1.0.0', records: 3 });
  files.put('b02-1', { id: 'b02-1', batchId: 'b02', dataSetId: 'dsA', name: 'b.json', created: 2, updated: 2, version: '1.0.0', records: 4 });
  files.put('b11-1', { id: 'b11-1', batchId: 'b11', dataSetId: 'dsB', name: 'c.json', created: 3, updated: 3, version: '1.0.0', records: 5 });
}

describe('Catalog listing parameters (filter-data.md)', () => {
  let client: CatalogClient;
  const list = async (path: string) => {
    const response = await client.request('GET', path, { sandbox: 'dev' });
    assert.equal(response.statusCode, 200, `${path}: ${response.body}`);
    return response.json() as Record<string, Record<string, unknown>>;
  };
  const ids = async (path: string) => Object.keys(await list(path));
  const rejected = async (path: string, detail: string) => {
    const response = await client.request('GET', path, { sandbox: 'dev' });
    assert.equal(response.statusCode, 400, path);
    assert.deepEqual(response.json(), problem(400, detail));
  };

  before(async () => {
    client = await catalogClient();
    seedBatches(client);
  });
  after(() => client.close());

  test('objects are keyed by id, without the id inside; 20 by default, in store order', async () => {
    const body = await list('/batches');
    assert.equal(Object.keys(body).length, 20);
    assert.deepEqual(Object.keys(body).slice(0, 3), ['b01', 'b02', 'b03']);
    assert.equal(body.b01!.id, undefined);
    assert.equal(body.b01!.status, 'failed');
    assert.deepEqual(catalogSpec.problems('GET', '/batches', 200, body), []);
  });

  test('limit: 1..100; 0, negative, above 100 or not a number → 400 explaining the range', async () => {
    assert.equal((await ids('/batches?limit=3')).length, 3);
    assert.equal((await ids('/batches?limit=100')).length, 30);
    for (const value of ['0', '-1', '101', 'abc', '2.5', '']) {
      if (value === '') continue; // empty means default
      await rejected(`/batches?limit=${value}`, `Invalid limit '${value}': limit must be an integer from 1 to 100 (default 20)`);
    }
    assert.equal((await ids('/batches?limit=')).length, 20);
  });

  test('limit and start from headers when the query has none; the query wins', async () => {
    const response = await client.request('GET', '/batches', { sandbox: 'dev', headers: { limit: '2', start: '1' } });
    assert.deepEqual(Object.keys(response.json()), ['b02', 'b03']);
    const both = await client.request('GET', '/batches?limit=1', { sandbox: 'dev', headers: { limit: '2' } });
    assert.deepEqual(Object.keys(both.json()), ['b01']);
  });

  test('start: zero-based offset; negative or not a number → 400', async () => {
    assert.deepEqual(await ids('/batches?start=2&limit=2'), ['b03', 'b04']);
    assert.deepEqual(await ids('/batches?start=29'), ['b30']);
    assert.deepEqual(await ids('/batches?start=30'), []);
    await rejected('/batches?start=-1', "Invalid start '-1': start must be a zero-based offset, an integer of 0 or more");
    await rejected('/batches?start=x', "Invalid start 'x': start must be a zero-based offset, an integer of 0 or more");
  });

  test('orderBy: desc:created (seed 000), asc:, plain field, several keys, sort alias; bad direction → 400', async () => {
    assert.deepEqual(await ids('/batches?orderBy=desc:created&limit=3'), ['b30', 'b29', 'b28']);
    assert.deepEqual(await ids('/batches?orderBy=asc:updated&limit=2'), ['b30', 'b29']);
    assert.deepEqual(await ids('/batches?orderBy=updated&limit=2'), ['b30', 'b29']);
    assert.deepEqual(await ids('/batches?orderBy=desc:created&limit=2&start=3'), ['b27', 'b26']);
    // status ascending (failed < loading < success), then created descending inside each status
    assert.deepEqual(await ids('/batches?orderBy=status,desc:created&limit=4'), ['b28', 'b25', 'b22', 'b19']);
    assert.deepEqual(await ids('/batches?sort=desc:recordCount&limit=1'), ['b30']);
    // versions compare by their parts: 1.0.10 after 1.0.9
    assert.deepEqual(await ids('/batches?orderBy=desc:version&limit=2'), ['b30', 'b29']);
    await rejected('/batches?orderBy=up:created', "Invalid orderBy 'up:created': expected asc:{PROPERTY} or desc:{PROPERTY}, comma-separated");
  });

  test('properties: only those requested; missing ones left out; none present → {}; present without value → {}', async () => {
    const body = await list('/batches?properties=status,nothing&limit=2');
    assert.deepEqual(body, { b01: { status: 'failed' }, b02: { status: 'loading' } });
    assert.deepEqual(await list('/batches?properties=nothing&limit=1'), { b01: {} });
    assert.deepEqual(await list('/batches?batch=b07&properties=note,status'), { b07: { note: {}, status: 'failed' } });
    assert.deepEqual(await list('/dataSets/dsA?properties=name'), { dsA: { name: 'alpha' } });
  });

  test('tags: name:value, * wildcards, name:* (has the tag), comma = AND; bad syntax → 400', async () => {
    assert.deepEqual(await ids('/batches?tags=priority:high'), ['b05', 'b10', 'b15', 'b20', 'b25', 'b30']);
    assert.deepEqual(await ids('/batches?tags=priority:urg*'), ['b05', 'b10', 'b15', 'b20', 'b25', 'b30']);
    assert.deepEqual(await ids('/batches?tags=priority:*'), ['b05', 'b10', 'b15', 'b20', 'b25', 'b30']);
    assert.deepEqual(await ids('/batches?tags=priority:*,team:loyalty'), ['b10', 'b20', 'b30']);
    assert.deepEqual(await ids('/batches?tags=team:*alty&limit=3'), ['b02', 'b04', 'b06']);
    assert.deepEqual(await ids('/batches?tags=team:l*y*'), await ids('/batches?tags=team:loyalty'));
    assert.deepEqual(await ids('/batches?tags=priority:low'), []);
    await rejected('/batches?tags=:x', "Invalid tags ':x': a tag name is missing before ':'");
  });

  test('createdAfter / createdBefore / updatedAfter / updatedBefore: exclusive, epoch ms; not a number → 400', async () => {
    assert.deepEqual(await ids('/batches?createdAfter=27000'), ['b28', 'b29', 'b30']);
    assert.deepEqual(await ids('/batches?createdBefore=3000'), ['b01', 'b02']);
    assert.deepEqual(await ids('/batches?createdAfter=10000&createdBefore=13000'), ['b11', 'b12']);
    assert.deepEqual(await ids('/batches?updatedBefore=72000'), ['b29', 'b30']);
    assert.deepEqual(await ids('/batches?updatedAfter=97000'), ['b01', 'b02']);
    assert.deepEqual(await ids('/batches?startAfter=15&endBefore=130'), ['b20']);
    await rejected('/batches?createdAfter=yesterday', "Invalid createdAfter 'yesterday': expected a Unix time in milliseconds");
  });

  test('simple filters on any top-level property: one value, several (any), ! (none)', async () => {
    assert.equal((await ids('/batches?status=success&limit=100')).length, 10);
    assert.deepEqual(await ids('/batches?status=success&orderBy=desc:created&limit=2'), ['b30', 'b27']);
    assert.equal((await ids('/batches?status=success,failed&limit=100')).length, 20);
    assert.equal((await ids('/batches?status=!success&limit=100')).length, 20);
    assert.equal((await ids('/batches?status=!success,failed&limit=100')).length, 10);
    assert.deepEqual(await ids('/batches?recordCount=120'), ['b12']);
    assert.deepEqual(await ids('/batches?status=nothing'), []);
    assert.deepEqual(await ids('/dataSets?name=alpha'), ['dsA', 'dsC']);
    assert.deepEqual(await ids('/dataSets?name=al*'), ['dsA', 'dsC']);
    assert.deepEqual(await ids('/dataSets?name=te**st'), ['dsD']);
    assert.deepEqual(await ids('/dataSets?name=alpha&orderBy=desc:created'), ['dsC', 'dsA']);
  });

  test('batches: dataSet= / dataSetId= match relatedObjects; batch= picks one batch (seed 001 monitoring)', async () => {
    assert.equal((await ids('/batches?dataSet=dsA&limit=100')).length, 10);
    assert.equal((await ids('/batches?dataSetId=dsB&limit=100')).length, 20);
    assert.deepEqual(await ids('/batches?dataSet=dsA&status=success'), ['b03', 'b06', 'b09']);
    assert.deepEqual(await ids('/batches?batch=b12'), ['b12']);
    assert.deepEqual(await ids('/batches?batch=nope'), []);
  });

  test('property= expressions: exists, !, ~regex, ==, !=, <, <=, >, >=; invalid regex → 400', async () => {
    assert.deepEqual(await ids('/batches?property=availableDates'), ['b10', 'b20', 'b30']);
    assert.equal((await ids('/batches?property=!availableDates&limit=100')).length, 27);
    assert.deepEqual(await ids('/dataSets?property=name~^al'), ['dsA', 'dsC']);
    assert.deepEqual(await ids('/dataSets?property=name==beta'), ['dsB']);
    assert.deepEqual(await ids('/dataSets?property=name!=alpha'), ['dsB', 'dsD']);
    assert.deepEqual(await ids('/batches?property=version>1.0.28'), ['b29', 'b30']);
    assert.deepEqual(await ids('/batches?property=version>=1.0.29'), ['b29', 'b30']);
    assert.deepEqual(await ids('/batches?property=recordCount<20'), ['b01']);
    assert.deepEqual(await ids('/batches?property=recordCount<=20'), ['b01', 'b02']);
    assert.deepEqual(await ids('/batches?property=recordCount>100&property=recordCount<130'), ['b11', 'b12']);
    await rejected('/dataSets?property=name~(', "Invalid property 'name~(': '(' is not a valid regular expression");
  });

  test('dataSetFiles: listed and looked up with their id inside, filtered by dataSetId / batchId', async () => {
    const body = await list('/dataSetFiles?dataSetId=dsA');
    assert.deepEqual(Object.keys(body), ['b01-1', 'b02-1']);
    assert.equal(body['b01-1']!.id, 'b01-1');
    assert.deepEqual(await ids('/dataSetFiles?batchId=b11'), ['b11-1']);
    assert.deepEqual(await list('/dataSetFiles/b11-1?properties=name,records'), { 'b11-1': { name: 'c.json', records: 5 } });
    const missing = await client.request('GET', '/dataSetFiles/nope', { sandbox: 'dev' });
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), problem(404, "No dataSetFile object with id 'nope' in this organization and sandbox"));
  });

  test('each answer shows the objects as they are now: a write between two listings shows in the next one', async () => {
    const listing = '/dataSets?orderBy=desc:created&limit=2';
    const before = await client.request('GET', listing, { sandbox: 'dev' });
    const stored = (name: string, time: number) => `{"name":"${name}","created":${time},"updated":${time},"version":"1.0.0","imsOrg":"${ORG}","tags":{}}`;
    assert.equal(before.body, `{"dsC":${stored('alpha', 9)},"dsA":${stored('alpha', 5)}}`);
    assert.equal((await client.request('GET', '/dataSets/dsC', { sandbox: 'dev' })).statusCode, 200);
    const patched = await client.request('PATCH', '/dataSets/dsC', { sandbox: 'dev', body: { name: 'gamma' } });
    assert.equal(patched.statusCode, 200);
    const changed = await list(listing);
    assert.equal(changed.dsC!.name, 'gamma');
    assert.equal(changed.dsC!.version, '1.0.1');
    const lookedUp = await client.request('GET', '/dataSets/dsC?properties=name', { sandbox: 'dev' });
    assert.equal(lookedUp.body, '{"dsC":{"name":"gamma"}}');
    assert.equal(lookedUp.headers.etag, '"1.0.1"');
    assert.equal((await list('/dataSets/dsC')).dsC!.name, 'gamma');
    const dataSets = client.t.ctx.store.collection<Record<string, unknown> & { id: string }>(demoScope('dev'), COLLECTIONS.dataSets);
    dataSets.put('dsE', { id: 'dsE', name: 'epsilon', created: 10, updated: 10, version: '1.0.0' });
    assert.deepEqual(await ids(listing), ['dsE', 'dsC']);
    dataSets.delete('dsE');
    assert.deepEqual(await ids(listing), ['dsC', 'dsA']);
    assert.deepEqual(await ids(listing), ['dsC', 'dsA']);
  });

  test('several ids in one lookup; unknown ones left out', async () => {
    const body = await list('/batches/b01,b02,nope?properties=status');
    assert.deepEqual(body, { b01: { status: 'failed' }, b02: { status: 'loading' } });
  });

  test('GET /batches/uniques/{FIELD}: distinct values over the matching batches', async () => {
    assert.deepEqual((await client.request('GET', '/batches/uniques/status', { sandbox: 'dev' })).json(), ['failed', 'loading', 'success']);
    assert.deepEqual((await client.request('GET', '/batches/uniques/status?dataSet=dsA&orderBy=desc:created', { sandbox: 'dev' })).json(), [
      'failed',
      'success',
      'loading',
    ]);
    const response = await client.request('GET', '/batches/uniques/status', { sandbox: 'dev' });
    assert.deepEqual(catalogSpec.problems('GET', '/batches/uniques/status', 200, response.json()), []);
  });

  test('GET /lastBatches: last, last successful and last failed batch per dataset', async () => {
    const body = await list('/lastBatches?dataSetId=dsA');
    assert.deepEqual(body, {
      dsA: {
        lastBatchId: 'b10',
        lastBatchStatus: 'failed',
        lastSuccessfulBatchId: 'b09',
        lastFailedBatchId: 'b10',
        imsOrg: ORG,
        created: 10000,
        updated: 90000,
      },
    });
    assert.deepEqual(catalogSpec.problems('GET', '/lastBatches', 200, body), []);
    assert.deepEqual(await ids('/lastBatches'), ['dsA', 'dsB']);
  });

  test('GET /tags/{namespace}: values and the objects carrying the tag; unknown tag → 404', async () => {
    const response = await client.request('GET', '/tags/priority', { sandbox: 'dev' });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(body.priority, ['high', 'urgent']);
    assert.deepEqual(body.objectType.batches, ['@/Batch/b05', '@/Batch/b10', '@/Batch/b15', '@/Batch/b20', '@/Batch/b25', '@/Batch/b30']);
    assert.deepEqual(catalogSpec.problems('GET', '/tags/priority', 200, body), []);
    const unknown = await client.request('GET', '/tags/none', { sandbox: 'dev' });
    assert.equal(unknown.statusCode, 404);
    assert.deepEqual(unknown.json(), problem(404, "No tag object with id 'none' in this organization and sandbox"));
  });

  test('unknown object type → 404', async () => {
    for (const type of ['foo', 'dataSetViews', 'accounts']) {
      const response = await client.request('GET', `/${type}`, { sandbox: 'dev' });
      assert.equal(response.statusCode, 404);
      assert.deepEqual(response.json(), problem(404, `Unknown Catalog object type '${type}'; this emulator serves dataSets, batches, dataSetFiles`));
    }
  });

  test("the listing answers only the caller's org and sandbox", async () => {
    assert.equal((await client.request('GET', '/batches?batch=b01', { sandbox: 'prod' })).body, '{}');
  });
});

describe('Catalog dataSets listing: observableSchema caps the page at 20', () => {
  test('properties=observableSchema → at most 20 datasets even with limit=100', async () => {
    const client = await catalogClient();
    try {
      const dataSets = client.t.ctx.store.collection<Record<string, unknown> & { id: string }>(demoScope('dev'), COLLECTIONS.dataSets);
      for (let i = 0; i < 25; i += 1) dataSets.put(`d${i}`, { id: `d${i}`, name: `d${i}`, created: i, updated: i, version: '1.0.0', observableSchema: {} });
      const capped = await client.request('GET', '/dataSets?limit=100&properties=name,observableSchema', { sandbox: 'dev' });
      assert.equal(Object.keys(capped.json()).length, 20);
      const plain = await client.request('GET', '/dataSets?limit=100&properties=name', { sandbox: 'dev' });
      assert.equal(Object.keys(plain.json()).length, 25);
      const batched = await client.request('POST', '/', {
        sandbox: 'dev',
        body: [{ id: 'one', method: 'PATCH', resource: '/dataSets/d1', body: { name: 'x' }, headers: { 'content-length': '1', 'If-Match': '"1.0.0"' } }],
      });
      assert.deepEqual(batched.json(), [{ id: 'one', code: 200, body: ['@/dataSets/d1'] }]);
    } finally {
      await client.close();
    }
  });
});
