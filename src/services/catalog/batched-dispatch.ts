/**
 * How a Catalog batched sub-request is sent: in-process through the app's own routes
 * (src/gateway/in-process.ts), so it passes the gateway, validation and the journal exactly like a
 * single call. It inherits its parent call's identity headers; its own framing headers are ignored.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConnectionDropped, clientPath, dispatchInProcess, FRAMING_HEADERS } from '../../gateway/in-process.js';
import { platformEnvelope } from '../../gateway/platform.js';
import type { Dispatch } from './batched.js';

/** Headers a batched sub-request inherits from its parent call (who, which org and sandbox). */
const INHERITED = ['authorization', 'x-api-key', 'x-gw-ims-org-id', 'x-sandbox-name'];

/** Sends sub-requests of `parent` to the routes under `base` (the Catalog prefix). */
export function inProcessDispatch(app: FastifyInstance, base: string, parent: FastifyRequest): Dispatch {
  const inherited: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = parent.headers[name];
    if (typeof value === 'string') inherited[name] = value;
  }
  return async ({ method, resource, body, headers }) => {
    const own = Object.fromEntries(
      Object.entries(headers)
        .map(([name, value]) => [name.toLowerCase(), String(value)])
        .filter(([name]) => !FRAMING_HEADERS.has(name!)),
    );
    const hasBody = body !== undefined && method !== 'GET' && method !== 'DELETE';
    const contentType = Array.isArray(body) && method === 'PATCH' ? 'application/json-patch+json' : 'application/json';
    let response: Awaited<ReturnType<typeof dispatchInProcess>>;
    try {
      response = await dispatchInProcess(
        app,
        {
          method,
          url: clientPath(`${base}${resource}`),
          headers: { ...own, ...inherited, ...(hasBody ? { 'content-type': own['content-type'] ?? contentType } : {}) },
          ...(hasBody ? { payload: JSON.stringify(body) } : {}),
        },
        { headers: 'as given' },
      );
    } catch (error) {
      if (!(error instanceof ConnectionDropped)) throw error;
      // An injected `drop` fault: that sub-request alone fails, as a Target /batch operation does.
      return {
        code: 502,
        body: { ...(platformEnvelope.failure('internal', 'The sub-request ended without an answer (its connection was closed)') as object), status: 502 },
      };
    }
    let parsed: unknown = null;
    if (response.body !== '') {
      try {
        parsed = JSON.parse(response.body);
      } catch {
        parsed = response.body;
      }
    }
    return { code: response.statusCode, body: parsed };
  };
}
