/**
 * The calls write-examples.ts makes to an emulator started with the bundled fixtures, one per
 * documented operation that Adobe's references give no example for: the answer is recorded as
 * the operation's success example. They run in this order on one emulator, so a later call may
 * use what an earlier one created (`seen`); deletions come after the reads of what they delete.
 * Lists ask for two items, to keep the document short.
 */
import { SignJWT } from 'jose';

/** The answer body recorded for an operation (throws when that operation was not called yet). */
export type Seen = (operation: string) => any;

export interface Recording {
  /** `METHOD path`, the operation as the OpenAPI document names it. */
  operation: string;
  url: string | ((seen: Seen) => string);
  /** A JSON body, or a string sent as is with `contentType`; or a function of what was seen giving one. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** Replaces what changes from run to run (the journal's times, an export's date, a temporary folder) in the recorded answer. */
  stable?: (answer: any) => unknown;
  /** The success status the call is for, when the operation documents several (the first otherwise). */
  status?: number;
  /** Only prepares a later call: its answer is not an example (e.g. an upload the document has no body for). */
  setup?: boolean;
}

export const DEMO = {
  clientId: 'adobe-mock-client',
  clientSecret: 'adobe-mock-secret',
  org: '0123456789ABCDEF01234567@AdobeOrg',
  technicalAccount: '0A1B2C3D4E5F60718293A4B5@techacct.adobe.com',
} as const;
export const DEMO_TENANT = 'mocktenant';
const CATALOG = '/data/foundation/catalog';
const IMPORT = '/data/foundation/import';
const EXPORT = '/data/foundation/export';
const REGISTRY = '/data/foundation/schemaregistry';
const TARGET = `/${DEMO_TENANT}/target`;
/** Activities are created and changed in API version 3 (version 1 is not served there). */
const V3 = { 'content-type': 'application/vnd.adobe.target.v3+json', accept: 'application/vnd.adobe.target.v3+json' };

/** The emulator's clock while recording (frozen), so the examples are the same from run to run. */
export const EXAMPLE_TIME = Date.parse('2026-01-15T09:30:00.000Z');
const EXAMPLE_ISO = new Date(EXAMPLE_TIME).toISOString();

/** Fixture ids (fixtures/*.json). */
const DATASET = '5c8c3c555033b814b69f947f';
const LOYALTY_SCHEMA = 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9';
const AB_ACTIVITY = 168805;
const XT_ACTIVITY = 168942;
const AB_REPORTED = 166423;
const ABT_ACTIVITY = 100001;
const XT_REPORTED = 167169;
const OFFER = 391769;
const AUDIENCE = 1216090;
const PROFILE = '111492025094307-353046';
const THIRD_PARTY_ID = 'a1-mbox3rdPartyId';
const STOCK_FILE = 112670342;

const MEMBERS = [
  { _id: 'member-1', personalEmail: { address: 'ada@example.com' }, person: { name: { firstName: 'Ada', lastName: 'Lovelace' } } },
  { _id: 'member-2', personalEmail: { address: 'alan@example.com' }, person: { name: { firstName: 'Alan', lastName: 'Turing' } } },
];
/** A service-account JWT as a client signs it for /ims/exchange/jwt (the emulator does not check the signature). */
const serviceAccountJwt = (now: number) =>
  new SignJWT({
    exp: Math.floor(now / 1000) + 300,
    iss: DEMO.org,
    sub: DEMO.technicalAccount,
    aud: `https://ims-na1.adobelogin.com/c/${DEMO.clientId}`,
    'https://ims-na1.adobelogin.com/s/ent_marketing_sdk': true,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode('the client private key stand-in'));

const JSON_LINES = `${MEMBERS.map((member) => JSON.stringify(member)).join('\n')}\n`;

const id = (operation: string) => (seen: Seen) => String(seen(operation).id);
/** The id of a Catalog answer `["@/batches/<id>"]` or `{"<id>": {...}}`. */
const catalogId = (operation: string) => (seen: Seen) => {
  const answer = seen(operation);
  return Array.isArray(answer) ? String(answer[0]).split('/').pop()! : Object.keys(answer)[0]!;
};
/** An object as a client sends it back: without the fields the server sets. */
const editable = (object: Record<string, unknown>, ...drop: string[]) =>
  Object.fromEntries(Object.entries(object).filter(([key]) => !['id', 'modifiedAt', 'workspace', ...drop].includes(key)));

const newBatch = `${IMPORT}/batches`;
const uploaded = (seen: Seen) => `${IMPORT}/batches/${id(`POST ${newBatch}`)(seen)}/datasets/${DATASET}`;

/** Tenant resources the recordings write: [path, the POST that created it]. */
const REGISTRY_WRITES: Array<[path: string, created: string]> = [
  ['schemas', `POST ${REGISTRY}/tenant/schemas`],
  ['mixins', `POST ${REGISTRY}/tenant/mixins`],
  ['fieldgroups', `POST ${REGISTRY}/tenant/fieldgroups`],
  ['datatypes', `POST ${REGISTRY}/tenant/datatypes`],
  ['classes', `POST ${REGISTRY}/tenant/classes`],
];

/**
 * A recorded registry resource without its `allOf` when that names other resources by URL: a
 * `$ref` to https://ns.adobe.com/... in the OpenAPI document would send openapi-typescript (the
 * client types) fetching it. The lookups' examples show the full answer.
 */
function withoutExternalRefs(resource: Record<string, unknown>): Record<string, unknown> {
  if (!JSON.stringify(resource.allOf ?? []).includes('"$ref":"http')) return resource;
  const { allOf: _allOf, ...rest } = resource;
  return rest;
}

/** The fields of a registry resource a client writes (a PUT body from a created resource). */
function authored(resource: Record<string, unknown>): Record<string, unknown> {
  const keys = ['title', 'type', 'description', 'definitions', 'allOf', 'properties', 'meta:intendedToExtend'];
  return Object.fromEntries(Object.entries(resource).filter(([key]) => keys.includes(key)));
}

/** field-groups.md's example field group, on the class the recordings created (without the data type: a URL `$ref` in an example would be followed). */
function propertyDetails(seen: Seen, description: string) {
  return {
    title: 'Property Details',
    description,
    type: 'object',
    'meta:intendedToExtend': [seen(`POST ${REGISTRY}/tenant/classes`).$id],
    definitions: {
      property: {
        properties: {
          [`_${DEMO_TENANT}`]: {
            type: 'object',
            properties: {
              propertyName: { type: 'string', title: 'Property Name' },
            },
          },
        },
      },
    },
    allOf: [{ $ref: '#/definitions/property' }],
  };
}

function favoriteHotel(description: string) {
  return {
    title: 'Favorite Hotel',
    description,
    type: 'object',
    'meta:intendedToExtend': ['https://ns.adobe.com/xdm/context/profile'],
    properties: { [`_${DEMO_TENANT}`]: { type: 'object', properties: { favoriteHotel: { title: 'Favorite Hotel', type: 'string' } } } },
  };
}

export const RECORDINGS: Recording[] = [
  // IMS.
  {
    operation: 'POST /ims/token/v3',
    url: '/ims/token/v3',
    body: `grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}&scope=openid,AdobeID,target_sdk`,
    contentType: 'application/x-www-form-urlencoded',
  },
  {
    operation: 'POST /ims/exchange/jwt',
    url: '/ims/exchange/jwt',
    body: async () =>
      new URLSearchParams({ client_id: DEMO.clientId, client_secret: DEMO.clientSecret, jwt_token: await serviceAccountJwt(EXAMPLE_TIME) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  },

  // The control plane.
  { operation: 'GET /_mock/health', url: '/_mock/health' },
  // The upload folder is a new temporary one each run.
  {
    operation: 'GET /_mock/config',
    url: '/_mock/config',
    stable: (answer) => ({ ...answer, fixturesDir: '/app/fixtures', blobDir: '/tmp/adobe-api-mock-examples' }),
  },
  { operation: 'GET /_mock/clock', url: '/_mock/clock' },
  { operation: 'GET /_mock/resources', url: '/_mock/resources?limit=1' },
  { operation: 'GET /_mock/profile-authentication/{client}', url: `/_mock/profile-authentication/${DEMO_TENANT}` },
  { operation: 'PUT /_mock/profile-authentication/{client}', url: `/_mock/profile-authentication/${DEMO_TENANT}`, body: { enabled: false } },
  { operation: 'POST /_mock/faults', url: '/_mock/faults', body: { path: '/data/foundation/catalog/dataSets', method: 'GET', status: 503, count: 1 } },
  { operation: 'GET /_mock/faults', url: '/_mock/faults' },
  { operation: 'POST /_mock/tenants', url: '/_mock/tenants', body: { fixtures: false } },
  { operation: 'GET /_mock/tenants', url: '/_mock/tenants' },
  { operation: 'GET /_mock/tenants/{id}', url: (seen) => `/_mock/tenants/${id('POST /_mock/tenants')(seen)}` },

  // Catalog.
  { operation: 'GET /data/foundation/catalog/dataSets', url: `${CATALOG}/dataSets?limit=2` },
  { operation: 'GET /data/foundation/catalog/dataSets/{id}', url: `${CATALOG}/dataSets/${DATASET}` },
  { operation: 'GET /data/foundation/catalog/dataSets/{id}/credentials', url: `${CATALOG}/dataSets/${DATASET}/credentials` },
  { operation: 'GET /data/foundation/catalog', url: CATALOG },
  {
    operation: 'POST /data/foundation/catalog/dataSets',
    url: `${CATALOG}/dataSets`,
    body: { name: 'Loyalty members (copy)', schemaRef: { id: LOYALTY_SCHEMA, contentType: 'application/vnd.adobe.xed+json;version=1' } },
  },
  {
    operation: 'PUT /data/foundation/catalog/dataSets/{id}',
    url: (seen) => `${CATALOG}/dataSets/${catalogId('POST /data/foundation/catalog/dataSets')(seen)}`,
    body: { name: 'Loyalty members (renamed)', schemaRef: { id: LOYALTY_SCHEMA, contentType: 'application/vnd.adobe.xed+json;version=1' } },
  },
  {
    operation: 'PATCH /data/foundation/catalog/dataSets/{id}',
    url: (seen) => `${CATALOG}/dataSets/${catalogId('POST /data/foundation/catalog/dataSets')(seen)}`,
    body: { description: 'Members of the loyalty programme' },
  },
  {
    operation: 'PATCH /data/foundation/catalog/v2/dataSets/{id}',
    url: (seen) => `${CATALOG}/v2/dataSets/${catalogId('POST /data/foundation/catalog/dataSets')(seen)}`,
    body: { tags: { team: ['loyalty'] } },
  },
  { operation: 'POST /data/foundation/catalog/batches', url: `${CATALOG}/batches`, body: { relatedObjects: [{ type: 'dataSet', id: DATASET }] } },
  {
    operation: 'POST /data/foundation/catalog/batches/{id}',
    url: `${CATALOG}/batches/0123456789abcdef0123456789abcdef`,
    body: { relatedObjects: [{ type: 'dataSet', id: DATASET }] },
  },
  {
    operation: 'PUT /data/foundation/catalog/batches/{id}',
    url: (seen) => `${CATALOG}/batches/${catalogId('POST /data/foundation/catalog/batches')(seen)}`,
    body: { status: 'active', relatedObjects: [{ type: 'dataSet', id: DATASET }], tags: { team: ['loyalty'] } },
  },
  {
    operation: 'PATCH /data/foundation/catalog/batches/{id}',
    url: (seen) => `${CATALOG}/batches/${catalogId('POST /data/foundation/catalog/batches')(seen)}`,
    body: { tags: { team: ['loyalty', 'crm'] } },
  },
  {
    operation: 'POST /data/foundation/catalog',
    url: CATALOG,
    body: [{ id: 'dataSet', method: 'GET', resource: `/dataSets/${DATASET}` }],
  },

  // Batch Ingestion, then what processing made of it (Catalog files, Data Access).
  { operation: `POST ${newBatch}`, url: newBatch, body: { datasetId: DATASET, inputFormat: { format: 'json' } } },
  {
    operation: 'PUT /data/foundation/import/batches/{batchId}/datasets/{datasetId}/files/{filePath}',
    url: (seen) => `${uploaded(seen)}/files/members.json`,
    body: JSON_LINES,
    contentType: 'application/octet-stream',
    setup: true,
  },
  {
    operation: 'POST /data/foundation/import/batches/{batchId}/datasets/{datasetId}/files/{filePath}',
    url: (seen) => `${uploaded(seen)}/files/more-members.json?action=INITIALIZE`,
  },
  {
    operation: 'PATCH /data/foundation/import/batches/{batchId}/datasets/{datasetId}/files/{filePath}',
    url: (seen) => `${uploaded(seen)}/files/more-members.json`,
    body: JSON_LINES,
    contentType: 'application/octet-stream',
    headers: { 'content-range': `bytes 0-${Buffer.byteLength(JSON_LINES) - 1}/${Buffer.byteLength(JSON_LINES)}` },
  },
  {
    operation: 'POST /data/foundation/import/batches/{batchId}/datasets/{datasetId}/files/{filePath}',
    url: (seen) => `${uploaded(seen)}/files/more-members.json?action=COMPLETE`,
    setup: true,
  },
  { operation: 'GET /data/foundation/import/batches/{batchId}/datasets/{datasetId}/preview', url: (seen) => `${uploaded(seen)}/preview` },
  { operation: 'POST /data/foundation/import/batches/{batchId}', url: (seen) => `${newBatch}/${id(`POST ${newBatch}`)(seen)}?action=COMPLETE`, setup: true },
  { operation: 'GET /data/foundation/catalog/batches', url: `${CATALOG}/batches?limit=2` },
  { operation: 'GET /data/foundation/catalog/batches/{id}', url: (seen) => `${CATALOG}/batches/${id(`POST ${newBatch}`)(seen)}` },
  { operation: 'GET /data/foundation/catalog/batches/uniques/{field}', url: `${CATALOG}/batches/uniques/status` },
  { operation: 'GET /data/foundation/catalog/lastBatches', url: `${CATALOG}/lastBatches?dataSet=${DATASET}` },
  { operation: 'GET /data/foundation/catalog/tags/{namespace}', url: `${CATALOG}/tags/team` },
  { operation: 'GET /data/foundation/catalog/dataSetFiles', url: `${CATALOG}/dataSetFiles?limit=2` },
  {
    operation: 'GET /data/foundation/catalog/dataSetFiles/{id}',
    url: (seen) => `${CATALOG}/dataSetFiles/${Object.keys(seen('GET /data/foundation/catalog/dataSetFiles'))[0]}`,
  },
  { operation: 'GET /data/foundation/export/batches/{batchId}/files', url: (seen) => `${EXPORT}/batches/${id(`POST ${newBatch}`)(seen)}/files` },
  { operation: 'GET /data/foundation/export/batches/{batchId}/failed', url: (seen) => `${EXPORT}/batches/${id(`POST ${newBatch}`)(seen)}/failed` },
  { operation: 'GET /data/foundation/export/batches/{batchId}/meta', url: (seen) => `${EXPORT}/batches/${id(`POST ${newBatch}`)(seen)}/meta?path=input_files` },
  {
    operation: 'GET /data/foundation/export/files/{dataSetFileId}',
    url: (seen) => `${EXPORT}/files/${seen('GET /data/foundation/export/batches/{batchId}/files').data[0].dataSetFileId}`,
  },
  {
    operation: 'GET /data/foundation/export/files/{dataSetFileId}',
    url: (seen) => `${EXPORT}/files/${seen('GET /data/foundation/export/batches/{batchId}/files').data[0].dataSetFileId}?path=members.json`,
    headers: { range: 'bytes=0-99' },
    status: 206,
  },
  { operation: 'GET /data/foundation/export/datasets/{id}/preview', url: `${EXPORT}/datasets/${DATASET}/preview` },
  {
    operation: 'DELETE /data/foundation/catalog/batches/{id}',
    url: (seen) => `${CATALOG}/batches/${catalogId('POST /data/foundation/catalog/batches')(seen)}`,
  },
  {
    operation: 'DELETE /data/foundation/catalog/dataSets/{id}',
    url: (seen) => `${CATALOG}/dataSets/${catalogId('POST /data/foundation/catalog/dataSets')(seen)}`,
  },

  // Schema Registry (where the reference has no example).
  ...['tenant', 'global'].flatMap((container) =>
    ['schemas', 'classes', 'fieldgroups', 'mixins', 'datatypes'].map((kind) => ({
      operation: `GET ${REGISTRY}/${container}/${kind}`,
      url: `${REGISTRY}/${container}/${kind}?orderby=title&limit=2`,
      headers: { accept: 'application/vnd.adobe.xed-id+json' },
    })),
  ),
  ...[
    ['tenant', 'schemas', LOYALTY_SCHEMA],
    ['global', 'schemas', 'https://ns.adobe.com/xdm/context/profile'],
    ['tenant', 'classes', 'https://ns.adobe.com/xdm/context/profile'],
    ['global', 'classes', 'https://ns.adobe.com/xdm/context/profile'],
    ['tenant', 'fieldgroups', 'https://ns.adobe.com/mocktenant/mixins/bb118e507bb848fd85df68fedea70c62'],
    ['global', 'fieldgroups', 'https://ns.adobe.com/xdm/context/profile-person-details'],
    ['tenant', 'mixins', 'https://ns.adobe.com/mocktenant/mixins/bb118e507bb848fd85df68fedea70c62'],
    ['global', 'mixins', 'https://ns.adobe.com/xdm/context/profile-person-details'],
    ['tenant', 'datatypes', 'https://ns.adobe.com/mocktenant/datatypes/49b594dabe6bec545c8a6d1a0991a4dd'],
    ['global', 'datatypes', 'https://ns.adobe.com/xdm/context/person-name'],
  ].map(([container, kind, $id]) => ({
    operation: `GET ${REGISTRY}/${container}/${kind}/{id}`,
    url: `${REGISTRY}/${container}/${kind}/${encodeURIComponent($id!)}`,
    headers: { accept: 'application/vnd.adobe.xed+json; version=1' },
  })),
  { operation: `GET ${REGISTRY}/global/behaviors`, url: `${REGISTRY}/global/behaviors`, headers: { accept: 'application/vnd.adobe.xed-id+json' } },
  {
    operation: `GET ${REGISTRY}/global/behaviors/{id}`,
    url: `${REGISTRY}/global/behaviors/${encodeURIComponent('https://ns.adobe.com/xdm/data/record')}`,
    headers: { accept: 'application/vnd.adobe.xed+json; version=1' },
  },
  {
    operation: `POST ${REGISTRY}/tenant/schemas`,
    url: `${REGISTRY}/tenant/schemas`,
    body: {
      type: 'object',
      title: 'Loyalty members',
      description: 'Profiles of the loyalty programme',
      allOf: [{ $ref: 'https://ns.adobe.com/xdm/context/profile' }, { $ref: 'https://ns.adobe.com/xdm/context/profile-person-details' }],
    },
  },
  // Descriptors on the fixture Loyalty Members schema (which has its primary identity already):
  // a secondary identity descriptor (looked up and replaced), and a friendly-name one that the
  // listing shows and the DELETE removes.
  {
    operation: `POST ${REGISTRY}/tenant/descriptors`,
    url: `${REGISTRY}/tenant/descriptors`,
    body: {
      '@type': 'xdm:descriptorIdentity',
      'xdm:sourceSchema': LOYALTY_SCHEMA,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': '/personalEmail/address',
      'xdm:namespace': 'Email',
      'xdm:property': 'xdm:code',
      'xdm:isPrimary': false,
    },
  },
  {
    operation: `POST ${REGISTRY}/tenant/descriptors`,
    url: `${REGISTRY}/tenant/descriptors`,
    body: {
      '@type': 'xdm:alternateDisplayInfo',
      'xdm:sourceSchema': LOYALTY_SCHEMA,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': '/_mocktenant/loyalty/loyaltyLevel',
      'xdm:title': { en_us: 'Loyalty tier' },
    },
    setup: true,
  },
  { operation: `GET ${REGISTRY}/tenant/descriptors`, url: `${REGISTRY}/tenant/descriptors`, headers: { accept: 'application/vnd.adobe.xdm-id+json' } },
  {
    operation: `GET ${REGISTRY}/tenant/descriptors/{id}`,
    url: (seen) => `${REGISTRY}/tenant/descriptors/${seen(`POST ${REGISTRY}/tenant/descriptors`)['@id']}`,
    headers: { accept: 'application/vnd.adobe.xdm+json' },
  },
  {
    operation: `PUT ${REGISTRY}/tenant/descriptors/{id}`,
    url: (seen) => `${REGISTRY}/tenant/descriptors/${seen(`POST ${REGISTRY}/tenant/descriptors`)['@id']}`,
    body: {
      '@type': 'xdm:descriptorIdentity',
      'xdm:sourceSchema': LOYALTY_SCHEMA,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': '/personalEmail/address',
      'xdm:namespace': 'Email',
      'xdm:property': 'xdm:id',
      'xdm:isPrimary': false,
    },
  },
  {
    operation: `DELETE ${REGISTRY}/tenant/descriptors/{id}`,
    url: (seen) => `${REGISTRY}/tenant/descriptors/${seen(`GET ${REGISTRY}/tenant/descriptors`)['xdm:alternateDisplayInfo'][0]}`,
    // 204 without a body: nothing to record (setup calls are not checked), the call only ends the sequence.
    setup: true,
  },
  // Authoring in the tenant container: create, replace, patch (a DELETE answers 204 without a body: no example).
  {
    operation: `POST ${REGISTRY}/tenant/datatypes`,
    url: `${REGISTRY}/tenant/datatypes`,
    body: {
      title: 'Property Construction',
      description: 'Information about the construction of a property.',
      type: 'object',
      properties: {
        yearBuilt: { title: 'Year Built', type: 'integer' },
        constructionStyle: { title: 'Construction Style', type: 'string' },
      },
    },
  },
  {
    operation: `POST ${REGISTRY}/tenant/classes`,
    url: `${REGISTRY}/tenant/classes`,
    body: {
      title: 'Property',
      description: 'Properties owned and operated by the company',
      type: 'object',
      definitions: { property: { properties: { _id: { type: 'string' }, propertyId: { type: 'string' } } } },
      allOf: [{ $ref: 'https://ns.adobe.com/xdm/data/record' }, { $ref: '#/definitions/property' }],
    },
  },
  {
    operation: `POST ${REGISTRY}/tenant/fieldgroups`,
    url: `${REGISTRY}/tenant/fieldgroups`,
    body: (seen: Seen) => propertyDetails(seen, 'Detailed information related to the properties owned and operated by the company.'),
  },
  {
    operation: `POST ${REGISTRY}/tenant/mixins`,
    url: `${REGISTRY}/tenant/mixins`,
    body: favoriteHotel('The hotel a guest prefers.'),
  },
  ...REGISTRY_WRITES.map(([path, created]) => ({
    operation: `PUT ${REGISTRY}/tenant/${path}/{id}`,
    url: (seen: Seen) => `${REGISTRY}/tenant/${path}/${seen(created)['meta:altId']}`,
    body: (seen: Seen) => ({ ...authored(seen(created)), description: `${seen(created).title}, rewritten` }),
    stable: withoutExternalRefs,
  })),
  ...REGISTRY_WRITES.map(([path, created]) => ({
    operation: `PATCH ${REGISTRY}/tenant/${path}/{id}`,
    url: (seen: Seen) => `${REGISTRY}/tenant/${path}/${seen(created)['meta:altId']}`,
    body: (seen: Seen) => [{ op: 'replace', path: '/description', value: `${seen(created).title}, patched` }],
    stable: withoutExternalRefs,
  })),
  // Unions: the fixture Loyalty Members schema is in the Profile union (meta:immutableTags ["union"], seed 001).
  { operation: `GET ${REGISTRY}/tenant/unions`, url: `${REGISTRY}/tenant/unions`, headers: { accept: 'application/vnd.adobe.xed-id+json' } },
  {
    operation: `GET ${REGISTRY}/tenant/unions/{id}`,
    url: `${REGISTRY}/tenant/unions/${encodeURIComponent('https://ns.adobe.com/xdm/context/profile__union')}`,
    headers: { accept: 'application/vnd.adobe.xed+json; version=1' },
  },
  // Schema Registry stats and rpcs, on what the authoring calls left.
  { operation: `GET ${REGISTRY}/stats`, url: `${REGISTRY}/stats` },
  {
    operation: `GET ${REGISTRY}/rpc/auditlog/{id}`,
    url: (seen) => `${REGISTRY}/rpc/auditlog/${seen(`POST ${REGISTRY}/tenant/fieldgroups`)['meta:altId']}`,
  },
  {
    operation: `GET ${REGISTRY}/rpc/export/{id}`,
    url: (seen) => `${REGISTRY}/rpc/export/${seen(`POST ${REGISTRY}/tenant/schemas`)['meta:altId']}`,
  },
  {
    operation: `POST ${REGISTRY}/rpc/import`,
    url: `${REGISTRY}/rpc/import`,
    body: (seen: Seen) => seen(`GET ${REGISTRY}/rpc/export/{id}`),
    headers: { 'x-sandbox-name': 'dev' },
  },
  { operation: `GET ${REGISTRY}/rpc/sampledata/{id}`, url: `${REGISTRY}/rpc/sampledata/${encodeURIComponent(LOYALTY_SCHEMA)}` },

  // Target Admin.
  { operation: `GET /{tenant}/target/activities`, url: `${TARGET}/activities?limit=2` },
  { operation: `GET /{tenant}/target/activities/ab/{id}`, url: `${TARGET}/activities/ab/${AB_ACTIVITY}` },
  { operation: `GET /{tenant}/target/activities/xt/{id}`, url: `${TARGET}/activities/xt/${XT_ACTIVITY}` },
  { operation: `GET /{tenant}/target/activities/{id}/changelog`, url: `${TARGET}/activities/${AB_ACTIVITY}/changelog` },
  {
    operation: `POST /{tenant}/target/activities/ab`,
    url: `${TARGET}/activities/ab`,
    body: (seen: Seen) => ({ ...editable(seen('GET /{tenant}/target/activities/ab/{id}'), 'thirdPartyId', 'state'), name: 'Homepage hero test' }),
    headers: V3,
  },
  {
    operation: `PUT /{tenant}/target/activities/ab/{id}`,
    url: (seen) => `${TARGET}/activities/ab/${id('POST /{tenant}/target/activities/ab')(seen)}`,
    body: (seen: Seen) => ({ ...editable(seen('POST /{tenant}/target/activities/ab'), 'thirdPartyId', 'state'), name: 'Homepage hero test (v2)' }),
    headers: V3,
  },
  {
    operation: `POST /{tenant}/target/activities/xt`,
    url: `${TARGET}/activities/xt`,
    body: (seen: Seen) => ({ ...editable(seen('GET /{tenant}/target/activities/xt/{id}'), 'thirdPartyId', 'state'), name: 'Checkout targeting' }),
    headers: V3,
  },
  {
    operation: `PUT /{tenant}/target/activities/xt/{id}`,
    url: (seen) => `${TARGET}/activities/xt/${id('POST /{tenant}/target/activities/xt')(seen)}`,
    body: (seen: Seen) => ({ ...editable(seen('POST /{tenant}/target/activities/xt'), 'thirdPartyId', 'state'), name: 'Checkout targeting (v2)' }),
    headers: V3,
  },
  {
    operation: `PUT /{tenant}/target/activities/{id}/name`,
    url: (seen) => `${TARGET}/activities/${id('POST /{tenant}/target/activities/ab')(seen)}/name`,
    body: { name: 'Homepage hero test (final)' },
    headers: V3,
  },
  {
    operation: `PUT /{tenant}/target/activities/{id}/state`,
    url: (seen) => `${TARGET}/activities/${id('POST /{tenant}/target/activities/ab')(seen)}/state`,
    body: { state: 'deactivated' },
    headers: V3,
  },
  {
    operation: `PUT /{tenant}/target/activities/{id}/priority`,
    url: (seen) => `${TARGET}/activities/${id('POST /{tenant}/target/activities/ab')(seen)}/priority`,
    body: { priority: 10 },
    headers: V3,
  },
  {
    operation: `PUT /{tenant}/target/activities/{id}/schedule`,
    url: (seen) => `${TARGET}/activities/${id('POST /{tenant}/target/activities/ab')(seen)}/schedule`,
    body: { startsAt: '2027-01-01T00:00:00Z', endsAt: '2027-02-01T00:00:00Z' },
  },
  { operation: `DELETE /{tenant}/target/activities/ab/{id}`, url: (seen) => `${TARGET}/activities/ab/${id('POST /{tenant}/target/activities/ab')(seen)}` },
  { operation: `DELETE /{tenant}/target/activities/xt/{id}`, url: (seen) => `${TARGET}/activities/xt/${id('POST /{tenant}/target/activities/xt')(seen)}` },
  { operation: `GET /{tenant}/target/offers`, url: `${TARGET}/offers?limit=2` },
  { operation: `GET /{tenant}/target/offers/content/{id}`, url: `${TARGET}/offers/content/${OFFER}` },
  {
    operation: `POST /{tenant}/target/offers/content`,
    url: `${TARGET}/offers/content`,
    body: { name: 'Spring banner', content: '<div class="banner">Spring sale</div>' },
  },
  {
    operation: `PUT /{tenant}/target/offers/content/{id}`,
    url: (seen) => `${TARGET}/offers/content/${id('POST /{tenant}/target/offers/content')(seen)}`,
    body: { name: 'Spring banner', content: '<div class="banner">Spring sale: 10% off</div>' },
  },
  { operation: `DELETE /{tenant}/target/offers/content/{id}`, url: (seen) => `${TARGET}/offers/content/${id('POST /{tenant}/target/offers/content')(seen)}` },
  { operation: `GET /{tenant}/target/audiences`, url: `${TARGET}/audiences?limit=2` },
  { operation: `GET /{tenant}/target/audiences/{id}`, url: `${TARGET}/audiences/${AUDIENCE}` },
  {
    operation: `POST /{tenant}/target/audiences`,
    url: `${TARGET}/audiences`,
    body: { name: 'Gold members', targetRule: { profile: 'loyaltyLevel', equals: ['gold'] } },
  },
  {
    operation: `PUT /{tenant}/target/audiences/{id}`,
    url: (seen) => `${TARGET}/audiences/${id('POST /{tenant}/target/audiences')(seen)}`,
    body: { name: 'Gold and silver members', targetRule: { profile: 'loyaltyLevel', equals: ['gold', 'silver'] } },
  },
  { operation: `DELETE /{tenant}/target/audiences/{id}`, url: (seen) => `${TARGET}/audiences/${id('POST /{tenant}/target/audiences')(seen)}` },
  { operation: `GET /{tenant}/target/properties`, url: `${TARGET}/properties` },
  { operation: `GET /{tenant}/target/properties/{id}`, url: `${TARGET}/properties/1` },
  { operation: `GET /{tenant}/target/activities/ab/{id}/report/performance`, url: `${TARGET}/activities/ab/${AB_REPORTED}/report/performance` },
  { operation: `GET /{tenant}/target/activities/xt/{id}/report/performance`, url: `${TARGET}/activities/xt/${XT_REPORTED}/report/performance` },
  { operation: `GET /{tenant}/target/activities/abt/{id}/report/performance`, url: `${TARGET}/activities/abt/${ABT_ACTIVITY}/report/performance` },
  { operation: `GET /{tenant}/target/activities/ab/{id}/report/orders`, url: `${TARGET}/activities/ab/${XT_REPORTED}/report/orders` },
  { operation: `GET /{tenant}/target/activities/ab/{id}/orders/performance`, url: `${TARGET}/activities/ab/${XT_REPORTED}/orders/performance` },
  { operation: `GET /{tenant}/target/mboxes`, url: `${TARGET}/mboxes?limit=2` },
  { operation: `GET /{tenant}/target/mbox/{mboxName}`, url: `${TARGET}/mbox/a1-mobile-ab` },
  { operation: `GET /{tenant}/target/profileattributes/mbox`, url: `${TARGET}/profileattributes/mbox` },
  { operation: `GET /{tenant}/target/environments`, url: `${TARGET}/environments` },
  {
    operation: `POST /{tenant}/target/batch`,
    url: `${TARGET}/batch`,
    body: {
      operations: [
        { operationId: 1, method: 'GET', relativeUrl: `/v1/offers/${OFFER}` },
        { operationId: 2, method: 'GET', relativeUrl: `/v1/audiences/${AUDIENCE}` },
      ],
    },
  },
  {
    operation: `POST /{tenant}/target/authentication/token`,
    url: `${TARGET}/authentication/token?scope=profile_api`,
    headers: { 'content-type': 'application/vnd.adobe.target.v1+json' },
  },

  // Target Profile.
  { operation: 'GET /rest/v1/profiles/{tntId}', url: `/rest/v1/profiles/${PROFILE}?client=${DEMO_TENANT}` },
  { operation: 'GET /rest/v1/profiles/thirdPartyId/{thirdPartyId}', url: `/rest/v1/profiles/thirdPartyId/${THIRD_PARTY_ID}?client=${DEMO_TENANT}` },
  { operation: 'GET /m2/{client}/profile/update', url: `/m2/${DEMO_TENANT}/profile/update?mbox3rdPartyId=${THIRD_PARTY_ID}&profile.loyaltyLevel=gold` },
  {
    operation: 'POST /m2/{client}/profile/update',
    url: `/m2/${DEMO_TENANT}/profile/update`,
    body: `mbox3rdPartyId=${THIRD_PARTY_ID}&profile.loyaltyLevel=platinum`,
    contentType: 'application/x-www-form-urlencoded',
  },
  {
    operation: 'POST /m2/{client}/profile/batchUpdate',
    url: `/m2/${DEMO_TENANT}/profile/batchUpdate`,
    body: `batch=thirdPartyId,loyaltyLevel\n${THIRD_PARTY_ID},gold\n`,
    contentType: 'application/x-www-form-urlencoded',
  },
  {
    operation: 'POST /m2/{client}/v2/profile/batchUpdate',
    url: `/m2/${DEMO_TENANT}/v2/profile/batchUpdate`,
    body: `batch=thirdPartyId,loyaltyLevel\n${THIRD_PARTY_ID},silver\n`,
    contentType: 'application/x-www-form-urlencoded',
  },
  {
    operation: 'GET /m2/{client}/v2/profile/batchStatus',
    // The batch id is in the XML answer of the upload.
    url: (seen) => `/m2/${DEMO_TENANT}/v2/profile/batchStatus?batchId=${/<batchId>([^<]+)</.exec(seen('POST /m2/{client}/v2/profile/batchUpdate'))?.[1]}`,
  },

  // Adobe Stock.
  {
    operation: 'GET /Rest/Media/1/Search/Files',
    url: '/Rest/Media/1/Search/Files?locale=en_US&search_parameters[words]=unicorn&search_parameters[limit]=2',
    headers: { 'x-product': 'ExampleApp/1.0' },
  },
  {
    operation: 'GET /Rest/Libraries/1/Member/Profile',
    url: `/Rest/Libraries/1/Member/Profile?content_id=${STOCK_FILE}&license=Standard&locale=en_US`,
    headers: { 'x-product': 'ExampleApp/1.0' },
  },
  {
    operation: 'GET /Rest/Libraries/1/Content/License',
    url: `/Rest/Libraries/1/Content/License?content_id=${STOCK_FILE}&license=Standard`,
    headers: { 'x-product': 'ExampleApp/1.0' },
  },

  // The rest of the control plane, last: it sees what the calls above did.
  {
    operation: 'GET /_mock/requests',
    url: '/_mock/requests?limit=2',
    stable: (answer) => ({ ...answer, requests: answer.requests.map((entry: object) => ({ ...entry, time: EXAMPLE_ISO, durationMs: 1.25 })) }),
  },
  {
    operation: 'GET /_mock/state',
    url: (seen) => `/_mock/state?set=${id('POST /_mock/tenants')(seen)}`,
    stable: (answer) => ({ ...answer, exportedAt: EXAMPLE_ISO }),
  },
  { operation: 'POST /_mock/clock', url: '/_mock/clock', body: { advance: '1h' } },
  { operation: 'POST /_mock/reset', url: '/_mock/reset' },
  // Replaces the whole state by the (empty) tenant set's: nothing may come after it.
  { operation: 'PUT /_mock/state', url: '/_mock/state', body: (seen: Seen) => seen('GET /_mock/state') },
];
