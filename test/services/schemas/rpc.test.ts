import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { fullSchemaFor } from '../../../src/services/schemas/model.js';
import { scopes } from '../../../src/store/store.js';
import { DEMO, OTHER, UUID, platformHeaders, tokenFor } from '../../helpers.js';
import { BASE, HEX, LOYALTY_MIXIN, LOYALTY_SCHEMA as SCHEMA_ID, LOYALTY_TYPE, PROFILE, registryClient, TECH_ACCOUNT } from './support.js';

const SCHEMA_ALT = '_mocktenant.schemas.533ca5da28087c44344810891b0f03d9';
const NOW = Date.parse('2026-03-02T10:00:00.000Z');

const { call, app } = registryClient(NOW);
function assertXdmError(response: LightMyRequestResponse, status: number, code: string, title: string, detail: string): void {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json();
  assert.match(body.report.registryRequestId, UUID);
  assert.deepEqual(body, {
    type: `http://ns.adobe.com/aep/errors/XDM-${code}-${status}`,
    title,
    status,
    report: { registryRequestId: body.report.registryRequestId, timestamp: '03-02-2026 10:00:00', 'detailed-message': detail, 'sub-errors': [] },
    detail,
  });
}

const FAVORITE_HOTEL = {
  title: 'Favorite hotel',
  type: 'object',
  'meta:intendedToExtend': [PROFILE],
  definitions: {
    hotel: {
      properties: { _mocktenant: { type: 'object', properties: { favoriteHotel: { type: 'string', title: 'Favorite hotel' } } } },
    },
  },
  allOf: [{ $ref: '#/definitions/hotel' }],
};

const CREATED_ITEM = (body: Record<string, unknown>) => ({
  title: body.title,
  $id: body.$id,
  'meta:altId': body['meta:altId'],
  'meta:resourceType': body['meta:resourceType'],
  version: body.version,
});
const FIXTURE_ITEMS = [
  { title: 'Loyalty Members', $id: SCHEMA_ID, 'meta:altId': SCHEMA_ALT, 'meta:resourceType': 'schemas', version: '1.4' },
  {
    title: 'Loyalty Member Details',
    $id: LOYALTY_MIXIN,
    'meta:altId': '_mocktenant.mixins.bb118e507bb848fd85df68fedea70c62',
    'meta:resourceType': 'mixins',
    version: '1.0',
  },
  {
    title: 'Loyalty',
    $id: LOYALTY_TYPE,
    'meta:altId': '_mocktenant.datatypes.49b594dabe6bec545c8a6d1a0991a4dd',
    'meta:resourceType': 'datatypes',
    version: '1.0',
  },
];

test('GET /stats: tenant id, counts, recent resources and class usage of the sandbox, from what is stored', async () => {
  const created = await call('POST', '/tenant/fieldgroups', FAVORITE_HOTEL);
  assert.equal(created.statusCode, 201, created.body);
  const fieldGroup = created.json();
  const response = await call('GET', '/stats');
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json(), {
    imsOrg: DEMO.org,
    tenantId: 'mocktenant',
    counts: { schemas: 1, mixins: 2, datatypes: 1, classes: 0, unions: 1 },
    recentlyCreatedResources: [CREATED_ITEM(fieldGroup), ...FIXTURE_ITEMS],
    recentlyUpdatedResources: [CREATED_ITEM(fieldGroup), ...FIXTURE_ITEMS],
    classUsage: [
      {
        $id: PROFILE,
        title: 'XDM Individual Profile',
        numberOfSchemas: 1,
        schemas: [{ title: 'Loyalty Members', $id: SCHEMA_ID, 'meta:altId': SCHEMA_ALT }],
      },
    ],
  });
  // Another sandbox has nothing of its own.
  const dev = await call('GET', '/stats', undefined, { 'x-sandbox-name': 'dev' });
  assert.deepEqual(dev.json(), {
    imsOrg: DEMO.org,
    tenantId: 'mocktenant',
    counts: { schemas: 0, mixins: 0, datatypes: 0, classes: 0, unions: 0 },
    recentlyCreatedResources: [],
    recentlyUpdatedResources: [],
    classUsage: [],
  });
});

test('GET /rpc/auditlog: the creation and the patch of a field group, most recent first; a schema shows the changes of its field groups', async () => {
  const created = (await call('POST', '/tenant/fieldgroups', FAVORITE_HOTEL)).json();
  const altId = String(created['meta:altId']);
  app().ctx.clock.set(NOW + 1000);
  const patched = await call('PATCH', `/tenant/fieldgroups/${altId}`, [{ op: 'add', path: '/description', value: 'The hotel a guest prefers.' }]);
  assert.equal(patched.statusCode, 200, patched.body);

  const response = await call('GET', `/rpc/auditlog/${altId}`);
  assert.equal(response.statusCode, 200, response.body);
  const log = response.json();
  assert.equal(log.length, 2);
  const entry = (time: string, updates: unknown[]) => ({
    id: created.$id,
    updatedUser: TECH_ACCOUNT,
    imsOrg: DEMO.org,
    updatedTime: time,
    requestId: log[0].requestId,
    clientId: DEMO.clientId,
    sandBoxId: 'prod',
    updates,
  });
  const change = (action: string, path: string, value: unknown) => ({ id: created.$id, xdmType: 'mixins', action, path, value });
  assert.match(log[0].requestId, /^[A-Za-z0-9]{32}$/);
  assert.deepEqual(log[0], entry('03-02-2026 10:00:01', [change('replace', '/version', '1.1'), change('add', '/description', 'The hotel a guest prefers.')]));
  const { 'meta:registryMetadata': _metadata, ...fields } = created;
  assert.deepEqual(log[1], {
    ...entry(
      '03-02-2026 10:00:00',
      Object.entries(fields).map(([key, value]) => change('add', `/${key}`, value)),
    ),
    requestId: log[1].requestId,
  });
  assert.notEqual(log[0].requestId, log[1].requestId);

  // The Loyalty Members schema's log shows a change of its field group (encoded $id accepted).
  const mixinPatch = await call('PATCH', `/tenant/mixins/${encodeURIComponent(LOYALTY_MIXIN)}`, [{ op: 'replace', path: '/description', value: 'Loyalty.' }]);
  assert.equal(mixinPatch.statusCode, 200, mixinPatch.body);
  const schemaLog = (await call('GET', `/rpc/auditlog/${encodeURIComponent(SCHEMA_ID)}`)).json();
  assert.equal(schemaLog.length, 1);
  assert.equal(schemaLog[0].id, SCHEMA_ID);
  // The fixture field group gains what the registry now sets (meta:extends, meta:sandboxType) as well.
  const updates = schemaLog[0].updates.map((u: Record<string, unknown>) => [u.id, u.xdmType, u.action, u.path]);
  assert.ok(
    updates.every(([id, type]: string[]) => id === LOYALTY_MIXIN && type === 'mixins'),
    JSON.stringify(updates),
  );
  assert.deepEqual(updates.slice(0, 2), [
    [LOYALTY_MIXIN, 'mixins', 'replace', '/version'],
    [LOYALTY_MIXIN, 'mixins', 'replace', '/description'],
  ]);
});

test("GET /rpc/auditlog: a schema's log records the creation, replacement and deletion of its descriptors", async () => {
  const body = {
    '@type': 'xdm:alternateDisplayInfo',
    'xdm:sourceSchema': SCHEMA_ALT,
    'xdm:sourceVersion': 1,
    'xdm:sourceProperty': '/_mocktenant/loyalty/loyaltyLevel',
    'xdm:title': { en_us: 'Tier' },
  };
  const created = await call('POST', '/tenant/descriptors', body);
  assert.equal(created.statusCode, 201, created.body);
  const descriptor = created.json();
  const id = String(descriptor['@id']);
  app().ctx.clock.set(NOW + 1000);
  const replaced = await call('PUT', `/tenant/descriptors/${id}`, { ...body, 'xdm:title': { en_us: 'Level' } });
  assert.equal(replaced.statusCode, 200, replaced.body);
  app().ctx.clock.set(NOW + 2000);
  assert.equal((await call('DELETE', `/tenant/descriptors/${id}`)).statusCode, 204);

  const log = (await call('GET', `/rpc/auditlog/${SCHEMA_ALT}`)).json();
  const change = (action: string, path: string, value: unknown) => ({ id, xdmType: 'descriptors', action, path, value });
  const entry = (time: string, requestId: string, updates: unknown[]) => ({
    id: SCHEMA_ID,
    updatedUser: TECH_ACCOUNT,
    imsOrg: DEMO.org,
    updatedTime: time,
    requestId,
    clientId: DEMO.clientId,
    sandBoxId: 'prod',
    updates,
  });
  const { 'meta:registryMetadata': _none, ...fields } = descriptor;
  const latest = { ...fields, version: '2', 'xdm:title': { en_us: 'Level' } };
  assert.deepEqual(log, [
    entry(
      '03-02-2026 10:00:02',
      log[0].requestId,
      Object.entries(latest).map(([key, value]) => change('remove', `/${key}`, value)),
    ),
    entry('03-02-2026 10:00:01', log[1].requestId, [change('replace', '/version', '2'), change('replace', '/xdm:title/en_us', 'Level')]),
    entry(
      '03-02-2026 10:00:00',
      log[2].requestId,
      Object.entries(fields).map(([key, value]) => change('add', `/${key}`, value)),
    ),
  ]);
  // The descriptor's changes belong to its schema, not to the resources the schema is built from.
  assert.deepEqual((await call('GET', `/rpc/auditlog/${encodeURIComponent(LOYALTY_MIXIN)}`)).json(), []);
});

test('GET /rpc/export then POST /rpc/import: the schema and its tenant field group and data type move to another sandbox', async () => {
  const exported = await call('GET', `/rpc/export/${SCHEMA_ALT}`);
  assert.equal(exported.statusCode, 200, exported.body);
  const payload = exported.json();
  assert.deepEqual(
    payload.map((item: Record<string, unknown>) => [item['meta:resourceType'], item.$id, item['meta:altId']]),
    [
      [
        'datatypes',
        'https://ns.adobe.com/<XDM_TENANTID_PLACEHOLDER>/datatypes/49b594dabe6bec545c8a6d1a0991a4dd',
        '_<XDM_TENANTID_PLACEHOLDER>.datatypes.49b594dabe6bec545c8a6d1a0991a4dd',
      ],
      [
        'mixins',
        'https://ns.adobe.com/<XDM_TENANTID_PLACEHOLDER>/mixins/bb118e507bb848fd85df68fedea70c62',
        '_<XDM_TENANTID_PLACEHOLDER>.mixins.bb118e507bb848fd85df68fedea70c62',
      ],
      [
        'schemas',
        'https://ns.adobe.com/<XDM_TENANTID_PLACEHOLDER>/schemas/533ca5da28087c44344810891b0f03d9',
        SCHEMA_ALT.replace('mocktenant', '<XDM_TENANTID_PLACEHOLDER>'),
      ],
    ],
  );
  const text = JSON.stringify(payload);
  assert.ok(!text.includes('mocktenant'), 'the tenant id is replaced everywhere');
  for (const item of payload) for (const key of ['imsOrg', 'meta:registryMetadata', 'meta:containerId', 'meta:tenantNamespace']) assert.ok(!(key in item), key);

  const imported = await call('POST', '/rpc/import', payload, { 'x-sandbox-name': 'dev' });
  assert.equal(imported.statusCode, 200, imported.body);
  const [dataType, fieldGroup, schema] = imported.json();
  assert.match(dataType.$id, new RegExp(`^https://ns\\.adobe\\.com/mocktenant/datatypes/${HEX}$`));
  assert.match(fieldGroup.$id, new RegExp(`^https://ns\\.adobe\\.com/mocktenant/mixins/${HEX}$`));
  assert.match(schema.$id, new RegExp(`^https://ns\\.adobe\\.com/mocktenant/schemas/${HEX}$`));
  assert.deepEqual(
    schema.allOf.map((entry: { $ref: string }) => entry.$ref),
    payload[2].allOf.map((entry: { $ref: string }) => (entry.$ref.includes('/mixins/') ? fieldGroup.$id : entry.$ref)),
  );
  assert.equal(schema.title, 'Loyalty Members');
  assert.equal(schema.version, '1.0');
  assert.ok(JSON.stringify(fieldGroup).includes(dataType.$id), 'the field group refers to the imported data type');

  // Readable in the target sandbox, resolved with what came along.
  const full = await call('GET', `/tenant/schemas/${encodeURIComponent(schema.$id)}`, undefined, {
    'x-sandbox-name': 'dev',
    accept: 'application/vnd.adobe.xed-full+json; version=1',
  });
  assert.equal(full.statusCode, 200, full.body);
  assert.ok(full.json().properties._mocktenant.properties.loyalty, full.body);
  const stats = (await call('GET', '/stats', undefined, { 'x-sandbox-name': 'dev' })).json();
  // Descriptors do not travel: the imported schema leaves its union tag behind (docs/platform.md), so no union in dev yet.
  assert.deepEqual(stats.counts, { schemas: 1, mixins: 1, datatypes: 1, classes: 0, unions: 0 });

  // A second import collides on titles: XDM-3005-400, and nothing of it is kept.
  const again = await call('POST', '/rpc/import', payload, { 'x-sandbox-name': 'dev' });
  assertXdmError(
    again,
    400,
    '3005',
    'Import Resource Failed',
    `Failed to import resources. Error: Object titles must be unique. An object ${dataType.$id} already exists with the same title`,
  );
  const after = (await call('GET', '/stats', undefined, { 'x-sandbox-name': 'dev' })).json();
  assert.deepEqual(after.counts, stats.counts);
});

test('GET /rpc/sampledata: a record that validates against the full resolved schema', async () => {
  const response = await call('GET', `/rpc/sampledata/${SCHEMA_ALT}`);
  assert.equal(response.statusCode, 200, response.body);
  const record = response.json() as { personalEmail: { address: string }; _mocktenant: { loyalty: unknown } };
  const ajv = new Ajv({ strict: false, allErrors: true });
  formats.default(ajv);
  const validate = ajv.compile(fullSchemaFor(app().ctx, scopes.platform(DEMO.org, 'prod'), SCHEMA_ID)!);
  assert.ok(validate(record), JSON.stringify(validate.errors));
  assert.equal(record.personalEmail.address, 'john.smith@abc.com');
  assert.equal(typeof record._mocktenant.loyalty, 'object');
});

test('unknown ids answer the 404 of the kind they name', async () => {
  const schema = 'https://ns.adobe.com/mocktenant/schemas/0000';
  for (const path of [
    `/rpc/export/${encodeURIComponent(schema)}`,
    `/rpc/sampledata/${encodeURIComponent(schema)}`,
    `/rpc/auditlog/${encodeURIComponent(schema)}`,
  ]) {
    assertXdmError(await call('GET', path), 404, '1012', 'Resource Not Found', `Requested resource ${schema} with version 1 is not found`);
  }
  assertXdmError(
    await call('GET', '/rpc/auditlog/_mocktenant.mixins.nope'),
    404,
    '1011',
    'Resource not found',
    'The requested field group resource _mocktenant.mixins.nope with version 1 is not found.',
  );
  assertXdmError(
    await call('GET', '/rpc/export/_mocktenant.datatypes.nope'),
    404,
    '1013',
    'Resource not found',
    'The requested data type resource _mocktenant.datatypes.nope with version 1 is not found.',
  );
  // The schema exists in prod only.
  assertXdmError(
    await call('GET', `/rpc/sampledata/${SCHEMA_ALT}`, undefined, { 'x-sandbox-name': 'dev' }),
    404,
    '1012',
    'Resource Not Found',
    `Requested resource ${SCHEMA_ALT} with version 1 is not found`,
  );
});

test('GET /global/behaviors lists the standard behaviors (there is no tenant container for them)', async () => {
  const response = await call('GET', '/global/behaviors', undefined, { accept: 'application/vnd.adobe.xed-id+json' });
  assert.equal(response.statusCode, 200, response.body);
  assert.ok(response.json().results.some((item: { $id: string }) => item.$id === 'https://ns.adobe.com/xdm/data/record'));
});

test('POST /rpc/import takes the reference\'s example payload (its "$ref " spelling included) into another sandbox', async () => {
  const examples = JSON.parse(readFileSync('test/contract/reference/examples.json', 'utf8')) as Array<Record<string, unknown>>;
  const payload = examples.find((e) => e.path === '/rpc/import' && e.part === 'request')?.example;
  const response = await call('POST', '/rpc/import', payload, { 'x-sandbox-name': 'dev' });
  assert.equal(response.statusCode, 200, response.body);
  const [fieldGroup, schema] = response.json();
  assert.equal(fieldGroup.title, 'Example field group');
  assert.match(fieldGroup.$id, new RegExp(`^https://ns\\.adobe\\.com/mocktenant/mixins/${HEX}$`));
  assert.ok(fieldGroup.definitions.customFields.properties._mocktenant.properties.customerId);
  assert.deepEqual(
    schema.allOf.map((entry: { $ref: string }) => entry.$ref),
    [PROFILE, fieldGroup.$id],
  );
  assert.equal(schema['meta:class'], PROFILE);
});

test("POST /rpc/import into another org: the payload takes that org's tenant id", async () => {
  const payload = (await call('GET', `/rpc/export/${SCHEMA_ALT}`)).json();
  const otherToken = await tokenFor(app(), OTHER);
  const response = await app().inject({
    method: 'POST',
    url: `${BASE}/rpc/import`,
    headers: platformHeaders(otherToken, { 'x-api-key': OTHER.clientId, 'x-gw-ims-org-id': OTHER.org, 'content-type': 'application/json' }),
    payload: JSON.stringify(payload),
  });
  assert.equal(response.statusCode, 200, response.body);
  const imported = response.json();
  assert.ok(!JSON.stringify(imported).includes('mocktenant'), response.body);
  const schema = imported[2];
  assert.match(schema.$id, new RegExp(`^https://ns\\.adobe\\.com/othertenant/schemas/${HEX}$`));
  assert.equal(schema.imsOrg, OTHER.org);
  assert.equal(schema['meta:tenantNamespace'], '_othertenant');
  assert.ok(imported[1].definitions && JSON.stringify(imported[1]).includes('"_othertenant"'), 'the field names follow the tenant');
});
