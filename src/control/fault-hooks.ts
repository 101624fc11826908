import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { STATUS_OF, type GenericFailure } from '../errors/api-error.js';
import { envelopeForUrl, productForUrl } from '../services/registry.js';
import { NAMED_ERRORS } from './fault-errors.js';
import type { Fault, FaultRegistry } from './faults.js';
import { isEmulatorOwn, urlPath } from './own-paths.js';

/** Told of each dropped request (the journal records it: no onResponse hook runs for it). */
export type DropListener = (request: FastifyRequest, reply: FastifyReply) => void;

/**
 * A root-level onRequest hook, so faults reach every product route, unknown paths and the
 * operations Target /batch dispatches through the app. It runs before the gateways: a fault
 * answers even a request without credentials. With no fault defined it costs one comparison.
 */
export function installFaults(app: FastifyInstance, ctx: AppContext, faults: FaultRegistry, onDrop: DropListener): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (faults.size === 0 || isEmulatorOwn(request.url)) return done();
    const url = request.url;
    const fault = faults.take({
      method: request.method,
      path: urlPath(url),
      product: () => productForUrl(url),
    });
    if (!fault) return done();
    request.mockFault = fault.id;
    applyFault(ctx, fault, request, reply, onDrop).then(
      (handled) => {
        if (!handled) done();
      },
      (error: unknown) => done(error as Error),
    );
  });
}

/** Applies the effect; false when the request should go on as usual (a delay alone). */
async function applyFault(ctx: AppContext, fault: Fault, request: FastifyRequest, reply: FastifyReply, onDrop: DropListener): Promise<boolean> {
  if (fault.latencyMs) await sleep(fault.latencyMs);
  if (fault.drop) {
    drop(request, reply);
    onDrop(request, reply);
    return true;
  }
  if (fault.error !== undefined) {
    const named = NAMED_ERRORS.get(fault.error)!;
    reply.code(named.status).send(named.body(ctx));
    return true;
  }
  if (fault.status !== undefined) {
    reply.code(fault.status).send(fault.body !== undefined ? fault.body : envelopeBody(ctx, fault, request));
    return true;
  }
  return false;
}

/**
 * Closes the connection without an answer. Destroying the response destroys the socket of a real
 * connection; for an in-process request (inject, as Target /batch dispatches its operations) it
 * ends the request with an error instead of leaving it pending forever.
 */
function drop(request: FastifyRequest, reply: FastifyReply): void {
  request.mockDropped = true;
  reply.hijack();
  reply.raw.destroy();
}

/** The product's own error body for the fault's status (no body for 2xx and 3xx). */
function envelopeBody(ctx: AppContext, fault: Fault, request: FastifyRequest): unknown {
  const status = fault.status!;
  if (status < 400) return undefined;
  const kind = kindOf(status);
  const body = envelopeForUrl(ctx, request.url).failure(kind, `Fault ${fault.id} injected by the emulator: HTTP ${status}`, request);
  return withStatus(body, STATUS_OF[kind], status);
}

function kindOf(status: number): GenericFailure {
  const exact = (Object.keys(STATUS_OF) as GenericFailure[]).find((kind) => STATUS_OF[kind] === status);
  if (exact) return exact;
  return status >= 500 ? 'internal' : 'bad-request';
}

/** Envelopes carry the status they were built for (`status`, `httpStatus`, `error_code`...): make it the fault's. */
function withStatus(body: unknown, built: number, status: number): unknown {
  if (built === status || typeof body !== 'object' || body === null) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const [key, value] of Object.entries(out)) {
    if (value === built) out[key] = status;
    else if (value === String(built)) out[key] = String(status);
  }
  return out;
}
