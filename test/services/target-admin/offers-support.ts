/** Helpers shared by the offers, audiences and properties tests. */
import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { scopes } from '../../../src/store/store.js';
import { ACTIVITIES } from '../../../src/services/target-admin/shared/references.js';
import { DEMO, ISO_INSTANT, UUID, startApp, targetHeaders, tokenFor, type TestApp } from '../../helpers.js';

export const BASE = `/${DEMO.tenant}/target`;
export const v = (n: number) => `application/vnd.adobe.target.v${n}+json`;

/** The exact seed 002 envelope, requestId and requestTime checked by pattern only. */
export function assertTargetError(response: LightMyRequestResponse, status: number, errorCode: string, message: string): void {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json() as { requestId: string; requestTime: string };
  const { requestId, requestTime, ...rest } = body;
  assert.match(requestId, UUID);
  assert.match(requestTime, ISO_INSTANT);
  assert.deepEqual(Object.keys(body), ['httpStatus', 'requestId', 'requestTime', 'errors']);
  assert.deepEqual(rest, { httpStatus: status, errors: [{ errorCode, message }] });
}

export interface Session {
  t: TestApp;
  token: string;
  /** GET/DELETE with Accept, POST/PUT with Content-Type, as seed 002 says. */
  call(method: InjectOptions['method'], url: string, options?: { version?: number | string; body?: unknown; headers?: Record<string, string | undefined> }): Promise<LightMyRequestResponse>;
  /** Freezes the emulator clock at an instant (to replay samples' timestamps). */
  at(iso: string): void;
  /** Stores an activity (as the activities API would) in the demo tenant. */
  putActivity(activity: Record<string, unknown> & { id: number }): void;
  /** Removes the fixture activities, so a test controls every reference to offers and audiences. */
  withoutFixtureActivities(): void;
  close(): Promise<void>;
}

export async function session(): Promise<Session> {
  const t = await startApp();
  const token = await tokenFor(t);
  return {
    t,
    token,
    call(method, url, options = {}) {
      const version = options.version ?? 1;
      const media = typeof version === 'number' ? v(version) : version;
      const payloadMethod = method === 'POST' || method === 'PUT';
      const headers: Record<string, string | undefined> = { 'cache-control': 'no-cache', ...(payloadMethod ? { 'content-type': media } : { accept: media }), ...options.headers };
      return t.inject({
        method,
        url: url.startsWith('/') && !url.startsWith(BASE) && !url.startsWith('/othertenant') ? `${BASE}${url}` : url,
        headers: targetHeaders(token, headers),
        payload: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    },
    at(iso) {
      t.ctx.clock.freeze();
      t.ctx.clock.set(Date.parse(iso));
    },
    putActivity(activity) {
      t.ctx.store.collection(scopes.target(DEMO.tenant), ACTIVITIES).put(activity.id, activity);
    },
    withoutFixtureActivities() {
      const activities = t.ctx.store.collection(scopes.target(DEMO.tenant), ACTIVITIES);
      for (const [id] of [...activities.entries()]) activities.delete(id);
    },
    close: () => t.close(),
  };
}
