import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import type { ListQuery } from './listing.js';
import { AUDIENCE_VERSIONS, createAudience, deleteAudience, getAudience, listAudiences, updateAudience } from './audiences-model.js';
import {
  createAudienceSchema,
  deleteAudienceSchema,
  getAudienceSchema,
  listAudiencesSchema,
  updateAudienceSchema,
} from './audiences-schemas.js';

type IdParams = { id: string };

/** Audiences: /audiences and /audiences/{id}. */
export const audienceRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const config = { versions: AUDIENCE_VERSIONS };

  app.get('/audiences', { schema: listAudiencesSchema, config }, (request) =>
    listAudiences(ctx, request.target!, request.query as ListQuery),
  );
  app.post('/audiences', { schema: createAudienceSchema, config }, (request) =>
    createAudience(ctx, request.target!, request.body),
  );
  app.get('/audiences/:id', { schema: getAudienceSchema, config }, (request) =>
    getAudience(ctx, request.target!, (request.params as IdParams).id),
  );
  app.put('/audiences/:id', { schema: updateAudienceSchema, config }, (request) =>
    updateAudience(ctx, request.target!, (request.params as IdParams).id, request.body),
  );
  app.delete('/audiences/:id', { schema: deleteAudienceSchema, config }, (request) =>
    deleteAudience(ctx, request.target!, (request.params as IdParams).id),
  );
};
