import type { ServicePlugin } from '../../typed-routes.js';
import { AUDIENCE_VERSIONS, createAudience, deleteAudience, getAudience, listAudiences, updateAudience } from './model.js';
import { createAudienceSchema, deleteAudienceSchema, getAudienceSchema, listAudiencesSchema, updateAudienceSchema } from './schemas.js';

/** Audiences: /audiences and /audiences/{id}. */
export const audienceRoutes: ServicePlugin = async (app, { ctx }) => {
  const config = { versions: AUDIENCE_VERSIONS };

  app.get('/audiences', { schema: listAudiencesSchema, config }, (request) => listAudiences(ctx, request.target!, request.query));
  app.post('/audiences', { schema: createAudienceSchema, config }, (request) => createAudience(ctx, request.target!, request.body));
  app.get('/audiences/:id', { schema: getAudienceSchema, config }, (request) => getAudience(ctx, request.target!, request.params.id));
  app.put('/audiences/:id', { schema: updateAudienceSchema, config }, (request) =>
    updateAudience(ctx, request.target!, request.params.id, request.body),
  );
  app.delete('/audiences/:id', { schema: deleteAudienceSchema, config }, (request) => deleteAudience(ctx, request.target!, request.params.id));
};
