import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  STRING,
  arrayOf,
  describedString,
  listEnvelope,
  objectSchema,
  openObject,
  pathParams,
  sameSchema,
  stringParams,
  stringProperties,
} from '../../src/services/schema-builders.js';

/** deepEqual ignores key order; the OpenAPI document does not. */
function assertSameJson(actual: unknown, expected: unknown) {
  assert.equal(JSON.stringify(actual), JSON.stringify(expected));
}

test('pathParams: parameters in the order given, all required unless fewer are named', () => {
  assertSameJson(pathParams({ batchId: describedString('The batch id') }), {
    type: 'object',
    properties: { batchId: { type: 'string', description: 'The batch id' } },
    required: ['batchId'],
  });
  assertSameJson(pathParams({ batchId: 'string', '*': describedString('The file path') }, ['batchId']), {
    type: 'object',
    properties: { batchId: { type: 'string' }, '*': { type: 'string', description: 'The file path' } },
    required: ['batchId'],
  });
  assertSameJson(stringParams('tenant', 'id'), {
    type: 'object',
    properties: { tenant: { type: 'string' }, id: { type: 'string' } },
    required: ['tenant', 'id'],
  });
});

test('stringProperties: string-typed properties in the order given', () => {
  assertSameJson({ ...stringProperties('id', 'name'), size: { type: 'integer' } }, { id: { type: 'string' }, name: { type: 'string' }, size: { type: 'integer' } });
});

test('objectSchema: type, properties (primitive names stand for their schema), then the extras in order', () => {
  assertSameJson(objectSchema({ id: 'integer', name: STRING, tags: arrayOf('string') }), {
    type: 'object',
    properties: { id: { type: 'integer' }, name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
  });
  assertSameJson(objectSchema({ enabled: 'boolean' }, { required: ['enabled'], additionalProperties: false }), {
    type: 'object',
    properties: { enabled: { type: 'boolean' } },
    required: ['enabled'],
    additionalProperties: false,
  });
  assertSameJson(openObject({ scope: 'string' }), { type: 'object', properties: { scope: { type: 'string' } }, additionalProperties: true });
});

test('listEnvelope: integer counters in the order given, then the items', () => {
  assertSameJson(listEnvelope('files', objectSchema({ id: 'integer' }), ['total', 'offset', 'limit']), {
    type: 'object',
    properties: {
      total: { type: 'integer' },
      offset: { type: 'integer' },
      limit: { type: 'integer' },
      files: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } },
    },
  });
});

test('sameSchema: one schema under each status', () => {
  const error = objectSchema({ message: 'string' });
  const responses = { 200: STRING, ...sameSchema(error, [400, 404]) };
  assertSameJson(responses, { 200: { type: 'string' }, 400: error, 404: error });
  assert.equal(responses[400], responses[404]);
});
