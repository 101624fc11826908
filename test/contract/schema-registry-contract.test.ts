/**
 * The Schema Registry against its vendored reference (schema-registry.yaml, Swagger 2.0): a
 * realistic sequence over the emulator — build a schema the way Adobe's guides do, read it in
 * every Accept form, describe it, enable it for Profile, move it to another sandbox, take it
 * apart — where every answer's status must be one the reference documents for the operation and
 * its body must fit the documented response schema of that status.
 *
 * The last test reads the reference's operations and fails when one the emulator serves (it does
 * not answer 404 "No route") was not exercised here, or a documented status of an exercised
 * operation was neither produced nor excused — so the coverage cannot shrink silently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReferenceSpec } from './reference.js';
import { LOYALTY_MIXIN, LOYALTY_SCHEMA, LOYALTY_TYPE, PERSONAL_DETAILS, PROFILE, primaryEmailIdentity, registryClient } from '../services/schemas/support.js';

const reference = ReferenceSpec.load('schema-registry.yaml');
const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const { call } = registryClient(NOW);

const RECORD = 'https://ns.adobe.com/xdm/data/record';
const LISTING_FORMATS = ['xed-id', 'xed'] as const;
const LOOKUP_FORMATS = ['xed', 'xed-full', 'xed-notext', 'xed-full-notext', 'xed-full-desc', 'xed-deprecatefield'] as const;
const DESCRIPTOR_LISTING_FORMATS = ['xdm-id', 'xdm-link', 'xdm'] as const;
const listing = (format: string) => `application/vnd.adobe.${format}+json`;
const lookup = (format: string) => `application/vnd.adobe.${format}+json; version=1`;

/** The collections of both containers (`mixins` is the old path of field groups), by path. */
const COLLECTIONS = ['schemas', 'classes', 'fieldgroups', 'mixins', 'datatypes'] as const;
const CONTAINERS = ['tenant', 'global'] as const;

const PAGE_ERRATUM = "types _page.next and _links.next as strings, while its own listing examples (and Adobe's guides) answer null for the last page";
const DESCRIPTOR_TEXT_ERRATUM =
  "types xdm:sourceVersion (and a friendly name's xdm:title, xdm:description) as strings in createDescriptor, while its own examples and the descriptors guide send and answer 1 and { en_us: … } objects (its lookupDescriptorResponse types xdm:sourceVersion as an integer)";
const DESCRIPTOR_FORMS_ERRATUM =
  'describes only the xdm form of the listing (whole descriptors by type); the descriptors guide answers ids (xdm-id) and paths (xdm-link) for the other forms';

/**
 * Where the reference is wrong against Adobe's guides or its own examples: the problems its schema
 * reports that are excused, by operation (`METHOD template`), and optionally status and Accept format.
 */
const REFERENCE_ERRATA: Array<{ operation: RegExp; status?: number; accept?: RegExp; problem: RegExp; reason: string }> = [
  { operation: /^GET \/(\{CONTAINER_ID\}|global)\/\w+$/, status: 200, problem: /^\/_(page|links)\/next must be string/, reason: PAGE_ERRATUM },
  {
    operation: /^(GET|POST|PUT) \/(\{CONTAINER_ID\}|tenant)\/descriptors/,
    problem: /^(\/xdm:\w+\/\d+)?\/xdm:(sourceVersion|destinationVersion|title|description) must be string/,
    reason: DESCRIPTOR_TEXT_ERRATUM,
  },
  {
    operation: /^GET \/\{CONTAINER_ID\}\/descriptors$/,
    status: 200,
    accept: /xdm-(id|link)\+json/,
    problem: /^\/xdm:\w+\/\d+ must be object/,
    reason: DESCRIPTOR_FORMS_ERRATUM,
  },
  {
    operation: /^GET \/rpc\/auditlog\//,
    status: 200,
    problem: /^\/\d+\/updates\/\d+\/value must be string/,
    reason: "types an update's value as a string, while its own example answers the JSON value written (0, an object), as the audit log guide does",
  },
];

/**
 * Statuses the reference omits for an operation although Adobe's guides document them (the XDM
 * troubleshooting guide's "Resource not found", XDM-1010..1017-404, and "Accept header invalid",
 * XDM-1007-400, for every lookup), by `METHOD template status`: their bodies must fit the
 * reference's XDM error (`errorBasic`).
 */
const OMITTED_BY_REFERENCE: Record<string, string> = {
  'GET /{CONTAINER_ID}/fieldgroups/{FIELD_GROUP_ID} 404': 'an unknown field group (troubleshooting guide: XDM-1011-404 here)',
  'GET /{CONTAINER_ID}/datatypes/{DATA_TYPE_ID} 404': 'an unknown data type (troubleshooting guide: XDM-1013-404 here)',
  'GET /global/behaviors/{BEHAVIOR_ID} 404': 'an unknown behavior (troubleshooting guide: XDM-1014-404 here)',
  'GET /tenant/unions/{UNION_ID} 404': 'an unknown union (the schemas’ XDM-1012-404)',
  'GET /{CONTAINER_ID}/descriptors/{DESCRIPTOR_ID} 404': 'an unknown descriptor (troubleshooting guide: XDM-1015-404 here)',
  'GET /{CONTAINER_ID}/mixins/{MIXIN_ID} 400': 'a lookup without a version in Accept, as on /fieldgroups, the same objects (XDM-1007-400)',
  'DELETE /tenant/fieldgroups/{FIELD_GROUP_ID} 404': 'an unknown field group, as the reference documents for DELETE /tenant/mixins/{MIXIN_ID}',
  'DELETE /tenant/descriptors/{DESCRIPTOR_ID} 400':
    "a union member's primary identity (XDM-1528, the unions guide's rule that a schema joins a union only with one)",
};

/** Operations of the reference the emulator does not serve, by `METHOD path` (container named), and why. */
const NOT_SERVED: Record<string, string> = {
  'GET /global/descriptors': 'the descriptors guide works on /tenant/descriptors only; descriptors of Adobe’s standard resources are not emulated',
  'GET /global/descriptors/{DESCRIPTOR_ID}': 'as GET /global/descriptors',
};

const SERVER_FAILURE = 'a failure of Adobe’s service; the emulator has none to simulate';
const NO_GLOBAL_SCHEMAS = 'the emulator’s global container holds the standard classes, field groups and data types to build on, and no schema';
/** Documented statuses of served operations that this sequence does not produce, by `METHOD path status` (container named), and why. */
const NOT_PRODUCED: Record<string, string> = {
  'GET /global/schemas/{SCHEMA_ID} 200': NO_GLOBAL_SCHEMAS,
  'GET /global/schemas/{SCHEMA_ID} 406': NO_GLOBAL_SCHEMAS,
  'GET /stats 400': 'the reference names no parameter or header of /stats whose value could be refused',
  'DELETE /tenant/schemas/{SCHEMA_ID} 500': SERVER_FAILURE,
  'DELETE /tenant/mixins/{MIXIN_ID} 500': SERVER_FAILURE,
  'DELETE /tenant/datatypes/{DATA_TYPE_ID} 500': SERVER_FAILURE,
  'DELETE /tenant/descriptors/{DESCRIPTOR_ID} 403':
    'the guides do not say when a delete is forbidden: every tenant descriptor of the sandbox may be deleted by an integration with access to it',
};

/** What was answered: `METHOD path` (the reference's template, its container named) → statuses. */
const answered = new Map<string, Set<number>>();

function operationOf(method: string, path: string): string {
  const template = reference.templateOf(path, method);
  const container = /^\/(tenant|global)\//.exec(path)?.[1];
  return `${method} ${container ? template.replace('{CONTAINER_ID}', container) : template}`;
}

interface Options {
  body?: unknown;
  accept?: string;
  sandbox?: string;
}

/** The problems of an answer against the reference, errata aside. */
function problemsOf(method: string, path: string, status: number, body: unknown, accept: string | undefined): string[] {
  const template = `${method} ${reference.templateOf(path, method)}`;
  const found =
    `${template} ${status}` in OMITTED_BY_REFERENCE
      ? reference.problemsAt(['definitions', 'errorBasic'], body)
      : reference.problems(method, path, status, body);
  return found.filter(
    (problem) =>
      !REFERENCE_ERRATA.some(
        (erratum) =>
          erratum.operation.test(template) &&
          (erratum.status === undefined || erratum.status === status) &&
          (!erratum.accept || erratum.accept.test(accept ?? '')) &&
          erratum.problem.test(problem),
      ),
  );
}

/**
 * One registry call whose answer must have `status`, a status the reference documents for the
 * operation (or one it omits, listed above), with a body that fits its documented schema.
 * Answers the parsed body.
 */
async function expect(method: string, path: string, status: number, { body, accept, sandbox }: Options = {}): Promise<any> {
  const response = await call(method, path, body, { ...(accept !== undefined ? { accept } : {}), ...(sandbox ? { 'x-sandbox-name': sandbox } : {}) });
  const label = `${method} ${path}${accept ? ` (Accept ${accept})` : ''}${sandbox ? ` in ${sandbox}` : ''}`;
  assert.equal(response.statusCode, status, `${label}: ${response.body}`);
  const operation = operationOf(method, path);
  answered.set(operation, (answered.get(operation) ?? new Set<number>()).add(status));
  const json = response.body === '' ? undefined : response.json();
  if (json !== undefined)
    assert.equal(String(response.headers['content-type']).split(';')[0], 'application/json', `${label}: the reference produces application/json`);
  assert.deepEqual(problemsOf(method, path, status, json, accept), [], `${label}: the answer does not fit schema-registry.yaml`);
  return json;
}

const encoded = (id: string) => encodeURIComponent(id);

// ---- the sequence ----

const HOTEL_TYPE = {
  title: 'Hotel stay',
  description: 'A stay at one of the chain’s hotels.',
  type: 'object',
  properties: {
    hotelCode: { title: 'Hotel code', type: 'string' },
    nights: { title: 'Nights', type: 'integer', minimum: 1 },
  },
};

function hotelFieldGroup(typeId: string) {
  return {
    title: 'Hotel guest details',
    description: 'The guest’s favourite hotel and last stay.',
    type: 'object',
    'meta:intendedToExtend': [PROFILE],
    definitions: {
      guest: {
        properties: {
          _mocktenant: {
            type: 'object',
            properties: { favouriteHotel: { title: 'Favourite hotel', type: 'string' }, lastStay: { $ref: typeId } },
          },
        },
      },
    },
    allOf: [{ $ref: '#/definitions/guest' }],
  };
}

const PROPERTY_CLASS = {
  title: 'Hotel property',
  description: 'A hotel the chain operates.',
  type: 'object',
  definitions: { property: { properties: { _mocktenant: { type: 'object', properties: { propertyCode: { type: 'string' } } } } } },
  allOf: [{ $ref: RECORD }, { $ref: '#/definitions/property' }],
};

test('building a schema the way the guides do: each write, read in every Accept form, described, enabled for Profile, exported, imported, taken apart', async () => {
  // The parts, then the schema on XDM Individual Profile.
  const dataType = await expect('POST', '/tenant/datatypes', 201, { body: HOTEL_TYPE });
  const fieldGroup = await expect('POST', '/tenant/fieldgroups', 201, { body: hotelFieldGroup(dataType.$id) });
  const mixin = await expect('POST', '/tenant/mixins', 201, {
    body: {
      ...hotelFieldGroup(dataType.$id),
      title: 'Hotel guest preferences',
      definitions: { guest: { properties: { _mocktenant: { type: 'object', properties: { pillow: { type: 'string' } } } } } },
    },
  });
  const klass = await expect('POST', '/tenant/classes', 201, { body: PROPERTY_CLASS });
  const schema = await expect('POST', '/tenant/schemas', 201, {
    body: {
      title: 'Hotel guests',
      description: 'Guests of the chain.',
      type: 'object',
      allOf: [{ $ref: PROFILE }, { $ref: PERSONAL_DETAILS }, { $ref: fieldGroup.$id }],
    },
  });
  const propertySchema = await expect('POST', '/tenant/schemas', 201, { body: { title: 'Hotel properties', type: 'object', allOf: [{ $ref: klass.$id }] } });

  // Each resource by meta:altId and by URL-encoded $id, in every lookup format.
  const created: Array<[string, Record<string, string>]> = [
    ['datatypes', dataType],
    ['fieldgroups', fieldGroup],
    ['mixins', mixin],
    ['classes', klass],
    ['schemas', schema],
  ];
  for (const [path, resource] of created) {
    for (const format of LOOKUP_FORMATS) await expect('GET', `/tenant/${path}/${resource['meta:altId']}`, 200, { accept: lookup(format) });
    await expect('GET', `/tenant/${path}/${encoded(resource.$id!)}`, 200, { accept: lookup('xed') });
  }
  // The tenant listings in every form; a page of one (its `_page.next` a string), a filtered one.
  for (const path of COLLECTIONS) for (const format of LISTING_FORMATS) await expect('GET', `/tenant/${path}`, 200, { accept: listing(format) });
  const page = await expect('GET', '/tenant/schemas?limit=1&orderby=title', 200, { accept: listing('xed') });
  assert.equal(typeof page._page.next, 'string', 'three schemas, pages of one');
  await expect('GET', `/tenant/schemas?property=meta:extends==${encoded(PROFILE)}`, 200, { accept: listing('xed-id') });

  // Descriptors: a primary identity, a friendly name, a reference identity, a many-to-one and a one-to-one relationship.
  const identity = await expect('POST', '/tenant/descriptors', 201, {
    body: primaryEmailIdentity(schema.$id),
  });
  const friendly = await expect('POST', '/tenant/descriptors', 201, {
    body: {
      '@type': 'xdm:alternateDisplayInfo',
      'xdm:sourceSchema': schema.$id,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': '/_mocktenant/favouriteHotel',
      'xdm:title': { en_us: 'Preferred hotel' },
      'xdm:description': { en_us: 'The hotel the guest books most.' },
    },
  });
  await expect('POST', '/tenant/descriptors', 201, {
    body: {
      '@type': 'xdm:descriptorReferenceIdentity',
      'xdm:sourceSchema': propertySchema.$id,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': '/_mocktenant/propertyCode',
      'xdm:identityNamespace': 'Email',
    },
  });
  await expect('POST', '/tenant/descriptors', 201, {
    body: {
      '@type': 'xdm:descriptorRelationship',
      'xdm:sourceSchema': schema.$id,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': '/_mocktenant/favouriteHotel',
      'xdm:destinationSchema': propertySchema.$id,
      'xdm:destinationProperty': '/_mocktenant/propertyCode',
      'xdm:cardinality': 'M:1',
    },
  });
  await expect('POST', '/tenant/descriptors', 201, {
    body: {
      '@type': 'xdm:descriptorOneToOne',
      'xdm:sourceSchema': schema.$id,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': '/_mocktenant/favouriteHotel',
      'xdm:destinationSchema': propertySchema.$id,
      'xdm:destinationVersion': 1,
    },
  });
  for (const format of DESCRIPTOR_LISTING_FORMATS) await expect('GET', '/tenant/descriptors', 200, { accept: listing(format) });
  const described = await expect('GET', '/tenant/descriptors', 200, { accept: listing('xdm-id') });
  for (const id of Object.values(described).flat()) await expect('GET', `/tenant/descriptors/${id}`, 200, { accept: 'application/vnd.adobe.xdm+json' });
  await expect('GET', `/tenant/descriptors/${identity['@id']}`, 200);
  const { '@id': _id, imsOrg: _org, version: _version, 'meta:containerId': _c, 'meta:sandboxId': _s, 'meta:sandboxType': _t, ...friendlyBody } = friendly;
  await expect('PUT', `/tenant/descriptors/${friendly['@id']}`, 200, { body: { ...friendlyBody, 'xdm:title': { en_us: 'Favourite hotel' } } });

  // Profile: the schema joins the union of its class, which lists and resolves it.
  await expect('PATCH', `/tenant/schemas/${schema['meta:altId']}`, 200, { body: [{ op: 'add', path: '/meta:immutableTags', value: ['union'] }] });
  for (const format of LISTING_FORMATS) await expect('GET', '/tenant/unions', 200, { accept: listing(format) });
  for (const format of LOOKUP_FORMATS) await expect('GET', '/tenant/unions/_xdm.context.profile__union', 200, { accept: lookup(format) });
  await expect('GET', `/tenant/unions/${encoded(`${PROFILE}__union`)}`, 200, { accept: lookup('xed') });

  // The rest of the surface: stats, the audit log, sample data, export to and import into another sandbox.
  await expect('GET', '/stats', 200);
  await expect('GET', `/rpc/auditlog/${schema['meta:altId']}`, 200);
  await expect('GET', `/rpc/auditlog/${encoded(fieldGroup.$id)}`, 200);
  await expect('GET', `/rpc/sampledata/${schema['meta:altId']}`, 200, { accept: 'application/vnd.adobe.xed+json; version=1' });
  const exported = await expect('GET', `/rpc/export/${schema['meta:altId']}`, 200, { accept: 'application/vnd.adobe.xed-id+json' });
  await expect('POST', '/rpc/import', 200, { body: exported, sandbox: 'dev' });
  await expect('GET', '/stats', 200, { sandbox: 'dev' });

  // Whole replacements and patches of each kind.
  for (const [path, resource] of created) {
    const current = await expect('GET', `/tenant/${path}/${resource['meta:altId']}`, 200, { accept: lookup('xed') });
    const { $id: _rid, 'meta:altId': _alt, version: _v, 'meta:registryMetadata': _meta, ...body } = current;
    await expect('PUT', `/tenant/${path}/${resource['meta:altId']}`, 200, { body: { ...body, description: `${String(body.description ?? '')} (revised)` } });
    await expect('PATCH', `/tenant/${path}/${encoded(resource.$id!)}`, 200, { body: [{ op: 'add', path: '/meta:status', value: 'stable' }] });
  }

  // Taken apart, users before what they use.
  await expect('DELETE', `/tenant/descriptors/${friendly['@id']}`, 204);
  // A union member keeps its primary identity while it exists (XDM-1528): the schema goes first.
  await expect('DELETE', `/tenant/descriptors/${identity['@id']}`, 400);
  await expect('DELETE', `/tenant/schemas/${schema['meta:altId']}`, 204);
  const remaining = await expect('GET', `/tenant/descriptors?property=xdm:sourceSchema==${encoded(schema.$id)}`, 200, { accept: listing('xdm-id') });
  for (const id of Object.values(remaining).flat()) await expect('DELETE', `/tenant/descriptors/${id}`, 204);
  await expect('DELETE', `/tenant/schemas/${encoded(propertySchema.$id)}`, 204);
  await expect('DELETE', `/tenant/fieldgroups/${fieldGroup['meta:altId']}`, 204);
  await expect('DELETE', `/tenant/mixins/${mixin['meta:altId']}`, 204);
  await expect('DELETE', `/tenant/datatypes/${dataType['meta:altId']}`, 204);
  await expect('DELETE', `/tenant/classes/${encoded(klass.$id)}`, 204);
});

test('the global container and the fixture tenant: every listing in every form, a lookup of each kind in every form, behaviors', async () => {
  for (const container of CONTAINERS) {
    for (const path of COLLECTIONS) {
      for (const format of LISTING_FORMATS) await expect('GET', `/${container}/${path}`, 200, { accept: listing(format) });
      const { results } = await expect('GET', `/${container}/${path}?orderby=title&limit=2`, 200, { accept: listing('xed-id') });
      for (const { 'meta:altId': altId } of results)
        for (const format of LOOKUP_FORMATS) await expect('GET', `/${container}/${path}/${altId}`, 200, { accept: lookup(format) });
    }
  }
  // Empty query values, as generated clients send them, are absent ones.
  for (const path of ['/tenant/schemas', '/global/classes', '/tenant/unions'])
    await expect('GET', `${path}?limit=&start=&orderby=&property=`, 200, { accept: listing('xed') });
  await expect('GET', '/tenant/descriptors?limit=&start=&orderby=&property=', 200, { accept: listing('xdm') });
  for (const format of LISTING_FORMATS) await expect('GET', '/global/behaviors', 200, { accept: listing(format) });
  const { results } = await expect('GET', '/global/behaviors', 200, { accept: listing('xed-id') });
  for (const { $id } of results) for (const format of LOOKUP_FORMATS) await expect('GET', `/global/behaviors/${encoded($id)}`, 200, { accept: lookup(format) });
  // The fixture's resources by $id, and what the rpc endpoints make of the fixture schema.
  for (const [path, id] of [
    ['schemas', LOYALTY_SCHEMA],
    ['mixins', LOYALTY_MIXIN],
    ['datatypes', LOYALTY_TYPE],
  ] as const)
    await expect('GET', `/tenant/${path}/${encoded(id)}`, 200, { accept: lookup('xed-full') });
  await expect('GET', `/rpc/sampledata/${encoded(LOYALTY_SCHEMA)}`, 200);
  await expect('GET', `/rpc/export/${encoded(LOYALTY_SCHEMA)}`, 200);
  await expect('GET', '/stats', 200);
});

test('documented error answers: Accept errors of listings and lookups, unknown resources, a failed import', async () => {
  const missing = {
    schemas: '_mocktenant.schemas.00000000000000000000000000000000',
    classes: '_mocktenant.classes.00000000000000000000000000000000',
    fieldgroups: '_mocktenant.fieldgroups.00000000000000000000000000000000',
    mixins: '_mocktenant.mixins.00000000000000000000000000000000',
    datatypes: '_mocktenant.datatypes.00000000000000000000000000000000',
  };
  for (const container of CONTAINERS) {
    for (const path of COLLECTIONS) {
      await expect('GET', `/${container}/${path}`, 400, { accept: 'application/json' });
      await expect('GET', `/${container}/${path}/${missing[path]}`, 400, { accept: 'application/vnd.adobe.xed+json' });
      await expect('GET', `/${container}/${path}/${missing[path]}`, 404, { accept: lookup('xed') });
    }
  }
  for (const container of CONTAINERS) {
    for (const path of container === 'tenant' ? (['schemas', 'mixins'] as const) : (['mixins'] as const)) {
      const { results } = await expect('GET', `/${container}/${path}?orderby=title&limit=1`, 200, { accept: listing('xed-id') });
      await expect('GET', `/${container}/${path}/${results[0]['meta:altId']}`, 406, { accept: 'application/vnd.adobe.xed+json; version=7' });
    }
  }
  await expect('GET', '/global/behaviors', 400, { accept: 'application/json' });
  await expect('GET', `/global/behaviors/${encoded(RECORD)}`, 400, { accept: 'application/vnd.adobe.xed+json' });
  await expect('GET', '/global/behaviors/_xdm.data.nothing', 404, { accept: lookup('xed') });
  await expect('GET', '/tenant/unions', 400, { accept: 'application/json' });
  await expect('GET', '/tenant/unions/_xdm.context.profile__union', 400, { accept: 'application/vnd.adobe.xed+json' });
  await expect('GET', '/tenant/unions/_xdm.context.nothing__union', 404, { accept: lookup('xed') });
  const unknownDescriptor = '/tenant/descriptors/0000000000000000000000000000000000000000';
  await expect('GET', '/tenant/descriptors', 400, { accept: 'application/vnd.adobe.xed+json' });
  await expect('GET', unknownDescriptor, 400, { accept: 'application/vnd.adobe.xed+json; version=1' });
  await expect('GET', unknownDescriptor, 404, { accept: 'application/vnd.adobe.xdm+json' });
  await expect('DELETE', unknownDescriptor, 404);
  for (const path of ['schemas', 'classes', 'fieldgroups', 'mixins', 'datatypes'] as const) await expect('DELETE', `/tenant/${path}/${missing[path]}`, 404);
  await expect('GET', `/rpc/export/${missing.schemas}`, 404);
  await expect('GET', `/rpc/sampledata/${missing.schemas}`, 404);
  await expect('POST', '/rpc/import', 400, { body: [] });

  // Refused writes: a title taken (XDM-1521-400), a patch that breaks the resource, a descriptor of a missing field.
  const fixtures = { schemas: LOYALTY_SCHEMA, classes: undefined, fieldgroups: LOYALTY_MIXIN, mixins: LOYALTY_MIXIN, datatypes: LOYALTY_TYPE };
  const klass = await expect('POST', '/tenant/classes', 201, { body: PROPERTY_CLASS });
  for (const path of COLLECTIONS) {
    const id = encoded(fixtures[path] ?? klass.$id);
    const current = await expect('GET', `/tenant/${path}/${id}`, 200, { accept: lookup('xed') });
    await expect('POST', `/tenant/${path}`, 400, { body: { ...current, $id: undefined, 'meta:altId': undefined, title: 'Loyalty' } });
    const { $id: _id, 'meta:altId': _alt, version: _v, 'meta:registryMetadata': _meta, ...body } = current;
    await expect('PUT', `/tenant/${path}/${id}`, 400, { body: { ...body, type: 'string' } });
    await expect('PATCH', `/tenant/${path}/${id}`, 400, { body: [{ op: 'remove', path: '/title' }] });
  }
  const identity = {
    '@type': 'xdm:descriptorIdentity',
    'xdm:sourceSchema': LOYALTY_SCHEMA,
    'xdm:sourceVersion': 1,
    'xdm:sourceProperty': '/nowhere',
    'xdm:namespace': 'Email',
    'xdm:property': 'xdm:code',
    'xdm:isPrimary': false,
  };
  await expect('POST', '/tenant/descriptors', 400, { body: identity });
  const descriptor = await expect('POST', '/tenant/descriptors', 201, { body: { ...identity, 'xdm:sourceProperty': '/personalEmail/address' } });
  await expect('PUT', `/tenant/descriptors/${descriptor['@id']}`, 400, { body: identity });
});

// ---- coverage ----

/** The concrete forms of a template, the container named: [the template so named, a path to probe with placeholder ids]. */
function concrete(template: string): Array<[named: string, probe: string]> {
  const containers = template.startsWith('/{CONTAINER_ID}') ? CONTAINERS : [undefined];
  return containers.map((container) => {
    const named = container ? template.replace('{CONTAINER_ID}', container) : template;
    return [named, named.replace(/\{[^}]+\}/g, '_mocktenant.schemas.00000000000000000000000000000000')];
  });
}

test('every operation of schema-registry.yaml the emulator serves was exercised above, with each documented status produced or excused', async () => {
  const unexercised: string[] = [];
  const wronglyExcused: string[] = [];
  const statusesMissing: string[] = [];
  for (const { method, template, statuses } of reference.operations()) {
    for (const [named, path] of concrete(template)) {
      const operation = `${method} ${named}`;
      const probe = await call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {}, { accept: lookup('xed') });
      const served = !(probe.statusCode === 404 && /No route/.test(probe.body));
      if (!served) {
        if (!(operation in NOT_SERVED)) unexercised.push(`${operation} is not served and not listed in NOT_SERVED`);
        continue;
      }
      if (operation in NOT_SERVED) wronglyExcused.push(`${operation} is served now: exercise it and drop it from NOT_SERVED`);
      const produced = answered.get(operation);
      if (!produced) {
        unexercised.push(operation);
        continue;
      }
      for (const status of statuses) {
        if (status === 'default') continue;
        const key = `${operation} ${status}`;
        if (produced.has(Number(status))) {
          if (key in NOT_PRODUCED) wronglyExcused.push(`${key} is produced now: drop it from NOT_PRODUCED`);
        } else if (!(key in NOT_PRODUCED)) statusesMissing.push(key);
      }
    }
  }
  const omittedUnproduced = Object.keys(OMITTED_BY_REFERENCE).filter((key) => {
    const [method, template, status] = key.split(' ') as [string, string, string];
    return !concrete(template).some(([named]) => answered.get(`${method} ${named}`)?.has(Number(status)));
  });
  assert.deepEqual(
    { unexercised, wronglyExcused, statusesMissing, omittedUnproduced },
    { unexercised: [], wronglyExcused: [], statusesMissing: [], omittedUnproduced: [] },
  );
});
