import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { settleBatches } from '../../src/services/platform-objects.js';
import { scopes } from '../../src/store/store.js';
import { DEMO, tokenFor } from '../helpers.js';
import { CATALOG, COLLECTIONS, controlApp } from './support.js';

describe('GET /_mock/config', () => {
  test('the effective configuration, the token secret masked and the log stream left out', async () => {
    const t = await controlApp({
      tokenSecret: 'a-very-secret-value',
      controlToken: 'a-control-token',
      logStream: new PassThrough(),
      journalSize: 50,
      journalBodyBytes: 1024,
    });
    try {
      const response = await t.inject({ method: 'GET', url: '/_mock/config', headers: { 'x-mock-control-token': 'a-control-token' } });
      assert.equal(response.statusCode, 200);
      const config = response.json();
      assert.ok(!response.body.includes('a-control-token'));
      assert.equal(config.tokenSecret, '***');
      assert.equal(config.controlToken, '***');
      assert.ok(!('logStream' in config));
      assert.ok(!response.body.includes('a-very-secret-value'));
      assert.equal(config.journalSize, 50);
      assert.equal(config.journalBodyBytes, 1024);
      assert.equal(config.auth, 'strict');
      assert.equal(config.processingDelayMs, 0);
      assert.equal(config.version, t.ctx.config.version);
    } finally {
      await t.close();
    }
  });

  test('defaults: a journal of 1000 entries, 16 KiB per body, no configured secret', async () => {
    const t = await controlApp();
    try {
      const config = (await t.inject({ method: 'GET', url: '/_mock/config' })).json();
      assert.equal(config.journalSize, 1000);
      assert.equal(config.journalBodyBytes, 16 * 1024);
      assert.equal(config.tokenSecret, null);
      assert.equal(config.controlToken, null);
      assert.deepEqual(config.controlOrigins, []);
      assert.deepEqual(config.controlHosts, []);
    } finally {
      await t.close();
    }
  });
});

describe('POST /_mock/clock', () => {
  test('{"advance": "24h"} and more expires the tokens issued before', async () => {
    const t = await controlApp();
    try {
      const list = () => t.inject({ method: 'GET', url: `${CATALOG}/dataSets`, headers: t.platform() });
      assert.equal((await list()).statusCode, 200);
      const moved = await t.json('POST', '/_mock/clock', { advance: '24h' });
      assert.equal(moved.statusCode, 200);
      assert.ok(moved.json().epochMs >= Date.now() + 24 * 3_600_000 - 60_000);
      const expired = await list();
      assert.equal(expired.statusCode, 401);
      assert.deepEqual(expired.json(), { error_code: '401013', message: 'Oauth token is not valid' });
      await t.json('POST', '/_mock/clock', { reset: true });
      assert.equal((await list()).statusCode, 200);
    } finally {
      await t.close();
    }
  });

  test('{"set": ISO} moves to an instant; a batch reaches its final state when the clock passes its processing time', async () => {
    const t = await controlApp({ processingDelayMs: 60_000 });
    try {
      const set = await t.json('POST', '/_mock/clock', { set: '2030-01-01T00:00:00.000Z', freeze: true });
      assert.deepEqual(set.json(), { now: '2030-01-01T00:00:00.000Z', epochMs: Date.parse('2030-01-01T00:00:00.000Z'), frozen: true });
      t.token = await tokenFor(t);
      const batchId = await t.completedBatch();
      const scope = scopes.platform(DEMO.org, 'prod');
      const status = () => {
        settleBatches(t.ctx, scope);
        return t.ctx.store.collection<{ status: string }>(scope, COLLECTIONS.batches).get(batchId)?.status;
      };
      const pending = ['staging', 'processing'];
      assert.ok(pending.includes(status()!), status());
      await t.json('POST', '/_mock/clock', { advance: '59s' });
      assert.ok(pending.includes(status()!), status());
      await t.json('POST', '/_mock/clock', { advance: '1s' });
      assert.equal(status(), 'success');
    } finally {
      await t.close();
    }
  });

  test('a bad value answers 400 and moves nothing', async () => {
    const t = await controlApp();
    try {
      await t.json('POST', '/_mock/clock', { set: '2030-01-01T00:00:00.000Z', freeze: true });
      const bad = await t.json('POST', '/_mock/clock', { reset: true, advance: 'soon' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json(), {
        statusCode: 400,
        error: 'bad-request',
        message: 'advance must be a duration such as "24h", "90m", "1d12h" or milliseconds, got "soon"',
      });
      assert.equal((await t.inject({ method: 'GET', url: '/_mock/clock' })).json().now, '2030-01-01T00:00:00.000Z');
    } finally {
      await t.close();
    }
  });
});
