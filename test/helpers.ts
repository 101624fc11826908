import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server.js';
import type { MockOptions } from '../src/config.js';
import type { AppContext } from '../src/context.js';

export const DEMO = {
  clientId: 'adobe-mock-client',
  clientSecret: 'adobe-mock-secret',
  org: '0123456789ABCDEF01234567@AdobeOrg',
  tenant: 'mocktenant',
} as const;

export const OTHER = {
  clientId: 'adobe-mock-client-2',
  clientSecret: 'adobe-mock-secret-2',
  org: 'FEDCBA9876543210FEDCBA98@AdobeOrg',
  tenant: 'othertenant',
} as const;

/** The demo org's read-only integration: Target role viewer, on the demo tenant. */
export const VIEWER = {
  clientId: 'adobe-mock-viewer',
  clientSecret: 'adobe-mock-viewer-secret',
  org: DEMO.org,
  tenant: DEMO.tenant,
} as const;

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** An in-process emulator with the bundled fixtures; logging off unless asked for. */
export async function startApp(options: MockOptions = {}): Promise<TestApp> {
  const { app, ctx } = await buildApp({ logLevel: 'silent', ...options });
  await app.ready();
  return { app, ctx, inject: (o) => app.inject(o), close: () => app.close() };
}

export async function tokenFor(t: TestApp, credentials: { clientId: string; clientSecret: string } = DEMO): Promise<string> {
  const response = await t.inject({
    method: 'POST',
    url: '/ims/token/v3',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=client_credentials&client_id=${credentials.clientId}&client_secret=${credentials.clientSecret}`,
  });
  if (response.statusCode !== 200) throw new Error(`token request failed: ${response.body}`);
  return (response.json() as { access_token: string }).access_token;
}

/** The headers every Platform call needs (seed 000), for the demo integration unless told otherwise. */
export function platformHeaders(token: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    authorization: `Bearer ${token}`,
    'x-api-key': DEMO.clientId,
    'x-gw-ims-org-id': DEMO.org,
    'x-sandbox-name': 'prod',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function targetHeaders(token: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    authorization: `Bearer ${token}`,
    'x-api-key': DEMO.clientId,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
