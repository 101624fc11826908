import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.js';
import type { ResolvedConfig } from '../config.js';
import { ApiError } from '../errors/api-error.js';
import { controlEnvelope } from '../gateway/control.js';
import { parseDuration } from '../store/clock.js';
import { SERVICES } from '../services/registry.js';
import { resetParts, ResetQueryError, type ResetQuery } from './reset-scope.js';
import { setNamed } from './tenant-routes.js';
import type { TenantSets } from './tenant-sets.js';
import { configSchema, getClockSchema, healthSchema, postClockSchema, resetSchema } from './schemas.js';

const RESET_PARAMETERS = new Set(['service', 'org', 'sandbox', 'tenant', 'client', 'set']);

/** The clock as GET /_mock/clock answers it (the dashboard inlines it in its first page too). */
export const clockState = (ctx: AppContext) => ({ now: ctx.clock.iso(), epochMs: ctx.clock.now(), frozen: ctx.clock.frozen });

export function badRequest(message: string): ApiError {
  return new ApiError(400, controlEnvelope.failure('bad-request', message));
}

export function notFound(message: string): ApiError {
  return new ApiError(404, controlEnvelope.failure('not-found', message));
}

/** The configuration as GET /_mock/config shows it: the token secret and the control token masked, the log stream left out. */
export function publicConfig(config: ResolvedConfig): Record<string, unknown> {
  const { logStream: _logStream, tokenSecret, controlToken, ...shown } = config;
  return { ...shown, tokenSecret: tokenSecret === null ? null : '***', controlToken: controlToken === null ? null : '***' };
}

/** Health, reset, clock and configuration: the emulator's own API under /_mock. */
export const controlRoutes: FastifyPluginAsync<{ ctx: AppContext; sets: TenantSets }> = async (app, { ctx, sets }) => {
  // Plain JSON.stringify: the health check answers before the response-schema compiler is ever
  // loaded (src/serialization.ts), which keeps start-up-to-healthy short.
  const services = SERVICES.map((service) => service.name);
  app.get('/health', { schema: healthSchema, serializerCompiler: () => (data) => JSON.stringify(data) }, async () => {
    const persistence = ctx.persistence?.health() ?? null;
    if (persistence) return { status: 'degraded', version: ctx.config.version, services, persistence };
    return { status: 'ok', version: ctx.config.version, services };
  });

  app.post<{ Querystring: ResetQuery & { set?: string } }>('/reset', { schema: resetSchema }, async (request) => {
    // A misspelt parameter must not turn a partial reset into a full one.
    const names = [...new URLSearchParams(request.url.split('?')[1] ?? '').keys()];
    const unknown = names.filter((name) => !RESET_PARAMETERS.has(name));
    if (unknown.length > 0) throw badRequest(`Unknown parameter(s): ${unknown.join(', ')}; a reset takes ${[...RESET_PARAMETERS].join(', ')}`);
    const { set: setId, ...query } = request.query ?? {};
    if (setId !== undefined) {
      if (names.some((name) => name !== 'set')) throw badRequest('set cannot be combined with other parameters: it resets the whole tenant set');
      const set = setNamed(sets, setId);
      const setScopes = sets.scopesOf(set);
      await ctx.state.resetParts(setScopes.map((scope) => ({ scope, includes: () => true })));
      return { status: 'reset', scopes: setScopes };
    }
    let parts: ReturnType<typeof resetParts>;
    try {
      parts = resetParts(query, ctx.state.knownScopes());
    } catch (error) {
      if (error instanceof ResetQueryError) throw badRequest(error.message);
      throw error;
    }
    if (parts === null) {
      await ctx.reset();
      return { status: 'reset' };
    }
    // The integrations go back to the fixtures': created sets are not among them, so they go, with their data.
    if (parts.some((part) => part.scope === 'ims')) await sets.deleteAll();
    await ctx.state.resetParts(parts);
    return { status: 'reset', scopes: parts.map((part) => part.scope) };
  });

  app.get('/config', { schema: configSchema }, async () => publicConfig(ctx.config));

  app.get('/clock', { schema: getClockSchema }, async () => clockState(ctx));

  app.post<{ Body: { advance?: string | number; set?: string | number; freeze?: boolean; reset?: boolean } }>(
    '/clock',
    { schema: postClockSchema },
    async (request) => {
      const body = request.body ?? {};
      // Everything is checked before anything moves, so a bad request leaves the clock alone.
      const instant = body.set === undefined ? undefined : typeof body.set === 'number' ? body.set : Date.parse(body.set);
      if (instant !== undefined && !Number.isFinite(instant)) {
        throw badRequest(`set must be an ISO-8601 instant or epoch milliseconds, got ${JSON.stringify(body.set)}`);
      }
      const ms = body.advance === undefined ? undefined : parseDuration(body.advance);
      if (ms === null) throw badRequest(`advance must be a duration such as "24h", "90m", "1d12h" or milliseconds, got ${JSON.stringify(body.advance)}`);
      if (body.reset) ctx.clock.reset();
      // Frozen before it is set: freezing a running clock after set() could catch it a millisecond later.
      if (body.freeze === true) ctx.clock.freeze();
      if (instant !== undefined) ctx.clock.set(instant);
      if (ms !== undefined) ctx.clock.advance(ms);
      if (body.freeze === false) ctx.clock.unfreeze();
      return clockState(ctx);
    },
  );
};
