import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullSchemaFor } from '../../../src/services/schemas/model.js';
import { scopes } from '../../../src/store/store.js';
import { startApp } from '../../helpers.js';
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

test('a tenant set reset puts the same fixtures back: the resolved form is reused; a field group replaced since is seen, and undone by the next reset', async () => {
  const t = await startApp();
  try {
    const set = (await t.inject({ method: 'POST', url: '/_mock/tenants', payload: { fixtures: true } })).json() as { id: string; imsOrg: string };
    const scope = scopes.platform(set.imsOrg, 'prod');
    const schemaId = [...t.ctx.store.collection<{ $id: string }>(scope, 'schemas').readOnlyEntries()][0]![1].$id;
    const reset = () => t.inject({ method: 'POST', url: `/_mock/reset?set=${set.id}` });

    await reset(); // from then on the set's fixtures are the ones every reset shares
    const first = fullSchemaFor(t.ctx, scope, schemaId);
    assert.ok(first);
    await reset();
    assert.equal(fullSchemaFor(t.ctx, scope, schemaId), first, 'the same resolution after a reset');

    const groups = t.ctx.store.collection<Record<string, unknown>>(scope, 'fieldgroups');
    const [key] = groups.keys();
    groups.put(key!, { ...groups.get(key!)!, description: 'changed since the reset' });
    const changed = fullSchemaFor(t.ctx, scope, schemaId);
    assert.notEqual(changed, first, 'resolved again once a field group it uses is replaced');

    await reset();
    const again = fullSchemaFor(t.ctx, scope, schemaId);
    assert.notEqual(again, changed);
    assert.deepEqual(again, first);
  } finally {
    await t.close();
  }
});
