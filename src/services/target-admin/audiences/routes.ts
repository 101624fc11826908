import type { ServicePlugin } from '../../typed-routes.js';
import { AUDIENCE_VERSIONS, createAudience, deleteAudience, getAudience, listAudiences, updateAudience } from './model.js';
import { listAudiencesSchema, audienceSchemas } from './schemas.js';

/** Audiences: /audiences and /audiences/{id}. */
export const audienceRoutes: ServicePlugin = async (app, { ctx }) => {
  const config = { versions: AUDIENCE_VERSIONS };

  app.get('/audiences', { schema: listAudiencesSchema, config }, (request) => listAudiences(ctx, request.target!, request.query));
  app.post('/audiences', { schema: audienceSchemas.create, config }, (request) => createAudience(ctx, request.target!, request.body));
  app.get('/audiences/:id', { schema: audienceSchemas.get, config }, (request) => getAudience(ctx, request.target!, request.params.id));
  app.put('/audiences/:id', { schema: audienceSchemas.update, config }, (request) =>
    updateAudience(ctx, request.target!, request.params.id, request.body),
  );
  app.delete('/audiences/:id', { schema: audienceSchemas.delete, config }, (request) => deleteAudience(ctx, request.target!, request.params.id));
};
