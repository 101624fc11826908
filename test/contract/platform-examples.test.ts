/**
 * The audit of the Platform references' examples (issue 17): every request and response example
 * of catalog.yaml, batch-ingestion.yaml, data-access.yaml and schema-registry.yaml (kept in
 * reference/examples.json by src/tools/vendor-reference.ts) is either sent to the emulator as
 * written, ids taken from the fixtures where the example names Adobe's, and its answer compared
 * with the documented one (status, keys, the values that are not generated), or listed in SKIPS
 * with the reason it cannot apply. A new example in a reference fails the test until it is one
 * or the other. batch-ingestion.yaml and data-access.yaml have no request or response example.
 *
 * The seeds' request samples: seed 000 has no request sample beyond its header and error bodies
 * (test/gateway/platform.test.ts sends each documented error case); seed 001's tutorial is
 * replayed as written by examples/platform-dataset-tutorial.mjs (test/examples/walkthroughs.test.ts)
 * and test/e2e/platform-journey.test.ts, and is not repeated here.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { ReferenceSpec } from './reference.js';
import { platformHeaders, startApp, tokenFor, type TestApp } from '../helpers.js';
import type { ReferenceExample } from '../../src/tools/reference-examples.js';

const EXAMPLES = JSON.parse(readFileSync(new URL('../../../test/contract/reference/examples.json', import.meta.url), 'utf8')) as ReferenceExample[];

const BASE: Record<string, string> = {
  'catalog.yaml': '/data/foundation/catalog',
  'schema-registry.yaml': '/data/foundation/schemaregistry',
};
const FIXTURE_DATASET = '5c8c3c555033b814b69f947f';
const LOYALTY_SCHEMA = 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9';
const XED_ID = 'application/vnd.adobe.xed-id+json';
const XED_V1 = 'application/vnd.adobe.xed+json; version=1';

const keyOf = (example: ReferenceExample) =>
  [example.file, example.method, example.path, example.part, example.status, example.name].filter((part) => part !== undefined && part !== '').join(' ');

const NOT_EMULATED = 'route not emulated (the emulator serves the Schema Registry listings and lookups, and POST /tenant/schemas)';

/** Examples that cannot be sent, and why. */
const SKIPS: Record<string, string> = {
  'schema-registry.yaml POST /tenant/fieldgroups response 201': NOT_EMULATED,
  'schema-registry.yaml POST /tenant/mixins response 201': NOT_EMULATED,
  'schema-registry.yaml POST /tenant/classes response 201': NOT_EMULATED,
  'schema-registry.yaml PUT /tenant/classes/{CLASS_ID} response 200': NOT_EMULATED,
  'schema-registry.yaml PATCH /tenant/classes/{CLASS_ID} response 200': NOT_EMULATED,
  'schema-registry.yaml POST /tenant/datatypes response 201': NOT_EMULATED,
  'schema-registry.yaml GET /{CONTAINER_ID}/descriptors response 400': NOT_EMULATED,
  'schema-registry.yaml GET /{CONTAINER_ID}/descriptors/{DESCRIPTOR_ID} response 200': NOT_EMULATED,
  'schema-registry.yaml GET /{CONTAINER_ID}/descriptors/{DESCRIPTOR_ID} response 400': NOT_EMULATED,
  'schema-registry.yaml POST /tenant/descriptors response 201': NOT_EMULATED,
  'schema-registry.yaml PUT /tenant/descriptors/{DESCRIPTOR_ID} response 200': NOT_EMULATED,
  'schema-registry.yaml GET /tenant/unions response 200': NOT_EMULATED,
  'schema-registry.yaml GET /tenant/unions response 400': NOT_EMULATED,
  'schema-registry.yaml GET /tenant/unions/{UNION_ID} response 200': NOT_EMULATED,
  'schema-registry.yaml GET /tenant/unions/{UNION_ID} response 400': NOT_EMULATED,
  'schema-registry.yaml GET /rpc/export/{RESOURCE_ID} response 200': NOT_EMULATED,
  'schema-registry.yaml GET /rpc/export/{RESOURCE_ID} response 404': NOT_EMULATED,
  'schema-registry.yaml POST /rpc/import request body': NOT_EMULATED,
  'schema-registry.yaml POST /rpc/import response 200': NOT_EMULATED,
  'schema-registry.yaml POST /rpc/import response 400': NOT_EMULATED,
  'schema-registry.yaml GET /rpc/sampledata/{SCHEMA_ID} response 200': NOT_EMULATED,
  'schema-registry.yaml GET /rpc/sampledata/{SCHEMA_ID} response 404': NOT_EMULATED,
  'schema-registry.yaml GET /rpc/auditlog/{RESOURCE_ID} response 200': NOT_EMULATED,
  'schema-registry.yaml POST /tenant/schemas response 201':
    "a response without its request: the body that produced it is not documented, and its allOf names a tenant class and field group of Adobe's org; creation is covered by test/services/schemas/routes.test.ts",
};

interface Sent {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What each sent example becomes: the request, then the comparison with the documented answer. */
type Case = (example: ReferenceExample, send: (request: Sent) => Promise<LightMyRequestResponse>) => Promise<void>;

/** The keys of `documented` that the emulator also answers, for keyed-by-id Catalog objects. */
function assertKeyedLike(body: unknown, documented: unknown, required: string[]): void {
  assert.equal(typeof body, 'object');
  const documentedEntry = Object.values(documented as Record<string, Record<string, unknown>>)[0]!;
  for (const entry of Object.values(body as Record<string, Record<string, unknown>>)) {
    for (const key of required) {
      assert.ok(key in documentedEntry, `the documented example has ${key}`);
      assert.ok(key in entry, `answer lacks documented key ${key}`);
    }
  }
}

const CATALOG_OBJECT_KEYS = ['imsOrg', 'created', 'createdClient', 'createdUser', 'updatedUser', 'updated', 'version'];

/** The Schema Registry's listing envelope and its entries' documented keys. */
const listing =
  (kind: string): Case =>
  async (example, send) => {
    const documented = example.example as { results: Array<Record<string, unknown>> };
    // the behaviors example lists the short form (xed-id), the others full objects (xed)
    const short = !('meta:resourceType' in documented.results[0]!);
    const response = await send({ url: `/global/${kind}`, headers: { accept: short ? XED_ID : 'application/vnd.adobe.xed+json' } });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(Object.keys(response.json()).sort(), Object.keys(documented).sort());
    const keys = short ? ['$id', 'meta:altId', 'version', 'title'] : ['$id', 'meta:altId', 'meta:resourceType', 'version', 'title', 'type'];
    for (const key of keys) assert.ok(key in documented.results[0]!, `documented entry has ${key}`);
    assert.ok(response.json().results.length > 0);
    for (const entry of response.json().results) for (const key of keys) assert.ok(key in entry, `entry lacks ${key}`);
  };

/** A lookup of a fixture resource of the same kind; the documented top-level keys it has. */
const lookup =
  (path: string, keys: string[]): Case =>
  async (example, send) => {
    const response = await send({ url: path, headers: { accept: XED_V1 } });
    assert.equal(response.statusCode, 200, response.body);
    const documented = example.example as Record<string, unknown>;
    for (const key of keys) {
      assert.ok(key in documented, `documented example has ${key}`);
      assert.ok(key in response.json(), `answer lacks ${key}`);
    }
  };

/** XDM-1006 (listing Accept) and XDM-1007 (lookup without version): status, type, title, detail as documented. */
const acceptError =
  (url: string, accept: string): Case =>
  async (example, send) => {
    const response = await send({ url, headers: { accept } });
    const documented = example.example as Record<string, unknown>;
    assert.equal(response.statusCode, Number(example.status), response.body);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), Object.keys(documented).sort());
    for (const key of ['type', 'title', 'status']) assert.equal(body[key], documented[key], key);
    assert.deepEqual(Object.keys(body.report).sort(), Object.keys(documented.report as object).sort());
    assert.equal(body.detail, (documented.detail as string).replace(/application\/vnd\.adobe\.xed\+json(;version=1)?/, accept));
  };

const LOOKUP_KEYS = ['$id', 'meta:altId', 'meta:resourceType', 'version', 'title', 'type', 'description'];

const CASES: Record<string, Case> = {
  'catalog.yaml GET /batches response 200 application/json': async (example, send) => {
    await send({ method: 'POST', url: '/batches', body: { datasetId: FIXTURE_DATASET } });
    const response = await send({ url: '/batches?limit=5' });
    assert.ok(Object.keys(response.json()).length > 0);
    assert.equal(response.statusCode, 200);
    assertKeyedLike(response.json(), example.example, [...CATALOG_OBJECT_KEYS, 'status', 'relatedObjects']);
  },
  'catalog.yaml GET /batches/uniques/{FIELD} response 200 application/json': async (example, send) => {
    const response = await send({ url: '/batches/uniques/status' });
    assert.equal(response.statusCode, 200);
    assert.ok(Array.isArray(example.example) && Array.isArray(response.json()));
    for (const value of response.json()) assert.equal(typeof value, 'string');
  },
  'catalog.yaml GET /batches/{BATCH_ID} response 200 application/json': async (example, send) => {
    const created = await send({ method: 'POST', url: '/batches', body: { datasetId: FIXTURE_DATASET } });
    const batchId = (created.json() as string[])[0]!.split('/')[2]!;
    const response = await send({ url: `/batches/${batchId}` });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(Object.keys(response.json()), [batchId]);
    assertKeyedLike(response.json(), example.example, [...CATALOG_OBJECT_KEYS, 'status', 'relatedObjects']);
  },
  'catalog.yaml GET /lastBatches response 200 application/json': async (example, send) => {
    const response = await send({ url: `/lastBatches?dataSetId=${FIXTURE_DATASET}` });
    assert.equal(response.statusCode, 200, response.body);
    assertKeyedLike(response.json(), example.example, ['lastBatchId', 'lastBatchStatus']);
  },
  'catalog.yaml GET /dataSets response 200 application/json': async (example, send) => {
    const response = await send({ url: '/dataSets' });
    assert.equal(response.statusCode, 200);
    assertKeyedLike(response.json(), example.example, [...CATALOG_OBJECT_KEYS, 'name']);
  },
  'catalog.yaml GET /dataSets/{DATASET_ID} response 200 application/json': async (example, send) => {
    const response = await send({ url: `/dataSets/${FIXTURE_DATASET}` });
    assert.equal(response.statusCode, 200);
    assertKeyedLike(response.json(), example.example, [...CATALOG_OBJECT_KEYS, 'name']);
  },
  'catalog.yaml POST /dataSets request application/json Enable for Profile': async (example, send) => {
    // the schema is Adobe's ({TENANT_ID}): the fixture schema takes its place
    const body = structuredClone(example.example) as { schemaRef: { id: string } };
    body.schemaRef.id = LOYALTY_SCHEMA;
    const response = await send({ method: 'POST', url: '/dataSets', body });
    assert.equal(response.statusCode, 201, response.body);
    const [reference] = response.json() as string[];
    assert.match(reference!, /^@\/dataSets\/[0-9a-f]{24}$/);
    const id = reference!.split('/')[2]!;
    const stored = (await send({ url: `/dataSets/${id}` })).json()[id];
    assert.deepEqual(stored.tags, (example.example as { tags: unknown }).tags);
    assert.equal(stored.schemaRef.contentType, 'application/vnd.adobe.xed-full-notext+json; version=1');
  },
  'catalog.yaml PATCH /dataSets/{DATASET_ID} request application/json-patch+json Update a dataset to be Profile-enabled': async (example, send) => {
    const created = await send({ method: 'POST', url: '/dataSets', body: { name: 'audit: profile-enabled by JSON Patch', tags: {} } });
    const id = (created.json() as string[])[0]!.split('/')[2]!;
    const response = await send({ method: 'PATCH', url: `/dataSets/${id}`, headers: { 'content-type': 'application/json-patch+json' }, body: example.example });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), [`@/dataSets/${id}`]);
    const tags = (await send({ url: `/dataSets/${id}` })).json()[id].tags;
    for (const operation of example.example as Array<{ path: string; value: unknown }>) assert.deepEqual(tags[operation.path.split('/')[2]!], operation.value);
  },
  'catalog.yaml GET /tags/{tagNamespace} response 200 application/json': async (_example, send) => {
    // The example mixes two answers (an objectType map and a namespace's values); the
    // emulator answers the values of the namespace asked for, as the schema tagsResponse types them.
    await send({ method: 'POST', url: '/dataSets', body: { name: 'audit: tagged', tags: { 'adobe/pqs/databases': ['baz', 'bat'] } } });
    const response = await send({ url: '/tags/adobe%2Fpqs%2Fdatabases' });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(catalogSpec.problems('GET', '/tags/x', 200, response.json()), []);
  },
  'schema-registry.yaml GET /{CONTAINER_ID}/fieldgroups response 200': listing('fieldgroups'),
  'schema-registry.yaml GET /{CONTAINER_ID}/mixins response 200': listing('mixins'),
  'schema-registry.yaml GET /{CONTAINER_ID}/classes response 200': listing('classes'),
  'schema-registry.yaml GET /{CONTAINER_ID}/datatypes response 200': listing('datatypes'),
  'schema-registry.yaml GET /global/behaviors response 200': listing('behaviors'),
  'schema-registry.yaml GET /{CONTAINER_ID}/fieldgroups/{FIELD_GROUP_ID} response 200': lookup(
    `/global/fieldgroups/${encodeURIComponent('https://ns.adobe.com/xdm/context/profile-person-details')}`,
    LOOKUP_KEYS,
  ),
  'schema-registry.yaml GET /{CONTAINER_ID}/mixins/{MIXIN_ID} response 200': lookup(
    `/global/mixins/${encodeURIComponent('https://ns.adobe.com/xdm/context/profile-person-details')}`,
    LOOKUP_KEYS,
  ),
  'schema-registry.yaml GET /{CONTAINER_ID}/classes/{CLASS_ID} response 200': lookup(
    `/global/classes/${encodeURIComponent('https://ns.adobe.com/xdm/context/profile')}`,
    LOOKUP_KEYS,
  ),
  'schema-registry.yaml GET /{CONTAINER_ID}/datatypes/{DATA_TYPE_ID} response 200': lookup(
    `/global/datatypes/${encodeURIComponent('https://ns.adobe.com/xdm/context/person-name')}`,
    LOOKUP_KEYS,
  ),
  'schema-registry.yaml GET /global/behaviors/{BEHAVIOR_ID} response 200': lookup(
    `/global/behaviors/${encodeURIComponent('https://ns.adobe.com/xdm/data/record')}`,
    ['$id', 'meta:altId', 'meta:resourceType', 'version', 'title'],
  ),
  'schema-registry.yaml GET /{CONTAINER_ID}/schemas/{SCHEMA_ID} response 200': lookup(`/tenant/schemas/${encodeURIComponent(LOYALTY_SCHEMA)}`, LOOKUP_KEYS),
  'schema-registry.yaml GET /{CONTAINER_ID}/fieldgroups response 400': acceptError('/global/fieldgroups', 'application/vnd.adobe.xed+json;version=1'),
  'schema-registry.yaml GET /{CONTAINER_ID}/schemas response 400': acceptError('/tenant/schemas', 'application/vnd.adobe.xed+json;version=1'),
  'schema-registry.yaml GET /global/behaviors response 400': acceptError('/global/behaviors', 'application/vnd.adobe.xed+json;version=1'),
  'schema-registry.yaml GET /{CONTAINER_ID}/classes response 400': acceptError('/global/classes', 'application/vnd.adobe.xed+json;version=1'),
  'schema-registry.yaml GET /{CONTAINER_ID}/datatypes response 400': acceptError('/global/datatypes', 'application/vnd.adobe.xed+json;version=1'),
  'schema-registry.yaml GET /{CONTAINER_ID}/fieldgroups/{FIELD_GROUP_ID} response 400': acceptError(
    `/global/fieldgroups/${encodeURIComponent('https://ns.adobe.com/xdm/context/profile-person-details')}`,
    'application/vnd.adobe.xed+json',
  ),
  'schema-registry.yaml GET /global/behaviors/{BEHAVIOR_ID} response 400': acceptError(
    `/global/behaviors/${encodeURIComponent('https://ns.adobe.com/xdm/data/record')}`,
    'application/vnd.adobe.xed+json',
  ),
  'schema-registry.yaml GET /{CONTAINER_ID}/classes/{CLASS_ID} response 400': acceptError(
    `/global/classes/${encodeURIComponent('https://ns.adobe.com/xdm/context/profile')}`,
    'application/vnd.adobe.xed+json',
  ),
  'schema-registry.yaml GET /{CONTAINER_ID}/datatypes/{DATA_TYPE_ID} response 400': acceptError(
    `/global/datatypes/${encodeURIComponent('https://ns.adobe.com/xdm/context/person-name')}`,
    'application/vnd.adobe.xed+json',
  ),
};

/** lastBatches' parameter examples: each sent as written, alone. */
for (const example of EXAMPLES.filter((entry) => entry.part === 'parameter')) {
  CASES[keyOf(example)] = async (_example, send) => {
    const name = example.name!.replace(/^query /, '');
    // orderBy's example repeats the parameter's name in its value ("orderBy=asc:created,updated"):
    // as written it is `?orderBy=orderBy=...`, an invalid sort key (400); its value part is sent.
    const value = String(example.example).replace(/^orderBy=/, '');
    const response = await send({ url: `${example.path}?${name}=${encodeURIComponent(value)}` });
    assert.equal(response.statusCode, 200, `${name}=${String(example.example)}: ${response.body}`);
  };
}

const catalogSpec = ReferenceSpec.load('catalog.yaml');

describe('Platform references: every request/response example sent as written, or skipped for a reason', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  test('every example is either a case or a skip, and no case or skip names a missing example', () => {
    const keys = EXAMPLES.map(keyOf);
    assert.equal(new Set(keys).size, keys.length, 'example keys are unique');
    for (const key of keys) assert.ok(key in CASES !== key in SKIPS, `${key}: neither (or both) a case and a skip`);
    for (const key of [...Object.keys(CASES), ...Object.keys(SKIPS)]) assert.ok(keys.includes(key), `${key} names no example`);
    assert.equal(Object.keys(CASES).length + Object.keys(SKIPS).length, EXAMPLES.length);
  });

  for (const example of EXAMPLES) {
    const key = keyOf(example);
    const run = CASES[key];
    if (!run) continue;
    test(key, async () => {
      const base = BASE[example.file]!;
      await run(example, ({ method = 'GET', url, headers = {}, body }) =>
        t.inject({
          method: method as 'GET',
          url: `${base}${url}`,
          headers: { ...platformHeaders(token), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
          ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
        }),
      );
    });
  }
});
