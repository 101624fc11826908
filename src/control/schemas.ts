/** JSON Schemas of the /_mock routes (request checks and the OpenAPI document). */
import { PRODUCTS } from '../services/registry.js';
import { arrayOf, objectSchema, STRINGS, sameSchema, stringParams } from '../services/schema-builders.js';
import { SERVICE_NAMES } from './reset-scope.js';
import { NAMED_ERROR_NAMES } from './fault-errors.js';
import { MAX_LATENCY_MS } from './faults.js';
import { SNAPSHOT_FORMAT } from './snapshot.js';

const TAGS = ['Emulator control'];
const anyObject = { type: 'object', additionalProperties: true } as const;
const headerMap = { type: 'object', additionalProperties: true, description: 'Header name → value; secrets masked' } as const;
const noContent = { type: 'null' } as const;
const idParams = stringParams('id');

/** The product a request or a scope belongs to; `unknown` when none claims it. */
export const productOrUnknown = { type: 'string', enum: [...PRODUCTS, 'unknown'] } as const;

/** The control plane's error body. */
export const controlError = objectSchema({ statusCode: 'integer', error: 'string', message: 'string' });

export const clockSchema = {
  type: 'object',
  properties: { now: { type: 'string', format: 'date-time' }, epochMs: { type: 'integer' }, frozen: { type: 'boolean' } },
} as const;

export const healthSchema = {
  tags: TAGS,
  summary: 'Liveness and the services served',
  description:
    'status is "ok", or "degraded" while the data file cannot be written (disk full...): the changes are kept in memory and retried, ' +
    'and `persistence` says why and since when.',
  response: {
    200: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['ok', 'degraded'] },
        version: { type: 'string' },
        services: STRINGS,
        persistence: {
          type: 'object',
          description: 'Only while writes to the data file fail',
          properties: { status: { type: 'string', enum: ['failing'] }, error: { type: 'string' }, since: { type: 'string', format: 'date-time' } },
        },
      },
    },
  },
} as const;

export const resetSchema = {
  tags: TAGS,
  summary: 'Put the state back to the fixtures: everything, or one service / scope',
  description:
    'Without parameters every service goes back to exactly the fixtures. `service` limits the reset to what one service owns ' +
    `(${SERVICE_NAMES.join(', ')}); org and/or sandbox pick Platform scopes, tenant a Target Admin tenant, client a profile client code. ` +
    'Everything else is left as it is. Uploaded files and batch processing of the reset scopes go with them. ' +
    '`set` (alone) puts one tenant set back to how it was created. Created tenant sets are not fixtures: a full reset, or one of ' +
    '`service=ims` (the integrations), removes them with their data.',
  querystring: {
    type: 'object',
    properties: {
      service: { type: 'string', description: `One of ${SERVICE_NAMES.join(', ')}` },
      org: { type: 'string', description: 'IMS org id (Platform scopes)' },
      sandbox: { type: 'string', description: 'Sandbox name (Platform scopes)' },
      tenant: { type: 'string', description: 'Target tenant' },
      client: { type: 'string', description: 'Target client code (profiles)' },
      set: { type: 'string', description: 'A tenant set id (POST /_mock/tenants), alone: the set goes back to how it was created' },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['reset'] },
        scopes: { type: 'array', items: { type: 'string' }, description: 'Scopes reset (partial resets only)' },
      },
    },
    ...sameSchema(controlError, [400, 404]),
  },
} as const;

export const configSchema = {
  tags: TAGS,
  summary: 'The effective configuration (secrets masked)',
  response: { 200: { ...anyObject, description: 'Every resolved option; tokenSecret and controlToken shown as "***" when set, logStream left out' } },
} as const;

export const getClockSchema = { tags: TAGS, summary: "The emulator's clock", response: { 200: clockSchema } } as const;

export const postClockSchema = {
  tags: TAGS,
  summary: 'Move the clock: {"advance": "24h"}, {"set": ISO-8601}, {"freeze": true|false} or {"reset": true}',
  body: {
    type: 'object',
    properties: {
      advance: { type: ['string', 'number'], description: 'A duration such as "24h", "90m", "1d12h", or milliseconds' },
      set: { type: ['string', 'number'], description: 'An ISO-8601 instant or epoch milliseconds' },
      freeze: { type: 'boolean' },
      reset: { type: 'boolean', description: 'Back to real time' },
    },
    additionalProperties: false,
  },
  response: { 200: clockSchema, 400: controlError },
} as const;

const stateDocument = {
  type: 'object',
  required: ['format', 'version', 'scopes'],
  properties: {
    format: { type: 'string', enum: [SNAPSHOT_FORMAT] },
    version: { type: 'integer', enum: [1] },
    exportedAt: { type: 'string', format: 'date-time' },
    emulatorVersion: { type: 'string' },
    scopes: { ...anyObject, description: "Scope key → collection → [[id, object], ...], in the store's order" },
    files: { ...anyObject, description: 'Scope key → batch file id → the uploaded bytes in base64' },
  },
} as const;

export const getStateSchema = {
  tags: TAGS,
  summary: 'Export the whole state as one JSON snapshot (uploaded files inline, base64)',
  description: 'With `set`, only the scopes of that tenant set (for inspection: an import always replaces the whole state).',
  querystring: objectSchema({ set: { type: 'string', description: 'A tenant set id' } }, { additionalProperties: false }),
  response: { 200: stateDocument, ...sameSchema(controlError, [400, 404]) },
} as const;

export const putStateSchema = {
  tags: TAGS,
  summary: 'Replace the whole state by a snapshot from GET /_mock/state',
  description: 'The snapshot is checked completely first: a bad one answers 400 and changes nothing.',
  body: stateDocument,
  response: {
    200: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['imported'] }, scopes: { type: 'integer' }, files: { type: 'integer' } },
    },
    400: controlError,
  },
} as const;

const journalEntry = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    time: { type: 'string', format: 'date-time', description: 'Arrival, wall clock' },
    method: { type: 'string' },
    path: { type: 'string' },
    query: anyObject,
    product: productOrUnknown,
    status: { type: 'integer', description: '0 when a fault dropped the connection' },
    durationMs: { type: 'number' },
    requestHeaders: headerMap,
    responseHeaders: headerMap,
    requestBody: { type: 'string' },
    requestBodyTruncated: { type: 'boolean' },
    requestBodyNote: { type: 'string' },
    responseBody: { type: 'string' },
    responseBodyTruncated: { type: 'boolean' },
    responseBodyNote: { type: 'string' },
    truncated: { type: 'boolean' },
    fault: { type: 'string' },
  },
} as const;

export const listRequestsSchema = {
  tags: TAGS,
  summary: 'The request journal, oldest first, filtered',
  querystring: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'Path prefix' },
      method: { type: 'string' },
      status: { type: 'string', pattern: '^(?:[1-5]\\d\\d|[1-5]xx)$', description: 'Exact status (404) or class (4xx)' },
      since: { type: 'string', description: 'ISO-8601 instant: requests that arrived at or after it' },
      after: { type: 'integer', minimum: 0, description: 'Entries with a greater id (polling)' },
      limit: { type: 'integer', minimum: 1, description: 'At most this many: the first after `after`, else the most recent' },
      set: { type: 'string', description: 'A tenant set id: requests authenticated with its credentials or addressed to its org, tenant or client code' },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        requests: arrayOf(journalEntry),
        total: { type: 'integer', description: 'Entries kept' },
        dropped: { type: 'integer', description: 'Entries evicted so far' },
      },
    },
    ...sameSchema(controlError, [400, 404]),
  },
} as const;

export const clearRequestsSchema = { tags: TAGS, summary: 'Empty the request journal', response: { 204: noContent } } as const;

const faultFields = {
  method: { type: 'string' },
  path: { type: 'string', description: 'Exact path, or a pattern where * matches any run of characters' },
  product: { type: 'string', enum: PRODUCTS },
  status: { type: 'integer', minimum: 200, maximum: 599 },
  body: { description: "Answered as is; without it, the product's error envelope for the status" },
  error: { type: 'string', enum: NAMED_ERROR_NAMES, description: 'A documented error by name' },
  latencyMs: { type: 'integer', minimum: 0, maximum: MAX_LATENCY_MS },
  drop: { type: 'boolean', description: 'Close the connection without an answer' },
  probability: { type: 'number', minimum: 0, maximum: 1 },
  count: { type: 'integer', minimum: 1 },
} as const;

const fault = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    ...faultFields,
    remaining: { type: 'integer', description: 'Applications left (with count)' },
  },
} as const;

export const createFaultSchema = {
  tags: TAGS,
  summary: 'Add a fault: {"method": "GET", "path": "/data/foundation/catalog/dataSets", "status": 500, "count": 1}',
  body: { type: 'object', properties: faultFields },
  response: { 201: fault, 400: controlError },
} as const;

export const listFaultsSchema = {
  tags: TAGS,
  summary: 'The active faults',
  response: { 200: objectSchema({ faults: arrayOf(fault) }) },
} as const;

export const clearFaultsSchema = { tags: TAGS, summary: 'Remove every fault', response: { 204: noContent } } as const;

export const deleteFaultSchema = {
  tags: TAGS,
  summary: 'Remove one fault',
  params: idParams,
  response: { 204: noContent, 404: controlError },
} as const;

const tenantSet = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'The set id: also its Target tenant and Profile client code (`w` + 10 hex digits)' },
    name: { type: 'string' },
    imsOrg: { type: 'string', description: 'Its own IMS org: 24 uppercase hex digits + @AdobeOrg' },
    sandboxes: STRINGS,
    tenant: { type: 'string', description: 'Target Admin tenant (/{tenant}/target/...)' },
    clientCode: { type: 'string', description: 'Target Profile client code (/m2/{client}/..., ?client=)' },
    clientId: { type: 'string', description: 'Client id, also the x-api-key' },
    clientSecret: { type: 'string' },
    technicalAccountId: { type: 'string' },
    fixtures: { type: 'boolean', description: 'The demo fixtures were copied in' },
    created: { type: 'string', format: 'date-time', description: "The emulator's clock" },
  },
} as const;

export const createTenantSchema = {
  tags: TAGS,
  summary: 'Create an isolated tenant set: its own IMS org, sandboxes, Target tenant, Profile client code and credentials',
  description:
    'For parallel test workers sharing one emulator. The credentials are an integration with the approver role (everything allowed). ' +
    "The set starts empty, or with a copy of the demo fixtures (`fixtures: true`: the demo org's Platform objects, the demo tenant's " +
    "Target objects and the demo client code's profiles, ids kept). The global XDM container stays shared. A full reset removes every set.",
  body: objectSchema(
    {
      name: { type: 'string', minLength: 1, maxLength: 200, description: 'Shown as the integration name; the id when absent' },
      fixtures: { type: 'boolean', description: 'Copy the demo fixtures in (default false: empty)' },
    },
    { additionalProperties: false },
  ),
  response: { 201: tenantSet, 400: controlError },
} as const;

export const listTenantsSchema = {
  tags: TAGS,
  summary: 'The created tenant sets, secrets included (the fixture integrations are not sets)',
  response: { 200: objectSchema({ tenants: arrayOf(tenantSet) }) },
} as const;

export const getTenantSchema = {
  tags: TAGS,
  summary: 'One tenant set',
  params: idParams,
  response: { 200: tenantSet, 404: controlError },
} as const;

export const deleteTenantSchema = {
  tags: TAGS,
  summary: 'Drop a tenant set and everything in it',
  description: 'Its scopes in every product, its uploaded files, its batch processing and its credentials: its tokens answer 401 from then on.',
  params: idParams,
  response: { 204: noContent, 404: controlError },
} as const;
