import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathParams, stringProperties } from '../../src/services/platform-schemas.js';

test('pathParams: string parameters, described or not, all required unless fewer are named', () => {
  assert.deepEqual(pathParams({ batchId: 'The batch id' }), {
    type: 'object',
    properties: { batchId: { type: 'string', description: 'The batch id' } },
    required: ['batchId'],
  });
  const params = pathParams({ batchId: undefined, '*': 'The file path' }, ['batchId']);
  assert.deepEqual(params, { type: 'object', properties: { batchId: { type: 'string' }, '*': { type: 'string', description: 'The file path' } }, required: ['batchId'] });
  assert.deepEqual(Object.keys(params.properties), ['batchId', '*'], 'in the order given');
});

test('stringProperties: string-typed properties in the order given', () => {
  const properties = { ...stringProperties('id', 'name'), size: { type: 'integer' } };
  assert.deepEqual(properties, { id: { type: 'string' }, name: { type: 'string' }, size: { type: 'integer' } });
  assert.deepEqual(Object.keys(properties), ['id', 'name', 'size']);
});
