import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertCsvValues, validatorFor } from '../../../src/services/ingestion/validate-records.js';

const dataType = {
  $id: 'https://ns.adobe.com/mocktenant/datatypes/address',
  'meta:xdmType': 'object',
  type: 'object',
  properties: { city: { type: 'string' }, zip: { type: 'integer' } },
};

const schema = {
  $schema: 'http://json-schema.org/draft-06/schema#',
  $id: 'https://ns.adobe.com/mocktenant/schemas/test-validation',
  id: 'https://ns.adobe.com/mocktenant/schemas/test-validation',
  version: '1.0',
  'meta:altId': '_mocktenant.schemas.test-validation',
  type: 'object',
  required: ['$id'],
  properties: {
    // A field literally named $id must survive the clean-up of schema ids.
    $id: { type: 'string' },
    home: dataType,
    work: dataType,
    active: { type: 'boolean' },
    score: { type: 'number' },
    tags: { type: 'array', items: { type: 'string' } },
  },
};

test('a full schema with repeated embedded $id, draft-06 $schema and meta:* annotations compiles and validates', () => {
  const validate = validatorFor(schema);
  assert.deepEqual(validate({ $id: 'x', home: { city: 'Basel', zip: 4051 }, work: { zip: 1 }, tags: ['a'] }), { valid: true, errors: [] });
  assert.deepEqual(validate({ $id: 'x', home: { zip: 'nope' } }), { valid: false, kind: 'schema', errors: ['/home/zip must be integer'] });
  assert.deepEqual(validate({ home: {} }), { valid: false, kind: 'required', errors: ["/ must have required property '$id'"] });
  assert.deepEqual(validate({ $id: null }), { valid: false, kind: 'required', errors: ["/ must have required property '$id'"] });
});

test('fields the schema does not name are tolerated', () => {
  assert.equal(validatorFor(schema)({ $id: 'x', unknown: { deeply: [1] }, home: { country: 'CH' } }).valid, true);
});

test('the compiled validator is cached per schema id and version, and recompiled when the schema changes', () => {
  const first = validatorFor(schema);
  assert.equal(validatorFor(structuredClone(schema)), first);
  const changed = validatorFor({ ...schema, required: [] });
  assert.notEqual(changed, first);
  assert.equal(changed({}).valid, true);
});

test('CSV text is converted to the types the schema names, and left alone otherwise', () => {
  assert.deepEqual(convertCsvValues({ $id: '007', home: { zip: ' 4051 ', city: '12' }, active: 'TRUE', score: '-1.5e2', tags: 'a' }, schema), {
    $id: '007',
    home: { zip: 4051, city: '12' },
    active: true,
    score: -150,
    tags: 'a',
  });
  assert.deepEqual(convertCsvValues({ home: { zip: '12.5' }, active: 'yes' }, schema), { home: { zip: '12.5' }, active: 'yes' });
  const validate = validatorFor(schema);
  assert.equal(validate({ $id: 'x', home: { zip: '4051' }, active: 'false' }, { fromCsv: true }).valid, true);
  assert.equal(validate({ $id: 'x', home: { zip: '4051' } }).valid, false, 'JSON records are not converted');
});
