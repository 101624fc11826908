import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { scopes } from '../../../src/store/store.js';
import { DEMO } from '../../helpers.js';
import {
  assertXdmError,
  FULL,
  primaryEmailIdentity,
  LOYALTY_MIXIN,
  LOYALTY_SCHEMA,
  LOYALTY_TYPE,
  PERSONAL_DETAILS,
  PROFILE,
  RAW,
  registryClient,
} from './support.js';

const PERSON_DETAILS = 'https://ns.adobe.com/xdm/context/profile-person-details';
const PROFILE_UNION = `${PROFILE}__union`;
const ID_LISTING = 'application/vnd.adobe.xed-id+json';

const { call, app } = registryClient();
const get = (path: string, accept: string) => call('GET', path, undefined, { accept });

const breaking = (schema: string, reason: string) =>
  `The schema ${schema} is enabled for Profile or used by a dataset with data: only additive changes are allowed. ${reason}`;

/** A field group of the Profile class with one custom field, `_mocktenant.hotel.<field>`. */
async function hotelFieldGroup(title: string, field: string): Promise<string> {
  const response = await call('POST', '/tenant/fieldgroups', {
    title,
    type: 'object',
    'meta:intendedToExtend': [PROFILE],
    properties: { _mocktenant: { type: 'object', properties: { hotel: { type: 'object', properties: { [field]: { type: 'string' } } } } } },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().$id;
}

/** A new Profile schema with the personal details (so /personalEmail/address) and a hotel field group. */
async function guestSchema(): Promise<{ $id: string; altId: string; hotel: string }> {
  const hotel = await hotelFieldGroup('Favourite hotel', 'favourite');
  const response = await call('POST', '/tenant/schemas', {
    title: 'Hotel guests',
    type: 'object',
    allOf: [{ $ref: PROFILE }, { $ref: PERSONAL_DETAILS }, { $ref: hotel }],
  });
  assert.equal(response.statusCode, 201, response.body);
  return { $id: response.json().$id, altId: response.json()['meta:altId'], hotel };
}

async function primaryIdentity(schema: string): Promise<void> {
  const response = await call('POST', '/tenant/descriptors', primaryEmailIdentity(schema));
  assert.equal(response.statusCode, 201, response.body);
}

const ENABLE = [{ op: 'add', path: '/meta:immutableTags', value: ['union'] }];

test('joining a union needs a primary identity descriptor (XDM-1528-400); with one, the PATCH of create-schema-api.md works', async () => {
  const guests = await guestSchema();
  assertXdmError(
    await call('PATCH', `/tenant/schemas/${guests.altId}`, ENABLE),
    400,
    '1528',
    'Union descriptor validation error',
    'To participate in a union, a schema must include an identityMap fieldgroup or a primary identity descriptor.',
  );
  assert.equal((await get(`/tenant/schemas/${guests.altId}`, RAW)).json()['meta:immutableTags'], undefined, 'unchanged');
  // A non-primary identity is not enough.
  const secondary = await call('POST', '/tenant/descriptors', {
    '@type': 'xdm:descriptorIdentity',
    'xdm:sourceSchema': guests.$id,
    'xdm:sourceVersion': 1,
    'xdm:sourceProperty': '/personalEmail/address',
    'xdm:namespace': 'Email',
    'xdm:property': 'xdm:code',
    'xdm:isPrimary': false,
  });
  assert.equal(secondary.statusCode, 201);
  assert.equal((await call('PATCH', `/tenant/schemas/${guests.altId}`, ENABLE)).statusCode, 400);
  assert.equal((await call('DELETE', `/tenant/descriptors/${secondary.json()['@id']}`)).statusCode, 204);

  await primaryIdentity(guests.$id);
  const enabled = await call('PATCH', `/tenant/schemas/${guests.altId}`, ENABLE);
  assert.equal(enabled.statusCode, 200, enabled.body);
  assert.deepEqual(enabled.json()['meta:immutableTags'], ['union']);
  assert.equal(enabled.json().version, '1.1');

  // unions.md "List schemas in a union": the property filter on the tag and the class.
  const members = await get(`/tenant/schemas?property=${encodeURIComponent(`meta:immutableTags==union,meta:class==${PROFILE}`)}`, ID_LISTING);
  assert.equal(members.statusCode, 200, members.body);
  assert.deepEqual(
    members.json().results.map((schema: { $id: string }) => schema.$id),
    [LOYALTY_SCHEMA, guests.$id],
  );
});

test('a schema created with the union tag is refused without an identity, like the PATCH', async () => {
  assertXdmError(
    await call('POST', '/tenant/schemas', { title: 'Tagged', type: 'object', allOf: [{ $ref: PROFILE }], 'meta:immutableTags': ['union'] }),
    400,
    '1528',
    'Union descriptor validation error',
    'To participate in a union, a schema must include an identityMap fieldgroup or a primary identity descriptor.',
  );
});

test('GET /tenant/unions lists one union per class; the lookup merges the member schemas (unions.md)', async () => {
  const listed = await get('/tenant/unions', ID_LISTING);
  assert.equal(listed.statusCode, 200, listed.body);
  const summary = { title: 'XDM Individual Profile', $id: PROFILE_UNION, 'meta:altId': '_xdm.context.profile__union', version: '1' };
  assert.deepEqual(listed.json(), { results: [summary] });

  const guests = await guestSchema();
  await primaryIdentity(guests.$id);
  assert.equal((await call('PATCH', `/tenant/schemas/${guests.altId}`, ENABLE)).statusCode, 200);

  const raw = await get(`/tenant/unions/${encodeURIComponent(PROFILE_UNION)}`, RAW);
  assert.equal(raw.statusCode, 200, raw.body);
  const union = raw.json();
  assert.deepEqual(union, {
    type: 'object',
    description: `Union view of all schemas that extend ${PROFILE}`,
    allOf: [{ $ref: PROFILE }, { $ref: PERSON_DETAILS }, { $ref: PERSONAL_DETAILS }, { $ref: LOYALTY_MIXIN }, { $ref: guests.hotel }],
    'meta:extends': union['meta:extends'],
    title: `Union object for ${PROFILE}`,
    $id: PROFILE_UNION,
    'meta:containerId': 'tenant',
    'meta:class': PROFILE,
    'meta:altId': '_xdm.context.profile__union',
    version: '1.0',
    'meta:resourceType': 'unions',
    'meta:registryMetadata': {},
  });
  for (const id of [PROFILE, PERSON_DETAILS, LOYALTY_MIXIN, guests.hotel]) assert.ok(union['meta:extends'].includes(id), id);

  // Looked up by meta:altId too; xed-full holds the fields of both members.
  const full = await get('/tenant/unions/_xdm.context.profile__union', FULL);
  assert.equal(full.statusCode, 200, full.body);
  const { properties, allOf } = full.json();
  assert.equal(allOf, undefined);
  assert.ok(properties.person && properties.personalEmail);
  assert.deepEqual(Object.keys(properties._mocktenant.properties), ['loyalty', 'hotel']);
  assert.deepEqual(properties._mocktenant.properties.hotel.properties, { favourite: { type: 'string' } });
  assert.equal(properties._mocktenant.properties.loyalty.properties.loyaltyLevel.type, 'string');

  // the xed listing gives the union objects; Accept errors and unknown unions as for schemas
  assert.deepEqual((await get('/tenant/unions', 'application/vnd.adobe.xed+json')).json(), { results: [union] });
  assertXdmError(
    await call('GET', '/tenant/unions', undefined, { accept: 'application/json' }),
    400,
    '1006',
    'Accept header invalid',
    "The supplied Accept header is not valid: application/json - A valid Accept value should look like application/vnd.adobe.'{xed|xdm'}+json",
  );
  const unknown = 'https://ns.adobe.com/xdm/context/experienceevent__union';
  assertXdmError(
    await get(`/tenant/unions/${encodeURIComponent(unknown)}`, RAW),
    404,
    '1012',
    'Resource Not Found',
    `Requested resource ${unknown} with version 1 is not found`,
  );
});

test('GET /tenant/schemas/{UNION_ID} looks up a union as /tenant/unions/{UNION_ID} does (unions.md "Look up a union")', async () => {
  for (const id of [encodeURIComponent(PROFILE_UNION), PROFILE_UNION.replaceAll('/', '%2F'), '_xdm.context.profile__union']) {
    for (const accept of [RAW, FULL, 'application/vnd.adobe.xed-notext+json; version=1', 'application/vnd.adobe.xed-full-notext+json; version=1']) {
      const viaSchemas = await get(`/tenant/schemas/${id}`, accept);
      assert.equal(viaSchemas.statusCode, 200, `${id} ${accept}: ${viaSchemas.body}`);
      assert.deepEqual(viaSchemas.json(), (await get(`/tenant/unions/${id}`, accept)).json(), `${id} ${accept}`);
    }
  }
  assert.equal((await get(`/tenant/schemas/${encodeURIComponent(PROFILE_UNION)}`, RAW)).json()['meta:resourceType'], 'unions');
  // Accept errors come first, as for a schema; a class without a union is an unknown schema.
  assertXdmError(
    await get(`/tenant/schemas/${encodeURIComponent(PROFILE_UNION)}`, 'application/vnd.adobe.xed+json'),
    400,
    '1007',
    'Accept header invalid',
    "The supplied Accept header is not valid: application/vnd.adobe.xed+json - A valid Accept value should look like application/vnd.adobe.'{xed|xdm'}+json; version=1 (Version should be specified)",
  );
  const unknown = 'https://ns.adobe.com/xdm/context/experienceevent__union';
  assertXdmError(
    await get(`/tenant/schemas/${encodeURIComponent(unknown)}`, RAW),
    404,
    '1012',
    'Resource Not Found',
    `Requested resource ${unknown} with version 1 is not found`,
  );
  // schemas themselves are unaffected
  assert.equal((await get(`/tenant/schemas/${encodeURIComponent(LOYALTY_SCHEMA)}`, RAW)).json().$id, LOYALTY_SCHEMA);
});

test('the primary identity of a union schema stays: its descriptor cannot be deleted nor made non-primary (XDM-1528-400)', async () => {
  const fixtureIdentity = '3ff2a8de2c1f6e8a9b70c4d15e6f7a8b9c0d1e2f';
  const primary = (await get(`/tenant/descriptors/${fixtureIdentity}`, 'application/vnd.adobe.xdm+json')).json();
  const { '@id': _id, 'meta:registryMetadata': _metadata, ...body } = primary;
  const message = `The schema ${LOYALTY_SCHEMA} participates in a union: its primary identity descriptor ${fixtureIdentity} cannot be deleted or made non-primary. A schema in a union must include an identityMap fieldgroup or a primary identity descriptor.`;
  const refused = (response: LightMyRequestResponse) => assertXdmError(response, 400, '1528', 'Union descriptor validation error', message);
  refused(await call('DELETE', `/tenant/descriptors/${fixtureIdentity}`));
  refused(await call('PUT', `/tenant/descriptors/${fixtureIdentity}`, { ...body, 'xdm:isPrimary': false }));
  refused(await call('PUT', `/tenant/descriptors/${fixtureIdentity}`, { ...body, '@type': 'xdm:alternateDisplayInfo', 'xdm:title': { en_us: 'Email' } }));
  const guests = await guestSchema();
  refused(await call('PUT', `/tenant/descriptors/${fixtureIdentity}`, { ...body, 'xdm:sourceSchema': guests.$id }));
  // nothing changed; the identity may move to another field of the schema and stay primary
  assert.deepEqual((await get(`/tenant/descriptors/${fixtureIdentity}`, 'application/vnd.adobe.xdm+json')).json(), primary);
  const moved = await call('PUT', `/tenant/descriptors/${fixtureIdentity}`, {
    ...body,
    'xdm:sourceProperty': '/_mocktenant/loyalty/loyaltyId',
    'xdm:namespace': 'Phone',
  });
  assert.equal(moved.statusCode, 200, moved.body);

  // outside a union, the primary identity is an ordinary descriptor
  await primaryIdentity(guests.$id);
  const listed = await call('GET', `/tenant/descriptors?property=${encodeURIComponent(`xdm:sourceSchema==${guests.$id}`)}`, undefined, {
    accept: 'application/vnd.adobe.xdm-id+json',
  });
  const [guestIdentity] = listed.json()['xdm:descriptorIdentity'];
  assert.equal((await call('DELETE', `/tenant/descriptors/${guestIdentity}`)).statusCode, 204);
});

test('a union schema only changes additively (XDM-1529-400); additive changes are accepted', async () => {
  const loyalty = encodeURIComponent(LOYALTY_SCHEMA);
  // removing a field group removes its fields
  assertXdmError(
    await call('PATCH', `/tenant/schemas/${loyalty}`, [{ op: 'remove', path: '/allOf/3' }]),
    400,
    '1529',
    'Schema evolution validation error',
    breaking(LOYALTY_SCHEMA, 'The field /_mocktenant cannot be removed.'),
  );
  assertXdmError(
    await call('PATCH', `/tenant/schemas/${loyalty}`, [{ op: 'replace', path: '/meta:immutableTags', value: [] }]),
    400,
    '1529',
    'Schema evolution validation error',
    breaking(LOYALTY_SCHEMA, 'The union tag cannot be removed from meta:immutableTags.'),
  );
  // a type changed through the data type the schema uses
  assertXdmError(
    await call('PATCH', `/tenant/datatypes/${encodeURIComponent(LOYALTY_TYPE)}`, [
      { op: 'replace', path: '/properties/loyaltyLevel/type', value: 'integer' },
      { op: 'replace', path: '/properties/loyaltyLevel/meta:xdmType', value: 'int' },
    ]),
    400,
    '1529',
    'Schema evolution validation error',
    breaking(LOYALTY_SCHEMA, 'The type of /_mocktenant/loyalty/loyaltyLevel cannot change from string to integer.'),
  );
  // a narrowed constraint
  assertXdmError(
    await call('PATCH', `/tenant/datatypes/${encodeURIComponent(LOYALTY_TYPE)}`, [{ op: 'add', path: '/properties/loyaltyLevel/maxLength', value: 10 }]),
    400,
    '1529',
    'Schema evolution validation error',
    breaking(LOYALTY_SCHEMA, 'The field /_mocktenant/loyalty/loyaltyLevel cannot be narrowed (maxLength).'),
  );
  const before = (await get(`/tenant/schemas/${loyalty}`, RAW)).json();

  // additive: a new field group, a new field in the data type
  const hotel = await hotelFieldGroup('Favourite hotel', 'favourite');
  const added = await call('PATCH', `/tenant/schemas/${loyalty}`, [{ op: 'add', path: '/allOf/-', value: { $ref: hotel } }]);
  assert.equal(added.statusCode, 200, added.body);
  assert.deepEqual(added.json()['meta:immutableTags'], ['union']);
  assert.equal(added.json().version, `1.${Number(before.version.split('.')[1]) + 1}`);
  const widened = await call('PATCH', `/tenant/datatypes/${encodeURIComponent(LOYALTY_TYPE)}`, [
    { op: 'add', path: '/properties/tier', value: { type: 'string', 'meta:xdmType': 'string' } },
  ]);
  assert.equal(widened.statusCode, 200, widened.body);
  // a new required field, through a field group the schema uses
  assertXdmError(
    await call('PATCH', `/tenant/fieldgroups/${encodeURIComponent(hotel)}`, [
      { op: 'add', path: '/properties/_mocktenant/properties/hotel/required', value: ['favourite'] },
    ]),
    400,
    '1529',
    'Schema evolution validation error',
    breaking(LOYALTY_SCHEMA, 'The field /_mocktenant/hotel/favourite cannot become required.'),
  );
  // a PUT that leaves meta:immutableTags out keeps them (immutable)
  const { $id: _id, 'meta:altId': _alt, version: _v, 'meta:registryMetadata': _m, ...body } = added.json();
  const { 'meta:immutableTags': _tags, ...withoutTags } = body;
  const put = await call('PUT', `/tenant/schemas/${loyalty}`, withoutTags);
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual(put.json()['meta:immutableTags'], ['union']);
});

test('Catalog: a dataset enabled for Profile needs a union schema (400 BadRequestError otherwise)', async () => {
  const guests = await guestSchema();
  const dataSet = (schema: string) => ({
    name: 'Hotel guests',
    schemaRef: { id: schema, contentType: 'application/vnd.adobe.xed-full+json;version=1' },
    tags: { unifiedProfile: ['enabled:true'] },
  });
  const refused = await call('POST', '/data/foundation/catalog/dataSets', dataSet(guests.$id));
  assert.equal(refused.statusCode, 400, refused.body);
  assert.deepEqual(refused.json(), {
    type: 'http://ns.adobe.com/aep/errors/bad-request',
    status: 400,
    title: 'BadRequestError',
    detail: `A dataset enabled for Profile (tags.unifiedProfile ["enabled:true"]) needs a schemaRef to a schema enabled for Profile (meta:immutableTags ["union"]); ${guests.$id} is not`,
  });
  // without the tag (or with enabled:false) the same dataset is fine; enabling it later by PATCH is refused the same way
  const plain = await call('POST', '/data/foundation/catalog/dataSets', { ...dataSet(guests.$id), tags: { unifiedProfile: ['enabled:false'] } });
  assert.equal(plain.statusCode, 201, plain.body);
  const id = plain.json()[0].replace('@/dataSets/', '');
  const patched = await call('PATCH', `/data/foundation/catalog/dataSets/${id}`, { tags: { unifiedProfile: ['enabled:true'] } });
  assert.equal(patched.statusCode, 400, patched.body);
  assert.equal(patched.json().detail, refused.json().detail);

  const accepted = await call('POST', '/data/foundation/catalog/dataSets', { ...dataSet(LOYALTY_SCHEMA), name: 'Loyalty members' });
  assert.equal(accepted.statusCode, 201, accepted.body);
  await primaryIdentity(guests.$id);
  assert.equal((await call('PATCH', `/tenant/schemas/${guests.altId}`, ENABLE)).statusCode, 200);
  const later = await call('PATCH', `/data/foundation/catalog/dataSets/${id}`, { tags: { unifiedProfile: ['enabled:true'] } });
  assert.equal(later.statusCode, 200, later.body);
});

test('a schema used by a dataset with data (a successful batch) only changes additively too', async () => {
  const guests = await guestSchema();
  const created = await call('POST', '/data/foundation/catalog/dataSets', { name: 'Guests', schemaRef: { id: guests.$id } });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json()[0].replace('@/dataSets/', '');
  const removeHotel = [{ op: 'remove', path: '/allOf/2' }];
  // no data yet: any valid change goes
  const first = await call('PATCH', `/tenant/schemas/${guests.altId}`, [{ op: 'add', path: '/description', value: 'Guests' }]);
  assert.equal(first.statusCode, 200, first.body);
  // a successful batch (as ingestion records it on the dataset)
  const dataSets = app().ctx.store.collection<Record<string, unknown>>(scopes.platform(DEMO.org, 'prod'), 'dataSets');
  dataSets.put(id, { ...dataSets.get(id), lastSuccessfulBatch: '01HZBATCH' });
  assertXdmError(
    await call('PATCH', `/tenant/schemas/${guests.altId}`, removeHotel),
    400,
    '1529',
    'Schema evolution validation error',
    breaking(guests.$id, 'The field /_mocktenant cannot be removed.'),
  );
});
