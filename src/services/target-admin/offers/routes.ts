import type { ServicePlugin } from '../../typed-routes.js';
import { OFFER_VERSIONS, createOffer, deleteOffer, getOffer, listOffers, updateOffer } from './model.js';
import { listOffersSchema, offerSchemas } from './schemas.js';

/** Content offers: /offers and /offers/content[/{id}]. */
export const offerRoutes: ServicePlugin = async (app, { ctx }) => {
  const config = { versions: OFFER_VERSIONS };

  app.get('/offers', { schema: listOffersSchema, config }, (request) => listOffers(ctx, request.target!, request.query));
  app.post('/offers/content', { schema: offerSchemas.create, config }, (request) => createOffer(ctx, request.target!, request.body));
  app.get('/offers/content/:id', { schema: offerSchemas.get, config }, (request) => getOffer(ctx, request.target!, request.params.id));
  app.put('/offers/content/:id', { schema: offerSchemas.update, config }, (request) =>
    updateOffer(ctx, request.target!, request.params.id, request.body),
  );
  app.delete('/offers/content/:id', { schema: offerSchemas.delete, config }, (request) => deleteOffer(ctx, request.target!, request.params.id));
};
