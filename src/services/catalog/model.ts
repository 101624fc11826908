/**
 * Catalog Service rules over the shared Platform objects (platform-objects.ts): dataSets, batches
 * and dataSetFiles, their listing, lookup, creation and updates, plus the tag and last-batch
 * aggregations. No Fastify here.
 */
import type { AppContext } from '../../context.js';
import type { PlatformRequestScope } from '../../gateway/types.js';
import type { Answer } from '../answer.js';
import { newBatchId, newDataSetId } from '../../store/ids.js';
import {
  COLLECTIONS,
  newBatchObject,
  settleBatches,
  touched,
  type Batch,
  type CatalogObject,
  type Caller,
  type DataSet,
  type InputFormat,
} from '../platform-objects.js';
import { peekSchema } from '../schemas/model.js';
import { checkProfileDataSet } from '../schemas/unions/model.js';
import { etagMismatch, invalidObject, objectNotFound } from './errors.js';
import { allMatches, keyedPage, keyedPageJson, listCollection, planListing, runListing, simpleFilter, type ListingOptions, type Predicate } from './listing.js';
import { deepMerged, merged, patched, replaced } from './patch.js';

/** The Catalog object types this emulator serves, by their path segment. */
export const OBJECT_TYPES = ['dataSets', 'batches', 'dataSetFiles'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

const SINGULAR: Record<ObjectType, string> = { dataSets: 'dataSet', batches: 'batch', dataSetFiles: 'dataSetFile' };

/** Fields only the server writes, on every Catalog object. */
const COMMON_MANAGED = ['id', 'imsOrg', 'created', 'updated', 'createdClient', 'createdUser', 'updatedUser', 'version'];

/** Per type: fields PUT and PATCH cannot change (readOnly in catalog.yaml, or derived by the emulator). */
export const MANAGED: Record<ObjectType, ReadonlySet<string>> = {
  dataSets: new Set([...COMMON_MANAGED, 'files', 'basePath', 'viewId', 'lastBatchId', 'lastBatchStatus', 'lastSuccessfulBatch', 'lastFailedBatch']),
  batches: new Set([...COMMON_MANAGED, 'externalId']),
  dataSetFiles: new Set([...COMMON_MANAGED, 'batchId', 'dataSetId']),
};

/** Batch statuses of catalog.yaml's batchRequest. */
const BATCH_STATUSES = new Set([
  'processing',
  'success',
  'failure',
  'queued',
  'retrying',
  'stalled',
  'aborted',
  'abandoned',
  'inactive',
  'failed',
  'loading',
  'loaded',
  'staged',
  'active',
  'staging',
  'deleted',
]);

const DEFAULT_SCHEMA_CONTENT_TYPE = 'application/vnd.adobe.xed+json;version=1';

export interface CallContext {
  ctx: AppContext;
  platform: PlatformRequestScope;
  caller: Caller;
  /** `Pragma: validate-only` (appendix.md): validate and answer, store nothing. */
  dryRun?: boolean;
}

type Query = Record<string, unknown>;
type Headers = Record<string, string | string[] | undefined>;
type Fields = Record<string, unknown>;

function collection<T extends CatalogObject>(call: CallContext, type: ObjectType) {
  return call.ctx.store.collection<T>(call.platform.scope, COLLECTIONS[type]);
}

/** Every read starts here, so pollers see batches move on the emulator's clock. */
function settled(call: CallContext): void {
  settleBatches(call.ctx, call.platform.scope);
}

export const reference = (type: ObjectType, id: string): string => `@/${type}/${id}`;

// ---------------------------------------------------------------- ETags

/** The ETag of a Catalog object: its version, quoted (`"1.0.3"`). */
export const etagOf = (object: CatalogObject): string => `"${object.version}"`;

/** A version from an ETag or If-Match entry: without W/ and quotes. */
function bareVersion(tag: string): string {
  return tag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

/**
 * If-Match on PUT/PATCH: absent or `*` passes; otherwise one listed version must be the current
 * one, else 412 with the documented "Refresh etag error" body (versions shown quoted, as ETags).
 */
export function checkIfMatch(ifMatch: string | undefined, current: CatalogObject): void {
  if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') return;
  const supplied = ifMatch
    .split(',')
    .map(bareVersion)
    .filter((tag) => tag !== '');
  if (supplied.includes(current.version)) return;
  throw etagMismatch(supplied.map((tag) => `"${tag}"`).join(','), etagOf(current));
}

// ---------------------------------------------------------------- listing and lookup

/** Filters specific to batches: the dataset and batch they relate to. */
function relatedFilter(type: string, alsoOwnId: boolean): (raw: string) => Predicate {
  return (raw) => {
    const negate = raw.startsWith('!');
    const ids = new Set((negate ? raw.slice(1) : raw).split(','));
    // An indexed loop over relatedObjects: this predicate runs once per stored batch on a scan.
    const matches: Predicate = (object) => {
      if (alsoOwnId && ids.has(object.id)) return true;
      const related = object.relatedObjects as Array<{ type?: unknown; id?: unknown }> | undefined;
      if (!Array.isArray(related)) return false;
      for (let i = 0; i < related.length; i += 1) {
        const entry = related[i];
        if (entry !== null && typeof entry === 'object' && entry.type === type && typeof entry.id === 'string' && ids.has(entry.id)) return true;
      }
      return false;
    };
    return negate ? (object) => !matches(object) : matches;
  };
}

const LISTING_OPTIONS: Record<ObjectType, ListingOptions> = {
  dataSets: { cappedProperties: { names: ['observableSchema'], max: 20 } },
  batches: {
    special: {
      dataSet: relatedFilter('dataSet', false),
      dataSetId: relatedFilter('dataSet', false),
      batch: relatedFilter('batch', true),
    },
  },
  dataSetFiles: {},
};

const JSON_TEXT = 'application/json; charset=utf-8';

/** Stored objects keyed by id, answered as JSON text (dataSetFiles keep their id inside). */
function keyedObjects(type: ObjectType, objects: CatalogObject[], properties: string[] | undefined, headers?: Record<string, string>): Answer<string> {
  return { body: keyedPageJson(objects, properties, type === 'dataSetFiles'), headers: { ...headers, 'content-type': JSON_TEXT } };
}

/** GET /{type}: the page the listing parameters select, keyed by id. */
export function listObjects(call: CallContext, type: ObjectType, query: Query, headers?: Headers): Answer<string> {
  settled(call);
  const plan = planListing(query, headers, LISTING_OPTIONS[type]);
  return keyedObjects(type, listCollection(collection(call, type), plan), plan.properties);
}

/**
 * GET /{type}/{id} — also `{id1},{id2}` (look-up-multiple-objects.md). One object answers with its
 * ETag; unknown ids are left out, and 404 when none is known.
 */
export function getObjects(call: CallContext, type: ObjectType, idList: string, query: Query): Answer {
  settled(call);
  const properties =
    typeof query.properties === 'string'
      ? query.properties
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
      : undefined;
  const ids = [
    ...new Set(
      idList
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  const store = collection(call, type);
  const found = ids.map((id) => store.get(id)).filter((object): object is CatalogObject => object !== undefined);
  if (found.length === 0) throw objectNotFound(SINGULAR[type], idList);
  return keyedObjects(type, found, properties && properties.length > 0 ? properties : undefined, found.length === 1 ? { etag: etagOf(found[0]!) } : undefined);
}

// ---------------------------------------------------------------- validation of caller-owned fields

function isTags(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((values) => Array.isArray(values) && values.every((tag) => typeof tag === 'string'))
  );
}

function checkDataSetFields(call: CallContext, fields: Fields): Fields {
  if (typeof fields.name !== 'string' || fields.name.trim() === '') throw invalidObject("A dataSet needs a 'name' (a non-empty string)");
  if (fields.description !== undefined && typeof fields.description !== 'string') throw invalidObject("'description' must be a string");
  if (fields.tags !== undefined && !isTags(fields.tags)) throw invalidObject("'tags' must be an object whose values are arrays of strings");
  if (fields.enableErrorDiagnostics !== undefined && typeof fields.enableErrorDiagnostics !== 'boolean') {
    throw invalidObject("'enableErrorDiagnostics' must be a boolean");
  }
  checkProfileDataSet(call.ctx, call.platform.scope, fields);
  if (fields.schemaRef === undefined) return fields;
  const schemaRef = fields.schemaRef as { id?: unknown; contentType?: unknown } | null;
  if (typeof schemaRef !== 'object' || schemaRef === null || Array.isArray(schemaRef) || typeof schemaRef.id !== 'string' || schemaRef.id === '') {
    throw invalidObject("'schemaRef' must be an object with the schema's $id in 'id'");
  }
  if (schemaRef.contentType !== undefined && typeof schemaRef.contentType !== 'string') throw invalidObject("'schemaRef.contentType' must be a string");
  if (!peekSchema(call.ctx, call.platform.scope, schemaRef.id)) {
    throw invalidObject(`schemaRef.id '${schemaRef.id}' does not name a schema in this organization and sandbox`);
  }
  return { ...fields, schemaRef: { ...schemaRef, contentType: schemaRef.contentType ?? DEFAULT_SCHEMA_CONTENT_TYPE } };
}

function checkBatchFields(fields: Fields): Fields {
  if (fields.status !== undefined && !(typeof fields.status === 'string' && BATCH_STATUSES.has(fields.status))) {
    throw invalidObject(`'status' must be one of ${[...BATCH_STATUSES].join(', ')}`);
  }
  if (fields.tags !== undefined && !isTags(fields.tags)) throw invalidObject("'tags' must be an object whose values are arrays of strings");
  if (fields.relatedObjects !== undefined) {
    const related = fields.relatedObjects;
    if (
      !Array.isArray(related) ||
      !related.every((entry) => typeof entry === 'object' && entry !== null && typeof entry.type === 'string' && typeof entry.id === 'string')
    ) {
      throw invalidObject("'relatedObjects' must be an array of {type, id} objects");
    }
  }
  for (const name of ['started', 'completed', 'recordCount', 'failedRecordCount', 'size']) {
    if (fields[name] !== undefined && !Number.isInteger(fields[name])) throw invalidObject(`'${name}' must be an integer`);
  }
  return fields;
}

function checkFields(call: CallContext, type: ObjectType, fields: Fields): Fields {
  if (type === 'dataSets') return checkDataSetFields(call, fields);
  if (type === 'batches') return checkBatchFields(fields);
  return fields;
}

// ---------------------------------------------------------------- creation

/** POST /dataSets → 201 ["@/dataSets/{id}"] with its Location. */
export function createDataSet(call: CallContext, body: Fields): Answer {
  settled(call);
  const fields = checkDataSetFields(call, replaced(body, MANAGED.dataSets));
  const now = call.ctx.clock.now();
  const id = newDataSetId();
  const dataSet: DataSet = {
    id,
    ...fields,
    name: fields.name as string,
    tags: (fields.tags as Record<string, string[]> | undefined) ?? {},
    imsOrg: call.platform.org,
    created: now,
    updated: now,
    createdClient: call.caller.client,
    createdUser: call.caller.user,
    updatedUser: call.caller.user,
    version: '1.0.0',
    files: `@/dataSetFiles?dataSetId=${id}`,
  };
  if (!call.dryRun) collection<DataSet>(call, 'dataSets').put(id, dataSet);
  return { body: [reference('dataSets', id)], status: 201, headers: { location: `/data/foundation/catalog/dataSets/${id}` } };
}

/** The dataset a Catalog batch request names: relatedObjects' dataSet entry, or datasetId/dataSetId. */
function dataSetIdOf(body: Fields): string | undefined {
  if (Array.isArray(body.relatedObjects)) {
    const entry = (body.relatedObjects as Array<{ type?: unknown; id?: unknown }>).find((related) => related?.type === 'dataSet');
    if (entry && typeof entry.id === 'string') return entry.id;
  }
  for (const key of ['datasetId', 'dataSetId']) if (typeof body[key] === 'string') return body[key] as string;
  return undefined;
}

/** POST /batches (and POST /batches/{id}) → 201 ["@/batches/{id}"], through the shared batch factory. */
export function createBatch(call: CallContext, body: Fields, requestedId?: string): Answer {
  settled(call);
  const fields = checkBatchFields(replaced(body, MANAGED.batches));
  const dataSetId = dataSetIdOf(body);
  if (!dataSetId) throw invalidObject('A batch needs its dataset: a relatedObjects entry {"type": "dataSet", "id": ...} (or \'datasetId\')');
  if (!collection(call, 'dataSets').has(dataSetId)) {
    throw invalidObject(`The dataset '${dataSetId}' does not exist in this organization and sandbox`);
  }
  const batches = collection<Batch>(call, 'batches');
  if (requestedId !== undefined && batches.has(requestedId)) throw invalidObject(`A batch with id '${requestedId}' already exists`);
  const id = requestedId ?? newBatchId();
  const base = newBatchObject({
    id,
    imsOrg: call.platform.org,
    dataSetId,
    caller: call.caller,
    now: call.ctx.clock.now(),
    ...(fields.inputFormat ? { inputFormat: fields.inputFormat as InputFormat } : {}),
    ...(fields.tags ? { tags: fields.tags as Record<string, string[]> } : {}),
    ...(typeof body.externalId === 'string' ? { externalId: body.externalId } : {}),
  });
  const { datasetId: _a, dataSetId: _b, tags: _tags, relatedObjects, ...rest } = fields;
  const others = Array.isArray(relatedObjects)
    ? (relatedObjects as Batch['relatedObjects']).filter((related) => !(related.type === 'dataSet' && related.id === dataSetId))
    : [];
  const batch: Batch = { ...base, ...rest, tags: base.tags, relatedObjects: [...base.relatedObjects, ...others] } as Batch;
  if (!call.dryRun) batches.put(id, batch);
  return { body: [reference('batches', id)], status: 201, headers: { location: `/data/foundation/catalog/batches/${id}` } };
}

// ---------------------------------------------------------------- updates

export type UpdateKind = { kind: 'replace' | 'merge' | 'deep-merge' | 'json-patch'; body: unknown };

/**
 * PUT and PATCH of one object: If-Match check, the new caller-owned fields (server-managed ones
 * kept), validation of the result, then a new version. Nothing is written when any step fails.
 */
export function updateObject(call: CallContext, type: ObjectType, id: string, update: UpdateKind, ifMatch?: string): Answer {
  settled(call);
  const store = collection(call, type);
  const current = store.get(id);
  if (!current) throw objectNotFound(SINGULAR[type], id);
  checkIfMatch(ifMatch, current);
  const managed = MANAGED[type];
  let owned: Fields;
  if (update.kind === 'json-patch') {
    owned = patched(current, update.body, managed);
  } else {
    if (typeof update.body !== 'object' || update.body === null || Array.isArray(update.body)) throw invalidObject('The body must be a JSON object');
    const body = update.body as Fields;
    if (update.kind === 'replace') owned = replaced(body, managed);
    else owned = update.kind === 'deep-merge' ? deepMerged(current, body, managed) : merged(current, body, managed);
  }
  if (type === 'batches' && update.kind === 'replace' && owned.status === undefined) throw invalidObject("A batch needs a 'status'");
  owned = checkFields(call, type, owned);
  const kept: Fields = {};
  for (const key of managed) if (current[key] !== undefined) kept[key] = current[key];
  const next = touched({ ...owned, ...kept } as CatalogObject, call.ctx.clock.now(), call.caller.user);
  if (!call.dryRun) store.put(id, next);
  return { body: [reference(type, id)], headers: { etag: etagOf(next) } };
}

// ---------------------------------------------------------------- root and credentials

/** GET / (catalog.yaml, listBatchedRequest): the object types served, each as a `@/type` reference. */
export function serviceRoot(): Record<string, string> {
  return Object.fromEntries([...OBJECT_TYPES].sort().map((type) => [type, `@/${type}`]));
}

/**
 * GET /dataSets/{id}/credentials (retrieveDatasetCredentials). The emulator has no data lake:
 * the path and credentials name it (adl://adobe-api-mock/{org}/{sandbox}/...) and hold no
 * secret. `?batchId=` must be a batch of the dataset; its `stagePath` is the batch's own
 * `acp_stagePath`, `{client}/stage/{batchId}` (seed 001's batch; catalog.yaml's example).
 */
export function dataSetCredentials(call: CallContext, id: string, batchId: string | undefined): Fields {
  settled(call);
  if (!collection(call, 'dataSets').has(id)) throw objectNotFound('dataSet', id);
  const { org, sandbox } = call.platform;
  const root = `adl://adobe-api-mock`;
  const path = `${root}/${org}/${sandbox}/dataSets/${id}`;
  let stagePath: string | undefined;
  if (batchId !== undefined) {
    const batch = collection<Batch>(call, 'batches').get(batchId);
    if (!batch?.relatedObjects.some((related) => related.type === 'dataSet' && related.id === id)) {
      throw invalidObject(`Batch '${batchId}' is not a batch of dataset '${id}'`);
    }
    stagePath = batch.tags?.acp_stagePath?.[0] ?? `${call.caller.client}/stage/${batchId}`;
  }
  const credentials = {
    clientId: call.caller.client,
    tenantId: org,
    name: 'adobe-api-mock',
    adlsType: 'emulated',
    adlsUri: root,
    hadoopUri: `${root}/${org}/${sandbox}`,
  };
  return { dataSetId: id, path, ...(stagePath ? { stagePath } : {}), credentials };
}

// ---------------------------------------------------------------- deletion

/** DELETE /dataSets/{id}: 200 ["@/dataSets/{id}"]; an unknown id answers 200 [] (delete-object.md). */
export function deleteDataSet(call: CallContext, id: string): string[] {
  settled(call);
  const deleted = collection(call, 'dataSets').delete(id);
  if (deleted) {
    const files = collection(call, 'dataSetFiles');
    for (const file of [...files.values()]) if (file.dataSetId === id) files.delete(file.id);
  }
  return deleted ? [reference('dataSets', id)] : [];
}

/** DELETE /batches/{id} (deprecated in Catalog): 200 ["@/batches/{id}"], 404 when unknown (catalog.yaml). */
export function deleteBatch(call: CallContext, id: string): string[] {
  settled(call);
  if (!collection(call, 'batches').delete(id)) throw objectNotFound('batch', id);
  const files = collection(call, 'dataSetFiles');
  for (const file of [...files.values()]) if (file.batchId === id) files.delete(file.id);
  return [reference('batches', id)];
}

// ---------------------------------------------------------------- aggregations

/** GET /batches/uniques/{FIELD}: the distinct values of a top-level field over the matching batches. */
export function batchUniques(call: CallContext, field: string, query: Query, headers?: Headers): string[] {
  settled(call);
  const plan = planListing(query, headers, LISTING_OPTIONS.batches);
  const seen = new Set<string>();
  for (const batch of allMatches(collection(call, 'batches').values(), plan)) {
    const value = batch[field];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') seen.add(String(item));
    }
  }
  return [...seen].slice(plan.start, plan.start + plan.limit);
}

/**
 * GET /tags/{namespace}: the values of one tag across datasets and batches, and which objects
 * carry it (catalog.yaml tagsResponse). 404 when no object has the tag.
 */
export function tagValues(call: CallContext, namespace: string): Fields {
  settled(call);
  const values = new Set<string>();
  const objectType: Record<string, string[]> = {};
  const sources: Array<[ObjectType, string, string]> = [
    ['dataSets', 'datasets', 'DataSet'],
    ['batches', 'batches', 'Batch'],
  ];
  for (const [type, key, label] of sources) {
    for (const object of collection(call, type).values()) {
      const tags = object.tags as Record<string, unknown> | undefined;
      const tagged = tags?.[namespace];
      if (!Array.isArray(tagged)) continue;
      (objectType[key] ??= []).push(`@/${label}/${object.id}`);
      for (const value of tagged) values.add(String(value));
    }
  }
  if (Object.keys(objectType).length === 0) {
    throw objectNotFound('tag', namespace);
  }
  return { objectType, [namespace]: [...values] };
}

/**
 * GET /lastBatches: per dataset with batches, its last batch, last successful and last failed
 * batch (by creation time), keyed by dataset id and listed through the listing engine.
 */
export function lastBatches(call: CallContext, query: Query, headers?: Headers): Record<string, Fields> {
  settled(call);
  const perDataSet = new Map<string, { last?: Batch; success?: Batch; failed?: Batch }>();
  const later = (a: Batch | undefined, b: Batch) => (!a || b.created >= a.created ? b : a);
  for (const batch of collection<Batch>(call, 'batches').values()) {
    for (const related of batch.relatedObjects ?? []) {
      if (related.type !== 'dataSet') continue;
      const entry = perDataSet.get(related.id) ?? {};
      entry.last = later(entry.last, batch);
      if (batch.status === 'success') entry.success = later(entry.success, batch);
      if (batch.status === 'failed' || (batch.status as string) === 'failure') entry.failed = later(entry.failed, batch);
      perDataSet.set(related.id, entry);
    }
  }
  const rows: Array<Fields & { id: string }> = [];
  for (const [dataSetId, entry] of perDataSet) {
    const last = entry.last!;
    rows.push({
      id: dataSetId,
      lastBatchId: last.id,
      lastBatchStatus: last.status,
      ...(entry.success ? { lastSuccessfulBatchId: entry.success.id } : {}),
      ...(entry.failed ? { lastFailedBatchId: entry.failed.id } : {}),
      imsOrg: last.imsOrg,
      created: last.created,
      updated: last.updated,
    });
  }
  const { dataSetId, ...rest } = query;
  const plan = planListing(rest, headers);
  const byDataSet = dataSetId === undefined ? undefined : simpleFilter('id', String(dataSetId));
  const page = runListing(byDataSet ? rows.filter(byDataSet) : rows, plan);
  return keyedPage(page, plan.properties);
}
