#!/usr/bin/env node
// Experience Platform, "Create a schema using the Schema Registry API", then use it:
// a custom field group, a schema on the XDM Individual Profile class composed with it, a primary
// identity descriptor, Profile enablement (the union), a dataset enabled for Profile, a batch
// ingested and read back; then the field group evolves (PATCH) and the next batches follow it.
//
//   node examples/schema-tutorial.mjs [http://127.0.0.1:4590]
import { Walkthrough, platformHeaders } from './lib.mjs';

const PLATFORM = '/data/foundation';
const REGISTRY = `${PLATFORM}/schemaregistry`;
const PROFILE_CLASS = 'https://ns.adobe.com/xdm/context/profile';
const PERSON_DETAILS = 'https://ns.adobe.com/xdm/context/profile-person-details';
const XED_FULL = 'application/vnd.adobe.xed-full+json; version=1';
const XED_ID = 'application/vnd.adobe.xed-id+json';
// Titles are unique in a container: every run names its resources afresh.
const run = Date.now().toString(36);

/** One JSON object per line, as a batch file of format "json". */
const jsonLines = (records) => `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;

await new Walkthrough('Experience Platform: create a schema with the Schema Registry API, enable it for Profile, ingest, evolve it').run(async (w) => {
  const token = await w.token();
  const headers = platformHeaders(token);

  const stats = await w.step("Schema Registry stats: the org's TENANT_ID, the namespace of every custom field", {
    path: `${REGISTRY}/stats`,
    headers,
    summary: ({ json }) => ({ imsOrg: json.imsOrg, tenantId: json.tenantId, counts: json.counts }),
  });
  const tenant = stats.json.tenantId;
  const ns = `_${tenant}`;
  w.check(typeof tenant === 'string' && tenant !== '', `the tenant id is "${tenant}": custom fields live under "${ns}"`);

  // A loyalty object under the tenant's namespace; on a standard class nothing else is allowed.
  const loyaltyFields = {
    loyaltyId: { title: 'Loyalty ID', type: 'string', description: 'The member number of the loyalty program.' },
    points: { title: 'Points', type: 'integer', minimum: 0, description: 'Points collected so far.' },
    memberSince: { title: 'Member since', type: 'string', format: 'date', description: 'The day the member joined.' },
  };
  const fieldGroup = await w.step('Create a field group for the Profile class: a "loyalty" object under the tenant namespace', {
    method: 'POST',
    path: `${REGISTRY}/tenant/fieldgroups`,
    headers,
    json: {
      type: 'object',
      title: `Loyalty Program ${run}`,
      description: 'The loyalty program data of a member.',
      'meta:intendedToExtend': [PROFILE_CLASS],
      definitions: {
        loyalty: {
          properties: {
            [ns]: { type: 'object', properties: { loyalty: { type: 'object', properties: loyaltyFields } } },
          },
        },
      },
      allOf: [{ $ref: '#/definitions/loyalty' }],
    },
    expect: 201,
    summary: ({ json }) => ({
      $id: json.$id,
      'meta:altId': json['meta:altId'],
      'meta:resourceType': json['meta:resourceType'],
      version: json.version,
      'meta:intendedToExtend': json['meta:intendedToExtend'],
    }),
  });
  const fieldGroupId = fieldGroup.json.$id;
  const fieldGroupAltId = fieldGroup.json['meta:altId'];

  const created = await w.step('Create a schema that implements the XDM Individual Profile class (allOf names the class)', {
    method: 'POST',
    path: `${REGISTRY}/tenant/schemas`,
    headers,
    json: {
      type: 'object',
      title: `Loyalty Members ${run}`,
      description: 'The members of the loyalty program.',
      allOf: [{ $ref: PROFILE_CLASS }],
    },
    expect: 201,
    summary: ({ json }) => ({ $id: json.$id, 'meta:altId': json['meta:altId'], version: json.version, 'meta:class': json['meta:class'] }),
  });
  const schemaId = created.json.$id;
  const schemaPath = `${REGISTRY}/tenant/schemas/${created.json['meta:altId']}`;
  w.check(created.json['meta:class'] === PROFILE_CLASS, 'the schema implements XDM Individual Profile');

  const composed = await w.step('Add field groups with a JSON Patch on allOf: the standard Demographic Details and the new loyalty one', {
    method: 'PATCH',
    path: schemaPath,
    headers,
    json: [
      { op: 'add', path: '/allOf/-', value: { $ref: PERSON_DETAILS } },
      { op: 'add', path: '/allOf/-', value: { $ref: fieldGroupId } },
    ],
    summary: ({ json }) => ({ version: json.version, allOf: json.allOf?.map((part) => part.$ref), 'meta:extends': json['meta:extends'] }),
  });
  w.check(composed.json.version === '1.1', 'each change bumps the version: 1.0 → 1.1');

  const full = await w.step('Look the schema up resolved (xed-full): the fields of the class and of both field groups', {
    path: schemaPath,
    headers: { ...headers, Accept: XED_FULL },
    summary: ({ json }) => ({
      topLevelFields: Object.keys(json.properties ?? {}),
      [`${ns}.loyalty`]: Object.keys(json.properties?.[ns]?.properties?.loyalty?.properties ?? {}),
    }),
  });
  w.check(Boolean(full.json.properties?.[ns]?.properties?.loyalty?.properties?.loyaltyId), `the schema has ${ns}.loyalty.loyaltyId`);

  w.note(
    'Profile needs to know who a record is about: an identity descriptor marks loyaltyId as the primary\n' +
      'identity, in an Identity Service namespace (here the standard CRMID; the emulator has no Identity\n' +
      'Service and accepts any namespace code).',
  );
  const identityPath = `/${ns}/loyalty/loyaltyId`;
  const descriptor = await w.step(`Mark ${identityPath} as the schema's primary identity (an identity descriptor)`, {
    method: 'POST',
    path: `${REGISTRY}/tenant/descriptors`,
    headers,
    json: {
      '@type': 'xdm:descriptorIdentity',
      'xdm:sourceSchema': schemaId,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': identityPath,
      'xdm:namespace': 'CRMID',
      'xdm:property': 'xdm:code',
      'xdm:isPrimary': true,
    },
    expect: 201,
  });
  w.check(/^[0-9a-f]+$/.test(descriptor.json['@id'] ?? ''), `the descriptor's @id is ${descriptor.json['@id']}`);

  const enabled = await w.step('Enable the schema for Profile: add "union" to its meta:immutableTags', {
    method: 'PATCH',
    path: schemaPath,
    headers,
    json: [{ op: 'add', path: '/meta:immutableTags', value: ['union'] }],
    summary: ({ json }) => ({ version: json.version, 'meta:immutableTags': json['meta:immutableTags'] }),
  });
  w.check(enabled.json['meta:immutableTags']?.includes('union'), 'the schema carries the union tag');

  const members = await w.step('List the schemas in the Profile union: filter on the tag and the class', {
    path: `${REGISTRY}/tenant/schemas?property=meta:immutableTags==union&property=meta:class==${PROFILE_CLASS}`,
    headers: { ...headers, Accept: XED_ID },
    summary: ({ json }) => json.results?.map((schema) => `${schema.title} (version ${schema.version})`),
  });
  w.check(
    members.json.results?.some((schema) => schema.$id === schemaId),
    'the new schema is a member of the union',
  );

  const unions = await w.step('List the unions: one per class that has a schema enabled for Profile', {
    path: `${REGISTRY}/tenant/unions`,
    headers: { ...headers, Accept: XED_ID },
    summary: ({ json }) => json.results?.map((entry) => ({ title: entry.title, 'meta:altId': entry['meta:altId'] })),
  });
  const profileUnion = unions.json.results?.find((entry) => entry.$id === `${PROFILE_CLASS}__union`);
  w.check(Boolean(profileUnion), `the Profile class has a union, ${profileUnion?.['meta:altId']}`);

  const union = await w.step('Look up the Profile union resolved (xed-full): the fields of every member schema merged', {
    path: `${REGISTRY}/tenant/unions/${profileUnion['meta:altId']}`,
    headers: { ...headers, Accept: XED_FULL },
    summary: ({ json }) => ({
      $id: json.$id,
      title: json.title,
      [`${ns}.loyalty`]: Object.keys(json.properties?.[ns]?.properties?.loyalty?.properties ?? {}),
    }),
  });
  w.check(Boolean(union.json.properties?.[ns]?.properties?.loyalty?.properties?.points), `the union has ${ns}.loyalty.points`);

  const dataset = await w.step('Create a dataset on the schema, enabled for Profile (tags.unifiedProfile)', {
    method: 'POST',
    path: `${PLATFORM}/catalog/dataSets`,
    headers,
    json: {
      name: `Loyalty Members ${run}`,
      schemaRef: { id: schemaId, contentType: 'application/vnd.adobe.xed+json;version=1' },
      tags: { unifiedProfile: ['enabled:true'] },
    },
    expect: 201,
  });
  const datasetId = String(dataset.json[0]).split('/').pop();
  w.check(/^\w+$/.test(datasetId), `the new dataset's id is ${datasetId}`);

  /** Creates a batch, uploads one file, completes it and polls until it ends; returns the batch. */
  async function ingest(fileName, content, why) {
    w.note(why);
    const batch = await w.step('Create a batch for the dataset (format: JSON)', {
      method: 'POST',
      path: `${PLATFORM}/import/batches`,
      headers,
      json: { datasetId, inputFormat: { format: 'json' } },
      expect: 201,
      summary: ({ json }) => ({ id: json.id, status: json.status }),
    });
    const batchId = batch.json.id;
    await w.step(`Upload ${fileName}`, {
      method: 'PUT',
      path: `${PLATFORM}/import/batches/${batchId}/datasets/${datasetId}/files/${fileName}`,
      headers: { ...headers, 'Content-Type': 'application/octet-stream' },
      body: content,
      summary: () => content.trimEnd(),
    });
    await w.step('Signal completion: processing starts', {
      method: 'POST',
      path: `${PLATFORM}/import/batches/${batchId}?action=COMPLETE`,
      headers,
      summary: ({ text }) => text || '(empty body)',
    });
    const ended = (polled) => ['success', 'failed'].includes(polled.json[batchId]?.status);
    const polled = await w.pollUntil(
      (attempt) =>
        w.step(`Poll the batch in the Catalog (poll ${attempt})`, {
          path: `${PLATFORM}/catalog/batches?batch=${batchId}`,
          headers,
          summary: ({ json }) => {
            const entry = json[batchId] ?? {};
            const { recordsWritten, failedRecordCount, failureReason } = entry.metrics ?? {};
            return { status: entry.status, recordsWritten, failedRecordCount, failureReason, errors: entry.errors };
          },
        }),
      ended,
    );
    if (polled) return { id: batchId, ...polled.json[batchId] };
    throw new Error(`batch ${batchId} did not end after 10 polls`);
  }

  const MEMBERS = [
    {
      _id: `member-${run}-1`,
      person: { name: { firstName: 'Ada', lastName: 'Lovelace' } },
      [ns]: { loyalty: { loyaltyId: `L-${run}-1`, points: 1200, memberSince: '2019-03-05' } },
    },
    {
      _id: `member-${run}-2`,
      person: { name: { firstName: 'Alan', lastName: 'Turing' } },
      [ns]: { loyalty: { loyaltyId: `L-${run}-2`, points: 300, memberSince: '2020-07-01' } },
    },
  ];
  const membersFile = jsonLines(MEMBERS);
  const first = await ingest('members.json', membersFile, 'Ingest two members into the new dataset.');
  w.check(first.status === 'success' && first.metrics?.recordsWritten === 2, `the batch ended "success" with 2 records (got "${first.status}")`);

  const files = await w.step('Data Access: the dataset files the batch wrote', {
    path: `${PLATFORM}/export/batches/${first.id}/files`,
    headers,
    summary: ({ json }) => json.data?.map((file) => file.dataSetFileId),
  });
  const fileId = files.json.data?.[0]?.dataSetFileId;
  const download = await w.step('Data Access: download members.json', {
    path: `${PLATFORM}/export/files/${fileId}?path=members.json`,
    headers,
    summary: ({ text }) => text.trimEnd(),
  });
  w.check(download.text === membersFile, 'the downloaded bytes are exactly the uploaded file');

  w.note(
    'Evolve the schema: the program introduces tiers. The schema is in the Profile union and its dataset\n' +
      'has data, so only additive changes are accepted. A PATCH of the field group adds loyalty.tier.',
  );
  const loyaltyProperties = `/definitions/loyalty/properties/${ns}/properties/loyalty/properties`;
  const evolved = await w.step('PATCH the field group: add loyalty.tier (a string)', {
    method: 'PATCH',
    path: `${REGISTRY}/tenant/fieldgroups/${fieldGroupAltId}`,
    headers,
    json: [{ op: 'add', path: `${loyaltyProperties}/tier`, value: { title: 'Tier', type: 'string', description: 'The current tier.' } }],
    summary: ({ json }) => ({
      version: json.version,
      loyaltyFields: Object.keys(json.definitions?.loyalty?.properties?.[ns]?.properties?.loyalty?.properties ?? {}),
    }),
  });
  w.check(evolved.json.version === '1.1', 'the field group is at version 1.1');

  const refused = await w.step('A breaking change is refused: PATCH loyalty.points from integer to string', {
    method: 'PATCH',
    path: `${REGISTRY}/tenant/fieldgroups/${fieldGroupAltId}`,
    headers,
    json: [{ op: 'replace', path: `${loyaltyProperties}/points/type`, value: 'string' }],
    expect: 400,
    summary: ({ json }) => ({ type: json?.type, title: json?.title, detail: json?.detail }),
  });
  w.check(String(refused.json?.type).endsWith('/XDM-1529-400'), 'refused with XDM-1529, a schema evolution error: nothing changed');

  const withTier = jsonLines([
    {
      _id: `member-${run}-3`,
      person: { name: { firstName: 'Grace', lastName: 'Hopper' } },
      [ns]: { loyalty: { loyaltyId: `L-${run}-3`, points: 15, tier: 'gold' } },
    },
  ]);
  const second = await ingest('tiers.json', withTier, 'Ingest a member with a tier: the batch is validated against the schema as it is now.');
  w.check(second.status === 'success' && second.metrics?.recordsWritten === 1, `the record with a tier is accepted (batch "${second.status}")`);

  const wrongType = jsonLines([{ _id: `member-${run}-4`, [ns]: { loyalty: { loyaltyId: `L-${run}-4`, points: 40, tier: 3 } } }]);
  const third = await ingest('wrong-tier.json', wrongType, 'Ingest a member whose tier is a number: the new field is checked too.');
  w.check(third.status === 'failed', `a batch whose only record has the wrong type fails (got "${third.status}")`);
  w.check(
    third.errors?.some((error) => error.code === 'INGEST-1212-400'),
    'its errors carry INGEST-1212-400 (errors in the data, 0 rows ingested)',
  );

  const failed = await w.step('Data Access: the failed records of that batch, with why each failed', {
    path: `${PLATFORM}/export/batches/${third.id}/failed`,
    headers,
    summary: ({ json }) => json.data?.map((file) => file.name),
  });
  const failedName = failed.json.data?.[0]?.name;
  const failedRecords = await w.step(`Data Access: download ${failedName}`, {
    path: `${PLATFORM}/export/batches/${third.id}/failed?path=${encodeURIComponent(failedName ?? '')}`,
    headers,
    summary: ({ text }) => text.trimEnd(),
  });
  w.check(/tier must be string/.test(failedRecords.text), 'the failed record says tier must be a string');
});
