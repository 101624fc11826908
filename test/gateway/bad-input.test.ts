import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { FastifyPluginAsync, InjectOptions } from 'fastify';
import { buildApp } from '../../src/server.js';
import { registerService, type Product } from '../../src/services/registry.js';
import type { AppContext } from '../../src/context.js';
import { DEMO, platformHeaders, targetHeaders, tokenFor, type TestApp } from '../helpers.js';

/** A throwaway service, registered behind a real product gateway, to provoke each generic failure. */
const probeRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (instance) => {
  instance.post(
    '/echo',
    { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
    async (request) => request.body,
  );
  instance.get('/boom', async () => {
    throw new Error('a bug in a handler');
  });
};

interface ProductCase {
  product: Product;
  prefix: string;
  headers(token: string): Record<string, string>;
  /** The envelope of a generic failure, minus generated fields. */
  envelope(status: number, message: string): unknown;
  /** Drops generated fields (Target's requestId and requestTime) before comparing. */
  strip?(body: Record<string, unknown>): unknown;
}

const PLATFORM_TITLES: Record<number, [string, string]> = {
  400: ['bad-request', 'BadRequestError'],
  404: ['not-found', 'NotFoundError'],
  413: ['payload-too-large', 'PayloadTooLargeError'],
  500: ['internal', 'InternalServerError'],
};
const TARGET_CODES: Record<number, string> = { 400: 'Request.Invalid', 404: 'Resource.NotFound', 413: 'Request.TooLarge', 500: 'Server.Error' };
const OAUTH_CODES: Record<number, string> = { 400: 'invalid_request', 404: 'not_found', 413: 'invalid_request', 500: 'server_error' };

const CASES: ProductCase[] = [
  {
    product: 'platform',
    prefix: '/data/foundation/probe',
    headers: (token) => platformHeaders(token),
    envelope: (status, message) => ({
      type: `http://ns.adobe.com/aep/errors/${PLATFORM_TITLES[status][0]}`,
      status,
      title: PLATFORM_TITLES[status][1],
      detail: message,
    }),
  },
  {
    product: 'target',
    prefix: '/:tenant/target/probe',
    headers: (token) => targetHeaders(token),
    envelope: (status, message) => ({ httpStatus: status, errors: [{ errorCode: TARGET_CODES[status], message }] }),
    strip: ({ requestId: _id, requestTime: _time, ...rest }) => rest,
  },
  {
    product: 'stock',
    prefix: '/Rest/probe',
    headers: () => ({ 'x-api-key': DEMO.clientId }),
    envelope: (status, message) => ({ error_code: String(status), message }),
  },
  {
    product: 'profile',
    prefix: '/rest/v1/profiles/probe',
    headers: () => ({}),
    envelope: (status, message) => ({ status, message }),
  },
  {
    product: 'ims',
    prefix: '/ims/probe',
    headers: () => ({}),
    envelope: (status, message) => ({ error: OAUTH_CODES[status], error_description: message }),
  },
];

const urlOf = (c: ProductCase, path: string) => c.prefix.replace(':tenant', DEMO.tenant) + path;

describe('bad input answers in each product envelope and never crashes', () => {
  let t: TestApp;
  let token: string;
  const logLines: string[] = [];

  before(async () => {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const { app, ctx } = await buildApp({ logLevel: 'error', logStream, bodyLimit: 1024 });
    for (const c of CASES) {
      await registerService(app, ctx, { name: `probe-${c.product}`, product: c.product, prefixes: [c.prefix], routes: probeRoutes });
    }
    app.get('/_mock/probe/boom', async () => {
      throw new Error('a bug in a control handler');
    });
    await app.ready();
    t = { app, ctx, inject: (o: InjectOptions) => app.inject(o), close: () => app.close() };
    token = await tokenFor(t);
  });
  after(() => t.close());

  function assertEnvelope(c: ProductCase, response: { statusCode: number; json(): unknown }, status: number, message: string) {
    assert.equal(response.statusCode, status);
    const body = response.json() as Record<string, unknown>;
    assert.deepEqual(c.strip ? c.strip(body) : body, c.envelope(status, message));
  }

  for (const c of CASES) {
    describe(c.product, () => {
      test('well-formed input passes (the probe itself works)', async () => {
        const response = await t.inject({
          method: 'POST',
          url: urlOf(c, '/echo'),
          headers: { ...c.headers(token), 'content-type': 'application/json' },
          payload: '{"name":"ok"}',
        });
        assert.equal(response.statusCode, 200);
        assert.deepEqual(response.json(), { name: 'ok' });
      });

      test('malformed JSON → 400', async () => {
        const response = await t.inject({
          method: 'POST',
          url: urlOf(c, '/echo'),
          headers: { ...c.headers(token), 'content-type': 'application/json' },
          payload: '{"name": "unterminated',
        });
        assertEnvelope(c, response, 400, 'The request body is not valid JSON');
      });

      test('a body that breaks the route schema → 400 naming the problem', async () => {
        const response = await t.inject({
          method: 'POST',
          url: urlOf(c, '/echo'),
          headers: { ...c.headers(token), 'content-type': 'application/json' },
          payload: '{"name": 42, "other": true}',
        });
        assertEnvelope(c, response, 400, 'Invalid request: body/name must be string');
      });

      test('an oversized body → 413 with a JSON body', async () => {
        const response = await t.inject({
          method: 'POST',
          url: urlOf(c, '/echo'),
          headers: { ...c.headers(token), 'content-type': 'application/json' },
          payload: JSON.stringify({ name: 'x'.repeat(2048) }),
        });
        assert.match(String(response.headers['content-type']), /^application\/json/);
        assertEnvelope(c, response, 413, 'The request body is larger than this endpoint accepts');
      });

      test('a thrown bug → 500 in the envelope, logged, and the server keeps serving', async () => {
        const before = logLines.length;
        const response = await t.inject({ method: 'GET', url: urlOf(c, '/boom'), headers: c.headers(token) });
        assertEnvelope(c, response, 500, 'An unexpected error occurred in the emulator; details are in its log');
        const logged = logLines.slice(before).map((line) => JSON.parse(line) as { level: number; err?: { message: string } });
        assert.ok(
          logged.some((entry) => entry.level >= 50 && entry.err?.message === 'a bug in a handler'),
          'the error is logged',
        );
        const again = await t.inject({ method: 'GET', url: '/_mock/health' });
        assert.equal(again.statusCode, 200);
      });

      test('an unknown route → 404', async () => {
        const response = await t.inject({ method: 'GET', url: urlOf(c, '/no-such-route'), headers: c.headers(token) });
        assertEnvelope(c, response, 404, `No route for GET ${urlOf(c, '/no-such-route')}`);
      });
    });
  }

  describe('control plane and paths outside every product', () => {
    test('a thrown bug under /_mock → 500 {statusCode, error, message}', async () => {
      const response = await t.inject({ method: 'GET', url: '/_mock/probe/boom' });
      assert.equal(response.statusCode, 500);
      assert.deepEqual(response.json(), {
        statusCode: 500,
        error: 'internal',
        message: 'An unexpected error occurred in the emulator; details are in its log',
      });
    });

    test('unknown paths → 404 {statusCode, error, message}', async () => {
      for (const url of ['/nowhere', '/_mock/nothing-here']) {
        const response = await t.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 404);
        assert.deepEqual(response.json(), { statusCode: 404, error: 'not-found', message: `No route for GET ${url}` });
      }
    });

    test('malformed JSON to a control route → 400', async () => {
      const response = await t.inject({ method: 'POST', url: '/_mock/clock', headers: { 'content-type': 'application/json' }, payload: '{' });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(response.json(), { statusCode: 400, error: 'bad-request', message: 'The request body is not valid JSON' });
    });
  });

  test('a malformed %-escape in the URL → 400 in the envelope of the product the URL belongs to', async () => {
    const detail = (url: string) => `The request URL is malformed: '${url}' is not a valid url component`;
    const platform = await t.inject({ method: 'GET', url: '/data/foundation/catalog/dataSets/%zz', headers: platformHeaders(token) });
    assert.equal(platform.statusCode, 400);
    assert.deepEqual(platform.json(), {
      type: 'http://ns.adobe.com/aep/errors/bad-request',
      status: 400,
      title: 'BadRequestError',
      detail: detail('/data/foundation/catalog/dataSets/%zz'),
    });
    const target = await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/%zz`, headers: targetHeaders(token) });
    assert.equal(target.statusCode, 400);
    const { requestId, requestTime, ...rest } = target.json() as Record<string, unknown>;
    assert.equal(typeof requestId, 'string');
    assert.equal(typeof requestTime, 'string');
    assert.deepEqual(rest, { httpStatus: 400, errors: [{ errorCode: 'Request.Invalid', message: detail(`/${DEMO.tenant}/target/%zz`) }] });
    const ims = await t.inject({ method: 'GET', url: '/ims/%zz' });
    assert.deepEqual(ims.json(), { error: 'invalid_request', error_description: detail('/ims/%zz') });
    const control = await t.inject({ method: 'GET', url: '/_mock/%zz' });
    assert.deepEqual(control.json(), { statusCode: 400, error: 'bad-request', message: detail('/_mock/%zz') });
  });

  test('hostile requests get a 4xx, never a 5xx', async () => {
    const hostile: InjectOptions[] = [
      { method: 'GET', url: '/data/foundation/catalog/dataSets/%E0%A4%A', headers: platformHeaders(token) },
      { method: 'GET', url: '/data/foundation/catalog/dataSets/..%2F..%2Fetc%2Fpasswd', headers: platformHeaders(token) },
      { method: 'GET', url: `/data/foundation/catalog/dataSets/${'a'.repeat(5000)}`, headers: platformHeaders(token) },
      { method: 'GET', url: '/%00/target/environments', headers: targetHeaders(token) },
      { method: 'POST', url: '/ims/token/v3', headers: { 'content-type': 'application/json' }, payload: '[1,2' },
      { method: 'POST', url: '/ims/token/v3', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '%%%&&&==' },
      { method: 'POST', url: '/ims/token/v3', headers: { 'content-type': 'text/plain' }, payload: 'grant_type=client_credentials' },
      { method: 'POST', url: '/ims/exchange/jwt', headers: { 'content-type': 'application/json' }, payload: 'null' },
      {
        method: 'POST',
        url: `/${DEMO.tenant}/target/authentication/token`,
        headers: { ...targetHeaders(token), 'content-type': 'application/json' },
        payload: '"just a string"',
      },
      { method: 'POST', url: '/_mock/clock', headers: { 'content-type': 'application/json' }, payload: '{"advance": {"$gt": 1}}' },
      { method: 'POST', url: '/_mock/clock', headers: { 'content-type': 'application/json' }, payload: '{"set": "not a date"}' },
      { method: 'POST', url: '/_mock/clock', headers: { 'content-type': 'application/json' }, payload: '{"__proto__": {"polluted": true}}' },
    ];
    for (const request of hostile) {
      const response = await t.inject(request);
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${request.method} ${request.url} → ${response.statusCode} ${response.body}`);
      assert.doesNotThrow(() => response.json(), `${request.url} answers JSON`);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
