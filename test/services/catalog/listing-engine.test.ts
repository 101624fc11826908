import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allMatches, planListing, runListing } from '../../../src/services/catalog/listing.js';

/** A deterministic pseudo-random sequence. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

describe('Catalog listing engine (no HTTP)', () => {
  const next = random(3);
  const objects = Array.from({ length: 3000 }, (_, index) => ({
    id: `o${index}`,
    // few distinct values: many ties, which must keep store order
    rank: Math.floor(next() * 7),
    created: Math.floor(next() * 50),
    status: next() < 0.5 ? 'success' : 'failed',
    ...(next() < 0.1 ? {} : { name: `n${Math.floor(next() * 5)}` }),
  }));

  test('the bounded top-k page equals the same slice of a full stable sort, for many orders and offsets', () => {
    for (const orderBy of ['desc:created', 'asc:rank', 'rank,desc:created', 'desc:name,created', 'name']) {
      for (const [start, limit] of [
        [0, 20],
        [200, 100],
        [1490, 100],
        [2990, 100],
        [5000, 10],
      ] as const) {
        const query = { orderBy, start: String(start), limit: String(limit), status: 'success' };
        const plan = planListing(query);
        const expected = allMatches(objects, plan)
          .slice(start, start + limit)
          .map((object) => object.id);
        assert.deepEqual(
          runListing(objects, plan).map((object) => object.id),
          expected,
          `${orderBy} start=${start} limit=${limit}`,
        );
      }
    }
  });

  test('hostile property names neither match nor crash', () => {
    for (const query of [
      { __proto__: 'x' },
      { constructor: 'x' },
      { orderBy: 'desc:__proto__' },
      { properties: '__proto__,constructor' },
      { tags: '__proto__:*' },
      { property: 'constructor' },
    ]) {
      const plan = planListing(JSON.parse(JSON.stringify(query)) as Record<string, unknown>);
      const page = runListing(objects, plan);
      assert.ok(Array.isArray(page));
    }
    assert.equal(runListing(objects, planListing(JSON.parse('{"constructor":"x"}'))).length, 0);
    assert.equal(runListing(objects, planListing({ property: 'constructor' })).length, 0);
    assert.equal(runListing(objects, planListing({ property: '!constructor', limit: '100' })).length, 100);
  });
});
