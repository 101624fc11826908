/** JSON Schema of POST /authentication/token. */
import { INTEGER, STRING, objectSchema, openObject } from '../../schema-builders.js';
import { routeSchema, tenantParams } from '../shared/schema-builders.js';

export const authenticationTokenSchema = routeSchema('Generate a profile_api or debug_tools authentication token', {
  params: tenantParams,
  description:
    'scope=profile_api issues a token for the authenticated Profile API (sent there as the access_token header); scope=debug_tools one for mboxTrace. A missing or other scope is a 400 Request.Invalid naming the accepted scopes.',
  // The scope is checked by the model (so the 400 names it exactly), not by the schema.
  querystring: openObject({ scope: { type: 'string', description: 'profile_api or debug_tools' } }),
  response: { 200: objectSchema({ accessToken: STRING, tokenType: STRING, scope: STRING, expiresIn: INTEGER }) },
});
