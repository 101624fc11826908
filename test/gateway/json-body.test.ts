/** The nesting scan of the JSON door (src/gateway/json-body.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nestsDeeperThan } from '../../src/gateway/json-body.js';

const nest = (levels: number, inner = '1') => '['.repeat(levels) + inner + ']'.repeat(levels);

test('counts objects and arrays alike, up to and past the limit', () => {
  assert.equal(nestsDeeperThan(nest(4), 4), false);
  assert.equal(nestsDeeperThan(nest(5), 4), true);
  assert.equal(nestsDeeperThan('{"a":{"b":[{"c":1}]}}', 4), false);
  assert.equal(nestsDeeperThan('{"a":{"b":[{"c":[1]}]}}', 4), true);
  // Siblings do not add up.
  assert.equal(nestsDeeperThan(`[${Array(50).fill('[[1]]').join(',')}]`, 3), false);
});

test('brackets inside strings do not count, escaped quotes do not end a string', () => {
  assert.equal(nestsDeeperThan(`["${'['.repeat(100)}"]`, 2), false);
  assert.equal(nestsDeeperThan(`["\\"${'{'.repeat(100)}"]`, 2), false);
  // An escaped backslash ends right before the quote: the brackets after it are structure.
  assert.equal(nestsDeeperThan(`["\\\\",${nest(3)}]`, 3), true);
  assert.equal(nestsDeeperThan(`["\\\\\\"${'['.repeat(10)}"]`, 2), false);
});

test('a body no longer than the limit is never scanned deeper than it; unterminated strings end the scan', () => {
  assert.equal(nestsDeeperThan('[[[[', 4), false);
  assert.equal(nestsDeeperThan('[[[[[', 4), true);
  assert.equal(nestsDeeperThan(`"${'['.repeat(100)}`, 4), false);
});
