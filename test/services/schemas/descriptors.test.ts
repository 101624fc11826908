import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { scopes } from '../../../src/store/store.js';
import { DESCRIPTORS } from '../../../src/services/schemas/descriptors/model.js';
import { DEMO, UUID, platformHeaders, startApp, tokenFor, type TestApp } from '../../helpers.js';

const BASE = '/data/foundation/schemaregistry/tenant/descriptors';
const SCHEMA_ID = 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9';
const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const HEX40 = /^[0-9a-f]{40}$/;
// SHA-256 of "1" and "2", the eTag of versions 1 and 2 (schema-registry.yaml lookup example).
const ETAG_1 = '6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b';
const ETAG_2 = 'd4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35';
/** The demo integration's technical account, the user of its calls. */
const USER = '0A1B2C3D4E5F60718293A4B5@techacct.adobe.com';

const IDENTITY = {
  '@type': 'xdm:descriptorIdentity',
  'xdm:sourceSchema': SCHEMA_ID,
  'xdm:sourceVersion': 1,
  'xdm:sourceProperty': '/personalEmail/address',
  'xdm:namespace': 'Email',
  'xdm:property': 'xdm:code',
  'xdm:isPrimary': false,
};
/** The fixture's primary identity of the Loyalty Members schema (fixtures/schemas.json): the member's personal email. */
const FIXTURE_IDENTITY_ID = '3ff2a8de2c1f6e8a9b70c4d15e6f7a8b9c0d1e2f';
const FRIENDLY = {
  '@type': 'xdm:alternateDisplayInfo',
  'xdm:sourceSchema': SCHEMA_ID,
  'xdm:sourceVersion': 1,
  'xdm:sourceProperty': '/_mocktenant/loyalty/loyaltyLevel',
  'xdm:title': { en_us: 'Tier' },
};

let t: TestApp;
let token: string;

before(async () => {
  t = await startApp();
  token = await tokenFor(t);
});
after(() => t.close());
beforeEach(() => {
  t.ctx.reset();
  // Frozen first, then set: set() on a running clock could tick a millisecond before freeze() reads it.
  t.ctx.clock.freeze();
  t.ctx.clock.set(NOW);
});

function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: { body?: unknown; accept?: string; sandbox?: string } = {}) {
  return t.inject({
    method,
    url: `${BASE}${path}`,
    headers: platformHeaders(token, {
      ...(options.accept !== undefined ? { accept: options.accept } : {}),
      ...(options.sandbox !== undefined ? { 'x-sandbox-name': options.sandbox } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    }),
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  });
}

async function created(body: unknown): Promise<Record<string, unknown>> {
  const response = await call('POST', '', { body });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

function expected(body: Record<string, unknown>, id: string, version = '1'): Record<string, unknown> {
  const { '@type': type, 'xdm:sourceSchema': schema, 'xdm:sourceVersion': sourceVersion, 'xdm:sourceProperty': property, ...rest } = body;
  return {
    '@id': id,
    '@type': type,
    'xdm:sourceSchema': schema,
    'xdm:sourceVersion': sourceVersion,
    'xdm:sourceProperty': property,
    imsOrg: DEMO.org,
    version,
    ...rest,
    'meta:containerId': 'tenant',
    'meta:sandboxType': 'production',
  };
}

function metadata(created: number, modified: number, eTag: string) {
  return {
    'repo:createdDate': created,
    'repo:lastModifiedDate': modified,
    'xdm:createdClientId': DEMO.clientId,
    'xdm:createdUserId': USER,
    'xdm:lastModifiedUserId': USER,
    eTag,
  };
}

/** A documented XDM error: exact body, with the report's request id and timestamp checked by shape. */
function assertXdmError(response: LightMyRequestResponse, status: number, type: string, title: string, message: string): void {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json();
  assert.match(body.report?.registryRequestId ?? '', UUID);
  assert.equal(body.report?.timestamp, '03-02-2026 10:00:00');
  assert.deepEqual(body, {
    type: `http://ns.adobe.com/aep/errors/${type}`,
    title,
    status,
    report: { registryRequestId: body.report.registryRequestId, timestamp: body.report.timestamp, 'detailed-message': message, 'sub-errors': [] },
    detail: message,
  });
}

function assertBadRequest(response: LightMyRequestResponse, detail: string): void {
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(response.json(), { type: 'http://ns.adobe.com/aep/errors/bad-request', status: 400, title: 'BadRequestError', detail });
}

// schema-registry.yaml types xdm:sourceVersion as a string, while its examples and the guide send
// and answer the integer 1: bodies are compared with the guide's, not with the reference's schemas.
test('POST an identity descriptor: 201 with the descriptor, read back by GET with its registry metadata', async () => {
  const response = await call('POST', '', { body: IDENTITY });
  assert.equal(response.statusCode, 201, response.body);
  const body = response.json();
  assert.match(body['@id'], HEX40);
  assert.deepEqual(body, expected(IDENTITY, body['@id']));

  for (const accept of [undefined, 'application/vnd.adobe.xdm+json', 'application/json']) {
    const lookup = await call('GET', `/${body['@id']}`, { accept });
    assert.equal(lookup.statusCode, 200, lookup.body);
    assert.deepEqual(lookup.json(), { ...expected(IDENTITY, String(body['@id'])), 'meta:registryMetadata': metadata(NOW, NOW, ETAG_1) });
  }
});

test("the fixture: the Loyalty Members schema's primary identity descriptor, the personal email", async () => {
  const response = await call('GET', `/${FIXTURE_IDENTITY_ID}`);
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json(), {
    ...expected({ ...IDENTITY, 'xdm:isPrimary': true }, FIXTURE_IDENTITY_ID),
    'meta:registryMetadata': { ...metadata(1551836900000, 1551836900000, ETAG_1) },
  });
});

test('POST each other descriptor type the guide defines', async () => {
  for (const body of [
    FRIENDLY,
    {
      '@type': 'xdm:descriptorOneToOne',
      'xdm:sourceSchema': SCHEMA_ID,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': '/_mocktenant/loyalty/loyaltyId',
      'xdm:destinationSchema': SCHEMA_ID,
      'xdm:destinationVersion': 1,
      'xdm:destinationProperty': '/personalEmail/address',
    },
    {
      '@type': 'xdm:descriptorRelationship',
      'xdm:sourceSchema': SCHEMA_ID,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': '/_mocktenant/loyalty/loyaltyId',
      'xdm:destinationSchema': SCHEMA_ID,
      'xdm:cardinality': 'M:1',
    },
    {
      '@type': 'xdm:descriptorReferenceIdentity',
      'xdm:sourceSchema': SCHEMA_ID,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': '/_mocktenant/loyalty/loyaltyId',
      'xdm:identityNamespace': 'Email',
    },
  ]) {
    const descriptor = await created(body);
    assert.deepEqual(descriptor, expected(body, String(descriptor['@id'])), String(body['@type']));
  }
  const primaryKey = { '@type': 'xdm:descriptorPrimaryKey', 'xdm:sourceSchema': SCHEMA_ID, 'xdm:sourceProperty': ['/_id', '/personalEmail/address'] };
  const descriptor = await created(primaryKey);
  const { 'xdm:sourceVersion': _none, ...withoutVersion } = expected(primaryKey, String(descriptor['@id']));
  assert.deepEqual(descriptor, withoutVersion);
});

test('PUT replaces a descriptor: 200 with the new body, version 2; GET reads it back', async () => {
  const { '@id': id } = await created(IDENTITY);
  const update = { ...IDENTITY, 'xdm:sourceProperty': '/_mocktenant/loyalty/loyaltyId', 'xdm:namespace': 'Phone' };
  t.ctx.clock.set(NOW + 1000);
  const response = await call('PUT', `/${id}`, { body: update });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json(), expected(update, String(id), '2'));
  const lookup = await call('GET', `/${id}`);
  assert.deepEqual(lookup.json(), { ...expected(update, String(id), '2'), 'meta:registryMetadata': metadata(NOW, NOW + 1000, ETAG_2) });
});

test('DELETE: 204 with no body, then the lookup, a second DELETE and a PUT answer 404', async () => {
  const { '@id': id } = await created(IDENTITY);
  const response = await call('DELETE', `/${id}`);
  assert.equal(response.statusCode, 204);
  assert.equal(response.body, '');
  const message = `The requested descriptor resource ${id} is not found.`;
  assertXdmError(await call('GET', `/${id}`), 404, 'XDM-1015-404', 'Resource not found', message);
  assertXdmError(await call('DELETE', `/${id}`), 404, 'XDM-1015-404', 'Resource not found', message);
  assertXdmError(await call('PUT', `/${id}`, { body: IDENTITY }), 404, 'XDM-1015-404', 'Resource not found', message);
});

test('listing: grouped by @type in the three Accept forms, with the property filter', async () => {
  const fixture = await call('GET', '', { accept: 'application/vnd.adobe.xdm-id+json' });
  assert.equal(fixture.statusCode, 200, fixture.body);
  assert.deepEqual(fixture.json(), { 'xdm:descriptorIdentity': [FIXTURE_IDENTITY_ID] });
  const primary = (await call('GET', `/${FIXTURE_IDENTITY_ID}`)).json();

  const identity = await created(IDENTITY);
  const friendly = await created(FRIENDLY);
  const [a, b] = [String(identity['@id']), String(friendly['@id'])];

  const ids = await call('GET', '', { accept: 'application/vnd.adobe.xdm-id+json' });
  assert.deepEqual(ids.json(), { 'xdm:descriptorIdentity': [FIXTURE_IDENTITY_ID, a], 'xdm:alternateDisplayInfo': [b] });
  const links = await call('GET', '', { accept: 'application/vnd.adobe.xdm-link+json' });
  assert.deepEqual(links.json(), {
    'xdm:descriptorIdentity': [`/tenant/descriptors/${FIXTURE_IDENTITY_ID}`, `/tenant/descriptors/${a}`],
    'xdm:alternateDisplayInfo': [`/tenant/descriptors/${b}`],
  });
  const full = await call('GET', '', { accept: 'application/vnd.adobe.xdm+json' });
  assert.deepEqual(full.json(), {
    'xdm:descriptorIdentity': [primary, { ...expected(IDENTITY, a), 'meta:registryMetadata': metadata(NOW, NOW, ETAG_1) }],
    'xdm:alternateDisplayInfo': [{ ...expected(FRIENDLY, b), 'meta:registryMetadata': metadata(NOW, NOW, ETAG_1) }],
  });

  const filtered = await t.inject({
    method: 'GET',
    url: `${BASE}?property=${encodeURIComponent('@type==xdm:alternateDisplayInfo')}`,
    headers: platformHeaders(token, { accept: 'application/vnd.adobe.xdm-id+json' }),
  });
  assert.deepEqual(filtered.json(), { 'xdm:alternateDisplayInfo': [b] });
  const bySchema = await t.inject({
    method: 'GET',
    url: `${BASE}?property=${encodeURIComponent(`xdm:sourceSchema==${SCHEMA_ID}`)}`,
    headers: platformHeaders(token, { accept: 'application/vnd.adobe.xdm-id+json' }),
  });
  assert.deepEqual(bySchema.json(), { 'xdm:descriptorIdentity': [FIXTURE_IDENTITY_ID, a], 'xdm:alternateDisplayInfo': [b] });
});

test('another sandbox sees none of the descriptors, and cannot describe a schema it does not have', async () => {
  const { '@id': id } = await created(IDENTITY);
  const list = await call('GET', '', { accept: 'application/vnd.adobe.xdm-id+json', sandbox: 'dev' });
  assert.equal(list.statusCode, 200, list.body);
  assert.deepEqual(list.json(), {});
  assertXdmError(
    await call('GET', `/${id}`, { sandbox: 'dev' }),
    404,
    'XDM-1015-404',
    'Resource not found',
    `The requested descriptor resource ${id} is not found.`,
  );
  assertBadRequest(await call('POST', '', { body: IDENTITY, sandbox: 'dev' }), `xdm:sourceSchema ${SCHEMA_ID} is not a schema of this sandbox`);
});

test('Accept errors: a listing needs an xdm media type (XDM-1008), a lookup takes no other Adobe one (XDM-1009)', async () => {
  for (const accept of ['application/vnd.adobe.xed+json', 'application/json']) {
    assertXdmError(
      await call('GET', '', { accept }),
      400,
      'XDM-1008-400',
      'Accept header invalid',
      `The supplied Accept header is not valid: ${accept} - A valid Accept value should look like application/vnd.adobe.xdm-id+json`,
    );
  }
  const accept = 'application/vnd.adobe.xed+json;version=1';
  assertXdmError(
    await call('GET', '/0123456789abcdef0123456789abcdef01234567', { accept }),
    400,
    'XDM-1009-400',
    'Accept header invalid',
    `The supplied Accept header is not valid: ${accept} - A valid Accept value should look like application/vnd.adobe.xdm+json`,
  );
});

test('validation: required fields, the source schema and properties, the version, one primary identity', async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ ...IDENTITY, 'xdm:namespace': undefined }, 'A xdm:descriptorIdentity descriptor requires xdm:namespace'],
    [{ ...IDENTITY, 'xdm:sourceVersion': undefined }, 'A xdm:descriptorIdentity descriptor requires xdm:sourceVersion'],
    [{ ...IDENTITY, 'xdm:sourceVersion': 2 }, 'xdm:sourceVersion must be 1, the major version of the schema'],
    [
      { ...IDENTITY, 'xdm:sourceSchema': 'https://ns.adobe.com/mocktenant/schemas/nope' },
      'xdm:sourceSchema https://ns.adobe.com/mocktenant/schemas/nope is not a schema of this sandbox',
    ],
    [{ ...IDENTITY, 'xdm:sourceProperty': '/personalEmail/nope' }, `xdm:sourceProperty /personalEmail/nope does not exist in the schema ${SCHEMA_ID}`],
    [
      { ...IDENTITY, 'xdm:sourceProperty': 'personalEmail/address' },
      'xdm:sourceProperty personalEmail/address must be a path that starts with "/" and does not end with one, e.g. /personalEmail/address',
    ],
    [{ ...FRIENDLY, '@type': 'xdm:descriptorOneToOne' }, 'A xdm:descriptorOneToOne descriptor requires xdm:destinationSchema'],
    [
      {
        '@type': 'xdm:descriptorOneToOne',
        'xdm:sourceSchema': SCHEMA_ID,
        'xdm:sourceVersion': 1,
        'xdm:sourceProperty': '/_id',
        'xdm:destinationSchema': SCHEMA_ID,
        'xdm:destinationVersion': 1,
        'xdm:destinationProperty': '/nope',
      },
      `xdm:destinationProperty /nope does not exist in the schema ${SCHEMA_ID}`,
    ],
    [{ ...FRIENDLY, '@type': 'xdm:descriptorReferenceIdentity' }, 'A xdm:descriptorReferenceIdentity descriptor requires xdm:identityNamespace'],
  ];
  for (const [body, detail] of cases) {
    const clean = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    assertBadRequest(await call('POST', '', { body: clean }), detail);
  }

  // the fixture schema has its primary identity already (the personal email)
  const second = { ...IDENTITY, 'xdm:sourceProperty': '/_id', 'xdm:isPrimary': true };
  const message = `The schema ${SCHEMA_ID} already has a primary identity: descriptor ${FIXTURE_IDENTITY_ID} (/personalEmail/address)`;
  assertBadRequest(await call('POST', '', { body: second }), message);
  // replacing the primary identity itself is allowed
  const again = await call('PUT', `/${FIXTURE_IDENTITY_ID}`, { body: { ...IDENTITY, 'xdm:isPrimary': true } });
  assert.equal(again.statusCode, 200, again.body);

  // what the body's JSON Schema refuses: the request-validation 400
  const { 'xdm:sourceProperty': _property, ...withoutProperty } = IDENTITY;
  for (const [body, detail] of [
    [{ ...IDENTITY, '@type': 'xdm:descriptorNope' }, 'body/@type must be equal to one of the allowed values'],
    [{ ...IDENTITY, 'xdm:isPrimary': 'yes' }, 'body/xdm:isPrimary must be boolean'],
    [{ ...IDENTITY, 'xdm:property': 'xdm:name' }, 'body/xdm:property must be equal to one of the allowed values'],
    [withoutProperty, "body must have required property 'xdm:sourceProperty'"],
  ] as const) {
    assertBadRequest(await call('POST', '', { body }), `Invalid request: ${detail}`);
  }
  assert.deepEqual((await call('GET', '', { accept: 'application/vnd.adobe.xdm-id+json' })).json(), { 'xdm:descriptorIdentity': [FIXTURE_IDENTITY_ID] });
});

test('a sandbox holds at most 4000 descriptors (descriptors.md)', async () => {
  const stored = t.ctx.store.collection(scopes.platform(DEMO.org, 'prod'), DESCRIPTORS);
  for (let i = 0; i < 4000; i += 1) stored.put(`d${i}`, { '@id': `d${i}`, '@type': 'xdm:alternateDisplayInfo', 'xdm:sourceSchema': SCHEMA_ID });
  assertBadRequest(await call('POST', '', { body: IDENTITY }), 'A sandbox holds at most 4000 descriptors');
});
