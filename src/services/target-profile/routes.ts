import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { profileClientOf } from '../../gateway/profile.js';
import { batchStatusXml, findBatch, submitBatch, type BatchVersion } from './batch-model.js';
import { batchIdMissing, clientMissing, getTooLarge, postTooLarge, profileNotFound, thirdPartyProfileNotFound, XML_TYPE } from './errors.js';
import { afterMboxCall, ProfileStore } from './model.js';
import { MAX_GET_URL_BYTES, MAX_POST_BODY_BYTES, readUpdateParameters, singleUpdate } from './single-update.js';
import {
  batchStatusSchema,
  batchUpdateV1Schema,
  batchUpdateV2Schema,
  fetchByThirdPartyIdSchema,
  fetchByTntIdSchema,
  singleUpdateGetSchema,
  singleUpdatePostSchema,
} from './schemas.js';
import { xmlResponse, type XmlField } from './xml.js';

export const FETCH_PREFIX = '/rest/v1/profiles';

const stores = new WeakMap<AppContext, ProfileStore>();

/** One ProfileStore per emulator, shared by both prefixes. */
export function profileStoreOf(ctx: AppContext): ProfileStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new ProfileStore(ctx);
    stores.set(ctx, store);
  }
  return store;
}

/**
 * Target Profile API on the edge host ({client}.tt.omtrdc.net): registered under both of its
 * prefixes, fetches under /rest/v1/profiles and updates under /m2/{client}.
 */
export const targetProfileRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  if (app.prefix === FETCH_PREFIX) fetchRoutes(app, ctx);
  else updateRoutes(app, ctx);
};

/** The ?client= of a fetch (400 without it). */
function fetchClient(request: FastifyRequest): string {
  const client = profileClientOf(request);
  if (client === undefined) throw clientMissing();
  return client;
}

function fetchRoutes(app: FastifyInstance, ctx: AppContext): void {
  const profiles = profileStoreOf(ctx);
  type Known = ReturnType<ProfileStore['forClient']>;
  /** The profile the lookup finds for the request's client, or that lookup's documented 404. */
  const fetchProfile = (request: FastifyRequest, id: string, lookup: (known: Known, now: number) => Parameters<Known['view']>[0], notFound: (client: string, id: string) => Error) => {
    const client = fetchClient(request);
    const now = ctx.clock.now();
    const known = profiles.forClient(client);
    const profile = lookup(known, now);
    // A fetch stands in for an mbox call: a later v2 upload merges with the pending one again.
    if (profile?.sinceMbox !== undefined) known.save(afterMboxCall(profile));
    const view = known.view(profile, id, now);
    if (!view) throw notFound(client, id);
    return view;
  };

  app.get<{ Params: { tntId: string } }>('/:tntId', { schema: fetchByTntIdSchema }, async (request) => {
    const { tntId } = request.params;
    return fetchProfile(request, tntId, (known, now) => known.byTntId(tntId, now), profileNotFound);
  });

  app.get<{ Params: { thirdPartyId: string } }>('/thirdPartyId/:thirdPartyId', { schema: fetchByThirdPartyIdSchema }, async (request) => {
    const { thirdPartyId } = request.params;
    return fetchProfile(request, thirdPartyId, (known, now) => known.byThirdPartyId(thirdPartyId, now), thirdPartyProfileNotFound);
  });
}

type ClientParams = { Params: { client: string } };

function updateRoutes(app: FastifyInstance, ctx: AppContext): void {
  const profiles = profileStoreOf(ctx);
  // Batch files and update forms are read here, raw, whatever their Content-Type: curl's
  // --data-binary sends application/x-www-form-urlencoded, which the app would otherwise parse.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.get<ClientParams>('/profile/update', { schema: singleUpdateGetSchema }, async (request, reply) => {
    if (Buffer.byteLength(request.url) > MAX_GET_URL_BYTES) throw getTooLarge(MAX_GET_URL_BYTES);
    const fields = singleUpdate(ctx, profiles, request.params.client, readUpdateParameters(queryOf(request)));
    return sendXml(reply, fields);
  });

  app.post<ClientParams>('/profile/update', { schema: singleUpdatePostSchema }, async (request, reply) =>
    whileReading(request, async () => {
      const form = await readSmallBody(bodyOf(request), MAX_POST_BODY_BYTES);
      const fields = singleUpdate(ctx, profiles, request.params.client, readUpdateParameters(queryOf(request), new URLSearchParams(form)));
      return sendXml(reply, fields);
    }),
  );

  const batchUpdate = (version: BatchVersion) => async (request: FastifyRequest<ClientParams>, reply: FastifyReply) =>
    whileReading(request, async () => {
      const { client } = request.params;
      const result = await submitBatch(ctx, profiles, client, version, bodyOf(request), contentLength(request));
      const fields: XmlField[] = [['success', true], ['batchId', result.batchId], ['numRows', result.numRows]];
      if (version === 2) fields.push(['batchStatus', statusUrl(request, client, result.batchId)]);
      const rejected = result.rejected > 0 ? `; ${result.rejected} of ${result.numRows} rows not applied (first: ${result.firstRejection})` : '';
      fields.push(['message', `Batch submitted for processing${version === 1 ? rejected : ''}`]);
      return sendXml(reply, fields);
    });

  app.post<ClientParams>('/profile/batchUpdate', { schema: batchUpdateV1Schema }, batchUpdate(1));
  app.post<ClientParams>('/v2/profile/batchUpdate', { schema: batchUpdateV2Schema }, batchUpdate(2));

  app.get<ClientParams & { Querystring: { batchId?: string } }>('/v2/profile/batchStatus', { schema: batchStatusSchema }, async (request, reply) => {
    const { batchId } = request.query;
    if (typeof batchId !== 'string' || batchId === '') throw batchIdMissing();
    const batch = findBatch(ctx, request.params.client, batchId);
    return reply.type(XML_TYPE).send(Readable.from(batchStatusXml(batch, ctx.clock.now())));
  });
}

function sendXml(reply: FastifyReply, fields: XmlField[]): FastifyReply {
  return reply.type(XML_TYPE).send(xmlResponse(fields));
}

/** The status URL on the host the client called, so it is served by this emulator. */
function statusUrl(request: FastifyRequest, client: string, batchId: string): string {
  return `${request.protocol}://${request.host}/m2/${encodeURIComponent(client)}/v2/profile/batchStatus?batchId=${encodeURIComponent(batchId)}`;
}

/** The raw query string, decoded as URL-encoded UTF-8 (names are case sensitive). */
function queryOf(request: FastifyRequest): URLSearchParams {
  const at = request.url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1));
}

function bodyOf(request: FastifyRequest): Readable {
  return request.body instanceof Readable ? request.body : Readable.from([]);
}

function contentLength(request: FastifyRequest): number | undefined {
  const value = request.headers['content-length'];
  const length = value === undefined ? NaN : Number(value);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

async function readSmallBody(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) throw postTooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs a handler that reads the body; on failure the unread rest is drained so the answer goes out at once. */
async function whileReading(request: FastifyRequest, handler: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await handler();
  } catch (error) {
    if (!request.raw.complete) request.raw.resume();
    throw error;
  }
}
