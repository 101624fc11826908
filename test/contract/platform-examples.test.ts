/**
 * The audit of the Platform references' examples (issue 17): every request and response example
 * of catalog.yaml, batch-ingestion.yaml, data-access.yaml and schema-registry.yaml (kept in
 * reference/examples.json by src/tools/vendor-reference.ts) is either sent to the emulator as
 * written, ids taken from what the test creates or from the fixtures where the example names
 * Adobe's, and its answer compared with the documented one (status, keys, the values that are not
 * generated), or listed in SKIPS with the reason it cannot apply. A response documented without
 * its request (most of schema-registry.yaml's) is produced by the request its answer implies: the
 * keys a client writes, taken from the documented answer. Where an answer may differ from the
 * example (a key the emulator does not answer, a value from the fixtures rather than Adobe's
 * org, an example at odds with Adobe's guides), the difference is named with its reason.
 * A new example in a reference fails the test until it is a case or a skip.
 * batch-ingestion.yaml and data-access.yaml have no request or response example.
 *
 * The seeds' request samples: seed 000 has no request sample beyond its header and error bodies
 * (test/gateway/platform.test.ts sends each documented error case); seed 001's tutorial is
 * replayed as written by examples/platform-dataset-tutorial.mjs (test/examples/walkthroughs.test.ts)
 * and test/e2e/platform-journey.test.ts, and is not repeated here.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { ReferenceSpec } from './reference.js';
import { DEMO, platformHeaders, startApp, tokenFor, type TestApp } from '../helpers.js';
import type { ReferenceExample } from '../../src/tools/reference-examples.js';
import { LOYALTY_SCHEMA, PERSONAL_DETAILS, PROFILE, primaryEmailIdentity, RAW as XED_V1 } from '../services/schemas/support.js';

const EXAMPLES = JSON.parse(readFileSync(new URL('../../../test/contract/reference/examples.json', import.meta.url), 'utf8')) as ReferenceExample[];

const BASE: Record<string, string> = {
  'catalog.yaml': '/data/foundation/catalog',
  'schema-registry.yaml': '/data/foundation/schemaregistry',
};
const FIXTURE_DATASET = '5c8c3c555033b814b69f947f';
const XED_ID = 'application/vnd.adobe.xed-id+json';

const keyOf = (example: ReferenceExample) =>
  [example.file, example.method, example.path, example.part, example.status, example.name].filter((part) => part !== undefined && part !== '').join(' ');

/** Examples that cannot be sent, and why (none today: every example is a case). */
const SKIPS: Record<string, string> = {};

interface Sent {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What each sent example becomes: the request, then the comparison with the documented answer. */
type Send = (request: Sent) => Promise<LightMyRequestResponse>;
type Case = (example: ReferenceExample, send: Send) => Promise<void>;

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

/** An Accept refused (XDM-1006/1007: listing, lookup without version; XDM-1008/1009: the descriptors' listing, lookup): status, type, title, detail as documented. */
const acceptError =
  (url: string | ((send: Send) => Promise<string>), accept: string): Case =>
  async (example, send) => {
    const response = await send({ url: typeof url === 'string' ? url : await url(send), headers: { accept } });
    const documented = example.example as Record<string, unknown>;
    assert.equal(response.statusCode, Number(example.status), response.body);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), Object.keys(documented).sort());
    for (const key of ['type', 'title', 'status']) assert.equal(body[key], documented[key], key);
    assert.deepEqual(Object.keys(body.report).sort(), Object.keys(documented.report as object).sort());
    assert.equal(body.detail, (documented.detail as string).replace(/application\/vnd\.adobe\.xed\+json(;version=1)?/, accept));
  };

type Json = Record<string, any>;

/**
 * A Schema Registry example as the emulator's demo tenant would see it: Adobe's placeholders
 * ({TENANT_ID}, the export's <XDM_TENANTID_PLACEHOLDER>, {IMS_ORG}/{ORG_ID}) replaced, the
 * reference's misspelt `"$ref "` key read as `$ref`, and each of `replaced`'s strings (an id of
 * Adobe's org, a field the fixtures lack) replaced by the one the test uses instead.
 */
function asEmulated<T = Json>(documented: unknown, replaced: Record<string, string> = {}): T {
  let text = JSON.stringify(documented)
    .replaceAll('"$ref ":', '"$ref":')
    .replaceAll('{TENANT_ID}', DEMO.tenant)
    .replaceAll('<XDM_TENANTID_PLACEHOLDER>', DEMO.tenant)
    .replaceAll('{IMS_ORG}', DEMO.org)
    .replaceAll('{ORG_ID}', DEMO.org);
  for (const [from, to] of Object.entries(replaced)) text = text.replaceAll(from, to);
  return JSON.parse(text) as T;
}

/** How an answer may differ from the documented one, each difference with its reason. */
interface Differences {
  /** Documented keys whose values the registry generates (ids, versions, times, metadata). */
  generated?: string[];
  /** Documented keys the emulator does not answer, and why. */
  absent?: Record<string, string>;
  /** Keys the emulator answers that the example leaves out, and why. */
  extra?: Record<string, string>;
  /** Documented keys whose values the emulator answers otherwise, and why. */
  differs?: Record<string, string>;
}

/** The answer's keys are the documented ones (give or take the listed differences), and so are the values that are not generated. */
function assertLikeDocumented(answer: Json, documented: Json, differences: Differences = {}): void {
  const { generated = [], absent = {}, extra = {}, differs = {} } = differences;
  const expectedKeys = [...Object.keys(documented).filter((key) => !(key in absent)), ...Object.keys(extra)].sort();
  assert.deepEqual(Object.keys(answer).sort(), expectedKeys);
  for (const [key, value] of Object.entries(documented)) {
    if (generated.includes(key) || key in absent || key in differs) continue;
    assert.deepEqual(answer[key], value, key);
  }
}

/** The keys the registry generates on every resource it creates. */
const GENERATED = ['$id', 'meta:altId', 'version', 'meta:registryMetadata'];
const NO_SANDBOX_ID = 'sandboxes are named, not numbered, here (no Sandbox API is emulated): the emulator answers meta:sandboxType without meta:sandboxId';
const EMPTY_EXTENDS = 'the emulator answers meta:extends on every authored resource, empty when the resource extends nothing';
const REFS = 'a list of the resources referred to, which no guide explains; the emulator does not answer it';
const PROFILE_EXTENDS = "the fixtures' XDM Individual Profile extends record only, not also auditable as Adobe's does";
const SANDBOX_TYPE = 'the emulator answers meta:sandboxType on every tenant resource, as the class and data type examples show';

/** The resource body the registry accepts, taken from a documented answer (the keys authoring reads). */
function authored(documented: Json): Json {
  const keys = ['title', 'type', 'description', 'definitions', 'allOf', 'properties', 'meta:intendedToExtend'];
  return Object.fromEntries(Object.entries(documented).filter(([key]) => keys.includes(key)));
}

function documentedExample(method: string, path: string, part: string, status?: string): Json {
  const found = EXAMPLES.find(
    (entry) => entry.file === 'schema-registry.yaml' && entry.method === method && entry.path === path && entry.part === part && entry.status === status,
  );
  return found!.example as Json;
}

/** The data type of the datatypes example, created; the field group example refers to it by Adobe's id. */
async function propertyConstruction(send: Send): Promise<Json> {
  const response = await send({
    method: 'POST',
    url: '/tenant/datatypes',
    body: authored(asEmulated(documentedExample('POST', '/tenant/datatypes', 'response', '201'))),
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}
const ADOBE_DATA_TYPE = `https://ns.adobe.com/${DEMO.tenant}/datatypes/24c643f618647344606222c494bd0102`;

/** POST /tenant/fieldgroups (or the legacy /tenant/mixins) with the field group of the example. */
const fieldGroupCreation =
  (path: string): Case =>
  async (example, send) => {
    const dataType = await propertyConstruction(send);
    // The example's allOf refers to #/definitions/customFields, which it does not define (its one
    // definition is "property"); field-groups.md's request for this answer refers to #/definitions/property.
    const documented = asEmulated(example.example, { [ADOBE_DATA_TYPE]: dataType.$id, '#/definitions/customFields': '#/definitions/property' });
    const response = await send({ method: 'POST', url: path, body: authored(documented) });
    assert.equal(response.statusCode, 201, response.body);
    assertLikeDocumented(response.json(), documented, { generated: GENERATED, extra: { 'meta:extends': EMPTY_EXTENDS, 'meta:sandboxType': SANDBOX_TYPE } });
  };

/** A class of the POST example, created; PUT and PATCH examples change it. */
async function newClass(send: Send): Promise<Json> {
  const response = await send({
    method: 'POST',
    url: '/tenant/classes',
    body: authored(asEmulated(documentedExample('POST', '/tenant/classes', 'response', '201'))),
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

/** A schema on XDM Individual Profile with Personal Contact Details (personalEmail), for descriptors. */
async function personSchema(send: Send, title: string): Promise<string> {
  const response = await send({
    method: 'POST',
    url: '/tenant/schemas',
    body: { title, type: 'object', allOf: [{ $ref: PROFILE }, { $ref: PERSONAL_DETAILS }] },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().$id;
}

const DESCRIPTOR_KEYS = [
  '@type',
  'xdm:sourceSchema',
  'xdm:sourceVersion',
  'xdm:sourceProperty',
  'xdm:namespace',
  'xdm:property',
  'xdm:isPrimary',
  'xdm:title',
  'xdm:description',
];
const descriptorBody = (documented: Json) => Object.fromEntries(Object.entries(documented).filter(([key]) => DESCRIPTOR_KEYS.includes(key)));
const ADOBE_SCHEMA_OF_DESCRIPTOR = `https://ns.adobe.com/${DEMO.tenant}/schemas/5b8d40b434bec502955d3e0144c4ce14d096897c6b0ca11f`;
/** The alternate display info examples describe /homeAddress, which the fixtures' Personal Contact Details lacks; personalEmail stands in. */
const HOME_ADDRESS = { '"/homeAddress"': '"/personalEmail"' };

/** The import example's payload, imported as written; the answer's ids by the example's. */
async function imported(send: Send): Promise<{ response: LightMyRequestResponse; ids: Record<string, string> }> {
  const response = await send({ method: 'POST', url: '/rpc/import', body: documentedExample('POST', '/rpc/import', 'request') });
  assert.equal(response.statusCode, 200, response.body);
  const documented = asEmulated<Json[]>(documentedExample('POST', '/rpc/import', 'response', '200'));
  const ids: Record<string, string> = {};
  for (const [index, resource] of (response.json() as Json[]).entries()) {
    ids[documented[index]!.$id] = resource.$id;
    ids[documented[index]!['meta:altId']] = resource['meta:altId'];
  }
  return { response, ids };
}

/** How an imported or exported resource differs from the examples', each with its reason. */
const TRANSFERRED: Differences = {
  generated: ['version'],
  absent: { 'meta:sandboxId': NO_SANDBOX_ID },
  differs: {
    'meta:intendedToExtend':
      "an exported field group's empty meta:intendedToExtend becomes, on import, the classes of the payload's schemas using it (our choice: the registry requires it)",
    'meta:extends': PROFILE_EXTENDS,
  },
};

/** The documented XDM error: status, type, title, report keys (at least the documented ones) and detail, ids replaced. */
function assertXdmError(response: LightMyRequestResponse, example: ReferenceExample, replaced: Record<string, string> = {}): void {
  const documented = asEmulated(example.example, replaced);
  assert.equal(response.statusCode, Number(example.status), response.body);
  const body = response.json();
  for (const key of ['type', 'title', 'status', 'detail']) assert.equal(body[key], documented[key], key);
  // The 404 examples' reports leave out sub-errors, which every other error example of the reference has.
  for (const key of Object.keys(documented.report)) assert.ok(key in body.report, `report lacks ${key}`);
}

const MISSING_SCHEMA = `https://ns.adobe.com/${DEMO.tenant}/schemas/20af3f1d4b175f27ba59529d1b51a0c79fc25df454117`;

/** The unions guide's union (title and description of its own, no imsOrg or meta:xdmType), not the reference example's. */
const UNION_MEMBERS = "the members of the fixture tenant's union (Loyalty Members), not of Adobe's";
const UNION: Differences = {
  absent: {
    imsOrg: "unions.md's lookup answer has no imsOrg",
    'meta:xdmType': "unions.md's lookup answer has no meta:xdmType",
    'meta:sandboxId': "unions.md's lookup answer has no meta:sandboxId",
    'meta:sandboxType': "unions.md's lookup answer has no meta:sandboxType",
  },
  differs: {
    title: 'unions.md titles a union "Union object for {CLASS_ID}", where the example repeats the class title',
    description: 'unions.md describes a union as "Union view of all schemas that extend {CLASS_ID}", where the example repeats the class description',
    'meta:registryMetadata': "unions.md's lookup answers an empty meta:registryMetadata",
    allOf: UNION_MEMBERS,
    'meta:extends': UNION_MEMBERS,
  },
};

function assertUnion(answer: Json, documented: Json): void {
  assertLikeDocumented(answer, documented, UNION);
  assert.equal(answer.title, `Union object for ${answer['meta:class']}`);
  assert.equal(answer.description, `Union view of all schemas that extend ${answer['meta:class']}`);
  assert.ok(
    answer.allOf.some((entry: Json) => entry.$ref === PROFILE),
    UNION_MEMBERS,
  );
}

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
  'schema-registry.yaml GET /{CONTAINER_ID}/classes/{CLASS_ID} response 200': lookup(`/global/classes/${encodeURIComponent(PROFILE)}`, LOOKUP_KEYS),
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
    `/global/classes/${encodeURIComponent(PROFILE)}`,
    'application/vnd.adobe.xed+json',
  ),
  'schema-registry.yaml GET /{CONTAINER_ID}/datatypes/{DATA_TYPE_ID} response 400': acceptError(
    `/global/datatypes/${encodeURIComponent('https://ns.adobe.com/xdm/context/person-name')}`,
    'application/vnd.adobe.xed+json',
  ),
  'schema-registry.yaml POST /tenant/datatypes response 201': async (example, send) => {
    const documented = asEmulated(example.example);
    const response = await send({ method: 'POST', url: '/tenant/datatypes', body: authored(documented) });
    assert.equal(response.statusCode, 201, response.body);
    assertLikeDocumented(response.json(), documented, {
      generated: GENERATED,
      absent: { refs: REFS, 'meta:sandboxId': NO_SANDBOX_ID },
      extra: { 'meta:extends': EMPTY_EXTENDS },
    });
  },
  'schema-registry.yaml POST /tenant/schemas response 201': async (example, send) => {
    const documented = asEmulated(example.example);
    const response = await send({ method: 'POST', url: '/tenant/schemas', body: authored(documented) });
    assert.equal(response.statusCode, 201, response.body);
    assertLikeDocumented(response.json(), documented, {
      generated: GENERATED,
      absent: { refs: REFS, 'meta:sandboxId': NO_SANDBOX_ID },
      differs: { 'meta:extends': PROFILE_EXTENDS },
    });
  },
  'schema-registry.yaml POST /tenant/fieldgroups response 201': fieldGroupCreation('/tenant/fieldgroups'),
  'schema-registry.yaml POST /tenant/mixins response 201': fieldGroupCreation('/tenant/mixins'),
  'schema-registry.yaml POST /tenant/classes response 201': async (example, send) => {
    const documented = asEmulated(example.example);
    const response = await send({ method: 'POST', url: '/tenant/classes', body: authored(documented) });
    assert.equal(response.statusCode, 201, response.body);
    assertLikeDocumented(response.json(), documented, { generated: GENERATED, absent: { 'meta:sandboxId': NO_SANDBOX_ID } });
  },
  'schema-registry.yaml PUT /tenant/classes/{CLASS_ID} response 200': async (example, send) => {
    const created = await newClass(send);
    // The fixtures' global container has the record behavior only: the class stays a record class.
    const documented = asEmulated(example.example, { 'https://ns.adobe.com/xdm/data/time-series': 'https://ns.adobe.com/xdm/data/record' });
    const response = await send({ method: 'PUT', url: `/tenant/classes/${created['meta:altId']}`, body: authored(documented) });
    assert.equal(response.statusCode, 200, response.body);
    assertLikeDocumented(response.json(), documented, { generated: GENERATED, absent: { 'meta:sandboxId': NO_SANDBOX_ID } });
    assert.equal(response.json().$id, created.$id);
  },
  'schema-registry.yaml PATCH /tenant/classes/{CLASS_ID} response 200': async (example, send) => {
    const created = await newClass(send);
    const documented = asEmulated(example.example);
    // The patch that turns the POST example's class into this one: a replace of each authored key that differs.
    const before = authored(asEmulated(documentedExample('POST', '/tenant/classes', 'response', '201')));
    const patch = Object.entries(authored(documented))
      .filter(([key, value]) => JSON.stringify(before[key]) !== JSON.stringify(value))
      .map(([key, value]) => ({ op: 'replace', path: `/${key}`, value }));
    assert.ok(patch.length > 0);
    const response = await send({ method: 'PATCH', url: `/tenant/classes/${created['meta:altId']}`, body: patch });
    assert.equal(response.statusCode, 200, response.body);
    assertLikeDocumented(response.json(), documented, { generated: GENERATED, absent: { 'meta:sandboxId': NO_SANDBOX_ID } });
  },
  'schema-registry.yaml GET /{CONTAINER_ID}/descriptors response 400': acceptError('/tenant/descriptors', 'application/vnd.adobe.xed+json'),
  'schema-registry.yaml GET /{CONTAINER_ID}/descriptors/{DESCRIPTOR_ID} response 200': async (example, send) => {
    const schema = await personSchema(send, 'audit: identity descriptor lookup');
    const adobeSchema = (example.example as Json)['xdm:sourceSchema'] as string;
    const documented = asEmulated(example.example, { [adobeSchema.replace('{TENANT_ID}', DEMO.tenant)]: schema });
    const created = await send({ method: 'POST', url: '/tenant/descriptors', body: descriptorBody(documented) });
    assert.equal(created.statusCode, 201, created.body);
    const response = await send({ url: `/tenant/descriptors/${created.json()['@id']}`, headers: { accept: 'application/vnd.adobe.xdm+json' } });
    assert.equal(response.statusCode, 200, response.body);
    assertLikeDocumented(response.json(), documented, { generated: ['@id', 'meta:registryMetadata'], absent: { 'meta:sandboxId': NO_SANDBOX_ID } });
  },
  'schema-registry.yaml GET /{CONTAINER_ID}/descriptors/{DESCRIPTOR_ID} response 400': acceptError(async (send) => {
    const schema = await personSchema(send, 'audit: descriptor lookup Accept');
    const body = primaryEmailIdentity(schema);
    const created = await send({ method: 'POST', url: '/tenant/descriptors', body });
    assert.equal(created.statusCode, 201, created.body);
    return `/tenant/descriptors/${created.json()['@id']}`;
  }, 'application/vnd.adobe.xed+json;version=1'),
  'schema-registry.yaml POST /tenant/descriptors response 201': async (example, send) => {
    const schema = await personSchema(send, 'audit: alternate display info');
    const documented = asEmulated(example.example, { [ADOBE_SCHEMA_OF_DESCRIPTOR]: schema, ...HOME_ADDRESS });
    const response = await send({ method: 'POST', url: '/tenant/descriptors', body: descriptorBody(documented) });
    assert.equal(response.statusCode, 201, response.body);
    assertLikeDocumented(response.json(), documented, { generated: ['@id'], absent: { 'meta:sandboxId': NO_SANDBOX_ID } });
  },
  'schema-registry.yaml PUT /tenant/descriptors/{DESCRIPTOR_ID} response 200': async (example, send) => {
    const schema = await personSchema(send, 'audit: alternate display info replaced');
    const documented = asEmulated(example.example, { [ADOBE_SCHEMA_OF_DESCRIPTOR]: schema, ...HOME_ADDRESS });
    const first = { ...descriptorBody(documented), 'xdm:description': { en_us: 'Before the PUT.' } };
    const created = await send({ method: 'POST', url: '/tenant/descriptors', body: first });
    assert.equal(created.statusCode, 201, created.body);
    const response = await send({ method: 'PUT', url: `/tenant/descriptors/${created.json()['@id']}`, body: descriptorBody(documented) });
    assert.equal(response.statusCode, 200, response.body);
    assertLikeDocumented(response.json(), documented, { generated: ['@id', 'version'], absent: { 'meta:sandboxId': NO_SANDBOX_ID } });
    assert.equal(response.json()['@id'], created.json()['@id']);
  },
  'schema-registry.yaml GET /tenant/unions response 200': async (example, send) => {
    const response = await send({ url: '/tenant/unions', headers: { accept: 'application/vnd.adobe.xed+json' } });
    assert.equal(response.statusCode, 200, response.body);
    const documented = asEmulated<{ results: Json[] }>(example.example);
    assert.deepEqual(Object.keys(response.json()), Object.keys(documented));
    const profile = response.json().results.find((union: Json) => union.$id === documented.results[0]!.$id);
    assert.ok(profile, 'the XDM Individual Profile union is listed');
    assertUnion(profile, documented.results[0]!);
  },
  'schema-registry.yaml GET /tenant/unions response 400': acceptError('/tenant/unions', 'application/vnd.adobe.xed+json;version=1'),
  'schema-registry.yaml GET /tenant/unions/{UNION_ID} response 200': async (example, send) => {
    const documented = asEmulated(example.example);
    const response = await send({ url: `/tenant/unions/${documented['meta:altId']}`, headers: { accept: XED_V1 } });
    assert.equal(response.statusCode, 200, response.body);
    assertUnion(response.json(), documented);
  },
  'schema-registry.yaml GET /tenant/unions/{UNION_ID} response 400': acceptError(
    '/tenant/unions/_xdm.context.profile__union',
    'application/vnd.adobe.xed+json',
  ),
  'schema-registry.yaml POST /rpc/import request body': async (_example, send) => {
    const { response } = await imported(send);
    for (const resource of response.json() as Json[]) {
      const kind = resource['meta:resourceType'] === 'mixins' ? 'fieldgroups' : resource['meta:resourceType'];
      const stored = await send({ url: `/tenant/${kind}/${resource['meta:altId']}`, headers: { accept: XED_V1 } });
      assert.equal(stored.statusCode, 200, stored.body);
    }
  },
  'schema-registry.yaml POST /rpc/import response 200': async (example, send) => {
    const { response, ids } = await imported(send);
    const documented = asEmulated<Json[]>(example.example, ids);
    assert.equal(response.json().length, documented.length);
    const asCreated = 'an imported resource is answered as a POST answers it, with the keys of where it now lives';
    const added = { imsOrg: asCreated, 'meta:containerId': asCreated, 'meta:tenantNamespace': asCreated, 'meta:registryMetadata': asCreated };
    for (const [index, resource] of (response.json() as Json[]).entries()) {
      const extra = { ...added, ...(resource['meta:resourceType'] === 'mixins' ? { 'meta:extends': EMPTY_EXTENDS } : {}) };
      assertLikeDocumented(resource, documented[index]!, { ...TRANSFERRED, extra });
    }
  },
  'schema-registry.yaml POST /rpc/import response 400': async (example, send) => {
    const { ids } = await imported(send);
    const response = await send({ method: 'POST', url: '/rpc/import', body: documentedExample('POST', '/rpc/import', 'request') });
    // The emulator words the title rule as authoring's XDM-1521 does ("Object titles must be unique."); the rest is as documented.
    assertXdmError(response, example, { ...ids, 'Error: Title must be unique.': 'Error: Object titles must be unique.' });
  },
  'schema-registry.yaml GET /rpc/export/{RESOURCE_ID} response 200': async (example, send) => {
    const { ids } = await imported(send);
    const documented = asEmulated<Json[]>(example.example, ids);
    const schema = documented[documented.length - 1]!;
    const response = await send({ url: `/rpc/export/${encodeURIComponent(schema.$id)}`, headers: { accept: XED_ID } });
    assert.equal(response.statusCode, 200, response.body);
    // The payload carries the placeholder in place of the tenant id, as documented.
    const answer = asEmulated<Json[]>(response.json());
    assert.ok(!response.body.includes(DEMO.tenant), 'the tenant id is replaced by the placeholder');
    assert.equal(answer.length, documented.length);
    for (const [index, resource] of answer.entries()) {
      const extra: Record<string, string> = resource['meta:resourceType'] === 'mixins' ? { 'meta:extends': EMPTY_EXTENDS } : {};
      assertLikeDocumented(resource, documented[index]!, { ...TRANSFERRED, extra });
    }
  },
  'schema-registry.yaml GET /rpc/export/{RESOURCE_ID} response 404': async (example, send) => {
    const response = await send({ url: `/rpc/export/${encodeURIComponent(MISSING_SCHEMA)}` });
    assertXdmError(response, example);
  },
  'schema-registry.yaml GET /rpc/sampledata/{SCHEMA_ID} response 200': async (_example, send) => {
    // The example samples an Offer Decisioning schema of Adobe's, which the fixtures lack: the imported
    // example schema is sampled instead, and its answer checked to be a record of that schema.
    const { ids } = await imported(send);
    const schema = asEmulated<Json[]>(documentedExample('POST', '/rpc/import', 'response', '200'), ids)[1]!;
    const response = await send({ url: `/rpc/sampledata/${encodeURIComponent(schema.$id)}`, headers: { accept: XED_V1 } });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(typeof response.json()[`_${DEMO.tenant}`]?.customerId, 'string', response.body);
  },
  'schema-registry.yaml GET /rpc/sampledata/{SCHEMA_ID} response 404': async (example, send) => {
    const response = await send({ url: `/rpc/sampledata/${encodeURIComponent(MISSING_SCHEMA)}`, headers: { accept: XED_V1 } });
    assertXdmError(response, example);
  },
  'schema-registry.yaml GET /rpc/auditlog/{RESOURCE_ID} response 200': async (example, send) => {
    const created = await newClass(send);
    const patched = await send({
      method: 'PATCH',
      url: `/tenant/classes/${created['meta:altId']}`,
      body: [{ op: 'replace', path: '/description', value: 'audit' }],
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const response = await send({ url: `/rpc/auditlog/${created['meta:altId']}` });
    assert.equal(response.statusCode, 200, response.body);
    const [documented] = asEmulated<Json[]>(example.example);
    assert.equal(response.json().length, 2, 'the creation and the patch');
    for (const entry of response.json() as Json[]) {
      assertLikeDocumented(entry, documented!, {
        generated: ['id', 'updatedUser', 'updatedTime', 'requestId', 'clientId', 'sandBoxId', 'updates'],
      });
      assert.equal(entry.id, created.$id);
      assert.match(entry.updatedTime, /^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
      for (const update of entry.updates) assert.deepEqual(Object.keys(update).sort(), Object.keys(documented!.updates[0]).sort());
    }
  },
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
  // Each example starts from the fixtures: the Schema Registry ones create resources of the same titles.
  beforeEach(() => t.ctx.reset());

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
