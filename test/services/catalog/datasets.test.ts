import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, OTHER, platformHeaders, tokenFor } from '../../helpers.js';
import { CATALOG, FIXTURE_DATASET, LOYALTY_ALT_ID, LOYALTY_SCHEMA, catalogClient, catalogSpec, problem, type CatalogClient } from './support.js';

const JSON_PATCH = { 'content-type': 'application/json-patch+json' };

describe('Catalog dataSets', () => {
  let client: CatalogClient;
  const create = async (body: unknown, sandbox = 'prod') => {
    const response = await client.request('POST', '/dataSets', { body, sandbox });
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as string[])[0]!.replace('@/dataSets/', '');
  };
  const lookUp = async (id: string) => {
    const response = await client.request('GET', `/dataSets/${id}`);
    assert.equal(response.statusCode, 200, response.body);
    return { object: response.json()[id] as Record<string, unknown>, etag: response.headers.etag as string };
  };

  before(async () => {
    client = await catalogClient();
  });
  after(() => client.close());

  test('POST /dataSets (seed 001) → 201 ["@/dataSets/{id}"] with Location; the dataset reads back keyed by id', async () => {
    const response = await client.request('POST', '/dataSets', {
      body: { name: 'LoyaltyMembersDataset', schemaRef: { id: LOYALTY_SCHEMA, contentType: 'application/vnd.adobe.xed+json;version=1' } },
    });
    assert.equal(response.statusCode, 201);
    const body = response.json() as string[];
    assert.match(body[0]!, /^@\/dataSets\/[0-9a-f]{24}$/);
    assert.deepEqual(catalogSpec.problems('POST', '/dataSets', 201, body), []);
    const id = body[0]!.split('/')[2]!;
    assert.equal(response.headers.location, `${CATALOG}/dataSets/${id}`);

    const lookup = await client.request('GET', `/dataSets/${id}`);
    assert.equal(lookup.statusCode, 200);
    assert.equal(lookup.headers.etag, '"1.0.0"');
    const keyed = lookup.json();
    assert.deepEqual(Object.keys(keyed), [id]);
    assert.deepEqual(catalogSpec.problems('GET', `/dataSets/${id}`, 200, keyed), []);
    const now = keyed[id].created;
    assert.ok(Math.abs(now - client.t.ctx.clock.now()) < 5_000);
    assert.deepEqual(keyed[id], {
      name: 'LoyaltyMembersDataset',
      schemaRef: { id: LOYALTY_SCHEMA, contentType: 'application/vnd.adobe.xed+json;version=1' },
      tags: {},
      imsOrg: DEMO.org,
      created: now,
      updated: now,
      createdClient: DEMO.clientId,
      createdUser: keyed[id].createdUser,
      updatedUser: keyed[id].createdUser,
      version: '1.0.0',
      files: `@/dataSetFiles?dataSetId=${id}`,
    });
    assert.equal(typeof keyed[id].createdUser, 'string');

    const listed = await client.request('GET', '/dataSets?limit=100');
    assert.ok(id in listed.json());
    assert.ok(FIXTURE_DATASET in listed.json());
    assert.deepEqual(catalogSpec.problems('GET', '/dataSets', 200, listed.json()), []);
  });

  test('schemaRef by meta:altId works too; contentType defaults to xed+json version 1', async () => {
    const id = await create({ name: 'by alt id', schemaRef: { id: LOYALTY_ALT_ID } });
    const { object } = await lookUp(id);
    assert.deepEqual(object.schemaRef, { id: LOYALTY_ALT_ID, contentType: 'application/vnd.adobe.xed+json;version=1' });
  });

  test('name is required; schemaRef.id must name a schema of this org + sandbox → else 400, nothing stored', async () => {
    const before = (await client.request('GET', '/dataSets?limit=100')).json();
    const noName = await client.request('POST', '/dataSets', { body: { schemaRef: { id: LOYALTY_SCHEMA } } });
    assert.equal(noName.statusCode, 400);
    assert.deepEqual(noName.json(), problem(400, "Invalid request: body must have required property 'name'"));

    const emptyName = await client.request('POST', '/dataSets', { body: { name: ' ' } });
    assert.equal(emptyName.statusCode, 400);
    assert.deepEqual(emptyName.json(), problem(400, "A dataSet needs a 'name' (a non-empty string)"));

    const unknownSchema = 'https://ns.adobe.com/mocktenant/schemas/doesnotexist';
    const badRef = await client.request('POST', '/dataSets', { body: { name: 'x', schemaRef: { id: unknownSchema } } });
    assert.equal(badRef.statusCode, 400);
    assert.deepEqual(badRef.json(), problem(400, `schemaRef.id '${unknownSchema}' does not name a schema in this organization and sandbox`));

    // the Loyalty schema lives in prod only
    const otherSandbox = await client.request('POST', '/dataSets', { body: { name: 'x', schemaRef: { id: LOYALTY_SCHEMA } }, sandbox: 'dev' });
    assert.equal(otherSandbox.statusCode, 400);
    assert.deepEqual(otherSandbox.json(), problem(400, `schemaRef.id '${LOYALTY_SCHEMA}' does not name a schema in this organization and sandbox`));

    const noId = await client.request('POST', '/dataSets', { body: { name: 'x', schemaRef: { contentType: 'x' } } });
    assert.deepEqual(noId.json(), problem(400, "'schemaRef' must be an object with the schema's $id in 'id'"));
    assert.deepEqual((await client.request('GET', '/dataSets?limit=100')).json(), before);
  });

  test('server-managed fields in a POST body are ignored', async () => {
    const id = await create({ name: 'managed', id: 'mine', version: '9.9.9', created: 1, imsOrg: 'x@AdobeOrg' });
    const { object } = await lookUp(id);
    assert.equal(object.version, '1.0.0');
    assert.equal(object.imsOrg, DEMO.org);
    assert.notEqual(object.created, 1);
  });

  test('PATCH with fields: only the given fields change, the version counts up, ETag follows', async () => {
    const id = await create({ name: 'Sample', description: 'old', tags: { keep: ['me'] } });
    await client.t.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '1s' } });
    const response = await client.request('PATCH', `/dataSets/${id}`, { body: { name: 'Updated', description: 'new' } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), [`@/dataSets/${id}`]);
    assert.deepEqual(catalogSpec.problems('PATCH', `/dataSets/${id}`, 200, response.json()), []);
    assert.equal(response.headers.etag, '"1.0.1"');
    const { object, etag } = await lookUp(id);
    assert.equal(etag, '"1.0.1"');
    assert.equal(object.name, 'Updated');
    assert.equal(object.description, 'new');
    assert.deepEqual(object.tags, { keep: ['me'] });
    assert.equal(object.version, '1.0.1');
    assert.ok((object.updated as number) > (object.created as number));
    // null removes a field; server-managed fields are ignored
    await client.request('PATCH', `/dataSets/${id}`, { body: { description: null, version: '5.0.0', created: 0 } });
    const after = (await lookUp(id)).object;
    assert.equal(after.description, undefined);
    assert.equal(after.version, '1.0.2');
    assert.equal(after.created, object.created);
  });

  test('PATCH with JSON Patch (application/json-patch+json): the documented Profile-enabling example', async () => {
    const id = await create({ name: 'Profile' });
    const response = await client.request('PATCH', `/dataSets/${id}`, {
      headers: JSON_PATCH,
      body: [
        { op: 'add', path: '/tags/unifiedProfile', value: ['enabled:true', 'isUpsert:true'] },
        { op: 'add', path: '/tags/unifiedIdentity', value: ['enabled:true'] },
        { op: 'replace', path: '/name', value: 'Profile dataset' },
      ],
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), [`@/dataSets/${id}`]);
    const { object } = await lookUp(id);
    assert.deepEqual(object.tags, { unifiedProfile: ['enabled:true', 'isUpsert:true'], unifiedIdentity: ['enabled:true'] });
    assert.equal(object.name, 'Profile dataset');
    assert.equal(object.version, '1.0.1');
    const listed = await client.request('GET', '/dataSets?tags=unifiedProfile:enabled*');
    assert.deepEqual(Object.keys(listed.json()), [id]);
  });

  test('invalid JSON Patch → 400 and nothing changes (no partial application)', async () => {
    const id = await create({ name: 'Stable', description: 'same' });
    const before = await lookUp(id);
    const cases: Array<[unknown, string]> = [
      [
        [
          { op: 'replace', path: '/description', value: 'changed' },
          { op: 'remove', path: '/nothing' },
        ],
        'Invalid JSON Patch: operation 1 ({"op":"remove","path":"/nothing"}) cannot be applied: operation path unresolvable. Cannot perform the operation at a path that does not exist',
      ],
      [
        [{ op: 'frobnicate', path: '/name' }],
        'Invalid JSON Patch: operation 0 ({"op":"frobnicate","path":"/name"}) cannot be applied: operation op invalid. Operation `op` property is not one of operations defined in RFC-6902',
      ],
      [
        [{ op: 'replace', path: '/name' }],
        'Invalid JSON Patch: operation 0 ({"op":"replace","path":"/name"}) cannot be applied: operation value required. Operation `value` property is not present (applicable in `add`, `replace` and `test` operations)',
      ],
      [
        [
          { op: 'replace', path: '/description', value: 'changed' },
          { op: 'test', path: '/name', value: 'other' },
        ],
        'Invalid JSON Patch: operation 1 ({"op":"test","path":"/name","value":"other"}) cannot be applied: test operation failed. Test operation failed',
      ],
      [[{ op: 'replace', path: '/version', value: '9.0.0' }], "JSON Patch operation 0 (replace /version) would change 'version', which the server manages"],
      [[{ op: 'remove', path: '/name' }], "A dataSet needs a 'name' (a non-empty string)"],
      [
        [{ op: 'add', path: '/schemaRef', value: { id: 'https://ns.adobe.com/none' } }],
        "schemaRef.id 'https://ns.adobe.com/none' does not name a schema in this organization and sandbox",
      ],
      [[], 'The JSON Patch body has no operations'],
      [{ op: 'add', path: '/name', value: 'x' }, 'A JSON Patch body must be an array of operations (RFC 6902)'],
    ];
    for (const [body, detail] of cases) {
      const response = await client.request('PATCH', `/dataSets/${id}`, { headers: JSON_PATCH, body });
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      assert.deepEqual(response.json(), problem(400, detail), JSON.stringify(body));
    }
    assert.deepEqual(await lookUp(id), before);
  });

  test('PUT replaces the caller-owned fields, keeps the server-managed ones, validates like POST', async () => {
    const id = await create({ name: 'Old', description: 'gone after PUT', tags: { a: ['1'] } });
    const response = await client.request('PUT', `/dataSets/${id}`, { body: { name: 'New', tags: { b: ['2'] }, imsOrg: 'nope@AdobeOrg' } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), [`@/dataSets/${id}`]);
    assert.deepEqual(catalogSpec.problems('PUT', `/dataSets/${id}`, 200, response.json()), []);
    const { object } = await lookUp(id);
    assert.equal(object.name, 'New');
    assert.equal(object.description, undefined);
    assert.deepEqual(object.tags, { b: ['2'] });
    assert.equal(object.imsOrg, DEMO.org);
    assert.equal(object.files, `@/dataSetFiles?dataSetId=${id}`);
    assert.equal(object.version, '1.0.1');
    const invalid = await client.request('PUT', `/dataSets/${id}`, { body: { name: 'x', schemaRef: { id: 'nope' } } });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(invalid.json(), problem(400, "schemaRef.id 'nope' does not name a schema in this organization and sandbox"));
    assert.equal((await lookUp(id)).object.version, '1.0.1');
  });

  test('If-Match: a stale version → 412 with the "Refresh etag error" body; the current one (quoted or not) or * passes', async () => {
    const id = await create({ name: 'Versioned' });
    const first = await client.request('PATCH', `/dataSets/${id}`, { body: { description: 'v1' }, headers: { 'if-match': '"1.0.0"' } });
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers.etag, '"1.0.1"');

    const stale = await client.request('PATCH', `/dataSets/${id}`, { body: { description: 'v2' }, headers: { 'if-match': '"1.0.0"' } });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.body, '{"errorMessage":"Supplied version=[\\"1.0.0\\"] does not match the current version on entity=[\\"1.0.1\\"]"}');
    const stalePut = await client.request('PUT', `/dataSets/${id}`, { body: { name: 'x' }, headers: { 'if-match': '1.0.0' } });
    assert.equal(stalePut.statusCode, 412);
    assert.deepEqual(stalePut.json(), { errorMessage: 'Supplied version=["1.0.0"] does not match the current version on entity=["1.0.1"]' });
    const stalePatch = await client.request('PATCH', `/dataSets/${id}`, {
      headers: { ...JSON_PATCH, 'if-match': 'W/"0.9.0"' },
      body: [{ op: 'add', path: '/description', value: 'x' }],
    });
    assert.equal(stalePatch.statusCode, 412);
    assert.equal((await lookUp(id)).object.description, 'v1');

    assert.equal((await client.request('PUT', `/dataSets/${id}`, { body: { name: 'Renamed' }, headers: { 'if-match': '1.0.1' } })).statusCode, 200);
    assert.equal((await client.request('PATCH', `/dataSets/${id}`, { body: { name: 'Again' }, headers: { 'if-match': '"1.0.0", "1.0.2"' } })).statusCode, 200);
    assert.equal((await client.request('PATCH', `/dataSets/${id}`, { body: { name: 'Star' }, headers: { 'if-match': '*' } })).statusCode, 200);
    const { object, etag } = await lookUp(id);
    assert.equal(object.name, 'Star');
    assert.equal(etag, '"1.0.4"');
  });

  test('Pragma: validate-only validates POST/PUT/PATCH and answers as usual, but stores nothing', async () => {
    const before = (await client.request('GET', '/dataSets?limit=100')).json();
    const created = await client.request('POST', '/dataSets', { body: { name: 'dry run' }, headers: { pragma: 'validate-only' } });
    assert.equal(created.statusCode, 201);
    const invalid = await client.request('POST', '/dataSets', { body: { name: 'dry run', schemaRef: { id: 'nope' } }, headers: { pragma: 'validate-only' } });
    assert.equal(invalid.statusCode, 400);
    const patched = await client.request('PATCH', `/dataSets/${FIXTURE_DATASET}`, { body: { name: 'dry' }, headers: { pragma: 'validate-only' } });
    assert.equal(patched.statusCode, 200);
    assert.deepEqual((await client.request('GET', '/dataSets?limit=100')).json(), before);
  });

  test('unknown dataset: GET/PUT/PATCH → 404; DELETE → 200 [] (delete-object.md)', async () => {
    const expected = problem(404, "No dataSet object with id 'nope' in this organization and sandbox");
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { name: 'x' }],
      ['PATCH', { name: 'x' }],
    ] as const) {
      const response = await client.request(method, '/dataSets/nope', { body });
      assert.equal(response.statusCode, 404, method);
      assert.deepEqual(response.json(), expected);
    }
    const deleted = await client.request('DELETE', '/dataSets/nope');
    assert.equal(deleted.statusCode, 200);
    assert.deepEqual(deleted.json(), []);
  });

  test('DELETE /dataSets/{id} → 200 ["@/dataSets/{id}"]; the dataset is gone', async () => {
    const id = await create({ name: 'Doomed' });
    const response = await client.request('DELETE', `/dataSets/${id}`);
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), [`@/dataSets/${id}`]);
    assert.deepEqual(catalogSpec.problems('DELETE', `/dataSets/${id}`, 200, response.json()), []);
    assert.equal((await client.request('GET', `/dataSets/${id}`)).statusCode, 404);
  });

  test('isolation: a dataset created in prod is invisible from dev and from the other org', async () => {
    const id = await create({ name: 'Prod only', schemaRef: { id: LOYALTY_SCHEMA } });
    const fromDev = await client.request('GET', `/dataSets/${id}`, { sandbox: 'dev' });
    assert.equal(fromDev.statusCode, 404);
    assert.ok(!(id in (await client.request('GET', '/dataSets?limit=100', { sandbox: 'dev' })).json()));
    assert.equal((await client.request('PATCH', `/dataSets/${id}`, { sandbox: 'dev', body: { name: 'hijack' } })).statusCode, 404);

    const otherToken = await tokenFor(client.t, OTHER);
    const otherHeaders = platformHeaders(otherToken, { 'x-api-key': OTHER.clientId, 'x-gw-ims-org-id': OTHER.org, 'x-sandbox-name': 'prod' });
    const otherLookup = await client.t.inject({ method: 'GET', url: `${CATALOG}/dataSets/${id}`, headers: otherHeaders });
    assert.equal(otherLookup.statusCode, 404);
    const otherList = await client.t.inject({ method: 'GET', url: `${CATALOG}/dataSets`, headers: otherHeaders });
    assert.equal(otherList.statusCode, 200);
    assert.ok(!(id in otherList.json()));
    assert.ok(!(FIXTURE_DATASET in otherList.json()));
    const otherDelete = await client.t.inject({ method: 'DELETE', url: `${CATALOG}/dataSets/${id}`, headers: otherHeaders });
    assert.deepEqual(otherDelete.json(), []);
    assert.equal((await client.request('GET', `/dataSets/${id}`)).statusCode, 200);
  });

  test('the fixture dataset of seed 001 reads back with its ETag and validates against catalog.yaml', async () => {
    const response = await client.request('GET', `/dataSets/${FIXTURE_DATASET}`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers.etag, '"1.0.0"');
    assert.equal(response.json()[FIXTURE_DATASET].name, 'LoyaltyMembersDataset');
    assert.deepEqual(catalogSpec.problems('GET', `/dataSets/${FIXTURE_DATASET}`, 200, response.json()), []);
  });
});
