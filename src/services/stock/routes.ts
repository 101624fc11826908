import type { FastifyRequest } from 'fastify';
import type { ServicePlugin } from '../typed-routes.js';
import { memberFor } from './model.js';
import { searchFiles } from './search.js';
import { licenseContent, memberProfile } from './licensing.js';
import { contentLicenseSchema, memberProfileSchema, searchFilesSchema } from './schemas.js';

/** Adobe Stock, /Rest on stock.adobe.io (seed 003). The gateway has checked the key and token. */
export const stockRoutes: ServicePlugin = async (app, { ctx }) => {
  /** The member whose token came with the request (permissive tokens of other issuers: an empty plan). */
  const memberOf = (request: FastifyRequest) => {
    const principal = request.principal!;
    return memberFor(ctx, principal.claims?.client_id ?? principal.clientId);
  };
  const signedIn = (request: FastifyRequest) => request.headers.authorization !== undefined && request.principal !== null;

  app.get('/Media/1/Search/Files', { schema: searchFilesSchema, config: { authorization: 'optional' } }, (request) =>
    searchFiles(ctx, request.query, signedIn(request) ? memberOf(request) : null),
  );

  app.get('/Libraries/1/Member/Profile', { schema: memberProfileSchema, config: { authorization: 'required' } }, (request) =>
    memberProfile(ctx, memberOf(request), request.query),
  );

  app.get('/Libraries/1/Content/License', { schema: contentLicenseSchema, config: { authorization: 'required' } }, (request) =>
    licenseContent(ctx, memberOf(request), request.query),
  );
};
