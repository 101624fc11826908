/**
 * The Schema Registry at scale (issue 16), in process (inject: no network), in memory: a tenant
 * schema of 30 custom field groups and 2,000 fields on XDM Individual Profile is authored through
 * the registry's API; its `xed-full` lookup is timed beside the fixture Loyalty Members schema's;
 * then a batch of 100,000 records is validated against it during processing, beside the same
 * count against the fixture Loyalty Members dataset.
 */
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { LightMyRequestResponse } from 'fastify';
import { platformHeaders, startApp, tokenFor, type TestApp } from '../../test/helpers.js';
import { DATASET, member } from '../../test/services/ingestion/processing-helpers.js';
import { collectGarbage, markdownTable, ms, percentile, writeLines } from '../lib.js';
import { processBatchFile, type ProcessedBatch } from '../process-batch.js';
import { verdictOf, type BenchSection, type GoalLine } from './types.js';

const GOAL_MS = 5;
const FIELD_GROUPS = 30;
const FIELDS = 2_000;
const REGISTRY = '/data/foundation/schemaregistry';
const XED_FULL = 'application/vnd.adobe.xed-full+json; version=1';
const PROFILE = 'https://ns.adobe.com/xdm/context/profile';
/** Leaf fields per nested object of a field group (the first chunk sits at the group's top level). */
const FIELDS_PER_OBJECT = 12;

type Json = Record<string, unknown>;

/** One field of the generated schema, with the value every record gives it. */
interface Leaf {
  path: string[];
  field: Json;
  value(n: number): unknown;
  /** Leaf fields it stands for (a data type reference stands for the data type's fields). */
  count: number;
}

const LEAF_KINDS: Array<Omit<Leaf, 'path' | 'count'>> = [
  { field: { type: 'string' }, value: (n) => `text-${n}` },
  { field: { type: 'number' }, value: (n) => n / 4 },
  { field: { type: 'integer' }, value: (n) => n },
  { field: { type: 'boolean' }, value: (n) => n % 2 === 0 },
  { field: { type: 'string', format: 'date-time' }, value: () => '2026-03-02T10:00:00Z' },
  { field: { type: 'array', items: { type: 'string' } }, value: (n) => [`a${n}`, `b${n}`] },
];

const CONTACT_TYPE = {
  title: 'Bench Contact',
  description: 'A custom data type used once by every benchmark field group.',
  type: 'object',
  properties: {
    label: { title: 'Label', type: 'string' },
    score: { title: 'Score', type: 'number' },
    verified: { title: 'Verified', type: 'boolean' },
    since: { title: 'Since', type: 'string', format: 'date-time' },
  },
};
const contactValue = (n: number) => ({ label: `contact-${n}`, score: n / 8, verified: true, since: '2025-01-01T00:00:00Z' });

const groupKey = (group: number) => `group${String(group).padStart(2, '0')}`;
/** The primary identity: a field of the first group, given by every record. */
const IDENTITY: Leaf = { path: ['_mocktenant', groupKey(0), 'memberId'], field: { title: 'Member ID', type: 'string' }, value: (n) => `M-${n}`, count: 1 };

/** The fields of one field group: the data type reference, then leaves of every kind, 12 per nested object. */
function groupLeaves(group: number, fields: number, contactTypeId: string): Leaf[] {
  const base = ['_mocktenant', groupKey(group)];
  const leaves: Leaf[] = [{ path: [...base, 'contact'], field: { title: 'Contact', $ref: contactTypeId }, value: contactValue, count: 4 }];
  if (group === 0) leaves.push(IDENTITY);
  for (let i = 0; leaves.reduce((sum, leaf) => sum + leaf.count, 0) < fields; i++) {
    const kind = LEAF_KINDS[(i + group) % LEAF_KINDS.length]!;
    const chunk = Math.floor(i / FIELDS_PER_OBJECT);
    const path = chunk === 0 ? [...base, `f${i}`] : [...base, `part${chunk}`, `f${i}`];
    leaves.push({ path, field: { title: `Field ${i}`, ...kind.field }, value: kind.value, count: 1 });
  }
  return leaves;
}

/** Sets `value` at `path` under `root`, creating the objects on the way with `container()`. */
function place(root: Json, path: string[], value: unknown, container: () => Json, childrenOf: (node: Json) => Json): void {
  let node = root;
  for (const name of path.slice(0, -1)) {
    node[name] ??= container();
    node = childrenOf(node[name] as Json);
  }
  node[path.at(-1)!] = value;
}

function schemaProperties(leaves: Leaf[]): Json {
  const root: Json = {};
  for (const leaf of leaves)
    place(
      root,
      leaf.path,
      leaf.field,
      () => ({ type: 'object', properties: {} }),
      (node) => node.properties as Json,
    );
  return root;
}

function recordOf(leaves: Leaf[], n: number): Json {
  const record: Json = { _id: `record-${n}` };
  for (const leaf of leaves)
    place(
      record,
      leaf.path,
      leaf.value(n),
      () => ({}),
      (node) => node,
    );
  return record;
}

function fieldGroupBody(group: number, leaves: Leaf[]): Json {
  return {
    title: `Bench Field Group ${group}`,
    description: `Generated field group ${group} of the schema-registry benchmark.`,
    type: 'object',
    'meta:intendedToExtend': [PROFILE],
    definitions: { fields: { properties: schemaProperties(leaves) } },
    allOf: [{ $ref: '#/definitions/fields' }],
  };
}

/** Leaf fields under a full schema's properties (objects are walked; arrays and other fields count once). */
function countLeaves(properties: Json): number {
  return Object.values(properties).reduce<number>((sum, field) => {
    const children = (field as Json).properties;
    return sum + (children && typeof children === 'object' ? countLeaves(children as Json) : 1);
  }, 0);
}

interface Api {
  /** A Platform call with the demo integration's headers; throws unless it answers `expect`. */
  send(method: 'GET' | 'POST', url: string, body?: unknown, expect?: number, accept?: string): Promise<LightMyRequestResponse>;
  /** The same, answering the parsed body. */
  call(method: 'GET' | 'POST', url: string, body?: unknown, expect?: number, accept?: string): Promise<unknown>;
}

async function apiOf(t: TestApp): Promise<Api> {
  const token = await tokenFor(t);
  const send: Api['send'] = async (method, url, body, expect = 200, accept) => {
    const headers = platformHeaders(token, { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(accept ? { accept } : {}) });
    const response = await t.inject({ method, url, headers, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
    if (response.statusCode !== expect) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
    return response;
  };
  return { send, call: async (...args) => (await send(...args)).json() };
}

interface GeneratedSchema {
  schemaId: string;
  dataSetId: string;
  /** The fields of each field group, in order. */
  groups: Leaf[][];
}

/** Authors the data type, the 30 field groups, the schema, its primary identity and a dataset on it. */
async function authorSchema(api: Api): Promise<GeneratedSchema> {
  const contactType = (await api.call('POST', `${REGISTRY}/tenant/datatypes`, CONTACT_TYPE, 201)) as { $id: string };
  const groups: Leaf[][] = [];
  const groupIds: string[] = [];
  for (let group = 0; group < FIELD_GROUPS; group++) {
    // 2,000 fields over 30 groups: the first ones take one more.
    const fields = Math.floor(FIELDS / FIELD_GROUPS) + (group < FIELDS % FIELD_GROUPS ? 1 : 0);
    const leaves = groupLeaves(group, fields, contactType.$id);
    const created = (await api.call('POST', `${REGISTRY}/tenant/fieldgroups`, fieldGroupBody(group, leaves), 201)) as { $id: string };
    groups.push(leaves);
    groupIds.push(created.$id);
  }
  const schema = (await api.call(
    'POST',
    `${REGISTRY}/tenant/schemas`,
    {
      title: `Bench Members (${FIELDS.toLocaleString('en')} fields)`,
      description: 'The schema-registry benchmark schema.',
      type: 'object',
      allOf: [{ $ref: PROFILE }, ...groupIds.map(($ref) => ({ $ref }))],
    },
    201,
  )) as { $id: string };
  await api.call(
    'POST',
    `${REGISTRY}/tenant/descriptors`,
    {
      '@type': 'xdm:descriptorIdentity',
      'xdm:sourceSchema': schema.$id,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': `/${IDENTITY.path.join('/')}`,
      'xdm:namespace': 'CRMID',
      'xdm:property': 'xdm:code',
      'xdm:isPrimary': true,
    },
    201,
  );
  const dataSet = (await api.call(
    'POST',
    '/data/foundation/catalog/dataSets',
    { name: 'Bench Members', schemaRef: { id: schema.$id, contentType: 'application/vnd.adobe.xed-full+json;version=1' } },
    201,
  )) as string[];
  return { schemaId: schema.$id, dataSetId: dataSet[0]!.replace('@/dataSets/', ''), groups };
}

interface LookupTimings {
  firstMs: number;
  p50: number;
  p99: number;
  kiB: number;
  fields: number;
}

/**
 * GET /tenant/schemas/{id} in the xed-full form: the first request (resolution) timed alone, 20
 * unmeasured, then `rounds` timed until the whole body is answered (the client does not parse it).
 */
async function timeFullLookup(api: Api, schemaId: string, rounds: number): Promise<LookupTimings> {
  const url = `${REGISTRY}/tenant/schemas/${encodeURIComponent(schemaId)}`;
  const get = () => api.send('GET', url, undefined, 200, XED_FULL);
  const t0 = performance.now();
  const first = await get();
  const firstMs = performance.now() - t0;
  for (let i = 0; i < 20; i++) await get();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await get();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const tenantFields = (first.json() as { properties: Json }).properties._mocktenant as Json | undefined;
  return {
    firstMs,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    kiB: first.rawPayload.byteLength / 1024,
    fields: tenantFields ? countLeaves((tenantFields.properties ?? {}) as Json) : 0,
  };
}

/** A JSON lines batch of `records` records on the dataset, processed and measured; every record must be valid. */
async function validateRecords(t: TestApp, dataSetId: string, records: number, recordOfN: (n: number) => Json): Promise<ProcessedBatch> {
  function* lines(): Generator<string> {
    for (let n = 1; n <= records; n++) yield `${JSON.stringify(recordOfN(n))}\n`;
  }
  const result = await processBatchFile(t, {
    dataSetId,
    format: { format: 'json' },
    fileName: 'records.json',
    records,
    write: (path) => writeLines(path, lines()),
  });
  if (result.recordsWritten !== records) throw new Error(`dataset ${dataSetId}: ${result.status}, ${result.recordsWritten} of ${records} records valid`);
  return result;
}

export const schemaRegistrySection: BenchSection = {
  id: 'schema-registry',
  title: `Schema Registry: a ${FIELDS.toLocaleString('en')}-field schema`,
  async run({ quick, scratch, progress }) {
    const rounds = quick ? 200 : 1_000;
    const records = quick ? 10_000 : 100_000;
    const blobDir = join(scratch, 'schema-registry-blobs');
    const t = await startApp({ processingDelayMs: 0, blobDir });
    try {
      const api = await apiOf(t);
      progress(`authoring ${FIELD_GROUPS} field groups, ${FIELDS} fields`);
      const generated = await authorSchema(api);
      const loyaltySchemaId = ((await api.call('GET', `/data/foundation/catalog/dataSets/${DATASET}`)) as Record<string, { schemaRef: { id: string } }>)[
        DATASET
      ]!.schemaRef.id;

      progress(`xed-full lookups, ${rounds} rounds each`);
      const big = await timeFullLookup(api, generated.schemaId, rounds);
      if (big.fields !== FIELDS) throw new Error(`the generated schema resolves to ${big.fields} tenant fields, not ${FIELDS}`);
      const loyalty = await timeFullLookup(api, loyaltySchemaId, rounds);

      progress(`validating ${records} records against each schema during processing`);
      const bigBatch = await validateRecords(t, generated.dataSetId, records, (n) => recordOf([IDENTITY, ...generated.groups[n % FIELD_GROUPS]!], n));
      collectGarbage();
      const loyaltyBatch = await validateRecords(t, DATASET, records, (n) => member(n));

      const lookupRow = (name: string, timings: LookupTimings) => [
        name,
        String(timings.fields),
        timings.kiB.toFixed(0),
        ms(timings.firstMs),
        ms(timings.p50),
        ms(timings.p99),
      ];
      const batchRow = (name: string, batch: ProcessedBatch) => [
        name,
        `${batch.recordsWritten.toLocaleString('en')} / ${records.toLocaleString('en')}`,
        (batch.bytes / 1e6).toFixed(1),
        batch.seconds.toFixed(2),
        Math.round(batch.recordsPerSecond).toLocaleString('en'),
        batch.loopDelayP99Ms.toFixed(1),
        batch.loopDelayMaxMs.toFixed(0),
        (batch.rssGrowthBytes / 1e6).toFixed(0),
      ];
      const generatedName = `generated (${FIELD_GROUPS} field groups, ${FIELDS.toLocaleString('en')} fields)`;
      const markdown = [
        `A tenant schema on XDM Individual Profile authored through the registry's API: ${FIELD_GROUPS} field groups of strings, numbers,`,
        'integers, booleans, date-times and string arrays, 12 per nested object, each group also using one custom data type (4 fields);',
        'a primary identity descriptor; a dataset on it. Beside it, the fixture Loyalty Members schema and dataset.',
        '',
        `GET /tenant/schemas/{id}, Accept \`${XED_FULL}\`: the first request, then ${rounds} one after another (after 20 unmeasured),`,
        'each timed until the whole body is answered (not parsed by the client):',
        '',
        markdownTable(
          ['schema', 'tenant fields', 'KiB', 'first ms', 'p50 ms', 'p99 ms'],
          [lookupRow(generatedName, big), lookupRow('Loyalty Members (fixture)', loyalty)],
          ['left', 'right', 'right', 'right', 'right', 'right'],
        ),
        '',
        `One JSON lines batch of ${records.toLocaleString('en')} records per dataset, processed (processing delay 0) and validated against the`,
        "dataset's schema; a generated record fills the identity and one field group's fields (round robin), about 70 fields.",
        'The time includes compiling the schema once for the batch.',
        '',
        markdownTable(
          ['dataset schema', 'records valid', 'MB', 's', 'records/s', 'loop delay p99 ms', 'loop delay max ms', 'RSS growth MB'],
          [batchRow(generatedName, bigBatch), batchRow('Loyalty Members (fixture)', loyaltyBatch)],
          ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
        ),
      ].join('\n');
      const goals: GoalLine[] = [
        {
          figure: `xed-full lookup p50, ${FIELD_GROUPS} field groups / ${FIELDS.toLocaleString('en')} fields`,
          value: `${ms(big.p50)} ms (Loyalty Members ${ms(loyalty.p50)} ms)`,
          goal: `≤ ${GOAL_MS} ms (issue 16)`,
          verdict: verdictOf(big.p50 <= GOAL_MS),
        },
        {
          figure: `records/s validated during processing, ${records.toLocaleString('en')} records`,
          value: `${Math.round(bigBatch.recordsPerSecond).toLocaleString('en')} (Loyalty Members ${Math.round(loyaltyBatch.recordsPerSecond).toLocaleString('en')})`,
          goal: 'printed (issue 16)',
          verdict: 'n/a',
        },
      ];
      return { markdown, goals };
    } finally {
      await t.close();
      await rm(blobDir, { recursive: true, force: true });
    }
  },
};
