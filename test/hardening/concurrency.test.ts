/**
 * Concurrency (issue 8): many simultaneous requests never lose or merge objects, concurrent
 * writes to one object end in one of the written states with every change recorded, and
 * concurrent batches never leave partial state behind.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, platformHeaders, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';

const CATALOG = '/data/foundation/catalog';
const TARGET = `/${DEMO.tenant}/target`;
const CREATES = 1000;

describe('concurrency', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  const json = () => ({ 'content-type': 'application/json' });

  test(`${CREATES} concurrent Target offer creates → ${CREATES} distinct offers, all listed`, async () => {
    const responses = await Promise.all(
      Array.from({ length: CREATES }, (_, i) =>
        t.inject({
          method: 'POST',
          url: `${TARGET}/offers/content`,
          headers: { ...targetHeaders(token), ...json() },
          payload: { name: `concurrent offer ${i}`, content: `<p>${i}</p>` },
        }),
      ),
    );
    assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [200]);
    const ids = new Set(responses.map((r) => (r.json() as { id: number }).id));
    assert.equal(ids.size, CREATES);
    const listed = (await t.inject({ method: 'GET', url: `${TARGET}/offers?name=concurrent%20offer`, headers: targetHeaders(token) })).json() as {
      total: number;
      offers: Array<{ id: number }>;
    };
    assert.equal(listed.total, CREATES);
    assert.deepEqual(new Set(listed.offers.map((offer) => offer.id)), ids);
  });

  test(`${CREATES} concurrent Catalog dataset creates → ${CREATES} distinct datasets, all listed`, async () => {
    const responses = await Promise.all(
      Array.from({ length: CREATES }, (_, i) =>
        t.inject({
          method: 'POST',
          url: `${CATALOG}/dataSets`,
          headers: { ...platformHeaders(token), ...json() },
          payload: { name: `concurrent dataset ${i}` },
        }),
      ),
    );
    assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [201]);
    const ids = new Set(responses.map((r) => (r.json() as string[])[0]!.replace('@/dataSets/', '')));
    assert.equal(ids.size, CREATES);
    const listed = new Set<string>();
    for (let start = 0; ; start += 100) {
      const page = (
        await t.inject({ method: 'GET', url: `${CATALOG}/dataSets?limit=100&start=${start}&properties=name`, headers: platformHeaders(token) })
      ).json() as Record<string, { name: string }>;
      const entries = Object.entries(page);
      for (const [id, dataset] of entries) if (dataset.name.startsWith('concurrent dataset ')) listed.add(id);
      if (entries.length < 100) break;
    }
    assert.deepEqual(listed, ids);
  });

  test('concurrent renames of one activity: it ends with one of the written names, and the changelog has every change', async () => {
    const list = (await t.inject({ method: 'GET', url: `${TARGET}/activities`, headers: targetHeaders(token) })).json() as {
      activities: Array<{ id: number }>;
    };
    const id = list.activities[0]!.id;
    const changelogTotal = async () =>
      ((await t.inject({ method: 'GET', url: `${TARGET}/activities/${id}/changelog`, headers: targetHeaders(token) })).json() as { total: number }).total;
    const before = await changelogTotal();
    const names = Array.from({ length: 50 }, (_, i) => `renamed concurrently ${i}`);
    const responses = await Promise.all(
      names.map((name) =>
        t.inject({ method: 'PUT', url: `${TARGET}/activities/${id}/name`, headers: { ...targetHeaders(token), ...json() }, payload: { name } }),
      ),
    );
    assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [200]);
    const final = (await t.inject({ method: 'GET', url: `${TARGET}/activities?id=${id}`, headers: targetHeaders(token) })).json() as {
      activities: Array<{ name: string }>;
    };
    assert.ok(names.includes(final.activities[0]!.name), `final name ${final.activities[0]!.name}`);
    assert.equal(await changelogTotal(), before + names.length);
  });

  test('concurrent Catalog batched requests: each either applies whole or leaves nothing', async () => {
    const runs = Array.from({ length: 40 }, (_, i) => ({ i, fails: i % 2 === 1 }));
    const responses = await Promise.all(
      runs.map(({ i, fails }) =>
        t.inject({
          method: 'POST',
          url: `${CATALOG}/`,
          headers: { ...platformHeaders(token), ...json() },
          payload: [
            { id: 'a', resource: '/dataSets', method: 'POST', body: { name: `batched ${i} a` } },
            { id: 'b', resource: '/dataSets', method: 'POST', body: { name: `batched ${i} b` } },
            { id: 'c', resource: '/dataSets/<<a.id>>', method: 'PATCH', body: { name: `batched ${i} a renamed` } },
            ...(fails ? [{ id: 'd', resource: '/dataSets', method: 'POST', body: { name: 'bad', schemaRef: { id: 'nope' } } }] : []),
          ],
        }),
      ),
    );
    assert.deepEqual([...new Set(responses.map((r) => r.statusCode))], [201]);
    const names = new Set<string>();
    for (let start = 0; ; start += 100) {
      const page = (
        await t.inject({ method: 'GET', url: `${CATALOG}/dataSets?limit=100&start=${start}&properties=name`, headers: platformHeaders(token) })
      ).json() as Record<string, { name: string }>;
      for (const dataset of Object.values(page)) if (dataset.name.startsWith('batched ')) names.add(dataset.name);
      if (Object.keys(page).length < 100) break;
    }
    const expected = new Set(runs.filter((run) => !run.fails).flatMap(({ i }) => [`batched ${i} a renamed`, `batched ${i} b`]));
    assert.deepEqual(names, expected);
  });
});
