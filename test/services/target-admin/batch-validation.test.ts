import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertTargetError } from './offers-support.js';
import { batchSession, offer, type BatchSession } from './batch-support.js';

const post = (operationId: number, extra: Record<string, unknown> = {}) => ({
  operationId,
  method: 'POST',
  relativeUrl: '/offers/content',
  body: offer('Invalid'),
  ...extra,
});
const get = (operationId: number, extra: Record<string, unknown> = {}) => ({ operationId, method: 'GET', relativeUrl: '/offers', ...extra });
const headers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `x-h${i}`, value: 'v' }));

/** [title, request body, message]: each one has a POST that would change state if anything ran. */
const CASES: Array<[string, unknown, string]> = [
  ['body not an object', [post(0)], 'The request body must be a JSON object with an "operations" array'],
  ['operations missing', {}, '"operations" must be an array'],
  ['no operations', { operations: [] }, '"operations" must contain at least one operation'],
  ['an operation that is not an object', { operations: [post(0), 'GET /offers'] }, 'operations[1] must be an object'],
  ['operationId missing', { operations: [post(0), { method: 'GET', relativeUrl: '/offers' }] }, 'operations[1].operationId is required'],
  ['operationId not an integer', { operations: [post(0), get(1.5)] }, 'operations[1].operationId must be an integer from 0 to 255'],
  ['operationId as a string', { operations: [post(0), get('1' as unknown as number)] }, 'operations[1].operationId must be an integer from 0 to 255'],
  ['operationId 256', { operations: [post(0), get(256)] }, 'operations[1].operationId must be an integer from 0 to 255'],
  ['operationId negative', { operations: [post(0), get(-1)] }, 'operations[1].operationId must be an integer from 0 to 255'],
  ['operationId duplicated', { operations: [post(0), get(0)] }, 'operations[1].operationId 0 is not unique'],
  [
    'dependsOnOperationIds not an array',
    { operations: [post(0), get(1, { dependsOnOperationIds: 0 })] },
    'operations[1].dependsOnOperationIds must be an array',
  ],
  [
    'dependsOnOperationIds with a non-integer',
    { operations: [post(0), get(1, { dependsOnOperationIds: ['0'] })] },
    'operations[1].dependsOnOperationIds must contain operation ids (integers)',
  ],
  [
    'dependsOnOperationIds with duplicates',
    { operations: [post(0), get(1, { dependsOnOperationIds: [0, 0] })] },
    'operations[1].dependsOnOperationIds must contain unique values',
  ],
  [
    'dependency on a missing operation',
    { operations: [post(0), get(1, { dependsOnOperationIds: [7] })] },
    'Operation 1 depends on operation 7, which is not in the batch',
  ],
  ['dependency on itself', { operations: [post(0), get(1, { dependsOnOperationIds: [1] })] }, 'Operation 1 depends on itself'],
  [
    'a cycle',
    { operations: [post(0), get(1, { dependsOnOperationIds: [3] }), get(2, { dependsOnOperationIds: [1] }), get(3, { dependsOnOperationIds: [2, 0] })] },
    'Cyclical dependency between operations: 1 -> 3 -> 2 -> 1',
  ],
  [
    'method missing',
    { operations: [post(0), { operationId: 1, relativeUrl: '/offers' }] },
    'operations[1].method must be one of GET, POST, PUT, PATCH, DELETE',
  ],
  ['method HEAD', { operations: [post(0), get(1, { method: 'HEAD' })] }, 'operations[1].method must be one of GET, POST, PUT, PATCH, DELETE'],
  ['relativeUrl missing', { operations: [post(0), { operationId: 1, method: 'GET' }] }, 'operations[1].relativeUrl is required'],
  ['headers not an array', { operations: [post(0), get(1, { headers: { accept: 'x' } })] }, 'operations[1].headers must be an array'],
  ['51 headers', { operations: [post(0), get(1, { headers: headers(51) })] }, 'operations[1].headers allows at most 50 headers'],
  ['a header without name', { operations: [post(0), get(1, { headers: [{ value: 'x' }] })] }, 'operations[1].headers[0].name is required'],
  [
    'two header names equal case-insensitively',
    {
      operations: [
        post(0),
        get(1, {
          headers: [
            { name: 'Accept', value: 'a' },
            { name: 'accept', value: 'b' },
          ],
        }),
      ],
    },
    "operations[1].headers[1].name 'accept' is not unique (header names are case-insensitive)",
  ],
  ['body a string', { operations: [post(0), post(1, { body: 'name=x' })] }, 'operations[1].body must be a JSON object or array'],
  ['body a number', { operations: [post(0), post(1, { body: 3 })] }, 'operations[1].body must be a JSON object or array'],
  [
    'placeholder referring to a missing operation',
    { operations: [post(0), get(1, { relativeUrl: '/offers/content/{operationIdResponse:9}', dependsOnOperationIds: [0] })] },
    'Operation 1 refers to {operationIdResponse:9}, which is not in the batch',
  ],
  [
    'placeholder referring to a GET',
    { operations: [post(0), get(1), get(2, { relativeUrl: '/offers/content/{operationIdResponse:1}', dependsOnOperationIds: [1] })] },
    'Operation 2 refers to {operationIdResponse:1}, which is not a POST operation',
  ],
  [
    'placeholder in the body without depending on the operation',
    { operations: [post(0), post(1, { body: { name: 'x', content: 'offer {operationIdResponse:0}' } })] },
    'Operation 1 refers to {operationIdResponse:0} but does not depend on operation 0',
  ],
];

describe('batch: validation of the whole batch (400 Request.Invalid, nothing executed)', () => {
  let s: BatchSession;
  before(async () => (s = await batchSession()));
  after(() => s.close());

  for (const [title, payload, message] of CASES) {
    test(title, async () => {
      const before = await s.snapshot();
      assertTargetError(await s.batch(payload), 400, 'Request.Invalid', message);
      assert.equal(await s.snapshot(), before);
    });
  }

  test('transitive dependency makes a placeholder valid; 50 headers and a header without value are accepted', async () => {
    const response = await s.batch({
      operations: [
        post(0),
        get(1, { dependsOnOperationIds: [0], headers: headers(50) }),
        get(2, { dependsOnOperationIds: [1], relativeUrl: '/offers/content/{operationIdResponse:0}', headers: [{ name: 'x-empty' }] }),
      ],
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(
      response.json().results.map((r: { statusCode: number }) => r.statusCode),
      [200, 200, 200],
    );
  });

  test('body is ignored for GET and DELETE (even a non-object one would be rejected first, so an object here)', async () => {
    const response = await s.batch({ operations: [get(0, { body: { ignored: true } })] });
    assert.equal(response.json().results[0].statusCode, 200);
  });
});
