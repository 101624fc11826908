import type { ServicePlugin } from '../../typed-routes.js';
import { listMboxes, mboxParameters, profileAttributes } from './model.js';
import { mboxesSchema, mboxParametersSchema, profileAttributesSchema } from './schemas.js';

export const MBOX_VERSIONS = [1];

/** Mboxes, mbox parameters, profile attributes. */
export const mboxRoutes: ServicePlugin = async (app, { ctx }) => {
  const config = { versions: MBOX_VERSIONS };

  app.get('/mboxes', { schema: mboxesSchema, config }, (request) => listMboxes(ctx, request.target!, request.query));
  app.get('/mbox/:mboxName', { schema: mboxParametersSchema, config }, (request) =>
    mboxParameters(ctx, request.target!, request.params.mboxName),
  );
  app.get('/profileattributes/mbox', { schema: profileAttributesSchema, config }, (request) => profileAttributes(ctx, request.target!));
};
