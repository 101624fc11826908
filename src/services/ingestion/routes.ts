import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { BlobStore } from '../../store/blobs.js';
import { callerOf, COLLECTIONS } from '../platform-objects.js';
import { applyBatchAction, createBatch, parseBatchAction, parseFileAction, type CreateBatchBody } from './model.js';
import { completeLargeFile, fileStatus, initializeLargeFile, putChunk, putFile, type FileTarget } from './uploads.js';
import { batchActionSchema, createBatchSchema, fileActionSchema, headFileSchema, patchFileSchema, putFileSchema } from './schemas.js';
import { previewRoutes } from './preview-routes.js';
import { invalidFilePath } from './errors.js';

type FileParams = { batchId: string; datasetId: string; '*': string };
type ActionQuery = { action?: string };

const FILE_PATH = '/batches/:batchId/datasets/:datasetId/files/*';

/** Batch Ingestion, /data/foundation/import (platform.adobe.io). */
export const ingestionRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const blobs = new BlobStore(ctx.config.blobDir);
  await blobs.removeLeftovers();
  ctx.onReset(async (reset) => {
    if (reset.imported) return; // the import has put the snapshot's files in place already
    if (reset.all) return blobs.clear();
    for (const scope of reset.scopes) {
      if (reset.covers(scope, COLLECTIONS.batchFiles)) await blobs.clearScope(scope);
    }
  });

  // Uploads are streamed: the handler gets the request stream itself, never a buffered body.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  const binary = {
    config: { binaryBody: true },
    // Not enforced on stream bodies (the upload code counts bytes), but documents the ceiling.
    bodyLimit: ctx.config.maxUploadBytes,
  };

  app.post<{ Body: CreateBatchBody }>('/batches', { schema: createBatchSchema }, async (request, reply) => {
    const { org, scope } = request.platform!;
    const batch = createBatch(ctx, scope, org, callerOf(request.principal), request.body);
    return reply.code(201).send(batch);
  });

  app.post<{ Params: { batchId: string }; Querystring: ActionQuery }>(
    '/batches/:batchId',
    { schema: batchActionSchema },
    async (request, reply) => {
      const action = parseBatchAction(request.query.action);
      applyBatchAction(ctx, request.platform!.scope, callerOf(request.principal), request.params.batchId, action);
      return reply.code(200).send();
    },
  );

  app.put<{ Params: FileParams }>(FILE_PATH, { schema: putFileSchema, ...binary }, async (request, reply) =>
    whileReading(request, async () => {
      await putFile(ctx, blobs, targetOf(request), bodyOf(request), contentLength(request));
      return reply.code(200).send();
    }),
  );

  app.patch<{ Params: FileParams }>(FILE_PATH, { schema: patchFileSchema, ...binary }, async (request, reply) =>
    whileReading(request, async () => {
      const range = request.headers['content-range'];
      const file = await putChunk(ctx, blobs, targetOf(request), bodyOf(request), range, contentLength(request));
      return reply.code(200).send(file);
    }),
  );

  app.post<{ Params: FileParams; Querystring: ActionQuery }>(FILE_PATH, { schema: fileActionSchema }, async (request, reply) => {
    const action = parseFileAction(request.query.action);
    const finish = action === 'INITIALIZE' ? initializeLargeFile : completeLargeFile;
    return reply.code(200).send(await finish(ctx, blobs, targetOf(request)));
  });

  app.head<{ Params: FileParams }>(FILE_PATH, { schema: headFileSchema }, async (request, reply) => {
    const { length, ranges } = fileStatus(ctx, targetOf(request));
    if (ranges.length > 0) reply.header('range', `bytes=${ranges.map(({ start, end }) => `${start}-${end}`).join(',')}`);
    return reply.code(200).header('content-length', String(length)).send();
  });

  // `.../files/` with nothing after it: the file name is missing, not the route.
  app.route({
    method: ['PUT', 'PATCH', 'POST', 'HEAD'],
    url: FILE_PATH.slice(0, -2),
    schema: { tags: ['Batch Ingestion'], summary: 'File routes without a file name (always 400)', hide: true },
    ...binary,
    handler: async (request) =>
      whileReading(request, async () => {
        throw invalidFilePath('the file name is empty');
      }),
  });

  await app.register(previewRoutes, { ctx });
};

function targetOf(request: FastifyRequest<{ Params: FileParams }>): FileTarget {
  return {
    scope: request.platform!.scope,
    batchId: request.params.batchId,
    dataSetId: request.params.datasetId,
    filePath: request.params['*'],
  };
}

/** The request stream handed through by the octet-stream parser (an empty body when there was none). */
function bodyOf(request: FastifyRequest): Readable {
  return request.body instanceof Readable ? request.body : Readable.from([]);
}

function contentLength(request: FastifyRequest): number | undefined {
  const value = request.headers['content-length'];
  if (value === undefined) return undefined;
  const length = Number(value);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/**
 * Runs an upload. When it fails before the body was read to its end (refused up front, too
 * large, ...), the rest of the body is pulled off the wire and discarded rather than left
 * paused: the answer goes out at once, and Node's HTTP server closes the connection after it
 * (it does so whenever it answers before a request body is complete).
 */
async function whileReading(request: FastifyRequest, upload: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await upload();
  } catch (error) {
    if (!request.raw.complete) request.raw.resume();
    throw error;
  }
}
