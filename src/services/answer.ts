/**
 * The one way a route answers with more than a 200 body. Models stay free of HTTP: those that
 * need a status, an ETag or a Location return an `Answer`, and the route hands it to `answer()`.
 * Routes whose answer is a plain 200 body simply return the model's value.
 */
import type { FastifyReply } from 'fastify';

export interface Answer<Body = unknown> {
  body: Body;
  /** 200 when absent. */
  status?: number;
  headers?: Record<string, string>;
}

export function answer(reply: FastifyReply, { body, status = 200, headers }: Answer): FastifyReply {
  if (headers) reply.headers(headers);
  return reply.code(status).send(body);
}
