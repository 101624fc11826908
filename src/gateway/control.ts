import type { FastifyInstance } from 'fastify';
import { STATUS_OF } from '../errors/api-error.js';
import { installErrorHandling, type ProductEnvelope } from './http.js';

/** The emulator's own API (/_mock) and everything outside the product prefixes. */
export const controlEnvelope: ProductEnvelope = {
  product: 'control',
  failure: (kind, message) => ({ statusCode: STATUS_OF[kind], error: kind, message }),
};

export function installControlErrors(instance: FastifyInstance): void {
  installErrorHandling(instance, controlEnvelope);
}
