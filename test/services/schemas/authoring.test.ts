import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO } from '../../helpers.js';
import {
  assertXdmError,
  FULL,
  HEX,
  LOYALTY_MIXIN,
  LOYALTY_SCHEMA as SCHEMA_ID,
  LOYALTY_TYPE,
  PERSONAL_DETAILS,
  PROFILE,
  RAW,
  registryClient,
  TECH_ACCOUNT,
} from './support.js';
import { ReferenceSpec } from '../../contract/reference.js';

const RECORD = 'https://ns.adobe.com/xdm/data/record';
const reference = ReferenceSpec.load('schema-registry.yaml');

const { call, app } = registryClient();
const get = (path: string, overrides: Record<string, string | undefined> = {}) => call('GET', path, undefined, { accept: RAW, ...overrides });

/** The registry metadata of a resource created (and last changed) at the frozen instants given. */
function metadata(created: number, modified = created) {
  return {
    'repo:createdDate': created,
    'repo:lastModifiedDate': modified,
    'xdm:createdClientId': DEMO.clientId,
    'xdm:lastModifiedClientId': DEMO.clientId,
    'xdm:createdUserId': TECH_ACCOUNT,
    'xdm:lastModifiedUserId': TECH_ACCOUNT,
  };
}

/** Checks the generated ids of a new resource by their documented format and returns them. */
function assertIds(body: Record<string, unknown>, typeName: string): { $id: string; altId: string } {
  const $id = String(body.$id);
  assert.match($id, new RegExp(`^https://ns\\.adobe\\.com/mocktenant/${typeName}/${HEX}$`));
  assert.equal(body['meta:altId'], `_mocktenant.${typeName}.${$id.split('/').pop()}`);
  return { $id, altId: String(body['meta:altId']) };
}

const COMMON = {
  type: 'object',
  'meta:containerId': 'tenant',
  imsOrg: DEMO.org,
  'meta:xdmType': 'object',
  'meta:sandboxType': 'production',
  'meta:tenantNamespace': '_mocktenant',
};

function assertBadRequest(response: LightMyRequestResponse, detail: string): void {
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(response.json(), { type: 'http://ns.adobe.com/aep/errors/bad-request', status: 400, title: 'BadRequestError', detail });
}

const CONSTRUCTION_TYPE = {
  title: 'Property Construction',
  description: 'Information about the construction of a property.',
  type: 'object',
  properties: {
    yearBuilt: { title: 'Year Built', type: 'integer', 'meta:xdmType': 'int' },
    constructionStyle: { title: 'Construction Style', type: 'string', 'meta:xdmType': 'string' },
  },
};

const PROPERTY_CLASS = {
  title: 'Property',
  description: 'Properties owned and operated by the company',
  type: 'object',
  definitions: { property: { properties: { _id: { type: 'string', 'meta:xdmType': 'string' }, propertyId: { type: 'string', 'meta:xdmType': 'string' } } } },
  allOf: [{ $ref: RECORD }, { $ref: '#/definitions/property' }],
};

function propertyDetails(classId: string, typeId: string) {
  return {
    title: 'Property Details',
    description: 'Detailed information related to the properties owned and operated by the company.',
    type: 'object',
    'meta:intendedToExtend': [classId],
    definitions: {
      property: {
        properties: {
          _mocktenant: {
            type: 'object',
            properties: {
              propertyName: { type: 'string', title: 'Property Name' },
              propertyConstruction: { $ref: typeId },
            },
          },
        },
      },
    },
    allOf: [{ $ref: '#/definitions/property' }],
  };
}

/** Creates the data type, class and field group of the guides' Property example; returns their ids. */
async function createPropertyFamily(): Promise<{ typeId: string; classId: string; groupId: string; groupAltId: string }> {
  const type = await call('POST', '/tenant/datatypes', CONSTRUCTION_TYPE);
  assert.equal(type.statusCode, 201, type.body);
  const klass = await call('POST', '/tenant/classes', PROPERTY_CLASS);
  assert.equal(klass.statusCode, 201, klass.body);
  const group = await call('POST', '/tenant/fieldgroups', propertyDetails(klass.json().$id, type.json().$id));
  assert.equal(group.statusCode, 201, group.body);
  return { typeId: type.json().$id, classId: klass.json().$id, groupId: group.json().$id, groupAltId: group.json()['meta:altId'] };
}

test('POST /tenant/datatypes → 201 with the registry fields; reads back by meta:altId and by URL-encoded $id', async () => {
  const now = app().ctx.clock.now();
  const response = await call('POST', '/tenant/datatypes', CONSTRUCTION_TYPE);
  assert.equal(response.statusCode, 201, response.body);
  const created = response.json();
  const { $id, altId } = assertIds(created, 'datatypes');
  assert.deepEqual(created, {
    ...CONSTRUCTION_TYPE,
    ...COMMON,
    $id,
    'meta:altId': altId,
    'meta:resourceType': 'datatypes',
    version: '1.0',
    'meta:abstract': true,
    'meta:extensible': true,
    'meta:extends': [],
    'meta:registryMetadata': metadata(now),
  });
  assert.deepEqual((await get(`/tenant/datatypes/${altId}`)).json(), created);
  assert.deepEqual((await get(`/tenant/datatypes/${encodeURIComponent($id)}`)).json(), created);
});

test('POST /tenant/classes, /tenant/fieldgroups and /tenant/schemas build a schema that resolves in full', async () => {
  const now = app().ctx.clock.now();
  const { typeId, classId, groupId, groupAltId } = await createPropertyFamily();
  assert.match(classId, new RegExp(`^https://ns\\.adobe\\.com/mocktenant/classes/${HEX}$`));
  const klass = (await get(`/tenant/classes/${encodeURIComponent(classId)}`)).json();
  assert.deepEqual(klass, {
    ...PROPERTY_CLASS,
    ...COMMON,
    $id: classId,
    'meta:altId': assertIds(klass, 'classes').altId,
    'meta:resourceType': 'classes',
    version: '1.0',
    allOf: PROPERTY_CLASS.allOf,
    'meta:abstract': true,
    'meta:extensible': true,
    'meta:extends': [RECORD],
    'meta:registryMetadata': metadata(now),
  });

  const group = (await get(`/tenant/fieldgroups/${groupAltId}`)).json();
  const body = propertyDetails(classId, typeId);
  assert.deepEqual(group, {
    ...body,
    ...COMMON,
    $id: groupId,
    'meta:altId': assertIds(group, 'mixins').altId,
    'meta:resourceType': 'mixins',
    version: '1.0',
    allOf: [{ $ref: '#/definitions/property', type: 'object', 'meta:xdmType': 'object' }],
    'meta:abstract': true,
    'meta:extensible': true,
    'meta:extends': [],
    'meta:registryMetadata': metadata(now),
  });

  const schema = await call('POST', '/tenant/schemas', { title: 'Properties', type: 'object', allOf: [{ $ref: classId }, { $ref: groupId }] });
  assert.equal(schema.statusCode, 201, schema.body);
  assert.equal(schema.json()['meta:class'], classId);
  assert.deepEqual(schema.json()['meta:extends'], [classId, RECORD, groupId]);
  const full = (await get(`/tenant/schemas/${schema.json()['meta:altId']}`, { accept: FULL })).json();
  assert.deepEqual(Object.keys(full.properties).sort(), ['_id', '_mocktenant', 'propertyId']);
  assert.equal(full.properties._mocktenant.properties.propertyConstruction['meta:referencedFrom'], typeId);
});

test('/tenant/mixins and /tenant/fieldgroups reach the same objects, for every method', async () => {
  const created = await call('POST', '/tenant/mixins', {
    title: 'Hotel Preferences',
    type: 'object',
    'meta:intendedToExtend': [PROFILE],
    properties: { _mocktenant: { type: 'object', properties: { room: { type: 'string' } } } },
  });
  assert.equal(created.statusCode, 201, created.body);
  const { altId } = assertIds(created.json(), 'mixins');
  assert.deepEqual((await get(`/tenant/fieldgroups/${altId}`)).json(), created.json());
  const put = await call('PUT', `/tenant/fieldgroups/${altId}`, {
    title: 'Hotel Preferences',
    type: 'object',
    description: 'Rooms',
    'meta:intendedToExtend': [PROFILE],
    properties: { _mocktenant: { type: 'object', properties: { room: { type: 'string' } } } },
  });
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual((await get(`/tenant/mixins/${altId}`)).json(), put.json());
  const patched = await call('PATCH', `/tenant/mixins/${altId}`, [{ op: 'replace', path: '/description', value: 'Room types' }]);
  assert.equal(patched.statusCode, 200, patched.body);
  assert.equal((await get(`/tenant/fieldgroups/${altId}`)).json().description, 'Room types');
  const listed = (await call('GET', '/tenant/mixins', undefined, { accept: 'application/vnd.adobe.xed-id+json' })).json();
  assert.ok(listed.results.some((item: { 'meta:altId': string }) => item['meta:altId'] === altId));
  assert.equal((await call('DELETE', `/tenant/mixins/${altId}`)).statusCode, 204);
  assert.equal((await get(`/tenant/fieldgroups/${altId}`)).statusCode, 404);
});

test('PUT replaces the whole resource: version 1.0 → 1.1 → 1.2, created kept, last modified on the clock', async () => {
  const created = (await call('POST', '/tenant/datatypes', CONSTRUCTION_TYPE)).json();
  const createdAt = app().ctx.clock.now();
  app().ctx.clock.advance(60_000);
  const replacement = { title: 'Property Construction', type: 'object', properties: { floors: { type: 'integer', 'meta:xdmType': 'int' } } };
  const put = await call('PUT', `/tenant/datatypes/${created['meta:altId']}`, replacement);
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual(put.json(), {
    ...replacement,
    ...COMMON,
    $id: created.$id,
    'meta:altId': created['meta:altId'],
    'meta:resourceType': 'datatypes',
    version: '1.1',
    'meta:abstract': true,
    'meta:extensible': true,
    'meta:extends': [],
    'meta:registryMetadata': metadata(createdAt, createdAt + 60_000),
  });
  assert.deepEqual((await get(`/tenant/datatypes/${encodeURIComponent(created.$id)}`)).json(), put.json());
  // Registry-managed fields in the body are ignored.
  const again = await call('PUT', `/tenant/datatypes/${encodeURIComponent(created.$id)}`, { ...replacement, $id: 'x', version: '9.9' });
  assert.equal(again.json().version, '1.2');
  assert.equal(again.json().$id, created.$id);
});

test('PATCH applies JSON Patch operations and bumps the version; a bad patch changes nothing', async () => {
  const { groupAltId } = await createPropertyFamily();
  const createdAt = app().ctx.clock.now();
  app().ctx.clock.advance(1_000);
  const response = await call('PATCH', `/tenant/fieldgroups/${groupAltId}`, [
    { op: 'replace', path: '/description', value: 'Details relating to a property operated by the company.' },
    {
      op: 'add',
      path: '/definitions/property/properties/_mocktenant/properties/propertyCity',
      value: { title: 'Property City', type: 'string' },
    },
  ]);
  assert.equal(response.statusCode, 200, response.body);
  const patched = response.json();
  assert.equal(patched.version, '1.1');
  assert.equal(patched.description, 'Details relating to a property operated by the company.');
  assert.deepEqual(patched.definitions.property.properties._mocktenant.properties.propertyCity, { title: 'Property City', type: 'string' });
  assert.deepEqual(patched['meta:registryMetadata'], metadata(createdAt, createdAt + 1_000));
  assert.deepEqual((await get(`/tenant/fieldgroups/${groupAltId}`)).json(), patched);

  assertBadRequest(
    await call('PATCH', `/tenant/fieldgroups/${groupAltId}`, [
      { op: 'replace', path: '/description', value: 'changed' },
      { op: 'remove', path: '/nope' },
    ]),
    'Invalid JSON Patch: operation 1 ({"op":"remove","path":"/nope"}) cannot be applied: operation path unresolvable. Cannot perform the operation at a path that does not exist',
  );
  assertBadRequest(await call('PATCH', `/tenant/fieldgroups/${groupAltId}`, []), 'The JSON Patch body has no operations');
  assertBadRequest(await call('PATCH', `/tenant/fieldgroups/${groupAltId}`, [{ op: 'remove', path: '/title' }]), 'The patched resource needs a "title"');
  assert.deepEqual((await get(`/tenant/fieldgroups/${groupAltId}`)).json(), patched, 'unchanged');
});

test('DELETE → 204 with no body; the resource is gone (404 in the XDM body), a second DELETE is 404', async () => {
  const created = (await call('POST', '/tenant/datatypes', CONSTRUCTION_TYPE)).json();
  const deleted = await call('DELETE', `/tenant/datatypes/${encodeURIComponent(created.$id)}`);
  assert.equal(deleted.statusCode, 204);
  assert.equal(deleted.body, '');
  const message = `The requested data type resource ${created.$id} with version 1 is not found.`;
  assertXdmError(await get(`/tenant/datatypes/${encodeURIComponent(created.$id)}`), 404, '1013', 'Resource not found', message);
  assertXdmError(await call('DELETE', `/tenant/datatypes/${encodeURIComponent(created.$id)}`), 404, '1013', 'Resource not found', message);
  assertXdmError(
    await call('PUT', '/tenant/schemas/_mocktenant.schemas.nope', { title: 'X', type: 'object' }),
    404,
    '1012',
    'Resource Not Found',
    'Requested resource _mocktenant.schemas.nope with version 1 is not found',
  );
});

test('another sandbox sees nothing of what prod wrote, and cannot change or delete it', async () => {
  const created = (await call('POST', '/tenant/datatypes', CONSTRUCTION_TYPE)).json();
  const dev = { 'x-sandbox-name': 'dev' };
  assert.equal((await get(`/tenant/datatypes/${created['meta:altId']}`, dev)).statusCode, 404);
  assert.equal((await call('PUT', `/tenant/datatypes/${created['meta:altId']}`, CONSTRUCTION_TYPE, dev)).statusCode, 404);
  assert.equal((await call('PATCH', `/tenant/datatypes/${created['meta:altId']}`, [{ op: 'remove', path: '/description' }], dev)).statusCode, 404);
  assert.equal((await call('DELETE', `/tenant/datatypes/${created['meta:altId']}`, undefined, dev)).statusCode, 404);
  const listed = (await call('GET', '/tenant/datatypes', undefined, { ...dev, accept: 'application/vnd.adobe.xed-id+json' })).json();
  assert.deepEqual(listed.results, []);
  // The same title is free there, and the new resource says it lives in a development sandbox.
  const inDev = await call('POST', '/tenant/datatypes', CONSTRUCTION_TYPE, dev);
  assert.equal(inDev.statusCode, 201);
  assert.equal(inDev.json()['meta:sandboxType'], 'development');
  assert.equal((await get(`/tenant/datatypes/${created['meta:altId']}`)).statusCode, 200, 'prod keeps its own');
});

test('the global container stays read-only', async () => {
  for (const [method, path] of [
    ['POST', '/global/classes'],
    ['PUT', `/global/classes/${encodeURIComponent(PROFILE)}`],
    ['PATCH', `/global/classes/${encodeURIComponent(PROFILE)}`],
    ['DELETE', `/global/classes/${encodeURIComponent(PROFILE)}`],
  ]) {
    const response = await call(method, path, method === 'DELETE' ? undefined : method === 'PATCH' ? [] : { title: 'X', type: 'object' });
    assert.equal(response.statusCode, 404, `${method} ${path}`);
  }
  assert.equal((await get(`/global/classes/${encodeURIComponent(PROFILE)}`)).statusCode, 200);
});

test('every write answers a body that fits schema-registry.yaml (POST 201, PUT 200, PATCH 200)', async () => {
  const { typeId, classId, groupId } = await createPropertyFamily();
  const mixin = await call('POST', '/tenant/mixins', {
    title: 'Hotel Preferences',
    type: 'object',
    'meta:intendedToExtend': [PROFILE],
    properties: { _mocktenant: { type: 'object', properties: { room: { type: 'string' } } } },
  });
  const schema = await call('POST', '/tenant/schemas', { title: 'Properties', type: 'object', allOf: [{ $ref: classId }, { $ref: groupId }] });
  const written: Array<[string, string, string]> = [
    ['datatypes', typeId, 'DATA_TYPE_ID'],
    ['classes', classId, 'CLASS_ID'],
    ['fieldgroups', groupId, 'FIELD_GROUP_ID'],
    ['mixins', mixin.json().$id, 'MIXIN_ID'],
    ['schemas', schema.json().$id, 'SCHEMA_ID'],
  ];
  for (const [path, $id, param] of written) {
    const current = (await get(`/tenant/${path}/${encodeURIComponent($id)}`)).json();
    const template = `/tenant/${path}/{${param}}`;
    assert.deepEqual(reference.problems('POST', `/tenant/${path}`, 201, current), [], `POST ${path}`);
    const { $id: _id, 'meta:altId': _alt, version: _v, 'meta:registryMetadata': _m, ...body } = current;
    const put = await call('PUT', `/tenant/${path}/${encodeURIComponent($id)}`, body);
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(reference.problems('PUT', template, 200, put.json()), [], `PUT ${path}`);
    const patch = await call('PATCH', `/tenant/${path}/${encodeURIComponent($id)}`, [{ op: 'add', path: '/description', value: 'patched' }]);
    assert.equal(patch.statusCode, 200, patch.body);
    assert.deepEqual(reference.problems('PATCH', template, 200, patch.json()), [], `PATCH ${path}`);
    assert.equal(patch.json().version, '1.2');
  }
});

// ---- rules, in priority order ----

test('rule 1: titles are unique in the container across kinds (XDM-1521-400), on POST and PUT; keeping its own title is fine', async () => {
  const message = (id: string) => `Object titles must be unique. An object ${id} already exists with the same title`;
  assertXdmError(await call('POST', '/tenant/classes', { ...PROPERTY_CLASS, title: 'Loyalty' }), 400, '1521', 'Title not unique', message(LOYALTY_TYPE));
  const created = (await call('POST', '/tenant/datatypes', CONSTRUCTION_TYPE)).json();
  assertXdmError(
    await call('PUT', `/tenant/datatypes/${created['meta:altId']}`, { ...CONSTRUCTION_TYPE, title: 'Loyalty Members' }),
    400,
    '1521',
    'Title not unique',
    message(SCHEMA_ID),
  );
  assertXdmError(
    await call('PATCH', `/tenant/datatypes/${created['meta:altId']}`, [{ op: 'replace', path: '/title', value: 'Loyalty Member Details' }]),
    400,
    '1521',
    'Title not unique',
    message(LOYALTY_MIXIN),
  );
  assert.equal((await call('PUT', `/tenant/datatypes/${created['meta:altId']}`, CONSTRUCTION_TYPE)).statusCode, 200);
});

test('rule 2: a schema names exactly one class, and its field groups must exist', async () => {
  const { classId } = await createPropertyFamily();
  const schema = (allOf: string[]) => ({ title: 'S', type: 'object', allOf: allOf.map(($ref) => ({ $ref })) });
  assertBadRequest(await call('POST', '/tenant/schemas', schema([])), 'A schema must name the class it implements in allOf');
  assertBadRequest(await call('POST', '/tenant/schemas', schema([PERSONAL_DETAILS])), 'A schema composed of field groups must also name its class in allOf');
  assertBadRequest(await call('POST', '/tenant/schemas', schema([PROFILE, classId])), `A schema implements one class; allOf names 2: ${PROFILE}, ${classId}`);
  const missing = 'https://ns.adobe.com/mocktenant/mixins/0000';
  assertBadRequest(
    await call('POST', '/tenant/schemas', schema([PROFILE, missing])),
    `The referenced resource ${missing} does not exist in this sandbox or in the global container`,
  );
  // The same holds for a PUT of an existing schema.
  assertBadRequest(
    await call('PUT', `/tenant/schemas/${encodeURIComponent(SCHEMA_ID)}`, { title: 'Loyalty Members', type: 'object', allOf: [{ $ref: LOYALTY_MIXIN }] }),
    'A schema composed of field groups must also name its class in allOf',
  );
  // Classes build on one behavior; field groups and data types only on their own definitions.
  assertBadRequest(
    await call('POST', '/tenant/classes', { ...PROPERTY_CLASS, title: 'Other', allOf: [{ $ref: '#/definitions/property' }] }),
    'A class builds on exactly one behavior; allOf names 0',
  );
  assertBadRequest(
    await call('POST', '/tenant/datatypes', { ...CONSTRUCTION_TYPE, title: 'Other type', allOf: [{ $ref: PROFILE }] }),
    `A data type's allOf may only name its own definitions (#/definitions/...); it names ${PROFILE}`,
  );
  assertBadRequest(
    await call('POST', '/tenant/fieldgroups', { title: 'G', type: 'object' }),
    'A field group must list the classes it is compatible with in "meta:intendedToExtend"',
  );
  assertBadRequest(
    await call('POST', '/tenant/fieldgroups', { title: 'G', type: 'object', 'meta:intendedToExtend': [LOYALTY_TYPE] }),
    `meta:intendedToExtend names "${LOYALTY_TYPE}", which is not a class of this sandbox or of the global container`,
  );
});

test('rule 3: a resource still in use cannot be deleted (400); once unused it can', async () => {
  const inUse = (id: string, user: string) => `The resource ${id} cannot be deleted: it is referenced by ${user}`;
  assertBadRequest(await call('DELETE', `/tenant/datatypes/${encodeURIComponent(LOYALTY_TYPE)}`), inUse(LOYALTY_TYPE, LOYALTY_MIXIN));
  assertBadRequest(await call('DELETE', `/tenant/fieldgroups/${encodeURIComponent(LOYALTY_MIXIN)}`), inUse(LOYALTY_MIXIN, SCHEMA_ID));
  assertBadRequest(await call('DELETE', `/tenant/schemas/${encodeURIComponent(SCHEMA_ID)}`), inUse(SCHEMA_ID, 'dataset 5c8c3c555033b814b69f947f'));

  const { classId, groupId, typeId } = await createPropertyFamily();
  assertBadRequest(await call('DELETE', `/tenant/classes/${encodeURIComponent(classId)}`), inUse(classId, groupId));
  const schema = (await call('POST', '/tenant/schemas', { title: 'Properties', type: 'object', allOf: [{ $ref: classId }] })).json();
  assertBadRequest(await call('DELETE', `/tenant/datatypes/${encodeURIComponent(typeId)}`), inUse(typeId, groupId));
  // Remove the users one by one, and each resource can go.
  assert.equal((await call('DELETE', `/tenant/fieldgroups/${encodeURIComponent(groupId)}`)).statusCode, 204);
  assert.equal((await call('DELETE', `/tenant/datatypes/${encodeURIComponent(typeId)}`)).statusCode, 204);
  assertBadRequest(await call('DELETE', `/tenant/classes/${encodeURIComponent(classId)}`), inUse(classId, schema.$id));
  assert.equal((await call('DELETE', `/tenant/schemas/${schema['meta:altId']}`)).statusCode, 204);
  assert.equal((await call('DELETE', `/tenant/classes/${encodeURIComponent(classId)}`)).statusCode, 204);
});

test('rule 4: a field group fits only schemas of the classes it is intended to extend', async () => {
  const { classId } = await createPropertyFamily();
  assertBadRequest(
    await call('POST', '/tenant/schemas', { title: 'S', type: 'object', allOf: [{ $ref: classId }, { $ref: LOYALTY_MIXIN }] }),
    `The field group ${LOYALTY_MIXIN} is intended to extend ${PROFILE}; it cannot be used in a schema of the class ${classId}`,
  );
  assert.equal((await call('POST', '/tenant/schemas', { title: 'S', type: 'object', allOf: [{ $ref: PROFILE }, { $ref: LOYALTY_MIXIN }] })).statusCode, 201);
});

test('rules 4 and 6 hold for schemas already using a field group that changes', async () => {
  const { classId } = await createPropertyFamily();
  assertBadRequest(
    await call('PATCH', `/tenant/fieldgroups/${encodeURIComponent(LOYALTY_MIXIN)}`, [{ op: 'replace', path: '/meta:intendedToExtend', value: [classId] }]),
    `The field group ${LOYALTY_MIXIN} is intended to extend ${classId}; it cannot be used in a schema of the class ${PROFILE}`,
  );
  const extras = await call('POST', '/tenant/fieldgroups', {
    title: 'Loyalty Extras',
    type: 'object',
    'meta:intendedToExtend': [PROFILE],
    properties: { _mocktenant: { type: 'object', properties: { loyalty: { type: 'object', properties: { tier: { type: 'string' } } } } } },
  });
  const put = await call('PUT', `/tenant/schemas/${encodeURIComponent(SCHEMA_ID)}`, {
    title: 'Loyalty Members',
    type: 'object',
    // The fixture schema is in the Profile union: the PUT keeps its field groups (additive change only, unions.test.ts).
    allOf: [
      { $ref: PROFILE },
      { $ref: 'https://ns.adobe.com/xdm/context/profile-person-details' },
      { $ref: 'https://ns.adobe.com/xdm/context/profile-personal-details' },
      { $ref: LOYALTY_MIXIN },
      { $ref: extras.json().$id },
    ],
  });
  assert.equal(put.statusCode, 200, put.body);
  // A fixture keeps its creation (seed 001's metadata names) and moves to the next minor version.
  assert.equal(put.json().version, '1.5');
  assert.deepEqual(put.json()['meta:registryMetadata'], {
    ...metadata(1551836845496, app().ctx.clock.now()),
  });
  assertXdmError(
    await call('PATCH', `/tenant/fieldgroups/${extras.json()['meta:altId']}`, [
      { op: 'add', path: '/properties/_mocktenant/properties/loyalty/properties/loyaltyId', value: { type: 'string' } },
    ]),
    400,
    '1413',
    'Merge Schema Error',
    `Cannot merge field groups. The path /_mocktenant/loyalty/loyaltyId is defined by both ${LOYALTY_MIXIN} and ${extras.json().$id}`,
  );
  assert.equal((await get(`/tenant/fieldgroups/${extras.json()['meta:altId']}`)).json().version, '1.0', 'unchanged');
});

test('rule 5: custom fields on a standard class sit under _{TENANT_ID} (XDM-1021-400)', async () => {
  const message = (field: string) =>
    `A custom field is defined under an invalid namespace. All custom fields must be defined under a top-level field named _mocktenant. Field: ${field}`;
  assertXdmError(
    await call('POST', '/tenant/fieldgroups', {
      title: 'Tiers',
      type: 'object',
      'meta:intendedToExtend': [PROFILE],
      definitions: { tiers: { properties: { loyaltyTier: { type: 'string' } } } },
      allOf: [{ $ref: '#/definitions/tiers' }],
    }),
    400,
    '1021',
    'Namespace validation error',
    message('loyaltyTier'),
  );
  assertXdmError(
    await call('POST', '/tenant/schemas', { title: 'S', type: 'object', allOf: [{ $ref: PROFILE }], properties: { nickname: { type: 'string' } } }),
    400,
    '1021',
    'Namespace validation error',
    message('nickname'),
  );
  // A tenant class's field groups may define top-level fields of their own.
  const { classId } = await createPropertyFamily();
  const free = await call('POST', '/tenant/fieldgroups', {
    title: 'Free',
    type: 'object',
    'meta:intendedToExtend': [classId],
    properties: { rooms: { type: 'integer' } },
  });
  assert.equal(free.statusCode, 201, free.body);
});

test('rule 6: two field groups of a schema may not define the same field path (XDM-1413-400)', async () => {
  const twin = await call('POST', '/tenant/fieldgroups', {
    title: 'Loyalty Twin',
    type: 'object',
    'meta:intendedToExtend': [PROFILE],
    properties: { _mocktenant: { type: 'object', properties: { loyalty: { type: 'object', properties: { loyaltyId: { type: 'string' } } } } } },
  });
  assert.equal(twin.statusCode, 201, twin.body);
  assertXdmError(
    await call('POST', '/tenant/schemas', { title: 'S', type: 'object', allOf: [{ $ref: PROFILE }, { $ref: LOYALTY_MIXIN }, { $ref: twin.json().$id }] }),
    400,
    '1413',
    'Merge Schema Error',
    `Cannot merge field groups. The path /_mocktenant/loyalty/loyaltyId is defined by both ${LOYALTY_MIXIN} and ${twin.json().$id}`,
  );
  // Sibling fields under the same object merge.
  const sibling = await call('POST', '/tenant/fieldgroups', {
    title: 'Loyalty Extras',
    type: 'object',
    'meta:intendedToExtend': [PROFILE],
    properties: { _mocktenant: { type: 'object', properties: { loyalty: { type: 'object', properties: { tier: { type: 'string' } } } } } },
  });
  const merged = await call('POST', '/tenant/schemas', {
    title: 'S',
    type: 'object',
    allOf: [{ $ref: PROFILE }, { $ref: LOYALTY_MIXIN }, { $ref: sibling.json().$id }],
  });
  assert.equal(merged.statusCode, 201, merged.body);
});
