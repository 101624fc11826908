/** Helpers of the batch tests. */
import type { LightMyRequestResponse } from 'fastify';
import { DEMO, startApp, targetHeaders, tokenFor, type TestApp } from '../../helpers.js';

export const BASE = `/${DEMO.tenant}/target`;

export type Result = { operationId: number; skipped: boolean; statusCode?: number; headers?: Array<{ name: string; value: string }>; body?: any };

export interface BatchSession {
  t: TestApp;
  token: string;
  /** POST /batch with the demo integration's headers. */
  batch(payload: unknown, headers?: Record<string, string | undefined>): Promise<LightMyRequestResponse>;
  /** Results keyed by operationId (after asserting a 200). */
  results(payload: unknown): Promise<Map<number, Result>>;
  /** A direct call (version via Accept/Content-Type). */
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, version?: number): Promise<LightMyRequestResponse>;
  /** Offers and activities as a direct list returns them (to prove nothing was executed). */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

export async function batchSession(): Promise<BatchSession> {
  const t = await startApp();
  const token = await tokenFor(t);
  const s: BatchSession = {
    t,
    token,
    batch: (payload, headers = {}) =>
      t.inject({
        method: 'POST',
        url: `${BASE}/batch`,
        headers: targetHeaders(token, { 'content-type': 'application/json', ...headers }),
        payload: JSON.stringify(payload),
      }),
    async results(payload) {
      const response = await s.batch(payload);
      if (response.statusCode !== 200) throw new Error(`batch answered ${response.statusCode}: ${response.body}`);
      const results = (response.json() as { results: Result[] }).results;
      return new Map(results.map((result) => [result.operationId, result]));
    },
    call(method, url, body, version = 1) {
      const type = `application/vnd.adobe.target.v${version}+json`;
      return t.inject({
        method,
        url: `${BASE}${url}`,
        headers: targetHeaders(token, body === undefined ? { accept: type } : { 'content-type': type, accept: type }),
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    },
    async snapshot() {
      const offers = await s.call('GET', '/offers', undefined, 2);
      const activities = await s.call('GET', '/activities', undefined, 3);
      return offers.body + activities.body;
    },
    close: () => t.close(),
  };
  return s;
}

let counter = 0;
/** A content offer body with a unique name. */
export const offer = (label = 'Batch offer') => ({ name: `${label} ${++counter}`, content: `<p>${label} ${counter}</p>` });
