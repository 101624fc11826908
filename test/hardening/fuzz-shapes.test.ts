/**
 * Property-based fuzzing with requests that are valid in shape but hostile in content (issue 14):
 * valid objects carrying deep or wide free-form fields, JSON Patch documents with hostile paths,
 * Target /batch operations with percent-encoded and dot-segment relativeUrls and their own header
 * lists carrying secrets.
 *
 * Invariants: no 5xx; every 4xx in its product's envelope; a rejected request changes nothing; no
 * prototype pollution; the journal never shows a secret; afterwards every listing and the state
 * export still answer. The run happens once in memory and once with a data file, and the data file
 * must reload into exactly the state the server held.
 * Seeded and bounded; `FUZZ_RUNS` / `FUZZ_SEED` override the defaults.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { envelopeForUrl } from '../../src/services/registry.js';
import { MAX_JSON_DEPTH as JSON_DEPTH_LIMIT } from '../../src/gateway/json-body.js';
import { DEMO, platformHeaders, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';
import { assertInEnvelope } from './envelopes.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2500) / 5;
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const TIME_LIMIT_MS = 30_000;
const SECRET = 'fuzz-secret-7f3a';
const CATALOG = '/data/foundation/catalog';
const TARGET = `/${DEMO.tenant}/target`;

/** A value nested `depth` levels of arrays and objects, built without recursion. */
function deepValue(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** Free-form content: deep (on both sides of the door's limit), wide, or ordinary JSON. */
const freeForm = fc.oneof(
  fc.integer({ min: 1, max: JSON_DEPTH_LIMIT * 3 }).map(deepValue),
  fc.integer({ min: JSON_DEPTH_LIMIT - 8, max: JSON_DEPTH_LIMIT + 2 }).map(deepValue),
  fc.integer({ min: 100, max: 5000 }).map((keys) => Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]))),
  fc.integer({ min: 100, max: 20_000 }).map((length) => Array.from({ length }, (_, i) => i)),
  fc.jsonValue({ maxDepth: 3 }),
);

const pointerSegment = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'length',
  'tags',
  'name',
  'description',
  'x',
  '-',
  '0',
  '1',
  '~0',
  '~1',
  '',
  '%5F%5Fproto%5F%5F',
);
const pointer = fc.array(pointerSegment, { minLength: 0, maxLength: 4 }).map((segments) => (segments.length === 0 ? '' : `/${segments.join('/')}`));
const patchOperation = fc.record(
  { op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', '_get', 'bogus'), path: pointer, from: pointer, value: freeForm },
  { requiredKeys: ['op', 'path'] },
);

/** relativeUrl spellings: plain, percent-encoded (once, twice), dot segments, case, slashes, version prefixes. */
const relativeUrl = fc
  .tuple(
    fc.constantFrom('', '/v1', '/v2', '/v3', '/V1'),
    fc.constantFrom(
      '/batch',
      '/%62atch',
      '/%2562atch',
      '/BATCH',
      '/./batch',
      '/x/../batch',
      '//batch',
      '/batch/',
      '/%2e/batch',
      '/b%61tch?x=1',
      '/offers/content',
      '/offers/content/391769',
      '/environments',
      '/../../othertenant/target/offers',
      '/%2e%2e/ims/token/v3',
      'offers',
      '/offers/%2e%2e/batch',
    ),
  )
  .map(([version, path]) => version + path);
const secretHeaders = fc.constantFrom(
  [{ name: 'Authorization', value: `Bearer ${SECRET}` }],
  [{ name: 'x-api-key', value: SECRET }],
  [
    { name: 'authorization', value: `Bearer ${SECRET}` },
    { name: 'Content-Type', value: 'application/json' },
  ],
  undefined,
);
const batchOperation = fc.record(
  { method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), relativeUrl, headers: secretHeaders, body: freeForm },
  { requiredKeys: ['method', 'relativeUrl'] },
);

type Kind = 'dataset' | 'patch' | 'offer' | 'batch';
const request = fc.record({
  kind: fc.constantFrom<Kind>('dataset', 'patch', 'offer', 'batch'),
  field: freeForm,
  patch: fc.array(patchOperation, { minLength: 1, maxLength: 3 }),
  operations: fc.array(batchOperation, { minLength: 1, maxLength: 4 }),
  tagValue: freeForm,
});

for (const mode of ['in memory', 'with a data file'] as const) {
  describe(`fuzzing valid shapes with hostile content (${mode})`, () => {
    let t: TestApp;
    let directory: string | null = null;
    after(async () => {
      await t?.close();
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    test(`${RUNS} seeded requests: no 5xx, envelopes, no secret journaled, state readable and reloadable`, async () => {
      directory = mode === 'with a data file' ? await mkdtemp(join(tmpdir(), 'fuzz-shapes-')) : null;
      const options = directory ? { dataFile: join(directory, 'state.json'), flushIntervalMs: 20 } : {};
      t = await startApp(options);
      const token = await tokenFor(t);
      const platform = { ...platformHeaders(token), 'content-type': 'application/json' };
      const target = { ...targetHeaders(token), 'content-type': 'application/json' };
      const created = await t.inject({ method: 'POST', url: `${CATALOG}/dataSets`, headers: platform, payload: { name: 'fuzz target', tags: { t: ['a'] } } });
      assert.equal(created.statusCode, 201, created.body);
      const datasetId = String((created.json() as string[])[0])
        .split('/')
        .pop();

      let changes = 0;
      const stop = t.ctx.store.onChange(() => (changes += 1));
      let sequence = 0;
      const failures: string[] = [];
      const result = await fc.check(
        fc.asyncProperty(request, async (input) => {
          sequence += 1;
          const sent = sendFor(input, sequence, datasetId!, platform, target);
          const before = changes;
          const response = await t.inject({ method: sent.method, url: sent.url, headers: sent.headers, payload: JSON.stringify(sent.body) });
          const where = `${sent.method} ${sent.url} → ${response.statusCode} ${response.body.slice(0, 300)}`;
          try {
            assert.ok(response.statusCode < 500, `5xx: ${where}`);
            if (response.statusCode >= 400) {
              assert.equal(changes, before, `a rejected request changed the state: ${where}`);
              assertInEnvelope(envelopeForUrl(t.ctx, sent.url).product, sent.method, response, where);
            }
            if (input.kind === 'batch' && response.statusCode === 200) assertNoNestedBatch(response, where);
            assert.equal(({} as Record<string, unknown>).polluted, undefined, `prototype polluted by ${where}`);
            assert.equal(Object.hasOwn(Object.prototype, 'x'), false, `prototype polluted by ${where}`);
          } catch (error) {
            failures.push((error as Error).message.split('\n')[0]!);
            throw error;
          }
        }),
        { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, endOnFailure: true },
      );
      stop();
      assert.ok(!result.failed, `fuzzing failed (seed ${SEED}, path ${result.counterexamplePath}): ${failures[0]}`);
      assert.ok(sequence >= Math.min(RUNS, 100), `only ${sequence} requests ran in the time limit`);

      // The journal shows no secret anywhere, the state and every listing still answer.
      const journal = await t.inject({ method: 'GET', url: '/_mock/requests?limit=1000' });
      assert.equal(journal.statusCode, 200);
      assert.ok(!journal.body.includes(SECRET), 'a secret from a /batch header list was journaled');
      for (const url of [`${CATALOG}/dataSets?limit=100`, `${CATALOG}/dataSets/${datasetId}`]) {
        const listed = await t.inject({ method: 'GET', url, headers: platform });
        assert.equal(listed.statusCode, 200, `${url}: ${listed.body.slice(0, 300)}`);
      }
      const offers = await t.inject({ method: 'GET', url: `${TARGET}/offers?limit=100`, headers: target });
      assert.equal(offers.statusCode, 200, offers.body.slice(0, 300));
      const state = await t.inject({ method: 'GET', url: '/_mock/state' });
      assert.equal(state.statusCode, 200, state.body.slice(0, 300));

      if (directory) {
        const held = t.ctx.store.snapshot();
        await t.close();
        t = await startApp(options);
        assert.deepEqual(t.ctx.store.snapshot(), held, 'the data file did not reload into the state the server held');
      }
    });
  });
}

interface Sent {
  method: 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

function sendFor(
  input: { kind: Kind; field: unknown; patch: unknown[]; operations: Array<Record<string, unknown>>; tagValue: unknown },
  sequence: number,
  datasetId: string,
  platform: Record<string, string>,
  target: Record<string, string>,
): Sent {
  switch (input.kind) {
    case 'dataset':
      return {
        method: 'POST',
        url: `${CATALOG}/dataSets`,
        headers: platform,
        body: { name: `fuzz ${sequence}`, description: 'x', x: input.field, tags: { fuzz: [String(sequence)] } },
      };
    case 'patch':
      return {
        method: 'PATCH',
        url: `${CATALOG}/dataSets/${datasetId}`,
        headers: { ...platform, 'content-type': 'application/json-patch+json' },
        body: input.patch,
      };
    case 'offer':
      return {
        method: 'POST',
        url: `${TARGET}/offers/content`,
        headers: target,
        body: { name: `fuzz offer ${sequence}`, content: '<p>x</p>', extra: input.field },
      };
    case 'batch':
      return {
        method: 'POST',
        url: `${TARGET}/batch`,
        headers: target,
        body: { operations: input.operations.map((operation, operationId) => ({ operationId, ...withoutUndefined(operation) })) },
      };
  }
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** However a relativeUrl spells /batch, it never runs a nested batch: no result carries `results`. */
function assertNoNestedBatch(response: LightMyRequestResponse, where: string): void {
  const { results } = response.json() as { results: Array<{ body?: unknown }> };
  for (const result of results) {
    const body = result.body as { results?: unknown } | undefined;
    assert.ok(body === undefined || body === null || typeof body !== 'object' || !('results' in body), `a nested batch ran: ${where}`);
  }
}
