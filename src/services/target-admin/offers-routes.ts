import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import type { ListQuery } from './listing.js';
import { OFFER_VERSIONS, createOffer, deleteOffer, getOffer, listOffers, updateOffer } from './offers-model.js';
import { createOfferSchema, deleteOfferSchema, getOfferSchema, listOffersSchema, updateOfferSchema } from './offers-schemas.js';
import { audienceRoutes } from './audiences-routes.js';
import { propertyRoutes } from './properties-routes.js';

type IdParams = { id: string };

/** Offers (/offers, /offers/content), plus the audiences and properties plugins. */
export const offerAudiencePropertyRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const config = { versions: OFFER_VERSIONS };

  app.get('/offers', { schema: listOffersSchema, config }, (request) =>
    listOffers(ctx, request.target!, request.query as ListQuery),
  );
  app.post('/offers/content', { schema: createOfferSchema, config }, (request) =>
    createOffer(ctx, request.target!, request.body),
  );
  app.get('/offers/content/:id', { schema: getOfferSchema, config }, (request) =>
    getOffer(ctx, request.target!, (request.params as IdParams).id),
  );
  app.put('/offers/content/:id', { schema: updateOfferSchema, config }, (request) =>
    updateOffer(ctx, request.target!, (request.params as IdParams).id, request.body),
  );
  app.delete('/offers/content/:id', { schema: deleteOfferSchema, config }, (request) =>
    deleteOffer(ctx, request.target!, (request.params as IdParams).id),
  );

  await app.register(audienceRoutes, { ctx });
  await app.register(propertyRoutes, { ctx });
};
