/**
 * Issue 14, item 2: an operation of POST /batch never runs a nested batch, however its
 * relativeUrl spells /batch (percent-encoded, double-encoded, dot segments, case, slashes,
 * a version prefix, a query). Each is that operation's 404; its siblings still run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { batchSession, offer, type BatchSession } from '../services/target-admin/batch-support.js';

const SPELLINGS = [
  '/%62atch',
  '/%2562atch',
  '/%25%36%32atch',
  '/./batch',
  '/x/../batch',
  '/BATCH',
  '/Ba%54ch',
  '//batch',
  '/batch/',
  '/batch//',
  '/v1/batch',
  '/v3/%62atch',
  '/%761/batch',
  '/batch?x=1',
  '/%62atch%3Fx=1',
];
const NOT_FOUND = [{ errorCode: 'Resource.NotFound', message: 'No Admin API operation matches this relativeUrl' }];

describe('batch: nested batches by any spelling', () => {
  let s: BatchSession;
  before(async () => (s = await batchSession()));
  after(() => s.close());

  test('each spelling of /batch is that operation 404; the sibling runs; nothing nested runs', async () => {
    const before = await s.call('GET', '/offers', undefined, 2);
    const nested = (n: number) => ({ operations: [{ operationId: 0, method: 'POST', relativeUrl: '/offers/content', body: offer(`nested-${n}`) }] });
    const operations = [
      { operationId: 0, method: 'POST', relativeUrl: '/offers/content', body: offer('sibling') },
      ...SPELLINGS.map((relativeUrl, n) => ({ operationId: n + 1, method: 'POST', relativeUrl, body: nested(n) })),
    ];
    const results = await s.results({ operations });
    assert.equal(results.get(0)!.statusCode, 200, JSON.stringify(results.get(0)));
    SPELLINGS.forEach((spelling, n) => {
      const result = results.get(n + 1)!;
      assert.equal(result.statusCode, 404, `${spelling} → ${JSON.stringify(result)}`);
      assert.equal(result.body.httpStatus, 404);
      assert.deepEqual(result.body.errors, NOT_FOUND, spelling);
    });
    const names = ((await s.call('GET', '/offers', undefined, 2)).json() as { offers: Array<{ name: string }> }).offers.map((o) => o.name);
    assert.deepEqual(
      names.filter((name) => name.startsWith('nested-')),
      [],
    );
    assert.equal(names.length, (before.json() as { offers: unknown[] }).offers.length + 1);
  });

  test('paths that only look alike still run', async () => {
    const results = await s.results({
      operations: [
        { operationId: 0, method: 'GET', relativeUrl: '/offers?name=batch' },
        { operationId: 1, method: 'GET', relativeUrl: '/v1/offers' },
      ],
    });
    assert.deepEqual([results.get(0)!.statusCode, results.get(1)!.statusCode], [200, 200]);
  });
});
