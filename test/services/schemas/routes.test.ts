import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO, OTHER, UUID, platformHeaders, startApp, tokenFor, type TestApp } from '../../helpers.js';
import { ReferenceSpec } from '../../contract/reference.js';

const BASE = '/data/foundation/schemaregistry';
const SCHEMA_ID = 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9';
const ALT_ID = '_mocktenant.schemas.533ca5da28087c44344810891b0f03d9';
const LOYALTY_MIXIN = 'https://ns.adobe.com/mocktenant/mixins/bb118e507bb848fd85df68fedea70c62';
const LOYALTY_TYPE = 'https://ns.adobe.com/mocktenant/datatypes/49b594dabe6bec545c8a6d1a0991a4dd';
const PROFILE = 'https://ns.adobe.com/xdm/context/profile';
const PERSONAL_DETAILS = 'https://ns.adobe.com/xdm/context/profile-personal-details';

const FULL = 'application/vnd.adobe.xed-full+json; version=1';
const RAW = 'application/vnd.adobe.xed+json; version=1';
const reference = ReferenceSpec.load('schema-registry.yaml');

let t: TestApp;
let token: string;
let otherToken: string;

before(async () => {
  t = await startApp();
  token = await tokenFor(t);
  otherToken = await tokenFor(t, OTHER);
});
after(() => t.close());
beforeEach(() => t.ctx.reset());
afterEach(() => t.ctx.clock.reset());

function get(path: string, accept: string | undefined, overrides: Record<string, string | undefined> = {}): Promise<LightMyRequestResponse> {
  return t.inject({ method: 'GET', url: `${BASE}${path}`, headers: platformHeaders(token, { accept, ...overrides }) });
}

function create(body: unknown, overrides: Record<string, string | undefined> = {}): Promise<LightMyRequestResponse> {
  return t.inject({
    method: 'POST',
    url: `${BASE}/tenant/schemas`,
    headers: platformHeaders(token, { 'content-type': 'application/json', ...overrides }),
    payload: JSON.stringify(body),
  });
}

/** A documented XDM error: exact body, with the report's request id and timestamp checked by shape. */
function assertXdmError(response: LightMyRequestResponse, status: number, type: string, title: string, message: string): void {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json();
  assert.match(body.report?.registryRequestId ?? '', UUID);
  assert.match(body.report?.timestamp ?? '', /^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
  assert.deepEqual(body, {
    type: `http://ns.adobe.com/aep/errors/${type}`,
    title,
    status,
    report: { registryRequestId: body.report.registryRequestId, timestamp: body.report.timestamp, 'detailed-message': message, 'sub-errors': [] },
    detail: message,
  });
}

const EXPECTED_LOYALTY = {
  type: 'object',
  'meta:xdmType': 'object',
  properties: {
    loyalty: {
      title: 'Loyalty',
      description: 'Loyalty Info',
      type: 'object',
      'meta:xdmType': 'object',
      'meta:referencedFrom': LOYALTY_TYPE,
      properties: {
        loyaltyId: { title: 'Loyalty Identifier', type: 'string', description: 'Loyalty Identifier.', 'meta:xdmType': 'string' },
        loyaltyLevel: { title: 'Loyalty Level', type: 'string', 'meta:xdmType': 'string' },
        loyaltyPoints: { title: 'Loyalty Points', type: 'integer', description: 'Loyalty points total.', 'meta:xdmType': 'int' },
        memberSince: {
          title: 'Member Since',
          type: 'string',
          format: 'date-time',
          description: 'Date the member joined the Loyalty Program.',
          'meta:xdmType': 'date-time',
        },
      },
    },
  },
};

test('seed 001: GET the Loyalty Members schema by meta:altId and by URL-encoded $id, full form', async () => {
  const byAltId = await get(`/tenant/schemas/${ALT_ID}`, FULL);
  const byId = await get(`/tenant/schemas/${encodeURIComponent(SCHEMA_ID)}`, FULL);
  assert.equal(byAltId.statusCode, 200, byAltId.body);
  assert.match(String(byAltId.headers['content-type']), /^application\/json/);
  assert.deepEqual(byId.json(), byAltId.json());
  const full = byAltId.json();
  for (const [key, value] of Object.entries({
    $id: SCHEMA_ID,
    'meta:altId': ALT_ID,
    title: 'Loyalty Members',
    description: 'Information for all members of the loyalty program',
    type: 'object',
    version: '1.4',
    'meta:class': PROFILE,
    'meta:containerId': 'tenant',
    'meta:resourceType': 'schemas',
    'meta:abstract': false,
    'meta:extensible': false,
    'meta:xdmType': 'object',
    imsOrg: DEMO.org,
  })) {
    assert.deepEqual(full[key], value, key);
  }
  assert.deepEqual(full['meta:immutableTags'], ['union']);
  assert.ok(full['meta:extends'].includes(LOYALTY_MIXIN));
  assert.equal(full['meta:registryMetadata']['repo:createDate'], 1551836845496);
  assert.equal(full.allOf, undefined, 'references are resolved');
  assert.equal(full.definitions, undefined);
  assert.deepEqual(Object.keys(full.properties).sort(), ['_id', '_mocktenant', 'person', 'personalEmail']);
  assert.deepEqual(full.properties._mocktenant, EXPECTED_LOYALTY);
  assert.equal(full.properties._id.type, 'string');
  assert.equal(full.properties.personalEmail['meta:referencedFrom'], 'https://ns.adobe.com/xdm/common/emailaddress');
  assert.deepEqual(full.properties.personalEmail.properties.address.format, 'email');
  assert.deepEqual(Object.keys(full.properties.person.properties.name.properties), ['firstName', 'lastName']);
  assert.deepEqual(reference.problems('GET', '/{CONTAINER_ID}/schemas/{SCHEMA_ID}', 200, full), []);
});

test('xed+json keeps the references (allOf) and answers the same for both id forms', async () => {
  for (const accept of [RAW, 'application/vnd.adobe.xed+json;version=1', 'application/vnd.adobe.xed+json; version=1.4']) {
    const byAltId = await get(`/tenant/schemas/${ALT_ID}`, accept);
    const byId = await get(`/tenant/schemas/${encodeURIComponent(SCHEMA_ID)}`, accept);
    assert.equal(byAltId.statusCode, 200, `${accept}: ${byAltId.body}`);
    assert.deepEqual(byId.json(), byAltId.json());
    const raw = byAltId.json();
    assert.deepEqual(
      raw.allOf.map((entry: { $ref: string }) => entry.$ref),
      [PROFILE, 'https://ns.adobe.com/xdm/context/profile-person-details', PERSONAL_DETAILS, LOYALTY_MIXIN],
    );
    assert.equal(raw.properties, undefined);
    assert.equal(raw.id, undefined, 'the storage key is not part of the answer');
    assert.equal(raw.$id, SCHEMA_ID);
    assert.deepEqual(reference.problems('GET', '/{CONTAINER_ID}/schemas/{SCHEMA_ID}', 200, raw), []);
  }
});

test('notext formats drop titles and descriptions; full-desc keeps descriptions only', async () => {
  const noText = (await get(`/tenant/schemas/${ALT_ID}`, 'application/vnd.adobe.xed-full-notext+json; version=1')).json();
  assert.equal(noText.title, undefined);
  assert.deepEqual(noText.properties._mocktenant.properties.loyalty.properties.loyaltyPoints, { type: 'integer', 'meta:xdmType': 'int' });
  const rawNoText = (await get(`/tenant/schemas/${ALT_ID}`, 'application/vnd.adobe.xed-notext+json; version=1')).json();
  assert.equal(rawNoText.description, undefined);
  assert.equal(rawNoText.allOf.length, 4);
  const desc = (await get(`/tenant/schemas/${ALT_ID}`, 'application/vnd.adobe.xed-full-desc+json; version=1')).json();
  assert.equal(desc.title, undefined);
  assert.equal(desc.properties._mocktenant.properties.loyalty.properties.loyaltyPoints.description, 'Loyalty points total.');
});

test('Accept errors: no version on a lookup → 400 XDM-1007; unknown format or version → 406', async () => {
  for (const accept of [undefined, 'application/json', 'application/vnd.adobe.xed+json', '*/*']) {
    assertXdmError(
      await get(`/tenant/schemas/${ALT_ID}`, accept),
      400,
      'XDM-1007-400',
      'Accept header invalid',
      `The supplied Accept header is not valid: ${accept ?? ''} - A valid Accept value should look like application/vnd.adobe.'{xed|xdm'}+json; version=1 (Version should be specified)`,
    );
  }
  const unknown = await get(`/tenant/schemas/${ALT_ID}`, 'application/vnd.adobe.xed-bogus+json; version=1');
  assert.equal(unknown.statusCode, 406);
  assert.deepEqual(unknown.json(), {
    type: '/placeholder/type/uri',
    status: 406,
    title: 'NotAcceptableError',
    detail: 'Unknown Accept media supplied: xed-bogus+json',
  });
  const version = await get(`/tenant/schemas/${ALT_ID}`, 'application/vnd.adobe.xed-full+json; version=2');
  assert.equal(version.statusCode, 406);
  assert.deepEqual(version.json(), {
    type: '/placeholder/type/uri',
    status: 406,
    title: 'NotAcceptableError',
    detail: `Accept version 2 is not available for ${SCHEMA_ID} (current version 1.4)`,
  });
});

test('unknown schema → 404 XDM-1012 with the id asked for', async () => {
  const id = 'https://ns.adobe.com/mocktenant/schemas/ffffffffffffffffffffffffffffffff';
  assertXdmError(
    await get(`/tenant/schemas/${encodeURIComponent(id)}`, FULL),
    404,
    'XDM-1012-404',
    'Resource Not Found',
    `Requested resource ${id} with version 1 is not found`,
  );
  assertXdmError(
    await get('/tenant/schemas/_mocktenant.schemas.nope', RAW),
    404,
    'XDM-1012-404',
    'Resource Not Found',
    'Requested resource _mocktenant.schemas.nope with version 1 is not found',
  );
});

test('field groups, data types and classes can be looked up in their containers', async () => {
  const mixin = await get(`/tenant/fieldgroups/${encodeURIComponent(LOYALTY_MIXIN)}`, RAW);
  assert.equal(mixin.statusCode, 200, mixin.body);
  assert.equal(mixin.json()['meta:resourceType'], 'mixins');
  assert.deepEqual(mixin.json().allOf, [{ $ref: '#/definitions/loyalty', type: 'object', 'meta:xdmType': 'object' }]);
  const mixinFull = (await get('/tenant/mixins/_mocktenant.mixins.bb118e507bb848fd85df68fedea70c62', FULL)).json();
  assert.deepEqual(mixinFull.properties._mocktenant, EXPECTED_LOYALTY);
  const dataType = await get('/tenant/datatypes/_mocktenant.datatypes.49b594dabe6bec545c8a6d1a0991a4dd', RAW);
  assert.equal(dataType.statusCode, 200);
  assert.equal(dataType.json().$id, LOYALTY_TYPE);
  const profile = await get(`/global/classes/${encodeURIComponent(PROFILE)}`, FULL);
  assert.equal(profile.statusCode, 200);
  assert.equal(profile.json().title, 'XDM Individual Profile');
  assert.equal(profile.json().properties._id.type, 'string');
  assert.equal((await get('/global/fieldgroups/_xdm.context.profile-personal-details', RAW)).statusCode, 200);
  assert.equal((await get('/global/behaviors/_xdm.data.record', RAW)).statusCode, 200);
  assert.equal((await get(`/tenant/classes/${encodeURIComponent(PROFILE)}`, RAW)).statusCode, 404, 'a global class is not in the tenant container');
  assertXdmError(
    await get('/tenant/fieldgroups/_mocktenant.mixins.nope', RAW),
    404,
    'XDM-1011-404',
    'Resource not found',
    'The requested field group resource _mocktenant.mixins.nope with version 1 is not found.',
  );
});

test('GET /tenant/schemas lists short forms (xed-id) or whole objects (xed)', async () => {
  const short = await get('/tenant/schemas', 'application/vnd.adobe.xed-id+json');
  assert.equal(short.statusCode, 200, short.body);
  assert.deepEqual(short.json(), {
    results: [{ $id: SCHEMA_ID, 'meta:altId': ALT_ID, version: '1.4', title: 'Loyalty Members' }],
    _page: { next: null, count: 1 },
    _links: { next: null, global_schemas: { href: `http://localhost:80${BASE}/global/schemas` } },
  });
  const whole = await get('/tenant/schemas?orderby=title', 'application/vnd.adobe.xed+json');
  assert.equal(whole.statusCode, 200);
  assert.equal(whole.json()._page.orderby, 'title');
  assert.equal(whole.json().results[0].allOf.length, 4);
  assert.equal(whole.json().results[0].id, undefined);
  // The reference types _page.next and _links.next as strings, yet documents null for the last page.
  const problems = reference.problems('GET', '/{CONTAINER_ID}/schemas', 200, whole.json());
  assert.deepEqual(
    problems.filter((problem) => !/^\/_(page|links)\/next must be string/.test(problem)),
    [],
  );
});

test('listing: orderby, start, limit paging, property filters and their 400s', async () => {
  for (const title of ['Delta', 'Alpha', 'Charlie', 'Bravo']) {
    assert.equal((await create({ title, type: 'object', allOf: [{ $ref: PROFILE }] })).statusCode, 201);
  }
  const titles = async (query: string) => {
    const response = await get(`/tenant/schemas?${query}`, 'application/vnd.adobe.xed-id+json');
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };
  assert.deepEqual(
    (await titles('orderby=title')).results.map((r: { title: string }) => r.title),
    ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Loyalty Members'],
  );
  assert.deepEqual(
    (await titles('orderby=-title')).results.map((r: { title: string }) => r.title),
    ['Loyalty Members', 'Delta', 'Charlie', 'Bravo', 'Alpha'],
  );
  const first = await titles('orderby=title&limit=2');
  assert.deepEqual(
    first.results.map((r: { title: string }) => r.title),
    ['Alpha', 'Bravo'],
  );
  assert.deepEqual(first._page, { orderby: 'title', next: 'Bravo', count: 2 });
  assert.equal(first._links.next, `http://localhost:80${BASE}/tenant/schemas?orderby=title&start=Bravo&limit=2`);
  const second = await titles('orderby=title&limit=2&start=Bravo');
  assert.deepEqual(
    second.results.map((r: { title: string }) => r.title),
    ['Charlie', 'Delta'],
  );
  const last = await titles('orderby=title&limit=2&start=Delta');
  assert.deepEqual(last._page, { orderby: 'title', next: null, count: 1 });
  assert.deepEqual(
    (await titles('property=title==Charlie')).results.map((r: { title: string }) => r.title),
    ['Charlie'],
  );
  assert.deepEqual(
    (await titles('orderby=title&property=title~^[AB]')).results.map((r: { title: string }) => r.title),
    ['Alpha', 'Bravo'],
  );
  assert.equal((await titles('property=meta:class==https://ns.adobe.com/xdm/context/profile')).results.length, 5);
  assert.equal((await titles('property=meta:immutableTags')).results.length, 1);
  // The parameter repeated (create-schema-api.md lists a union's members so): every condition holds.
  assert.deepEqual(
    (await titles('orderby=title&property=meta:class==https://ns.adobe.com/xdm/context/profile&property=title~^[CD]')).results.map(
      (r: { title: string }) => r.title,
    ),
    ['Charlie', 'Delta'],
  );
  const repeated = await titles('orderby=title&limit=1&property=title~^[AB]&property=meta:class==https://ns.adobe.com/xdm/context/profile');
  assert.equal(
    repeated._links.next,
    `http://localhost:80${BASE}/tenant/schemas?orderby=title&start=Alpha&limit=1&property=title%7E%5E%5BAB%5D&property=meta%3Aclass%3D%3Dhttps%3A%2F%2Fns.adobe.com%2Fxdm%2Fcontext%2Fprofile`,
  );

  const noOrder = await get('/tenant/schemas?limit=2', 'application/vnd.adobe.xed-id+json');
  assert.equal(noOrder.statusCode, 400);
  assert.deepEqual(noOrder.json(), {
    type: 'http://ns.adobe.com/aep/errors/bad-request',
    status: 400,
    title: 'BadRequestError',
    detail: 'The limit and start parameters can only be used together with orderby',
  });
  const tooMany = await get('/tenant/schemas?orderby=title&limit=501', 'application/vnd.adobe.xed-id+json');
  assert.equal(tooMany.statusCode, 400);
  assert.equal(tooMany.json().detail, 'limit must be an integer between 1 and 500');
});

test('listing Accept errors: a version or no Adobe media type → 400 XDM-1006; a lookup-only format → 406', async () => {
  for (const accept of ['application/vnd.adobe.xed+json;version=1', undefined, 'application/json']) {
    assertXdmError(
      await get('/tenant/schemas', accept),
      400,
      'XDM-1006-400',
      'Accept header invalid',
      `The supplied Accept header is not valid: ${accept ?? ''} - A valid Accept value should look like application/vnd.adobe.'{xed|xdm'}+json`,
    );
  }
  const full = await get('/tenant/schemas', 'application/vnd.adobe.xed-full+json');
  assert.equal(full.statusCode, 406);
  assert.deepEqual(full.json(), {
    type: '/placeholder/type/uri',
    status: 406,
    title: 'NotAcceptableError',
    detail: 'Unknown Accept media supplied: xed-full+json',
  });
});

test('POST /tenant/schemas creates a schema that reads back by both ids and resolves', async () => {
  t.ctx.clock.freeze();
  const response = await create({
    title: 'Hotel Guests',
    description: 'Guests of the hotels',
    type: 'object',
    allOf: [{ $ref: PROFILE }, { $ref: PERSONAL_DETAILS }, { $ref: LOYALTY_MIXIN }],
  });
  assert.equal(response.statusCode, 201, response.body);
  const created = response.json();
  assert.match(created.$id, /^https:\/\/ns\.adobe\.com\/mocktenant\/schemas\/[0-9a-f]{32}$/);
  assert.equal(created['meta:altId'], `_mocktenant.schemas.${created.$id.split('/').pop()}`);
  const { $id, 'meta:altId': altId, 'meta:registryMetadata': metadata, ...rest } = created;
  const now = t.ctx.clock.now();
  assert.equal(metadata['repo:createdDate'], now);
  assert.deepEqual(metadata, {
    'repo:createdDate': now,
    'repo:lastModifiedDate': now,
    'xdm:createdClientId': DEMO.clientId,
    'xdm:lastModifiedClientId': DEMO.clientId,
    'xdm:createdUserId': '0A1B2C3D4E5F60718293A4B5@techacct.adobe.com',
    'xdm:lastModifiedUserId': '0A1B2C3D4E5F60718293A4B5@techacct.adobe.com',
  });
  assert.deepEqual(rest, {
    'meta:resourceType': 'schemas',
    version: '1.0',
    title: 'Hotel Guests',
    type: 'object',
    description: 'Guests of the hotels',
    allOf: [PROFILE, PERSONAL_DETAILS, LOYALTY_MIXIN].map(($ref) => ({ $ref, type: 'object', 'meta:xdmType': 'object' })),
    'meta:class': PROFILE,
    'meta:abstract': false,
    'meta:extensible': false,
    'meta:extends': [PROFILE, 'https://ns.adobe.com/xdm/data/record', PERSONAL_DETAILS, LOYALTY_MIXIN],
    'meta:containerId': 'tenant',
    imsOrg: DEMO.org,
    'meta:xdmType': 'object',
    'meta:sandboxType': 'production',
    'meta:tenantNamespace': '_mocktenant',
  });
  assert.deepEqual(reference.problems('POST', '/tenant/schemas', 201, created), []);

  const byAltId = await get(`/tenant/schemas/${altId}`, RAW);
  assert.deepEqual(byAltId.json(), created);
  const full = (await get(`/tenant/schemas/${encodeURIComponent($id)}`, FULL)).json();
  assert.deepEqual(Object.keys(full.properties).sort(), ['_id', '_mocktenant', 'personalEmail']);
  assert.deepEqual(full.properties._mocktenant, EXPECTED_LOYALTY);
  const listed = (await get('/tenant/schemas', 'application/vnd.adobe.xed-id+json')).json();
  assert.equal(listed._page.count, 2);
});

test('POST accepts a schema with a class and inline properties only', async () => {
  const response = await create({
    title: 'Plain',
    type: 'object',
    allOf: [{ $ref: PROFILE }],
    properties: { _mocktenant: { type: 'object', properties: { code: { type: 'string' } } } },
  });
  assert.equal(response.statusCode, 201, response.body);
  assert.equal(response.json()['meta:class'], PROFILE);
  const full = (await get(`/tenant/schemas/${response.json()['meta:altId']}`, FULL)).json();
  assert.deepEqual(full.properties._mocktenant, { type: 'object', properties: { code: { type: 'string' } } });
});

test('POST rejects bad bodies with 400 and stores nothing', async () => {
  const problem = (detail: string) => ({ type: 'http://ns.adobe.com/aep/errors/bad-request', status: 400, title: 'BadRequestError', detail });
  const cases: Array<[unknown, unknown]> = [
    [{ type: 'object' }, problem("Invalid request: body must have required property 'title'")],
    [{ title: 'X' }, problem("Invalid request: body must have required property 'type'")],
    [{ title: 'X', type: 'array' }, problem('Invalid request: body/type must be equal to one of the allowed values')],
    [{ title: 42, type: 'object' }, problem('Invalid request: body/title must be string')],
    [{ title: 'X', type: 'object', allOf: [{ ref: PROFILE }] }, problem('allOf[0] needs a "$ref" naming a class or field group')],
    [
      { title: 'X', type: 'object', allOf: [{ $ref: 'https://ns.adobe.com/mocktenant/classes/nope' }] },
      problem('The referenced resource https://ns.adobe.com/mocktenant/classes/nope does not exist in this sandbox or in the global container'),
    ],
    [
      { title: 'X', type: 'object', allOf: [{ $ref: LOYALTY_TYPE }] },
      problem(`${LOYALTY_TYPE} is a datatypes resource; a schema's allOf may only name a class and field groups`),
    ],
    [{ title: 'X', type: 'object', allOf: [{ $ref: LOYALTY_MIXIN }] }, problem('A schema composed of field groups must also name its class in allOf')],
    [{ title: 'X', type: 'object' }, problem('A schema must name the class it implements in allOf')],
    [
      { title: 'X', type: 'object', allOf: [{ $ref: PROFILE }, { $ref: '#/definitions/missing' }] },
      problem('The schema cannot be resolved: #/definitions/missing does not name a definition of https://ns.adobe.com/mocktenant/schemas/<id>'),
    ],
    [
      {
        title: 'X',
        type: 'object',
        allOf: [{ $ref: PROFILE }],
        properties: { _mocktenant: { type: 'object', properties: { a: { $ref: 'https://ns.adobe.com/mocktenant/datatypes/nope' } } } },
      },
      problem('The schema cannot be resolved: The referenced resource https://ns.adobe.com/mocktenant/datatypes/nope does not exist'),
    ],
    [{ title: 'X', type: 'object', allOf: [{ $ref: PROFILE }], properties: { _mocktenant: { type: 'strnig' } } }, 'compile'],
  ];
  for (const [body, expected] of cases) {
    const response = await create(body);
    assert.equal(response.statusCode, 400, JSON.stringify(body));
    const answer = response.json();
    if (expected === 'compile') {
      assert.match(answer.detail, /^The schema's fields are not a valid JSON Schema: /);
    } else {
      assert.deepEqual({ ...answer, detail: answer.detail.replace(/schemas\/[0-9a-f]{32}/, 'schemas/<id>') }, expected);
    }
  }
  const listed = (await get('/tenant/schemas', 'application/vnd.adobe.xed-id+json')).json();
  assert.equal(listed._page.count, 1, 'nothing was stored');
});

test('POST with a title already used in the container → 400 XDM-1521 Title not unique', async () => {
  assertXdmError(
    await create({ title: 'Loyalty Members', type: 'object', allOf: [{ $ref: PROFILE }] }),
    400,
    'XDM-1521-400',
    'Title not unique',
    `Object titles must be unique. An object ${SCHEMA_ID} already exists with the same title`,
  );
  assertXdmError(
    await create({ title: 'Loyalty', type: 'object' }),
    400,
    'XDM-1521-400',
    'Title not unique',
    `Object titles must be unique. An object ${LOYALTY_TYPE} already exists with the same title`,
  );
  // The same title is free in another sandbox.
  assert.equal((await create({ title: 'Loyalty Members', type: 'object', allOf: [{ $ref: PROFILE }] }, { 'x-sandbox-name': 'dev' })).statusCode, 201);
});

test('isolation: the prod schema is invisible from sandbox dev and from another org, and vice versa', async () => {
  const fromDev = await get(`/tenant/schemas/${ALT_ID}`, FULL, { 'x-sandbox-name': 'dev' });
  assert.equal(fromDev.statusCode, 404);
  const otherHeaders = platformHeaders(otherToken, { 'x-api-key': OTHER.clientId, 'x-gw-ims-org-id': OTHER.org, accept: FULL });
  const fromOther = await t.inject({ method: 'GET', url: `${BASE}/tenant/schemas/${encodeURIComponent(SCHEMA_ID)}`, headers: otherHeaders });
  assert.equal(fromOther.statusCode, 404);
  const otherList = await t.inject({ method: 'GET', url: `${BASE}/tenant/schemas`, headers: { ...otherHeaders, accept: 'application/vnd.adobe.xed-id+json' } });
  assert.deepEqual(otherList.json().results, []);
  assert.deepEqual((await get('/tenant/schemas', 'application/vnd.adobe.xed-id+json', { 'x-sandbox-name': 'dev' })).json().results, []);
  assert.equal((await get(`/tenant/fieldgroups/${encodeURIComponent(LOYALTY_MIXIN)}`, RAW, { 'x-sandbox-name': 'dev' })).statusCode, 404);

  // A schema created in dev (on the global class) stays in dev; the other org's tenant id names its ids.
  const inDev = await create({ title: 'Dev Only', type: 'object', allOf: [{ $ref: PROFILE }] }, { 'x-sandbox-name': 'dev' });
  assert.equal(inDev.statusCode, 201, inDev.body);
  assert.equal(inDev.json()['meta:sandboxType'], 'development');
  assert.equal((await get(`/tenant/schemas/${inDev.json()['meta:altId']}`, RAW)).statusCode, 404);
  const inOther = await t.inject({
    method: 'POST',
    url: `${BASE}/tenant/schemas`,
    headers: { ...otherHeaders, 'content-type': 'application/json' },
    payload: JSON.stringify({ title: 'Loyalty Members', type: 'object', allOf: [{ $ref: PROFILE }] }),
  });
  assert.equal(inOther.statusCode, 201, inOther.body);
  assert.match(inOther.json().$id, /^https:\/\/ns\.adobe\.com\/othertenant\/schemas\/[0-9a-f]{32}$/);
  assert.equal(inOther.json().imsOrg, OTHER.org);
  const mine = (await get(`/tenant/schemas/${ALT_ID}`, RAW)).json();
  assert.equal(mine.$id, SCHEMA_ID);
});

test('field groups, data types and classes list in both containers; the global_schemas link answers', async () => {
  const shortForm = 'application/vnd.adobe.xed-id+json';
  const compatible = await get(`/global/fieldgroups?property=meta:intendedToExtend==${encodeURIComponent(PROFILE)}&orderby=title`, shortForm);
  assert.equal(compatible.statusCode, 200, compatible.body);
  assert.deepEqual(
    compatible.json().results.map((r: { title: string }) => r.title),
    ['Demographic Details', 'Personal Contact Details'],
  );
  assert.deepEqual(compatible.json()._links, { next: null });
  const tenantMixins = (await get('/tenant/mixins', shortForm)).json();
  assert.deepEqual(tenantMixins.results, [
    { $id: LOYALTY_MIXIN, 'meta:altId': '_mocktenant.mixins.bb118e507bb848fd85df68fedea70c62', version: '1.0', title: 'Loyalty Member Details' },
  ]);
  assert.equal((await get('/tenant/datatypes', shortForm)).json().results[0].$id, LOYALTY_TYPE);
  assert.equal((await get('/global/classes', shortForm)).json().results[0].$id, PROFILE);
  const globalSchemas = await get('/global/schemas', shortForm);
  assert.equal(globalSchemas.statusCode, 200);
  assert.deepEqual(globalSchemas.json().results, []);
  assert.equal((await get(`/global/schemas/${ALT_ID}`, RAW)).statusCode, 404);
});
