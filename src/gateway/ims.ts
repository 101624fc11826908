import type { FastifyInstance } from 'fastify';
import { ApiError, type GenericFailure } from '../errors/api-error.js';
import { installErrorHandling, type ProductEnvelope } from './http.js';

/** IMS answers in the OAuth 2.0 error style (RFC 6749 §5.2): {error, error_description}. */
export function imsError(status: number, error: string, description: string): ApiError {
  return new ApiError(status, { error, error_description: description });
}

const OAUTH_CODES: Record<GenericFailure, string> = {
  'bad-request': 'invalid_request',
  unauthorized: 'invalid_client',
  forbidden: 'access_denied',
  'not-found': 'not_found',
  'method-not-allowed': 'invalid_request',
  'request-timeout': 'invalid_request',
  'payload-too-large': 'invalid_request',
  'unsupported-media-type': 'invalid_request',
  'too-many-requests': 'temporarily_unavailable',
  'headers-too-large': 'invalid_request',
  internal: 'server_error',
};

export const imsEnvelope: ProductEnvelope = {
  product: 'ims',
  failure: (kind, message) => ({ error: OAUTH_CODES[kind], error_description: message }),
};

export function installImsGateway(instance: FastifyInstance): void {
  installErrorHandling(instance, imsEnvelope);
}
