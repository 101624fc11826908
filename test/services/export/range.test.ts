import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRange } from '../../../src/services/export/range.js';

describe('Data Access: Range header parsing (RFC 9110, one range)', () => {
  test('absent, other units, malformed or several ranges → the whole file', () => {
    for (const header of [undefined, '', 'items=0-1', 'bytes=', 'bytes=-', 'bytes=a-b', 'bytes=0-1,3-4', 'bytes=5-2', 'bytes = 0-1']) {
      assert.deepEqual(parseRange(header, 10), { kind: 'full' }, String(header));
    }
  });

  test('bytes=a-b, bytes=a-, bytes=-n, clamped to the file', () => {
    assert.deepEqual(parseRange('bytes=0-0', 10), { kind: 'partial', range: { start: 0, end: 0 } });
    assert.deepEqual(parseRange('bytes=2-5', 10), { kind: 'partial', range: { start: 2, end: 5 } });
    assert.deepEqual(parseRange('bytes=2-', 10), { kind: 'partial', range: { start: 2, end: 9 } });
    assert.deepEqual(parseRange('bytes=8-100', 10), { kind: 'partial', range: { start: 8, end: 9 } });
    assert.deepEqual(parseRange('bytes=-3', 10), { kind: 'partial', range: { start: 7, end: 9 } });
    assert.deepEqual(parseRange('bytes=-30', 10), { kind: 'partial', range: { start: 0, end: 9 } });
    assert.deepEqual(parseRange(' bytes=1-2 ', 10), { kind: 'partial', range: { start: 1, end: 2 } });
  });

  test('starting at or past the end, the last 0 bytes, or any range of an empty file → unsatisfiable', () => {
    for (const [header, size] of [
      ['bytes=10-', 10],
      ['bytes=10-20', 10],
      ['bytes=-0', 10],
      ['bytes=0-', 0],
      ['bytes=-5', 0],
      ['bytes=99999999999999999999-', 10],
    ] as const) {
      assert.deepEqual(parseRange(header, size), { kind: 'unsatisfiable' }, `${header} of ${size}`);
    }
  });
});
