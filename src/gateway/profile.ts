import type { FastifyInstance } from 'fastify';
import { STATUS_OF } from '../errors/api-error.js';
import { installErrorHandling, type ProductEnvelope } from './http.js';

/**
 * The Target Profile API's edge answers errors as {status, message}, like its documented
 * 404 "No profile found for client <client> with mboxPC=<id>" (seed 004).
 */
export const profileEnvelope: ProductEnvelope = {
  product: 'profile',
  failure: (kind, message) => ({ status: STATUS_OF[kind], message }),
};

/** Profiles need no IMS token; the per-client access_token switch is checked by the profile service. */
export function installProfileGateway(instance: FastifyInstance): void {
  installErrorHandling(instance, profileEnvelope);
}
