import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, startApp } from '../helpers.js';

const EXPOSED = 'X-Request-Id, ETag, Location, Last-Modified, Link, Retry-After, Content-Length, Content-Range, Accept-Ranges, Content-Disposition';

const preflight = (url: string, origin: string, method = 'GET', requestHeaders = 'x-api-key,authorization') => ({
  method: 'OPTIONS' as const,
  url,
  headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': requestHeaders },
});

describe('CORS', () => {
  test('by default any origin: preflights on every product answer 204 before any key or token check', async () => {
    const t = await startApp();
    try {
      const urls = [
        '/Rest/Media/1/Search/Files?search_parameters[words]=cat',
        '/Rest/Libraries/1/Member/Profile?content_id=1&license=Standard',
        '/data/foundation/catalog/dataSets',
        `/${DEMO.tenant}/target/activities`,
        '/ims/token/v3',
        '/_mock/health',
      ];
      for (const url of urls) {
        const response = await t.inject(preflight(url, 'http://localhost:3000', 'POST'));
        assert.equal(response.statusCode, 204, url);
        assert.equal(response.headers['access-control-allow-origin'], '*', url);
        assert.equal(response.headers['access-control-allow-methods'], 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS', url);
        assert.equal(response.headers['access-control-allow-headers'], 'x-api-key,authorization', url);
        assert.equal(response.headers['access-control-max-age'], '600', url);
        assert.equal(response.body, '', url);
      }
    } finally {
      await t.close();
    }
  });

  test('a simple GET carries the CORS headers, exposing X-Request-Id and friends', async () => {
    const t = await startApp();
    try {
      const response = await t.inject({
        method: 'GET',
        url: '/Rest/Media/1/Search/Files?search_parameters[words]=cat',
        headers: { origin: 'http://localhost:3000', 'x-api-key': DEMO.clientId },
      });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['access-control-allow-origin'], '*');
      assert.equal(response.headers['access-control-expose-headers'], EXPOSED);
      assert.ok(response.headers['x-request-id']);
      const failed = await t.inject({ method: 'GET', url: '/Rest/Media/1/Search/Files', headers: { origin: 'http://localhost:3000' } });
      assert.equal(failed.statusCode, 403);
      assert.equal(failed.headers['access-control-allow-origin'], '*', 'errors are readable by the browser too');
    } finally {
      await t.close();
    }
  });

  test('an origin list allows only those origins', async () => {
    const t = await startApp({ cors: 'http://app.test, http://admin.test' });
    try {
      const allowed = await t.inject(preflight('/Rest/Media/1/Search/Files', 'http://admin.test'));
      assert.equal(allowed.statusCode, 204);
      assert.equal(allowed.headers['access-control-allow-origin'], 'http://admin.test');
      assert.match(String(allowed.headers.vary), /Origin/);
      const other = await t.inject(preflight('/Rest/Media/1/Search/Files', 'http://evil.test'));
      assert.equal(other.headers['access-control-allow-origin'], undefined);
      const get = await t.inject({ method: 'GET', url: '/_mock/health', headers: { origin: 'http://app.test' } });
      assert.equal(get.headers['access-control-allow-origin'], 'http://app.test');
    } finally {
      await t.close();
    }
  });

  test('the exact headers of a simple request, a preflight and an OPTIONS no route serves', async () => {
    const t = await startApp({ cors: 'http://app.test', controlOrigins: 'http://app.test' });
    try {
      const get = await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/activities`, headers: { origin: 'http://app.test' } });
      assert.equal(get.statusCode, 401);
      assert.equal(get.headers.vary, 'Origin');
      assert.equal(get.headers['access-control-allow-origin'], 'http://app.test');
      assert.equal(get.headers['access-control-expose-headers'], EXPOSED);
      const unlisted = await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/activities`, headers: { origin: 'http://other.test' } });
      assert.equal(unlisted.headers.vary, 'Origin', 'the answer depends on Origin, listed or not');
      assert.equal(unlisted.headers['access-control-allow-origin'], undefined);
      const asked = await t.inject(preflight('/data/foundation/catalog/dataSets', 'http://app.test', 'POST', 'x-api-key'));
      assert.equal(asked.statusCode, 204);
      assert.equal(asked.headers.vary, 'Origin, Access-Control-Request-Headers');
      assert.equal(asked.headers['content-length'], '0');
      const nowhere = await t.inject({ method: 'OPTIONS', url: '/nowhere', headers: { origin: 'http://app.test' } });
      assert.equal(nowhere.statusCode, 204, 'an OPTIONS outside every product is a preflight too');
      // The control plane already said Vary: Origin for its listed origin: not repeated.
      const control = await t.inject({ method: 'GET', url: '/_mock/nothing', headers: { origin: 'http://app.test' } });
      assert.equal(control.statusCode, 404);
      assert.equal(control.headers.vary, 'Origin');
    } finally {
      await t.close();
    }
  });

  test('cors: false sends no CORS headers and leaves OPTIONS to the products', async () => {
    const t = await startApp({ cors: false });
    try {
      const response = await t.inject(preflight('/Rest/Media/1/Search/Files', 'http://localhost:3000'));
      assert.equal(response.headers['access-control-allow-origin'], undefined);
      assert.equal(response.statusCode, 403);
      const get = await t.inject({ method: 'GET', url: '/_mock/health', headers: { origin: 'http://localhost:3000' } });
      assert.equal(get.headers['access-control-allow-origin'], undefined);
    } finally {
      await t.close();
    }
  });
});
