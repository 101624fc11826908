import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FULL, PROFILE, registryClient } from './support.js';

const { call } = registryClient();

const GROUP = {
  title: 'Stay Preferences',
  type: 'object',
  'meta:intendedToExtend': [PROFILE],
  definitions: { stay: { properties: { _mocktenant: { type: 'object', properties: { roomType: { title: 'Room Type', type: 'string' } } } } } },
  allOf: [{ $ref: '#/definitions/stay' }],
};

async function tenantFieldsOf(schemaAltId: string): Promise<string[]> {
  const response = await call('GET', `/tenant/schemas/${schemaAltId}`, undefined, { accept: FULL });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
  return Object.keys(response.json().properties._mocktenant.properties);
}

test('the xed-full form of a schema is answered from cache until a field group it uses changes, then shows the change at once', async () => {
  const group = (await call('POST', '/tenant/fieldgroups', GROUP)).json();
  const schema = await call('POST', '/tenant/schemas', { title: 'Guests', type: 'object', allOf: [{ $ref: PROFILE }, { $ref: group.$id }] });
  assert.equal(schema.statusCode, 201, schema.body);
  const altId = schema.json()['meta:altId'];

  assert.deepEqual(await tenantFieldsOf(altId), ['roomType']);
  assert.deepEqual(await tenantFieldsOf(altId), ['roomType'], 'a repeated lookup answers the same');

  const patched = await call('PATCH', `/tenant/fieldgroups/${group['meta:altId']}`, [
    { op: 'add', path: '/definitions/stay/properties/_mocktenant/properties/smoking', value: { title: 'Smoking', type: 'boolean' } },
  ]);
  assert.equal(patched.statusCode, 200, patched.body);
  assert.deepEqual(await tenantFieldsOf(altId), ['roomType', 'smoking']);

  const removed = await call('PATCH', `/tenant/fieldgroups/${group['meta:altId']}`, [
    { op: 'remove', path: '/definitions/stay/properties/_mocktenant/properties/roomType' },
  ]);
  assert.equal(removed.statusCode, 200, removed.body);
  assert.deepEqual(await tenantFieldsOf(altId), ['smoking'], 'a field removed from the group is gone from the full form');
});
