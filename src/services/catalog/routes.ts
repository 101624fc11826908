import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { callerOf } from '../platform-objects.js';
import { runBatchedRequests, type SubRequest } from './batched.js';
import { inProcessDispatch } from './batched-dispatch.js';
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
  type Answer,
  type CallContext,
  type ObjectType,
  type UpdateKind,
} from './model.js';
import { schemas } from './schemas.js';

type Query = Record<string, unknown>;
type IdRequest = FastifyRequest<{ Params: { id: string }; Querystring: Query }>;


/** Catalog Service, /data/foundation/catalog (platform.adobe.io). */
export const catalogRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const call = (request: FastifyRequest): CallContext => ({
    ctx,
    platform: request.platform!,
    caller: callerOf(request.principal),
    dryRun: /\bvalidate-only\b/i.test(String(request.headers.pragma ?? '')),
  });
  const send = (reply: FastifyReply, answer: Answer, status = 200) => {
    if (answer.etag) reply.header('etag', answer.etag);
    if (answer.location) reply.header('location', answer.location);
    return reply.code(status).send(answer.body);
  };
  const ifMatch = (request: FastifyRequest) => {
    const value = request.headers['if-match'];
    return Array.isArray(value) ? value.join(',') : value;
  };
  /** PATCH: JSON Patch by Content-Type (or an array body), otherwise a merge of the given fields. */
  const patchKind = (request: FastifyRequest): UpdateKind => {
    const contentType = String(request.headers['content-type'] ?? '');
    const jsonPatch = /json-patch\+json/i.test(contentType) || Array.isArray(request.body);
    return { kind: jsonPatch ? 'json-patch' : 'merge', body: request.body };
  };
  const list = (type: ObjectType) => (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) =>
    send(reply, listObjects(call(request), type, request.query, request.headers));
  const lookUp = (type: ObjectType) => (request: IdRequest, reply: FastifyReply) =>
    send(reply, getObjects(call(request), type, request.params.id, request.query));
  const replace = (type: ObjectType) => (request: IdRequest, reply: FastifyReply) =>
    send(reply, updateObject(call(request), type, request.params.id, { kind: 'replace', body: request.body }, ifMatch(request)));
  const patch = (type: ObjectType) => (request: IdRequest, reply: FastifyReply) =>
    send(reply, updateObject(call(request), type, request.params.id, patchKind(request), ifMatch(request)));

  // dataSets
  app.get('/dataSets', { schema: schemas.listDataSets }, list('dataSets'));
  app.post('/dataSets', { schema: schemas.createDataSet }, (request, reply) =>
    send(reply, createDataSet(call(request), request.body as Record<string, unknown>), 201));
  app.get('/dataSets/:id', { schema: schemas.getDataSet }, lookUp('dataSets'));
  app.put('/dataSets/:id', { schema: schemas.replaceDataSet }, replace('dataSets'));
  app.patch('/dataSets/:id', { schema: schemas.patchDataSet }, patch('dataSets'));
  app.get<{ Params: { id: string }; Querystring: { batchId?: string } }>('/dataSets/:id/credentials', { schema: schemas.dataSetCredentials }, (request, reply) =>
    send(reply, dataSetCredentials(call(request), request.params.id, request.query.batchId)));
  app.patch('/v2/dataSets/:id', { schema: schemas.patchDataSetV2 }, (request: IdRequest, reply) =>
    send(reply, updateObject(call(request), 'dataSets', request.params.id, { kind: 'deep-merge', body: request.body }, ifMatch(request))));
  app.delete<{ Params: { id: string } }>('/dataSets/:id', { schema: schemas.deleteDataSet }, (request, reply) =>
    send(reply, deleteDataSet(call(request), request.params.id)));

  // batches
  app.get('/batches', { schema: schemas.listBatches }, list('batches'));
  app.post('/batches', { schema: schemas.createBatch }, (request, reply) =>
    send(reply, createBatch(call(request), request.body as Record<string, unknown>), 201));
  app.get<{ Params: { field: string }; Querystring: Query }>('/batches/uniques/:field', { schema: schemas.batchUniques }, (request, reply) =>
    send(reply, batchUniques(call(request), request.params.field, request.query, request.headers)));
  app.get('/batches/:id', { schema: schemas.getBatch }, lookUp('batches'));
  app.post<{ Params: { id: string } }>('/batches/:id', { schema: schemas.createBatchWithId }, (request, reply) =>
    send(reply, createBatch(call(request), request.body as Record<string, unknown>, request.params.id), 201));
  app.put('/batches/:id', { schema: schemas.replaceBatch }, replace('batches'));
  app.patch('/batches/:id', { schema: schemas.patchBatch }, patch('batches'));
  app.delete<{ Params: { id: string } }>('/batches/:id', { schema: schemas.deleteBatch }, (request, reply) =>
    send(reply, deleteBatch(call(request), request.params.id)));

  // dataSetFiles
  app.get('/dataSetFiles', { schema: schemas.listDataSetFiles }, list('dataSetFiles'));
  app.get('/dataSetFiles/:id', { schema: schemas.getDataSetFile }, lookUp('dataSetFiles'));

  // aggregations
  app.get<{ Params: { namespace: string } }>('/tags/:namespace', { schema: schemas.tags }, (request, reply) =>
    send(reply, tagValues(call(request), request.params.namespace)));
  app.get<{ Querystring: Query }>('/lastBatches', { schema: schemas.lastBatches }, (request, reply) =>
    send(reply, lastBatches(call(request), request.query, request.headers)));

  app.get('/', { schema: schemas.serviceRoot }, (_request, reply) => send(reply, serviceRoot()));

  // batched requests: each sub-request goes through these same routes (and the gateway) again
  app.post('/', { schema: schemas.batchedRequests }, async (request, reply) => {
    const dispatch = inProcessDispatch(app, app.prefix, request);
    const platform = request.platform!;
    // 201, the one success status catalog.yaml gives createBatchedRequest
    return reply.code(201).send(await runBatchedRequests(ctx, platform.scope, request.body as SubRequest[], dispatch));
  });

  // any other object type (accounts, connections, dataSetViews, typos...) is not served here
  app.get<{ Params: { objectType: string } }>('/:objectType', { schema: schemas.unknownType }, (request) => {
    throw unknownObjectType(request.params.objectType, OBJECT_TYPES);
  });
};
