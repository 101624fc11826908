import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readBatchFile } from '../../../src/services/target-profile/batch-file.js';
import { attributesOf, CELL_SEPARATOR, fitsProfileLimit, settle, withAttributes, type StoredProfile } from '../../../src/services/target-profile/model.js';

const LIMITS = { maxBytes: 1024, maxRows: 10, rowsLeftToday: 10 };
const T1 = '2026-01-01T00:00:00.000+00:00';
const T2 = '2026-01-02T00:00:00.000+00:00';

/** The profile rules without HTTP. */
describe('Target Profile model', () => {
  test('the sample batch file parses as the documentation means', async () => {
    const file = await readBatchFile(
      Readable.from([
        'batch=pcId, param1, param2, param3, param4\n123, value1\n124, value1,,, value4\n',
        '125,, value2\n126, value1, value2, value3, value4\n',
      ]),
      LIMITS,
    );
    assert.equal(file.idColumn, 'pcId');
    assert.deepEqual(file.names, ['param1', 'param2', 'param3', 'param4']);
    assert.deepEqual(
      file.rows.map((row) => row.split(CELL_SEPARATOR)),
      [
        ['123', 'value1'],
        ['124', 'value1', '', '', 'value4'],
        ['125', '', 'value2'],
        ['126', 'value1', 'value2', 'value3', 'value4'],
      ],
    );
  });

  test('a compact profile reads as its attributes; empty cells are absent', () => {
    const profile: StoredProfile = { id: 'x', modifiedAt: T1, columns: ['a', 'b', 'c'], cells: ['1', '', '3'].join(CELL_SEPARATOR) };
    assert.deepEqual(attributesOf(profile), { a: '1', c: '3' });
  });

  test('an update keeps the timestamps of the attributes it leaves alone', () => {
    const before: StoredProfile = { id: 'x', modifiedAt: T1, columns: ['a', 'b'], cells: `1${CELL_SEPARATOR}2` };
    const after = withAttributes(before, { b: 'two', c: 'three' }, T2, 0);
    assert.deepEqual(after.attributes, { a: '1', b: 'two', c: 'three' });
    assert.deepEqual(after.attributeTimes, { a: T1 });
    assert.equal(after.modifiedAt, T2);
    assert.equal(after.cells, undefined);
  });

  test('pending updates fold in once due, in order', () => {
    const profile: StoredProfile = {
      id: 'x',
      modifiedAt: T1,
      attributes: { a: '1' },
      pending: [
        { at: 100, attributes: { a: '2' } },
        { at: 200, attributes: { a: '3', b: 'x' } },
      ],
    };
    assert.equal(settle(profile, 99), profile);
    assert.deepEqual(settle(profile, 150).attributes, { a: '2' });
    assert.equal(settle(profile, 150).pending?.length, 1);
    const done = settle(profile, 200);
    assert.deepEqual(done.attributes, { a: '3', b: 'x' });
    assert.equal(done.pending, undefined);
  });

  test('2000 KB counts names and values in UTF-8', () => {
    const limit = 2000 * 1024;
    assert.equal(fitsProfileLimit(undefined, { ab: 'x'.repeat(limit - 2) }), true);
    assert.equal(fitsProfileLimit(undefined, { ab: 'x'.repeat(limit - 1) }), false);
    // é is two bytes in UTF-8.
    assert.equal(fitsProfileLimit(undefined, { ab: 'é'.repeat((limit - 2) / 2) }), true);
    assert.equal(fitsProfileLimit(undefined, { abc: 'é'.repeat((limit - 2) / 2) }), false);
  });
});
