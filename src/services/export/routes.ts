import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  batchMeta,
  dataSetFileContent,
  failedFileContent,
  listBatchFiles,
  listDataSetFile,
  listFailedFiles,
  previewDataset,
  type Download,
  type Links,
  type PageRequest,
} from './model.js';
import { parseRange } from './range.js';
import { rangeNotSatisfiable } from './errors.js';
import {
  batchMetaSchema,
  dataSetFileHeadSchema,
  dataSetFileSchema,
  failedFilesSchema,
  listBatchFilesSchema,
  previewSchema,
} from './schemas.js';

type BatchRequest = FastifyRequest<{ Params: { batchId: string }; Querystring: PageRequest & { path?: string } }>;
type FileRequest = FastifyRequest<{ Params: { dataSetFileId: string }; Querystring: PageRequest & { path?: string } }>;

/** Data Access, /data/foundation/export (platform.adobe.io). */
export const dataAccessRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  /** Links point back at this emulator, on the host and under the prefix the client used. */
  const linksFor = (request: FastifyRequest): Links => ({
    url(path, query = {}) {
      const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString();
      return `${request.protocol}://${request.host}${app.prefix}${path}${search ? `?${search}` : ''}`;
    },
  });
  const scopeOf = (request: FastifyRequest) => request.platform!.scope;
  const pathOf = (query: { path?: string }) => (query.path === '' ? undefined : query.path);

  app.get('/batches/:batchId/files', { schema: listBatchFilesSchema }, (request: BatchRequest) =>
    listBatchFiles(ctx, scopeOf(request), request.params.batchId, request.query, linksFor(request)),
  );

  app.get('/batches/:batchId/failed', { schema: failedFilesSchema }, (request: BatchRequest, reply) => {
    const path = pathOf(request.query);
    if (path === undefined) return listFailedFiles(ctx, scopeOf(request), request.params.batchId, request.query, linksFor(request));
    return sendDownload(request, reply, failedFileContent(ctx, scopeOf(request), request.params.batchId, path));
  });

  app.get('/batches/:batchId/meta', { schema: batchMetaSchema }, (request: BatchRequest, reply) => {
    const answer = batchMeta(ctx, scopeOf(request), request.params.batchId, pathOf(request.query), request.query, linksFor(request));
    return answer.kind === 'listing' ? answer.listing : sendDownload(request, reply, answer);
  });

  app.get('/files/:dataSetFileId', { schema: dataSetFileSchema, exposeHeadRoute: false }, async (request: FileRequest, reply) => {
    const path = pathOf(request.query);
    if (path === undefined) return listDataSetFile(ctx, scopeOf(request), request.params.dataSetFileId, request.query, linksFor(request));
    return sendDownload(request, reply, await dataSetFileContent(ctx, scopeOf(request), request.params.dataSetFileId, path));
  });

  app.head('/files/:dataSetFileId', { schema: dataSetFileHeadSchema }, async (request: FileRequest, reply) => {
    const content = await dataSetFileContent(ctx, scopeOf(request), request.params.dataSetFileId, request.query.path ?? '');
    return sendDownload(request, reply, content);
  });

  app.get('/datasets/:id/preview', { schema: previewSchema }, (request: FastifyRequest<{ Params: { id: string } }>) =>
    previewDataset(ctx, scopeOf(request), request.params.id),
  );
};

/**
 * Sends a file: `application/octet-stream`, `Accept-Ranges: bytes`, the exact length, and one
 * byte range when the Range header asks for it (206 + Content-Range; 416 when it cannot be met).
 * Files on disk are streamed, never read whole. HEAD gets the same headers without the body.
 */
function sendDownload(request: FastifyRequest, reply: FastifyReply, content: Download): FastifyReply {
  const bytes = content.kind === 'text' ? Buffer.from(content.text) : undefined;
  const size = content.kind === 'disk' ? content.size : bytes!.length;
  const rangeHeader = request.headers.range;
  const wanted = parseRange(rangeHeader, size);
  if (wanted.kind === 'unsatisfiable') throw rangeNotSatisfiable(rangeHeader ?? '', size);

  const { start, end } = wanted.kind === 'partial' ? wanted.range : { start: 0, end: size - 1 };
  reply.header('content-type', 'application/octet-stream').header('accept-ranges', 'bytes').header('content-length', String(end - start + 1));
  if (wanted.kind === 'partial') reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
  if (request.method === 'HEAD' || size === 0) return reply.send();
  if (content.kind === 'disk') return reply.send(createReadStream(content.absolutePath, { start, end }));
  return reply.send(bytes!.subarray(start, end + 1));
}
