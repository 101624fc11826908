import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OTHER, targetHeaders, tokenFor } from '../../helpers.js';
import { assertTargetError, session, type Session } from './offers-support.js';
import { PROPERTY_BY_ID, PROPERTY_LIST } from './offers-samples.js';

describe('properties', () => {
  let s: Session;
  before(async () => (s = await session()));
  after(() => s.close());

  test('GET /properties (v1) answers the sample byte for byte', async () => {
    const response = await s.call('GET', '/properties', { version: 1 });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, JSON.stringify(PROPERTY_LIST));
  });

  test('GET /properties/{id} answers the stored property, in the fields of the by-id sample', async () => {
    for (const listed of PROPERTY_LIST.properties) {
      const response = await s.call('GET', `/properties/${listed.id}`, { version: 1 });
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, JSON.stringify(listed));
    }
    // the by-id sample (request URL /properties/{id}) uses the same fields, minus modifiedAt
    const fields = new Set(Object.keys(PROPERTY_LIST.properties[0]));
    assert.ok(Object.keys(PROPERTY_BY_ID).every((key) => fields.has(key)));
  });

  test('list parameters apply to properties too', async () => {
    const response = await s.call('GET', '/properties?sortBy=id&limit=1', { version: 1 });
    assert.deepEqual(response.json(), { total: 2, offset: 0, limit: 1, properties: [PROPERTY_LIST.properties[1]] });
    assert.deepEqual((await s.call('GET', '/properties?name=pagde', { version: 1 })).json().properties, [PROPERTY_LIST.properties[0]]);
  });

  test('unknown ids → 404; versions other than v1 → 406', async () => {
    assertTargetError(await s.call('GET', '/properties/3', { version: 1 }), 404, 'Resource.NotFound', 'Property 3 not found');
    assertTargetError(await s.call('GET', '/properties/web', { version: 1 }), 404, 'Resource.NotFound', 'Property web not found');
    assert.equal((await s.call('GET', '/properties', { version: 'application/json' })).statusCode, 200);
    assertTargetError(await s.call('GET', '/properties', { version: 2 }), 406, 'Unsupported.Feature', 'Unsupported features detected');
    assertTargetError(await s.call('GET', '/properties/1', { version: 2 }), 406, 'Unsupported.Feature', 'Unsupported features detected');
  });

  test('another tenant has no properties of the demo tenant', async () => {
    const other = await tokenFor(s.t, OTHER);
    const headers = targetHeaders(other, { 'x-api-key': OTHER.clientId });
    assert.deepEqual((await s.t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/properties`, headers })).json(), {
      total: 0,
      offset: 0,
      limit: 2147483647,
      properties: [],
    });
    assertTargetError(
      await s.t.inject({ method: 'GET', url: `/${OTHER.tenant}/target/properties/1`, headers }),
      404,
      'Resource.NotFound',
      'Property 1 not found',
    );
  });
});
