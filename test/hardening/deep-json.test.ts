/**
 * Issue 14, item 1: JSON nested deeper than MAX_JSON_DEPTH is refused at the door, for every
 * product, with a 400 in that product's envelope and nothing written. Up to the limit it is data
 * like any other: listed, exported, persisted and imported again.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, platformHeaders, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';
import { MAX_JSON_DEPTH } from '../../src/gateway/json-body.js';
import { SNAPSHOT_JSON_DEPTH } from '../../src/control/snapshot.js';
import { COLLECTIONS } from '../../src/services/platform-objects.js';
import { DATASET, ingest, member, processingApp, SCOPE } from '../services/ingestion/processing-helpers.js';

const CATALOG = '/data/foundation/catalog';
const TARGET = `/${DEMO.tenant}/target`;
const TOO_DEEP = `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`;

/** `levels` arrays inside one another around `inner`. */
const nest = (levels: number, inner = '1') => '['.repeat(levels) + inner + ']'.repeat(levels);
/** A dataset body nesting `levels` levels in all (its own object counts as one). */
const datasetBody = (levels: number, name = 'd') => `{"name":${JSON.stringify(name)},"x":${nest(levels - 1)}}`;

describe('deep JSON bodies', () => {
  let t: TestApp;
  let token: string;
  let changes = 0;
  let stop: () => void;
  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
    stop = t.ctx.store.onChange(() => (changes += 1));
  });
  after(async () => {
    stop();
    await t.close();
  });

  const catalogPost = (payload: string) =>
    t.inject({ method: 'POST', url: `${CATALOG}/dataSets`, headers: { ...platformHeaders(token), 'content-type': 'application/json' }, payload });

  /** Runs `send`, asserts it changed nothing in the store, and returns its answer. */
  async function unchanged<R>(send: () => Promise<R>): Promise<R> {
    const before = changes;
    const stateBefore = JSON.stringify(t.ctx.store.snapshot());
    const result = await send();
    assert.equal(changes, before, 'the store changed');
    assert.equal(JSON.stringify(t.ctx.store.snapshot()), stateBefore);
    return result;
  }

  test('Catalog: a field nested 5,000 levels → 400 in the Platform envelope; listings still answer', async () => {
    const response = await unchanged(() => catalogPost(datasetBody(5000)));
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(response.json(), { type: 'http://ns.adobe.com/aep/errors/bad-request', status: 400, title: 'BadRequestError', detail: TOO_DEEP });
    assert.equal((await t.inject({ method: 'GET', url: `${CATALOG}/dataSets`, headers: platformHeaders(token) })).statusCode, 200);
    assert.equal((await t.inject({ method: 'GET', url: '/_mock/state' })).statusCode, 200);
  });

  test('one level past the limit → 400; at the limit → created, read, exported and imported again', async () => {
    const over = await unchanged(() => catalogPost(datasetBody(MAX_JSON_DEPTH + 1)));
    assert.equal(over.statusCode, 400, over.body);
    assert.deepEqual(over.json(), { type: 'http://ns.adobe.com/aep/errors/bad-request', status: 400, title: 'BadRequestError', detail: TOO_DEEP });

    const created = await catalogPost(datasetBody(MAX_JSON_DEPTH, 'at-the-limit'));
    assert.equal(created.statusCode, 201, created.body);
    const id = String((created.json() as string[])[0]).replace(/^@\/dataSets\//, '');
    const read = await t.inject({ method: 'GET', url: `${CATALOG}/dataSets/${id}`, headers: platformHeaders(token) });
    assert.equal(read.statusCode, 200, read.body);
    assert.deepEqual((read.json() as Record<string, { x: unknown }>)[id].x, JSON.parse(nest(MAX_JSON_DEPTH - 1)));
    assert.equal((await t.inject({ method: 'GET', url: `${CATALOG}/dataSets`, headers: platformHeaders(token) })).statusCode, 200);

    const exported = await t.inject({ method: 'GET', url: '/_mock/state' });
    assert.equal(exported.statusCode, 200);
    const imported = await t.inject({ method: 'PUT', url: '/_mock/state', headers: { 'content-type': 'application/json' }, payload: exported.body });
    assert.equal(imported.statusCode, 200, imported.body);
    const again = await t.inject({ method: 'GET', url: `${CATALOG}/dataSets/${id}`, headers: platformHeaders(token) });
    assert.equal(again.body, read.body);
  });

  test('brackets inside strings (escaped quotes too) do not count', async () => {
    const names = ['['.repeat(5000), `\\"${'{'.repeat(5000)}`, `\\\\${'['.repeat(100)}`];
    for (const name of names) {
      const response = await catalogPost(`{"name":"${name}"}`);
      assert.equal(response.statusCode, 201, response.body);
    }
  });

  test('Target: activity locations nested 100,000 levels → 400 in the Target envelope', async () => {
    const payload = `{"name":"deep","state":"saved","priority":1,"locations":${nest(100_000, '{}')},"experiences":[]}`;
    const response = await unchanged(() =>
      t.inject({
        method: 'POST',
        url: `${TARGET}/activities/ab`,
        headers: targetHeaders(token, { 'content-type': 'application/vnd.adobe.target.v3+json' }),
        payload,
      }),
    );
    assert.equal(response.statusCode, 400, response.body);
    const body = response.json() as { httpStatus: number; errors: unknown };
    assert.equal(body.httpStatus, 400);
    assert.deepEqual(body.errors, [{ errorCode: 'Request.Invalid', message: TOO_DEEP }]);
  });

  test('Target /batch: an operation body nested 50,000 levels → 400 for the whole batch, nothing run', async () => {
    const payload = `{"operations":[{"operationId":0,"method":"POST","relativeUrl":"/offers/content","body":{"name":"o","content":"c"}},{"operationId":1,"method":"POST","relativeUrl":"/offers/content","body":${nest(50_000, '{}')}}]}`;
    const response = await unchanged(() =>
      t.inject({ method: 'POST', url: `${TARGET}/batch`, headers: targetHeaders(token, { 'content-type': 'application/json' }), payload }),
    );
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual((response.json() as { errors: unknown }).errors, [{ errorCode: 'Request.Invalid', message: TOO_DEEP }]);
  });

  test('the control API and a vendor +json type are checked as well', async () => {
    const fault = await unchanged(() =>
      t.inject({ method: 'POST', url: '/_mock/faults', headers: { 'content-type': 'application/json' }, payload: `{"x":${nest(1000)}}` }),
    );
    assert.equal(fault.statusCode, 400, fault.body);
    assert.deepEqual(fault.json(), { statusCode: 400, error: 'bad-request', message: TOO_DEEP });
    const patch = await unchanged(() =>
      t.inject({
        method: 'PATCH',
        url: `${CATALOG}/dataSets/5c8c3c555033b814b69f947f`,
        headers: { ...platformHeaders(token), 'content-type': 'application/json-patch+json' },
        payload: `[{"op":"add","path":"/x","value":${nest(200)}}]`,
      }),
    );
    assert.equal(patch.statusCode, 400, patch.body);
    assert.deepEqual(patch.json(), { type: 'http://ns.adobe.com/aep/errors/bad-request', status: 400, title: 'BadRequestError', detail: TOO_DEEP });
  });

  test('a state snapshot nested deeper than objects can be → 400, nothing replaced', async () => {
    const exported = JSON.parse((await t.inject({ method: 'GET', url: '/_mock/state' })).body) as {
      scopes: Record<string, Record<string, Array<[string, unknown]>>>;
    };
    const scope = Object.keys(exported.scopes)[0];
    exported.scopes[scope].deep = [['deep', JSON.parse(nest(1000))]];
    const response = await unchanged(() =>
      t.inject({ method: 'PUT', url: '/_mock/state', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(exported) }),
    );
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(response.json(), { statusCode: 400, error: 'bad-request', message: `The JSON body is nested deeper than ${SNAPSHOT_JSON_DEPTH} levels` });
  });
});

describe('deep JSON with a data file', () => {
  test('a refused deep body never reaches persistence; the file flushes and reloads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deep-json-'));
    try {
      const dataFile = join(dir, 'state.json');
      const t = await startApp({ dataFile, flushIntervalMs: 10 });
      const token = await tokenFor(t);
      const deep = await t.inject({
        method: 'POST',
        url: `${CATALOG}/dataSets`,
        headers: { ...platformHeaders(token), 'content-type': 'application/json' },
        payload: datasetBody(5000),
      });
      assert.equal(deep.statusCode, 400);
      const ok = await t.inject({
        method: 'POST',
        url: `${CATALOG}/dataSets`,
        headers: { ...platformHeaders(token), 'content-type': 'application/json' },
        payload: datasetBody(MAX_JSON_DEPTH, 'kept'),
      });
      assert.equal(ok.statusCode, 201, ok.body);
      await t.close();
      const reopened = await startApp({ dataFile });
      try {
        const listed = await reopened.inject({ method: 'GET', url: `${CATALOG}/dataSets?name=kept`, headers: platformHeaders(await tokenFor(reopened)) });
        assert.equal(listed.statusCode, 200);
        assert.equal(Object.keys(listed.json() as object).length, 1);
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('deep records in uploaded files (not JSON bodies)', () => {
  test('a record nested 10,000 levels is a corrupt row; processing, previews, Data Access and the state still answer', async () => {
    const t = await processingApp();
    try {
      const token = await tokenFor(t);
      const deepLine = `{"_id":"deep","x":${nest(10_000)}}`;
      const deepColumn = `${Array.from({ length: 10_000 }, () => 'a').join('.')}`;
      const reason = `The row is corrupted and cannot be parsed: the record is nested deeper than ${MAX_JSON_DEPTH} levels`;
      const files = {
        'lines.json': `${[JSON.stringify(member(1)), deepLine].join('\n')}\n`,
        'multi.json': `[${JSON.stringify(member(2))},${deepLine}]`,
        'deep.csv': `_id,${deepColumn}\nmember-3,1\n`,
      };
      const batches = [
        await ingest(t, { format: 'json' }, { 'lines.json': files['lines.json'] }),
        await ingest(t, { format: 'json', isMultiLineJson: true }, { 'multi.json': files['multi.json'] }),
        await ingest(t, { format: 'csv' }, { 'deep.csv': files['deep.csv'] }),
      ];
      const failed = (batchId: string) =>
        t.ctx.store.collection<{ id: string; records: Array<{ file: string; row: number; errors: string[] }> }>(SCOPE, COLLECTIONS.failedRecords).get(batchId)
          ?.records;
      assert.deepEqual(
        failed(batches[0].id)?.map((entry) => [entry.file, entry.row, entry.errors]),
        [['lines.json', 2, [reason]]],
      );
      assert.deepEqual(
        failed(batches[1].id)?.map((entry) => [entry.file, entry.row, entry.errors]),
        [['multi.json', 2, [reason]]],
      );
      assert.deepEqual(
        failed(batches[2].id)?.map((entry) => [entry.file, entry.row, entry.errors]),
        [['deep.csv', 1, [reason]]],
      );
      assert.deepEqual(
        batches.map((batch) => [batch.status, batch.metrics?.recordsWritten]),
        [
          ['success', 1],
          ['success', 1],
          ['failed', 0],
        ],
      );

      const headers = platformHeaders(token);
      for (const batch of batches) {
        const preview = await t.inject({ method: 'GET', url: `/data/foundation/import/batches/${batch.id}/datasets/${DATASET}/preview`, headers });
        assert.equal(preview.statusCode, 200, preview.body);
        const failedFiles = await t.inject({ method: 'GET', url: `/data/foundation/export/batches/${batch.id}/failed`, headers });
        assert.ok(failedFiles.statusCode < 500, failedFiles.body);
      }
      const dataset = await t.inject({ method: 'GET', url: `/data/foundation/export/datasets/${DATASET}/preview`, headers });
      assert.equal(dataset.statusCode, 200, dataset.body);
      assert.deepEqual(
        (dataset.json() as { data: Array<{ _id: string }> }).data
          .map((row) => row._id)
          .filter((id) => /^member-[12]$|^deep$/.test(id))
          .sort(),
        ['member-1', 'member-2'],
      );
      assert.equal((await t.inject({ method: 'GET', url: '/_mock/state' })).statusCode, 200);
    } finally {
      await t.close();
    }
  });
});
