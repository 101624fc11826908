import type { FastifyInstance, FastifyRequest } from 'fastify';
import { STATUS_OF } from '../errors/api-error.js';
import type { AppContext } from '../context.js';
import { checkAccessToken, isAuthenticationOn } from '../services/target-profile/authentication.js';
import { header, installErrorHandling, type ProductEnvelope } from './http.js';

/**
 * The Target Profile API's edge answers errors as {status, message}, like its documented
 * 404 "No profile found for client <client> with mboxPC=<id>" (seed 004).
 */
export const profileEnvelope: ProductEnvelope = {
  product: 'profile',
  failure: (kind, message) => ({ status: STATUS_OF[kind], message }),
};

/** The client code: the /m2/{client} path segment, else ?client= (fetch URLs). */
export function profileClientOf(request: FastifyRequest): string | undefined {
  const fromPath = (request.params as { client?: string } | undefined)?.client;
  if (fromPath) return fromPath;
  const fromQuery = (request.query as { client?: unknown } | undefined)?.client;
  return typeof fromQuery === 'string' && fromQuery !== '' ? fromQuery : undefined;
}

/**
 * Profiles need no IMS token. When the client code's authentication switch is ON, every request
 * carries a valid profile_api access_token. (A request naming no client is answered 400 by its
 * route: the switch belongs to a client.)
 */
export function installProfileGateway(instance: FastifyInstance, ctx: AppContext): void {
  instance.addHook('onRequest', (request, _reply, done) => {
    if (request.is404) return done();
    try {
      const client = profileClientOf(request);
      if (client !== undefined && isAuthenticationOn(ctx, client)) checkAccessToken(ctx, client, header(request, 'access_token'));
    } catch (error) {
      // Answer at once; the unread body (a batch file) is drained rather than left paused.
      if (!request.raw.complete) request.raw.resume();
      return done(error as Error);
    }
    done();
  });
  installErrorHandling(instance, profileEnvelope);
}
