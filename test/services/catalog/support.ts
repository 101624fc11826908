import type { LightMyRequestResponse } from 'fastify';
import { DEMO, platformHeaders, startApp, tokenFor, type TestApp } from '../../helpers.js';
import { scopes } from '../../../src/store/store.js';
import { ReferenceSpec } from '../../contract/reference.js';

export const CATALOG = '/data/foundation/catalog';
export const FIXTURE_DATASET = '5c8c3c555033b814b69f947f';
export const LOYALTY_SCHEMA = 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9';
export const LOYALTY_ALT_ID = '_mocktenant.schemas.533ca5da28087c44344810891b0f03d9';

export const catalogSpec = ReferenceSpec.load('catalog.yaml');

/** Platform problem envelope of a 400/404 (the emulator's choice where Catalog documents no body). */
export const problem = (status: 400 | 404, detail: string) => ({
  type: `http://ns.adobe.com/aep/errors/${status === 400 ? 'bad-request' : 'not-found'}`,
  status,
  title: status === 400 ? 'BadRequestError' : 'NotFoundError',
  detail,
});

export interface CatalogClient {
  t: TestApp;
  token: string;
  request(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string | undefined>; sandbox?: string },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function catalogClient(): Promise<CatalogClient> {
  const t = await startApp();
  const token = await tokenFor(t);
  return {
    t,
    token,
    request(method, path, options = {}) {
      const body = options.body;
      const headers = platformHeaders(token, {
        'x-sandbox-name': options.sandbox ?? 'prod',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      });
      return t.inject({
        method: method as 'GET',
        url: `${CATALOG}${path}`,
        headers,
        ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
    },
    close: () => t.close(),
  };
}

/** The demo org's scope in a sandbox, to load objects straight into the store. */
export const demoScope = (sandbox: string) => scopes.platform(DEMO.org, sandbox);
