import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { answer } from '../answer.js';
import type { ServicePlugin } from '../typed-routes.js';
import { batchStatus, batchUpdate } from './batch-model.js';
import { fetchByThirdPartyId, fetchByTntId } from './fetch.js';
import { profileStoreOf, type ProfileStore } from './model.js';
import { updateFromForm, updateFromUrl } from './single-update.js';
import {
  batchStatusSchema,
  batchUpdateV1Schema,
  batchUpdateV2Schema,
  fetchByThirdPartyIdSchema,
  fetchByTntIdSchema,
  singleUpdateGetSchema,
  singleUpdatePostSchema,
} from './schemas.js';

export const FETCH_PREFIX = '/rest/v1/profiles';

/** The app a ServicePlugin is given: its routes are typed from their schemas. */
type ServiceApp = Parameters<ServicePlugin>[0];

/**
 * Target Profile API on the edge host ({client}.tt.omtrdc.net): registered under both of its
 * prefixes, fetches under /rest/v1/profiles and updates under /m2/{client}.
 */
export const targetProfileRoutes: ServicePlugin = async (app, { ctx }) => {
  const profiles = profileStoreOf(ctx);
  if (app.prefix === FETCH_PREFIX) fetchRoutes(app, ctx, profiles);
  else updateRoutes(app, ctx, profiles);
};

function fetchRoutes(app: ServiceApp, ctx: AppContext, profiles: ProfileStore): void {
  app.get('/:tntId', { schema: fetchByTntIdSchema }, async (request) =>
    fetchByTntId(ctx, profiles, request.query.client, request.params.tntId),
  );

  app.get('/thirdPartyId/:thirdPartyId', { schema: fetchByThirdPartyIdSchema }, async (request) =>
    fetchByThirdPartyId(ctx, profiles, request.query.client, request.params.thirdPartyId),
  );
}

function updateRoutes(app: ServiceApp, ctx: AppContext, profiles: ProfileStore): void {
  // Batch files and update forms are read here, raw, whatever their Content-Type: curl's
  // --data-binary sends application/x-www-form-urlencoded, which the app would otherwise parse.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.get('/profile/update', { schema: singleUpdateGetSchema }, async (request, reply) =>
    answer(reply, updateFromUrl(ctx, profiles, request.params.client, request.url)),
  );

  app.post('/profile/update', { schema: singleUpdatePostSchema }, async (request, reply) =>
    whileReading(request, async () => answer(reply, await updateFromForm(ctx, profiles, request.params.client, request.url, bodyOf(request)))),
  );

  for (const [url, version, schema] of [
    ['/profile/batchUpdate', 1, batchUpdateV1Schema],
    ['/v2/profile/batchUpdate', 2, batchUpdateV2Schema],
  ] as const) {
    app.post(url, { schema }, async (request, reply) =>
      whileReading(request, async () => {
        const upload = { client: request.params.client, version, body: bodyOf(request), declaredLength: contentLength(request) };
        return answer(reply, await batchUpdate(ctx, profiles, upload, `${request.protocol}://${request.host}`));
      }),
    );
  }

  app.get('/v2/profile/batchStatus', { schema: batchStatusSchema }, async (request, reply) =>
    answer(reply, batchStatus(ctx, request.params.client, request.query.batchId)),
  );
}

/** The raw body: the catch-all parser above hands it over as a stream. */
function bodyOf(request: FastifyRequest): Readable {
  return request.body instanceof Readable ? request.body : Readable.from([]);
}

function contentLength(request: FastifyRequest): number | undefined {
  const value = request.headers['content-length'];
  const length = value === undefined ? NaN : Number(value);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/** Runs a handler that reads the body; on failure the unread rest is drained so the answer goes out at once. */
async function whileReading<T>(request: FastifyRequest, handler: () => Promise<T>): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    if (!request.raw.complete) request.raw.resume();
    throw error;
  }
}
