import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Clock, parseDuration } from '../../src/store/clock.js';
import { newBatchId, newDataSetId } from '../../src/store/ids.js';

test('parseDuration reads the control-plane forms', () => {
  assert.equal(parseDuration('24h'), 86_400_000);
  assert.equal(parseDuration('1d12h'), 129_600_000);
  assert.equal(parseDuration('90m'), 5_400_000);
  assert.equal(parseDuration('1500ms'), 1500);
  assert.equal(parseDuration('2500'), 2500);
  assert.equal(parseDuration(42), 42);
  for (const bad of ['', 'h', '1x', '24h junk', 'abc']) assert.equal(parseDuration(bad), null, bad);
});

test('the clock can be set, advanced, frozen and reset', () => {
  const clock = new Clock();
  clock.set(Date.parse('2030-01-01T00:00:00.000Z'));
  assert.ok(Math.abs(clock.now() - Date.parse('2030-01-01T00:00:00.000Z')) < 1000);
  clock.freeze();
  const frozen = clock.now();
  clock.advance(60_000);
  assert.equal(clock.now(), frozen + 60_000);
  assert.equal(clock.iso(), new Date(frozen + 60_000).toISOString());
  clock.reset();
  assert.ok(Math.abs(clock.now() - Date.now()) < 1000);
  assert.equal(clock.frozen, false);
});

test('ids have the real formats', () => {
  assert.match(newDataSetId(), /^[0-9a-f]{24}$/);
  assert.match(newBatchId(), /^[0-9a-f]{32}$/);
});
