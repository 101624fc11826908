/**
 * Property-based fuzzing of every documented route (issue 8): random and malformed bodies,
 * wrong types, huge strings, deep nesting, unicode, random query strings and headers.
 *
 * Invariants for every request: no 5xx, an answer in bounded time, a 4xx body in the product's
 * envelope, and no state change from any rejected request (the store announces every change).
 * Seeded and bounded; `FUZZ_RUNS` / `FUZZ_SEED` override the defaults.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { buildApp } from '../../src/server.js';
import { envelopeForUrl } from '../../src/services/registry.js';
import type { AppContext } from '../../src/context.js';
import { DEMO, OTHER, platformHeaders, targetHeaders, tokenFor, type TestApp } from '../helpers.js';
import { assertInEnvelope } from './envelopes.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const TIME_LIMIT_MS = 45_000;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Route {
  method: Uppercase<(typeof METHODS)[number]>;
  template: string;
}

/** Control routes that legitimately change the world (reset, clock, state, faults): sent only invalid bodies. */
const CONTROL_MUTATION = /^\/_mock\//;

/** Path parameter values: plausible ids, fixture ids, hostile segments. */
const pathValue = fc.oneof(
  fc.constantFrom(
    'mocktenant',
    'othertenant',
    '391769',
    '100001',
    '1',
    '0',
    '-1',
    '99999999999999999999',
    'abc',
    '..',
    '%2e%2e',
    '%00',
    '%',
    'é',
    '💥',
    'a%2Fb',
    ' ',
  ),
  fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent),
  fc.stringMatching(/^[0-9a-f]{24}$/),
  fc.integer({ min: 1, max: 2_000_000 }).map(String),
);

const queryKey = fc.oneof(
  fc.constantFrom(
    'limit',
    'offset',
    'start',
    'orderBy',
    'sortBy',
    'properties',
    'name',
    'id',
    'state',
    'client',
    'action',
    'path',
    'scope',
    'search_parameters[words]',
    'mboxPC',
    'profile.a',
  ),
  fc.string({ minLength: 1, maxLength: 10 }),
);
const queryValue = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1',
    '20',
    '101',
    'NaN',
    'desc:created',
    'asc:',
    '!x',
    'a,b',
    '2020-01-01T00:00:00Z/2030-01-01T00:00:00Z',
    'true',
    'COMPLETE',
    'profile_api',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 2000, maxLength: 4000 }),
);
const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 5 })
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`));

/** A document nested `depth` levels deep, written as text (no recursion). */
function nested(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += i % 2 === 0 ? '[' : '{"a":';
    close = (i % 2 === 0 ? ']' : '}') + close;
  }
  return `${open}"deep"${close}`;
}

/** Body text: valid JSON of any shape, broken JSON, huge and deeply nested documents. */
const jsonBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ name: value, content: value, operations: value, fileType: value, schema: value })),
  fc.constantFrom(
    '{',
    '[',
    '{"a":',
    'null',
    'true',
    '"text"',
    '1e999',
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '\u0000',
    '',
  ),
  fc.integer({ min: 50, max: 5000 }).map(nested),
  fc.integer({ min: 10_000, max: 200_000 }).map((size) => JSON.stringify({ name: 'x'.repeat(size) })),
  fc.string({ maxLength: 200 }),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/vnd.adobe.target.v1+json',
  'application/vnd.adobe.target.v3+json',
  'application/json-patch+json',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'text/plain',
  'multipart/form-data; boundary=x',
  undefined,
);
const accept = fc.constantFrom(
  undefined,
  'application/json',
  'application/vnd.adobe.target.v2+json',
  'application/vnd.adobe.xed+json; version=1',
  'text/html',
  '*/*',
  'x/y',
);
const extraHeaderName = fc.constantFrom(
  'x-sandbox-name',
  'x-gw-ims-org-id',
  'x-api-key',
  'authorization',
  'if-match',
  'content-range',
  'access_token',
  'x-request-id',
  'range',
  'pragma',
  'x-anything',
);
const extraHeaderValue = fc.oneof(
  fc.constantFrom('', 'prod', 'Bearer x', 'bytes=0-1', 'bytes 0-1/2', '*', 'validate-only', '"1"'),
  fc.stringMatching(/^[\x20-\x7e]{0,60}$/),
);
/** Which credentials: the demo integration's, another tenant's/org's, or none. */
const credentials = fc.constantFrom('demo', 'demo', 'demo', 'other', 'none');

describe('fuzzing every route: no 5xx, product envelope, nothing changed by a rejection', () => {
  let t: TestApp;
  let ctx: AppContext;
  let routes: Route[];
  const tokens: Record<string, string> = {};
  const counts = { requests: 0, rejected: 0, byStatus: new Map<number, number>() };

  before(async () => {
    const built = await buildApp({ logLevel: 'silent', processingDelayMs: 10 });
    await built.app.ready();
    t = { app: built.app, ctx: built.ctx, inject: (o) => built.app.inject(o), close: () => built.app.close() };
    ctx = built.ctx;
    tokens.demo = await tokenFor(t);
    tokens.other = await tokenFor(t, OTHER);
    const document = (await built.docs.document()) as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(document.paths).flatMap(([template, operations]) =>
      METHODS.filter((method) => operations[method] !== undefined).map((method) => ({ method: method.toUpperCase() as Route['method'], template })),
    );
  });
  after(() => t.close());

  test(`${RUNS} seeded random requests over every documented route`, async () => {
    assert.ok(routes.length > 50, `only ${routes.length} routes documented`);
    let changes = 0;
    const stop = ctx.store.onChange(() => (changes += 1));
    const routeArbitrary = fc.constantFrom(...routes);
    const request = fc.record({
      route: routeArbitrary,
      params: fc.array(pathValue, { minLength: 6, maxLength: 6 }),
      ownTenant: fc.boolean(),
      query,
      body: jsonBody,
      contentType,
      accept,
      credentials,
      extra: fc.array(fc.tuple(extraHeaderName, extraHeaderValue), { maxLength: 3 }),
    });

    const failures: string[] = [];
    const result = await fc.check(
      fc.asyncProperty(request, async (input) => {
        let index = 0;
        // Tenant and client code are the demo's half of the time, so requests get past the gateway.
        const path = input.route.template.replace(/\{([^}]+)\}/g, (_, name: string) =>
          input.ownTenant && (name === 'tenant' || name === 'client') ? DEMO.tenant : input.params[index++ % input.params.length]!,
        );
        const url = path + input.query;
        const mutatesControl = CONTROL_MUTATION.test(path) && input.route.method !== 'GET';
        const headers: Record<string, string> =
          input.credentials === 'none'
            ? {}
            : input.credentials === 'demo'
              ? platformHeaders(tokens.demo!)
              : { ...platformHeaders(tokens.other!), 'x-gw-ims-org-id': OTHER.org, 'x-api-key': OTHER.clientId };
        if (path.includes('/target') && input.credentials === 'demo') Object.assign(headers, targetHeaders(tokens.demo!));
        for (const [name, value] of input.extra) headers[name] = value;
        if (input.contentType) headers['content-type'] = input.contentType;
        if (input.accept) headers.accept = input.accept;
        const hasBody = input.route.method !== 'GET' && input.route.method !== 'DELETE';
        // The control plane's mutations only get bodies that cannot be valid (not an object).
        const payload = mutatesControl ? '{"broken": ' : input.body;
        if (mutatesControl) headers['content-type'] = 'application/json';

        const before = changes;
        const options: InjectOptions = { method: input.route.method, url, headers, ...(hasBody || input.body === '' ? { payload } : {}) };
        const response = await withTimeout(t.inject(options), 10_000, `${options.method} ${url}`);
        counts.requests += 1;
        counts.byStatus.set(response.statusCode, (counts.byStatus.get(response.statusCode) ?? 0) + 1);

        const where = `${options.method} ${url.slice(0, 200)} (content-type ${input.contentType}, accept ${input.accept}) → ${response.statusCode} ${response.body.slice(0, 300)}`;
        try {
          assert.ok(response.statusCode < 500, `5xx: ${where}`);
          if (response.statusCode >= 400) {
            counts.rejected += 1;
            assert.equal(changes, before, `a rejected request changed the state: ${where}`);
            // Judged on the URL as sent: inject (like any WHATWG URL client) resolves dot segments first.
            const sent = new URL(url, 'http://localhost');
            assertInEnvelope(envelopeForUrl(ctx, sent.pathname + sent.search).product, options.method!, response, where);
          }
          assert.equal(({} as Record<string, unknown>).polluted, undefined, `prototype polluted by ${where}`);
        } catch (error) {
          failures.push((error as Error).message.split('\n')[0]!);
          throw error;
        }
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, endOnFailure: true },
    );
    assert.ok(!result.failed, `fuzzing failed (seed ${SEED}, path ${result.counterexamplePath}): ${failures[0]}`);
    stop();
    const statuses = [...counts.byStatus]
      .sort((a, b) => a[0] - b[0])
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    console.log(`fuzz: ${counts.requests} requests over ${routes.length} routes (seed ${SEED}), ${counts.rejected} rejected; ${statuses}`);
    assert.ok(counts.requests >= Math.min(RUNS, 500), `only ${counts.requests} requests ran in the time limit`);
  });
});

function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${label}`)), ms);
    }),
  ]);
}
