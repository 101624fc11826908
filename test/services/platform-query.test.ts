import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CATALOG_DIALECT,
  comparatorFor,
  compileCondition,
  parseSortKeys,
  QuerySyntaxError,
  SCHEMA_REGISTRY_DIALECT,
  splitCondition,
  valueOrder,
  type QueryDialect,
  type StoredValues,
} from '../../src/services/platform-query.js';

const objects: StoredValues[] = [
  { id: 'a', name: 'alpha', version: '1.0.10', size: 5, tags: ['x', 'y'], note: null },
  { id: 'b', name: 'beta', version: '1.0.9', size: 12, tags: ['y'] },
  { id: 'c', name: 'gamma', size: '7' },
];

/** Ids of the objects a condition keeps. */
const matching = (condition: string, dialect: QueryDialect) => objects.filter(compileCondition(condition, dialect)).map((object) => object.id);

describe('Platform query grammar (platform-query.ts)', () => {
  test('a condition splits at the first operator after the property name', () => {
    assert.deepEqual(splitCondition('size<=5'), { property: 'size', operator: '<=', operand: '5' });
    assert.deepEqual(splitCondition('a~b==c'), { property: 'a', operator: '~', operand: 'b==c' });
    assert.equal(splitCondition('name'), undefined);
    assert.equal(splitCondition('==x'), undefined);
  });

  for (const [label, dialect] of [['Catalog', CATALOG_DIALECT], ['Schema Registry', SCHEMA_REGISTRY_DIALECT]] as const) {
    test(`${label}: operators shared by both dialects`, () => {
      assert.deepEqual(matching('version', dialect), ['a', 'b']);
      assert.deepEqual(matching('name==beta', dialect), ['b']);
      assert.deepEqual(matching('name!=beta', dialect), ['a', 'c']);
      assert.deepEqual(matching('name~^[ab]', dialect), ['a', 'b']);
      assert.deepEqual(matching('size>5', dialect), ['b', 'c']);
      assert.deepEqual(matching('size>=7', dialect), ['b', 'c']);
      assert.deepEqual(matching('size<7', dialect), ['a']);
      assert.deepEqual(matching('size<=7', dialect), ['a', 'c']);
      assert.deepEqual(matching('missing!=x', dialect), ['a', 'b', 'c']);
      assert.deepEqual(matching('missing==x', dialect), []);
      assert.throws(() => compileCondition('name~(', dialect), (error) => error instanceof QuerySyntaxError && error.problem === 'invalid pattern');
    });
  }

  test('values: typed (Catalog) vs numeric-text (Schema Registry)', () => {
    // typed: semantic versions compare by their parts; numeric-text: as text unless both are numbers
    assert.deepEqual(matching('version>1.0.9', CATALOG_DIALECT), ['a']);
    assert.deepEqual(matching('version>1.0.9', SCHEMA_REGISTRY_DIALECT), []);
    // typed `==` compares text; numeric-text `==` means "compares equal"
    assert.deepEqual(matching('size==5.0', CATALOG_DIALECT), []);
    assert.deepEqual(matching('size==5.0', SCHEMA_REGISTRY_DIALECT), ['a']);
    const typed = valueOrder(CATALOG_DIALECT);
    assert.ok(typed(2, 'a') < 0 && typed('a', true) < 0, 'numbers < strings < booleans');
    const numericText = valueOrder(SCHEMA_REGISTRY_DIALECT);
    assert.ok(numericText('10', 9) > 0 && numericText('b', 'a') > 0);
  });

  test('missingValues: first (Catalog) vs last (Schema Registry)', () => {
    const rows: StoredValues[] = [{ id: '1', rank: 2 }, { id: '2' }, { id: '3', rank: 1 }];
    const sorted = (dialect: QueryDialect, orderBy: string) =>
      [...rows].sort(comparatorFor(parseSortKeys(orderBy, dialect), dialect)).map((row) => row.id);
    assert.deepEqual(sorted(CATALOG_DIALECT, 'rank'), ['2', '3', '1']);
    assert.deepEqual(sorted(CATALOG_DIALECT, 'desc:rank'), ['1', '3', '2']);
    assert.deepEqual(sorted(SCHEMA_REGISTRY_DIALECT, 'rank'), ['3', '1', '2']);
    assert.deepEqual(sorted(SCHEMA_REGISTRY_DIALECT, '-rank'), ['2', '1', '3']);
    assert.ok(valueOrder(CATALOG_DIALECT)(null, 1) < 0);
    assert.ok(valueOrder(SCHEMA_REGISTRY_DIALECT)(null, 1) > 0);
  });

  test('arrays: whole (Catalog) vs each element (Schema Registry)', () => {
    assert.deepEqual(matching('tags==y', CATALOG_DIALECT), []);
    assert.deepEqual(matching('tags==y', SCHEMA_REGISTRY_DIALECT), ['a', 'b']);
    assert.deepEqual(matching('tags!=x', SCHEMA_REGISTRY_DIALECT), ['b', 'c']);
    assert.deepEqual(matching('tags~x', CATALOG_DIALECT), []);
  });

  test('nullInConditions: absent (Catalog) vs value (Schema Registry)', () => {
    assert.deepEqual(matching('note>a', CATALOG_DIALECT), []);
    assert.deepEqual(matching('note>a', SCHEMA_REGISTRY_DIALECT), ['a']);
    assert.deepEqual(matching('note~ul', CATALOG_DIALECT), []);
    assert.deepEqual(matching('note~ul', SCHEMA_REGISTRY_DIALECT), ['a']);
    assert.deepEqual(matching('note!=a', CATALOG_DIALECT), ['a', 'b', 'c']);
  });

  test('existence, negation, leading operators and wildcards (Catalog only)', () => {
    assert.deepEqual(matching('!version', CATALOG_DIALECT), ['c']);
    assert.deepEqual(matching('!version', SCHEMA_REGISTRY_DIALECT), [], 'a property named "!version"');
    assert.deepEqual(matching('constructor', CATALOG_DIALECT), [], 'own properties only');
    assert.deepEqual(matching('constructor', SCHEMA_REGISTRY_DIALECT), ['a', 'b', 'c']);
    assert.throws(() => compileCondition('==x', CATALOG_DIALECT), (error) => error instanceof QuerySyntaxError && error.problem === 'missing property name');
    assert.deepEqual(matching('==x', SCHEMA_REGISTRY_DIALECT), []);
    assert.deepEqual(matching('name==*a', CATALOG_DIALECT), ['a', 'b', 'c']);
    assert.deepEqual(matching('name==*a', SCHEMA_REGISTRY_DIALECT), []);
  });

  test('sortKeys: direction (Catalog) vs sign (Schema Registry)', () => {
    assert.deepEqual(parseSortKeys('name, DESC:size', CATALOG_DIALECT), [{ property: 'name', descending: false }, { property: 'size', descending: true }]);
    assert.deepEqual(parseSortKeys('+name,-size', SCHEMA_REGISTRY_DIALECT), [{ property: 'name', descending: false }, { property: 'size', descending: true }]);
    assert.throws(() => parseSortKeys('up:name', CATALOG_DIALECT), (error) => error instanceof QuerySyntaxError && error.problem === 'invalid sort key');
    assert.throws(() => parseSortKeys(',', CATALOG_DIALECT), (error) => error instanceof QuerySyntaxError && error.problem === 'no sort key');
    assert.deepEqual(parseSortKeys(',', SCHEMA_REGISTRY_DIALECT), []);
    // several keys: the first that differs decides
    const rows: StoredValues[] = [{ id: '1', a: 1, b: 2 }, { id: '2', a: 1, b: 3 }, { id: '3', a: 0, b: 9 }];
    assert.deepEqual([...rows].sort(comparatorFor(parseSortKeys('a,desc:b', CATALOG_DIALECT), CATALOG_DIALECT)).map((row) => row.id), ['3', '2', '1']);
  });
});
