/**
 * Fault injection never leaks (issue 8): a fault applies to the requests it matches and to
 * nothing else — not to another tenant's or product's paths, not to other methods, not to
 * another emulator in the same process.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, OTHER, platformHeaders, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';

describe('faults stay where they are put', () => {
  let one: TestApp;
  let two: TestApp;
  const tokens: Record<string, string> = {};
  before(async () => {
    one = await startApp();
    two = await startApp();
    tokens.one = await tokenFor(one);
    tokens.other = await tokenFor(one, OTHER);
    tokens.two = await tokenFor(two);
  });
  after(async () => {
    await one.close();
    await two.close();
  });

  const fault = async (body: unknown) => {
    const response = await one.inject({ method: 'POST', url: '/_mock/faults', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    assert.equal(response.statusCode, 201, response.body);
  };

  test('a fault on one tenant, method and product touches nothing else, here or in another emulator', async () => {
    await fault({ method: 'GET', path: `/${DEMO.tenant}/target/offers*`, status: 500 });
    await fault({ method: 'POST', path: '/data/foundation/catalog/dataSets', product: 'platform', status: 503 });
    await fault({ path: '/Rest/Media/1/Search/Files', product: 'target', status: 500 });

    const hit = await one.inject({ method: 'GET', url: `/${DEMO.tenant}/target/offers`, headers: targetHeaders(tokens.one!) });
    assert.equal(hit.statusCode, 500);

    const probes: Array<[TestApp, Parameters<TestApp['inject']>[0], number]> = [
      // another tenant, same route
      [one, { method: 'GET', url: `/${OTHER.tenant}/target/offers`, headers: targetHeaders(tokens.other!, { 'x-api-key': OTHER.clientId }) }, 200],
      // another method on the faulted path
      [
        one,
        {
          method: 'POST',
          url: `/${DEMO.tenant}/target/offers/content`,
          headers: { ...targetHeaders(tokens.one!), 'content-type': 'application/json' },
          payload: { name: 'ok', content: 'x' },
        },
        200,
      ],
      // another method on the Platform fault's path
      [one, { method: 'GET', url: '/data/foundation/catalog/dataSets', headers: platformHeaders(tokens.one!) }, 200],
      // the Stock path's fault names another product
      [one, { method: 'GET', url: '/Rest/Media/1/Search/Files?search_parameters[words]=dog', headers: { 'x-api-key': DEMO.clientId } }, 200],
      // the same requests in a second emulator in this process
      [two, { method: 'GET', url: `/${DEMO.tenant}/target/offers`, headers: targetHeaders(tokens.two!) }, 200],
      [
        two,
        {
          method: 'POST',
          url: '/data/foundation/catalog/dataSets',
          headers: { ...platformHeaders(tokens.two!), 'content-type': 'application/json' },
          payload: { name: 'fine' },
        },
        201,
      ],
    ];
    for (const [app, request, status] of probes) {
      const response = await app.inject(request);
      assert.equal(response.statusCode, status, `${request.method} ${request.url} → ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    assert.deepEqual((await two.inject({ method: 'GET', url: '/_mock/faults' })).json(), { faults: [] });
  });
});
