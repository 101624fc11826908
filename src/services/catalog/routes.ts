import type { FastifyRequest } from 'fastify';
import { answer } from '../answer.js';
import { callerOf } from '../platform-objects.js';
import type { ServicePlugin } from '../typed-routes.js';
import { inProcessDispatch } from './batched-dispatch.js';
import { runBatchedRequests } from './batched.js';
import { unknownObjectType } from './errors.js';
import {
  OBJECT_TYPES,
  batchUniques,
  createBatch,
  createDataSet,
  dataSetCredentials,
  deleteBatch,
  deleteDataSet,
  getObjects,
  lastBatches,
  listObjects,
  serviceRoot,
  tagValues,
  updateObject,
  type CallContext,
  type UpdateKind,
} from './model.js';
import { schemas } from './schemas.js';

type PlatformRequest = Pick<FastifyRequest, 'platform' | 'principal' | 'headers'>;

/** If-Match as one text: several headers join into one list. */
function ifMatchOf(request: PlatformRequest): string | undefined {
  const value = request.headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
}

/** PATCH: JSON Patch by Content-Type (or an array body), otherwise a merge of the given fields. */
function patchKind(request: PlatformRequest, body: unknown): UpdateKind {
  const contentType = String(request.headers['content-type'] ?? '');
  const jsonPatch = /json-patch\+json/i.test(contentType) || Array.isArray(body);
  return { kind: jsonPatch ? 'json-patch' : 'merge', body };
}

/** Catalog Service, /data/foundation/catalog (platform.adobe.io). */
export const catalogRoutes: ServicePlugin = async (app, { ctx }) => {
  const call = (request: PlatformRequest): CallContext => ({
    ctx,
    platform: request.platform!,
    caller: callerOf(request.principal),
    dryRun: /\bvalidate-only\b/i.test(String(request.headers.pragma ?? '')),
  });

  // dataSets
  app.get('/dataSets', { schema: schemas.listDataSets }, (request, reply) =>
    answer(reply, listObjects(call(request), 'dataSets', request.query, request.headers)),
  );
  app.post('/dataSets', { schema: schemas.createDataSet }, (request, reply) => answer(reply, createDataSet(call(request), request.body)));
  app.get('/dataSets/:id', { schema: schemas.getDataSet }, (request, reply) =>
    answer(reply, getObjects(call(request), 'dataSets', request.params.id, request.query)),
  );
  app.put('/dataSets/:id', { schema: schemas.replaceDataSet }, (request, reply) =>
    answer(reply, updateObject(call(request), 'dataSets', request.params.id, { kind: 'replace', body: request.body }, ifMatchOf(request))),
  );
  app.patch('/dataSets/:id', { schema: schemas.patchDataSet }, (request, reply) =>
    answer(reply, updateObject(call(request), 'dataSets', request.params.id, patchKind(request, request.body), ifMatchOf(request))),
  );
  app.get('/dataSets/:id/credentials', { schema: schemas.dataSetCredentials }, (request) =>
    dataSetCredentials(call(request), request.params.id, request.query.batchId),
  );
  app.patch('/v2/dataSets/:id', { schema: schemas.patchDataSetV2 }, (request, reply) =>
    answer(reply, updateObject(call(request), 'dataSets', request.params.id, { kind: 'deep-merge', body: request.body }, ifMatchOf(request))),
  );
  app.delete('/dataSets/:id', { schema: schemas.deleteDataSet }, (request) => deleteDataSet(call(request), request.params.id));

  // batches
  app.get('/batches', { schema: schemas.listBatches }, (request, reply) =>
    answer(reply, listObjects(call(request), 'batches', request.query, request.headers)),
  );
  app.post('/batches', { schema: schemas.createBatch }, (request, reply) => answer(reply, createBatch(call(request), request.body)));
  app.get('/batches/uniques/:field', { schema: schemas.batchUniques }, (request) =>
    batchUniques(call(request), request.params.field, request.query, request.headers),
  );
  app.get('/batches/:id', { schema: schemas.getBatch }, (request, reply) =>
    answer(reply, getObjects(call(request), 'batches', request.params.id, request.query)),
  );
  app.post('/batches/:id', { schema: schemas.createBatchWithId }, (request, reply) =>
    answer(reply, createBatch(call(request), request.body, request.params.id)),
  );
  app.put('/batches/:id', { schema: schemas.replaceBatch }, (request, reply) =>
    answer(reply, updateObject(call(request), 'batches', request.params.id, { kind: 'replace', body: request.body }, ifMatchOf(request))),
  );
  app.patch('/batches/:id', { schema: schemas.patchBatch }, (request, reply) =>
    answer(reply, updateObject(call(request), 'batches', request.params.id, patchKind(request, request.body), ifMatchOf(request))),
  );
  app.delete('/batches/:id', { schema: schemas.deleteBatch }, (request) => deleteBatch(call(request), request.params.id));

  // dataSetFiles
  app.get('/dataSetFiles', { schema: schemas.listDataSetFiles }, (request, reply) =>
    answer(reply, listObjects(call(request), 'dataSetFiles', request.query, request.headers)),
  );
  app.get('/dataSetFiles/:id', { schema: schemas.getDataSetFile }, (request, reply) =>
    answer(reply, getObjects(call(request), 'dataSetFiles', request.params.id, request.query)),
  );

  // aggregations
  app.get('/tags/:namespace', { schema: schemas.tags }, (request) => tagValues(call(request), request.params.namespace));
  app.get('/lastBatches', { schema: schemas.lastBatches }, (request) => lastBatches(call(request), request.query, request.headers));

  app.get('/', { schema: schemas.serviceRoot }, () => serviceRoot());

  // batched requests: each sub-request goes through these same routes (and the gateway) again
  app.post('/', { schema: schemas.batchedRequests }, async (request, reply) =>
    answer(reply, await runBatchedRequests(ctx, request.platform!.scope, request.body, inProcessDispatch(app, app.prefix, request))),
  );

  // any other object type (accounts, connections, dataSetViews, typos...) is not served here
  app.get('/:objectType', { schema: schemas.unknownType }, (request) => {
    throw unknownObjectType(request.params.objectType, OBJECT_TYPES);
  });
};
