/**
 * JSON Schemas of the Catalog routes (ajv validation and the OpenAPI document). Listing
 * parameters are declared as text: the listing engine parses them, so an invalid `limit` gets the
 * documented "400 outlining the proper range" rather than a generic type error. Unknown query
 * parameters are kept: they are simple property filters (filter-data.md).
 */
import { arrayOf, describedString as text, objectSchema, openObject, pathParams, STRING, STRINGS, stringProperties } from '../schema-builders.js';

const TAGS = ['Catalog'];

const LISTING_QUERY = {
  limit: text('Number of objects to return, an integer from 1 to 100 (default 20)'),
  start: text('Zero-based offset of the first object returned (default 0)'),
  orderBy: text('Sort keys, comma-separated: asc:{PROPERTY}, desc:{PROPERTY} or {PROPERTY} (ascending)'),
  properties: text('Comma-separated top-level properties to return'),
  property: {
    ...STRINGS,
    description:
      'Conditions on top-level properties (repeatable, all must hold): name, !name, name~regex, name==value, name!=value, name<value, name<=value, name>value, name>=value',
  },
  tags: text('Tag filters {TAG_NAME}:{TAG_VALUE}, comma-separated (AND); * is a wildcard, {TAG_NAME}:* means the tag is present'),
  createdAfter: text('Only objects created after this Unix time in milliseconds (exclusive)'),
  createdBefore: text('Only objects created before this Unix time in milliseconds (exclusive)'),
  updatedAfter: text('Only objects updated after this Unix time in milliseconds (exclusive)'),
  updatedBefore: text('Only objects updated before this Unix time in milliseconds (exclusive)'),
} as const;

const BATCH_QUERY = {
  ...LISTING_QUERY,
  status: text('Simple filter on the batch status; comma-separated values match any, a leading ! excludes'),
  dataSet: text('Only batches related to this dataset id'),
  batch: text('Only this batch (by id or batch relation), as used to monitor ingestion'),
  startAfter: text('Availability start date after this Unix time (ms)'),
  startBefore: text('Availability start date before this Unix time (ms)'),
  endAfter: text('Availability end date after this Unix time (ms)'),
  endBefore: text('Availability end date before this Unix time (ms)'),
} as const;

/** Objects keyed by id (listings and look-ups write these answers as JSON text themselves: listing.ts). */
const keyedObjects = (description: string) =>
  ({
    description,
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
  }) as const;

const references = (description: string) => ({ description, ...STRINGS }) as const;

/** Names to strings (headers, credentials, the service root's references). */
const stringMap = { type: 'object', additionalProperties: STRING } as const;

const propertiesQuery = openObject({ properties: LISTING_QUERY.properties });

const tagsObject = { type: 'object', additionalProperties: STRINGS } as const;

const dataSetBody = {
  type: 'object',
  required: ['name'],
  properties: {
    ...stringProperties('name', 'description'),
    tags: tagsObject,
    enableErrorDiagnostics: { type: 'boolean' },
    schemaRef: objectSchema(stringProperties('id', 'contentType')),
    fileDescription: { type: 'object' },
    observableSchema: { type: 'object' },
  },
  additionalProperties: true,
} as const;

const batchProperties = {
  status: { type: 'string' },
  relatedObjects: arrayOf(objectSchema(stringProperties('type', 'id'))),
  tags: tagsObject,
  inputFormat: { type: 'object' },
  externalId: { type: 'string' },
  started: { type: 'integer' },
  completed: { type: 'integer' },
  metrics: { type: 'object' },
  errors: { type: 'array' },
} as const;

const patchBody = {
  description: 'Fields to change (application/json) or RFC 6902 operations (application/json-patch+json)',
  anyOf: [
    { type: 'object', additionalProperties: true },
    {
      type: 'array',
      items: { type: 'object', properties: { ...stringProperties('op', 'path', 'from'), value: {} }, required: ['op', 'path'] },
    },
  ],
} as const;

const ifMatchHeader = {
  type: 'object',
  properties: { 'if-match': { type: 'string', description: 'ETag (version) the update expects; 412 when the object has moved on' } },
} as const;

const newBatchBody = { type: 'object', properties: { ...batchProperties, datasetId: { type: 'string' } }, additionalProperties: true } as const;

const idParams = <const D extends string>(description: D) => pathParams({ id: text(description) });

/** GET one object (or several: comma-separated ids), answered keyed by id. */
const lookUp = <const D extends string>(summary: string, idDescription: D, answered: string) =>
  ({ tags: TAGS, summary, params: idParams(idDescription), querystring: propertiesQuery, response: { 200: keyedObjects(answered) } }) as const;

/** PUT or PATCH of one object, guarded by If-Match, answered with its reference. */
const update = <const D extends string, const B extends object>(summary: string, idDescription: D, body: B, reference: string) =>
  ({ tags: TAGS, summary, params: idParams(idDescription), headers: ifMatchHeader, body, response: { 200: references(reference) } }) as const;

/** DELETE of one object, answered with its reference. */
const remove = <const D extends string>(summary: string, idDescription: D, reference: string) =>
  ({ tags: TAGS, summary, params: idParams(idDescription), response: { 200: references(reference) } }) as const;

export const schemas = {
  listDataSets: {
    tags: TAGS,
    summary: 'List datasets',
    querystring: openObject({ ...LISTING_QUERY, name: text('Simple filter on the name (* wildcards)') }),
    response: { 200: keyedObjects('Datasets keyed by id') },
  },
  createDataSet: { tags: TAGS, summary: 'Create a dataset', body: dataSetBody, response: { 201: references('["@/dataSets/{id}"]') } },
  getDataSet: lookUp('Look up a dataset (or several: comma-separated ids)', 'Dataset id(s)', 'The dataset keyed by its id'),
  replaceDataSet: update('Replace a dataset', 'Dataset id', dataSetBody, '["@/dataSets/{id}"]'),
  patchDataSet: update('Update a dataset (fields or JSON Patch)', 'Dataset id', patchBody, '["@/dataSets/{id}"]'),
  patchDataSetV2: update(
    'Update a dataset, merging nested objects (PATCH v2)',
    'Dataset id',
    { type: 'object', additionalProperties: true },
    '["@/dataSets/{id}"]',
  ),
  dataSetCredentials: {
    tags: TAGS,
    summary: "A dataset's data-lake path and credentials (the emulator's own, no secret)",
    params: idParams('Dataset id'),
    querystring: objectSchema({ batchId: text('A batch of the dataset: adds its stagePath') }),
    response: {
      200: {
        type: 'object',
        properties: {
          ...stringProperties('dataSetId', 'path', 'stagePath'),
          credentials: stringMap,
        },
      },
    },
  },
  deleteDataSet: remove('Delete a dataset', 'Dataset id', '["@/dataSets/{id}"], or [] when no dataset had that id'),

  listBatches: { tags: TAGS, summary: 'List batches', querystring: openObject(BATCH_QUERY), response: { 200: keyedObjects('Batches keyed by id') } },
  createBatch: {
    tags: TAGS,
    summary: 'Create a batch',
    body: newBatchBody,
    response: { 201: references('["@/batches/{id}"]') },
  },
  createBatchWithId: {
    tags: TAGS,
    summary: 'Create a batch with a given id',
    params: idParams('Batch id'),
    body: newBatchBody,
    response: { 201: references('["@/batches/{id}"]') },
  },
  batchUniques: {
    tags: TAGS,
    summary: 'Distinct values of a batch field',
    params: pathParams({ field: text('Top-level batch property') }),
    querystring: openObject(BATCH_QUERY),
    response: { 200: STRINGS },
  },
  getBatch: lookUp('Look up a batch (or several: comma-separated ids)', 'Batch id(s)', 'The batch keyed by its id'),
  replaceBatch: update(
    'Replace a batch',
    'Batch id',
    { type: 'object', required: ['status'], properties: batchProperties, additionalProperties: true },
    '["@/batches/{id}"]',
  ),
  patchBatch: update('Update a batch (fields or JSON Patch)', 'Batch id', patchBody, '["@/batches/{id}"]'),
  deleteBatch: remove('Delete a batch (deprecated in Catalog)', 'Batch id', '["@/batches/{id}"]'),

  listDataSetFiles: {
    tags: TAGS,
    summary: 'List dataset files',
    querystring: openObject({ ...LISTING_QUERY, dataSetId: text('Only files of this dataset'), batchId: text('Only files of this batch') }),
    response: { 200: keyedObjects('Dataset files keyed by id') },
  },
  getDataSetFile: lookUp('Look up a dataset file', 'Dataset file id(s)', 'The dataset file keyed by its id'),

  tags: {
    tags: TAGS,
    summary: 'Values of a tag across datasets and batches',
    params: pathParams({ namespace: text('Tag name') }),
    response: { 200: { type: 'object', additionalProperties: true } },
  },
  lastBatches: {
    tags: TAGS,
    summary: 'Last batch, last successful and last failed batch per dataset',
    querystring: openObject({ ...LISTING_QUERY, dataSetId: text('Dataset ids, comma-separated') }),
    response: { 200: keyedObjects('Per dataset id') },
  },

  serviceRoot: {
    tags: TAGS,
    summary: 'The object types served, each as a reference (@/dataSets, ...)',
    querystring: openObject({ orderBy: LISTING_QUERY.orderBy, limit: LISTING_QUERY.limit, start: LISTING_QUERY.start, properties: LISTING_QUERY.properties }),
    response: { 200: stringMap },
  },
  batchedRequests: {
    tags: TAGS,
    summary: 'Run several Catalog requests in one call',
    body: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['method', 'resource'],
        properties: {
          ...stringProperties('id', 'method', 'resource'),
          headers: stringMap,
          body: {},
        },
      },
    },
    response: {
      201: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'string' }, code: { type: 'integer' }, body: {} } },
      },
    },
  },
  unknownType: { tags: TAGS, summary: 'Any other object type: 404', params: pathParams({ objectType: text('Catalog object type') }) },
} as const;
