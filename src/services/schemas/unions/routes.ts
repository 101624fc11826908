import type { ServicePlugin } from '../../typed-routes.js';
import { listUnions, lookupUnion } from './model.js';
import { listUnionsSchema, lookupUnionSchema } from './schemas.js';

/** Schema Registry unions, /data/foundation/schemaregistry/tenant/unions (help/xdm/api/unions.md). Read-only. */
export const unionRoutes: ServicePlugin = async (app, { ctx }) => {
  app.get('/tenant/unions', { schema: listUnionsSchema }, (request) => listUnions(ctx, request.platform!.scope, request.headers.accept, request.query));
  app.get('/tenant/unions/:id', { schema: lookupUnionSchema }, (request) =>
    lookupUnion(ctx, request.platform!.scope, request.params.id, request.headers.accept),
  );
};
