import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors/api-error.js';
import { controlEnvelope } from '../gateway/control.js';
import { parseDuration } from '../store/clock.js';
import { SERVICES } from '../services/registry.js';

const clockState = (ctx: AppContext) => ({ now: ctx.clock.iso(), epochMs: ctx.clock.now(), frozen: ctx.clock.frozen });

const clockSchema = {
  type: 'object',
  properties: { now: { type: 'string' }, epochMs: { type: 'integer' }, frozen: { type: 'boolean' } },
} as const;

function badRequest(message: string): ApiError {
  return new ApiError(400, controlEnvelope.failure('bad-request', message));
}

/** The emulator's own API under /_mock. */
export const controlRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['Emulator control'],
        summary: 'Liveness and the services served',
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string' },
              version: { type: 'string' },
              services: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    async () => ({ status: 'ok', version: ctx.config.version, services: SERVICES.map((service) => service.name) }),
  );

  app.post(
    '/reset',
    {
      schema: {
        tags: ['Emulator control'],
        summary: 'Put every service back to exactly the fixtures',
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    },
    async () => {
      await ctx.reset();
      return { status: 'reset' };
    },
  );

  app.get('/clock', { schema: { tags: ['Emulator control'], summary: "The emulator's clock", response: { 200: clockSchema } } }, async () =>
    clockState(ctx),
  );

  app.post<{ Body: { advance?: string | number; set?: string | number; freeze?: boolean; reset?: boolean } }>(
    '/clock',
    {
      schema: {
        tags: ['Emulator control'],
        summary: 'Move the clock: {"advance": "24h"}, {"set": ISO-8601}, {"freeze": true|false} or {"reset": true}',
        body: {
          type: 'object',
          properties: {
            advance: { type: ['string', 'number'] },
            set: { type: ['string', 'number'] },
            freeze: { type: 'boolean' },
            reset: { type: 'boolean' },
          },
          additionalProperties: false,
        },
        response: { 200: clockSchema },
      },
    },
    async (request) => {
      const body = request.body ?? {};
      if (body.reset) ctx.clock.reset();
      if (body.set !== undefined) {
        const instant = typeof body.set === 'number' ? body.set : Date.parse(body.set);
        if (!Number.isFinite(instant)) throw badRequest(`set must be an ISO-8601 instant or epoch milliseconds, got ${JSON.stringify(body.set)}`);
        ctx.clock.set(instant);
      }
      if (body.advance !== undefined) {
        const ms = parseDuration(body.advance);
        if (ms === null) throw badRequest(`advance must be a duration such as "24h", "90m", "1d12h" or milliseconds, got ${JSON.stringify(body.advance)}`);
        ctx.clock.advance(ms);
      }
      if (body.freeze === true) ctx.clock.freeze();
      if (body.freeze === false) ctx.clock.unfreeze();
      return clockState(ctx);
    },
  );
};
