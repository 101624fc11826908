/** Shared setup of the activities tests: an app, a token and a caller speaking a Target version. */
import assert from 'node:assert/strict';
import { scopes } from '../../../src/store/store.js';
import { DEMO, ISO_INSTANT, UUID, startApp, targetHeaders, tokenFor, type TestApp } from '../../helpers.js';

/** Offers and audiences the activity samples of seed 004 refer to (the offers fixtures hold them too). */
export const SAMPLE_OFFERS = [391903, 391904, 393707, 393708, 395545, 395818, 395819, 395820, 396064, 396065, 396066, 396067, 400546, 400547];
export const SAMPLE_AUDIENCES = [1209736, 1209737, 1209738, 1224696, 1224698, 1224699, 1224700];

export interface Caller {
  t: TestApp;
  token: string;
  call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    options?: { version?: number; body?: unknown; tenant?: string; token?: string; apiKey?: string },
  ): ReturnType<TestApp['inject']>;
  freezeAt(epochMs: number): void;
}

export async function startActivities(): Promise<Caller> {
  const t = await startApp();
  const token = await tokenFor(t);
  const scope = scopes.target(DEMO.tenant);
  const offers = t.ctx.store.collection<{ id: number; name: string }>(scope, 'offers');
  for (const id of SAMPLE_OFFERS) if (!offers.has(id)) offers.put(id, { id, name: `offer ${id}` });
  const audiences = t.ctx.store.collection<{ id: number; name: string }>(scope, 'audiences');
  for (const id of SAMPLE_AUDIENCES) if (!audiences.has(id)) audiences.put(id, { id, name: `audience ${id}` });
  return {
    t,
    token,
    call(method, path, { version = 1, body, tenant = DEMO.tenant, token: bearer = token, apiKey } = {}) {
      const media = `application/vnd.adobe.target.v${version}+json`;
      const headers = targetHeaders(bearer, {
        ...(body === undefined ? { accept: media } : { 'content-type': media }),
        ...(apiKey ? { 'x-api-key': apiKey } : {}),
      });
      return t.inject({ method, url: `/${tenant}/target${path}`, headers, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
    },
    freezeAt(epochMs) {
      t.ctx.clock.freeze();
      t.ctx.clock.set(epochMs);
    },
  };
}

/** Everything of a Target error body but its generated requestId / requestTime. */
export function assertTargetError(response: { statusCode: number; json(): unknown }, status: number, errorCode: string, message: string): void {
  assert.equal(response.statusCode, status);
  const body = response.json() as { requestId: string; requestTime: string };
  const { requestId, requestTime, ...rest } = body;
  assert.match(requestId, UUID);
  assert.match(requestTime, ISO_INSTANT);
  assert.deepEqual(rest, { httpStatus: status, errors: [{ errorCode, message }] });
}

/** A Target timestamp: seconds, no milliseconds. */
export const TARGET_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function without<T extends Record<string, unknown>>(object: T, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}
