import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { answer } from '../answer.js';
import type { ServicePlugin } from '../typed-routes.js';
import { BlobStore } from '../../store/blobs.js';
import { callerOf, COLLECTIONS } from '../platform-objects.js';
import { applyBatchAction, createBatch, EMPTY_OK, parseBatchAction, parseFileAction } from './model.js';
import { completeLargeFile, fileStatus, initializeLargeFile, putChunk, putFile, type FileTarget } from './uploads.js';
import { batchActionSchema, createBatchSchema, fileActionSchema, headFileSchema, patchFileSchema, putFileSchema } from './schemas.js';
import { previewRoutes } from './preview-routes.js';
import { invalidFilePath } from './errors.js';

/** What the file routes read of a request (params as typed by fileParams). */
type FileRequest = Pick<FastifyRequest, 'platform' | 'headers' | 'body' | 'raw'> & { params: { batchId: string; datasetId: string; '*'?: string } };

const FILE_PATH = '/batches/:batchId/datasets/:datasetId/files/*';

/** Batch Ingestion, /data/foundation/import (platform.adobe.io). */
export const ingestionRoutes: ServicePlugin = async (app, { ctx }) => {
  const blobs = new BlobStore(ctx.config.blobDir);
  await blobs.removeLeftovers();
  ctx.onReset(async (reset) => {
    if (reset.imported) return; // the import has put the snapshot's files in place already
    if (reset.all) return blobs.clear();
    for (const scope of reset.scopes) {
      if (reset.covers(scope, COLLECTIONS.batchFiles)) blobs.clearScope(scope);
    }
    if (reset.removed) await blobs.deleted();
  });
  app.addHook('onClose', () => blobs.deleted());

  // Uploads are streamed: the handler gets the request stream itself, never a buffered body.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  const binary = {
    config: { binaryBody: true },
    // Not enforced on stream bodies (the upload code counts bytes), but documents the ceiling.
    bodyLimit: ctx.config.maxUploadBytes,
  };

  app.post('/batches', { schema: createBatchSchema }, async (request, reply) => {
    const { org, scope } = request.platform!;
    return answer(reply, createBatch(ctx, scope, org, callerOf(request.principal), request.body));
  });

  app.post('/batches/:batchId', { schema: batchActionSchema }, async (request, reply) => {
    const action = parseBatchAction(request.query.action);
    applyBatchAction(ctx, request.platform!.scope, callerOf(request.principal), request.params.batchId, action);
    return answer(reply, EMPTY_OK);
  });

  app.put(FILE_PATH, { schema: putFileSchema, ...binary }, async (request, reply) =>
    whileReading(request, async () => {
      await putFile(ctx, blobs, targetOf(request), bodyOf(request), contentLength(request));
      return answer(reply, EMPTY_OK);
    }),
  );

  app.patch(FILE_PATH, { schema: patchFileSchema, ...binary }, async (request) =>
    whileReading(request, async () => {
      const range = request.headers['content-range'];
      return putChunk(ctx, blobs, targetOf(request), bodyOf(request), range, contentLength(request));
    }),
  );

  app.post(FILE_PATH, { schema: fileActionSchema }, async (request) => {
    const action = parseFileAction(request.query.action);
    const finish = action === 'INITIALIZE' ? initializeLargeFile : completeLargeFile;
    return finish(ctx, blobs, targetOf(request));
  });

  app.head(FILE_PATH, { schema: headFileSchema }, async (request, reply) => answer(reply, fileStatus(ctx, targetOf(request))));

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

function targetOf(request: FileRequest): FileTarget {
  return {
    scope: request.platform!.scope,
    batchId: request.params.batchId,
    dataSetId: request.params.datasetId,
    // the router always sets the wildcard of FILE_PATH (an empty name is checked by the model)
    filePath: request.params['*'] ?? '',
  };
}

/** The request stream handed through by the octet-stream parser (an empty body when there was none). */
function bodyOf(request: Pick<FastifyRequest, 'body'>): Readable {
  return request.body instanceof Readable ? request.body : Readable.from([]);
}

function contentLength(request: Pick<FastifyRequest, 'headers'>): number | undefined {
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
async function whileReading<T>(request: Pick<FastifyRequest, 'raw'>, upload: () => Promise<T>): Promise<T> {
  try {
    return await upload();
  } catch (error) {
    if (!request.raw.complete) request.raw.resume();
    throw error;
  }
}
