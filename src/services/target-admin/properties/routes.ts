import type { ServicePlugin } from '../../typed-routes.js';
import { getProperty, listProperties } from './model.js';
import { getPropertySchema, listPropertiesSchema } from './schemas.js';

/** Properties: /properties and /properties/{id} (v1, as the samples). */
export const propertyRoutes: ServicePlugin = async (app, { ctx }) => {
  const config = { versions: [1] };

  app.get('/properties', { schema: listPropertiesSchema, config }, (request) => listProperties(ctx, request.target!, request.query));
  app.get('/properties/:id', { schema: getPropertySchema, config }, (request) => getProperty(ctx, request.target!, request.params.id));
};
