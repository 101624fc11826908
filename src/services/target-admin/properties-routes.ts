import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import type { ListQuery } from './listing.js';
import { getProperty, listProperties } from './properties-model.js';
import { getPropertySchema, listPropertiesSchema } from './properties-schemas.js';

/** Properties: /properties and /properties/{id} (v1, as the samples). */
export const propertyRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const config = { versions: [1] };

  app.get('/properties', { schema: listPropertiesSchema, config }, (request) =>
    listProperties(ctx, request.target!, request.query as ListQuery),
  );
  app.get('/properties/:id', { schema: getPropertySchema, config }, (request) =>
    getProperty(ctx, request.target!, (request.params as { id: string }).id),
  );
};
