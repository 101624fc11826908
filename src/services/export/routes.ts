import type { FastifyRequest } from 'fastify';
import { answer } from '../answer.js';
import type { ServicePlugin } from '../typed-routes.js';
import { downloadAnswer } from './download.js';
import {
  batchMeta,
  dataSetFileContent,
  failedFileContent,
  listBatchFiles,
  listDataSetFile,
  listFailedFiles,
  previewDataset,
  type Links,
} from './model.js';
import {
  batchMetaSchema,
  dataSetFileHeadSchema,
  dataSetFileSchema,
  failedFilesSchema,
  listBatchFilesSchema,
  previewSchema,
} from './schemas.js';

/** `?path=` with nothing after it lists, like no path at all. */
const pathOf = (query: { path?: string }) => (query.path === '' ? undefined : query.path);

/** Data Access, /data/foundation/export (platform.adobe.io). */
export const dataAccessRoutes: ServicePlugin = async (app, { ctx }) => {
  /** Links point back at this emulator, on the host and under the prefix the client used. */
  const linksFor = (request: Pick<FastifyRequest, 'protocol' | 'host'>): Links => ({
    url(path, query = {}) {
      const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString();
      return `${request.protocol}://${request.host}${app.prefix}${path}${search ? `?${search}` : ''}`;
    },
  });
  const scopeOf = (request: Pick<FastifyRequest, 'platform'>) => request.platform!.scope;

  app.get('/batches/:batchId/files', { schema: listBatchFilesSchema }, (request) =>
    listBatchFiles(ctx, scopeOf(request), request.params.batchId, request.query, linksFor(request)),
  );

  app.get('/batches/:batchId/failed', { schema: failedFilesSchema }, (request, reply) => {
    const path = pathOf(request.query);
    if (path === undefined) return listFailedFiles(ctx, scopeOf(request), request.params.batchId, request.query, linksFor(request));
    return answer(reply, downloadAnswer(failedFileContent(ctx, scopeOf(request), request.params.batchId, path), request.headers.range, request.method === 'HEAD'));
  });

  app.get('/batches/:batchId/meta', { schema: batchMetaSchema }, (request, reply) => {
    const meta = batchMeta(ctx, scopeOf(request), request.params.batchId, pathOf(request.query), request.query, linksFor(request));
    return meta.kind === 'listing' ? meta.listing : answer(reply, downloadAnswer(meta, request.headers.range, request.method === 'HEAD'));
  });

  app.get('/files/:dataSetFileId', { schema: dataSetFileSchema, exposeHeadRoute: false }, async (request, reply) => {
    const path = pathOf(request.query);
    if (path === undefined) return listDataSetFile(ctx, scopeOf(request), request.params.dataSetFileId, request.query, linksFor(request));
    return answer(reply, downloadAnswer(await dataSetFileContent(ctx, scopeOf(request), request.params.dataSetFileId, path), request.headers.range, request.method === 'HEAD'));
  });

  app.head('/files/:dataSetFileId', { schema: dataSetFileHeadSchema }, async (request, reply) => {
    const content = await dataSetFileContent(ctx, scopeOf(request), request.params.dataSetFileId, request.query.path);
    return answer(reply, downloadAnswer(content, request.headers.range, request.method === 'HEAD'));
  });

  app.get('/datasets/:id/preview', { schema: previewSchema }, (request) => previewDataset(ctx, scopeOf(request), request.params.id));
};
