/**
 * Typed routes: a route's JSON Schemas (written `as const`) type its request — params, query,
 * body and headers — so handlers read `request.params.id` without casts. Replies stay untyped on
 * purpose: a handler returns what its model answers, and the response schema (fast-json-stringify)
 * shapes what goes on the wire.
 *
 *   export const offerRoutes: ServicePlugin = async (app, { ctx }) => {
 *     app.get('/offers/content/:id', { schema: getOfferSchema }, (request) => getOffer(ctx, request.target!, request.params.id));
 *   };
 */
import type { FastifyPluginAsync, FastifyTypeProvider } from 'fastify';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { AppContext } from '../context.js';

export interface RequestSchemaProvider extends FastifyTypeProvider {
  readonly validator: this['schema'] extends JSONSchema ? FromSchema<this['schema']> : unknown;
  readonly serializer: unknown;
}

/** A service's routes plugin: request types come from the route schemas. */
export type ServicePlugin = FastifyPluginAsync<{ ctx: AppContext }, import('fastify').RawServerDefault, RequestSchemaProvider>;
