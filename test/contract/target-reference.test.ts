/**
 * The vendored Target Admin reference (target_api.json, the OpenAPI description
 * @adobe/aio-lib-target is generated from) as a contract: it loads, maps the emulator's
 * /{tenant}/target/... paths onto its /target/... templates, carries the errata of
 * src/tools/vendor-reference.ts, and the routes that exist today answer conforming bodies.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ReferenceSpec } from './reference.js';
import { DEMO, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';

const spec = ReferenceSpec.load('target_api.json');

describe('target_api.json (vendored reference)', () => {
  let t: TestApp;
  let token: string;

  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());

  test('paths are matched with or without the tenant segment of the server URL', () => {
    assert.equal(spec.templateOf('/mocktenant/target/activities'), '/target/activities');
    assert.equal(spec.templateOf('/target/activities/ab/168805'), '/target/activities/ab/{id}');
    assert.equal(spec.templateOf('/othertenant/target/activities/168816/priority'), '/target/activities/{id}/priority');
    assert.equal(spec.templateOf('/mocktenant/target/activities/xt/167169/report/performance?x=1'), '/target/activities/xt/{id}/report/performance');
    assert.equal(spec.templateOf('/mocktenant/target/mbox/a1-mobile-mboxparams'), '/target/mbox/{mboxName}');
    assert.throws(() => spec.templateOf('/mocktenant/target/nothing'), /documents no path/);
  });

  test('GET /environments answers the seed 004 list, conforming to EnvironmentList', async () => {
    const response = await t.inject({
      method: 'GET',
      url: `/${DEMO.tenant}/target/environments`,
      headers: targetHeaders(token, { accept: 'application/vnd.adobe.target.v1+json' }),
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual(spec.problems('GET', `/${DEMO.tenant}/target/environments`, 200, body), []);
    assert.equal(body.offset, 0);
    assert.ok(Array.isArray(body.environments) && body.environments.length === 3);
  });

  test('errata: list offsets are numbers (as every seed sample shows), so a string offset is a problem', () => {
    const list = { total: 0, offset: 0, limit: 2147483647, environments: [] };
    assert.deepEqual(spec.problems('GET', '/mocktenant/target/environments', 200, list), []);
    assert.notDeepEqual(spec.problems('GET', '/mocktenant/target/environments', 200, { ...list, offset: '0' }), []);
    assert.notDeepEqual(spec.problems('GET', '/mocktenant/target/activities', 200, { total: 1, offset: 0, limit: 1, activities: [{ id: 'x' }] }), []);
  });

  test('errata: one audience / one offer (not an array) for GET, PUT and DELETE by id', () => {
    const audience = { id: 1397972, name: 'Gold Members', origin: 'target', targetRule: { and: [] }, modifiedAt: '2017-05-18T19:44:34Z', workspace: '1234567' };
    for (const method of ['GET', 'PUT', 'DELETE']) {
      assert.deepEqual(spec.problems(method, '/mocktenant/target/audiences/1397972', 200, audience), [], method);
      assert.notDeepEqual(spec.problems(method, '/mocktenant/target/audiences/1397972', 200, [audience]), [], method);
    }
    const offer = { id: 438180, name: 'Your existing offer', content: '<div>Updated content</div>', modifiedAt: '2017-07-10T20:55:41Z' };
    for (const method of ['GET', 'PUT', 'DELETE']) {
      assert.deepEqual(spec.problems(method, '/mocktenant/target/offers/content/438180', 200, offer, 'application/vnd.adobe.target.v2+json'), [], method);
    }
    assert.notDeepEqual(spec.problems('PUT', '/mocktenant/target/offers/content/438180', 200, [offer]), []);
  });

  test('a gateway error body is the documented ErrorStatus object', async () => {
    const response = await t.inject({ method: 'GET', url: `/${DEMO.tenant}/target/environments`, headers: { 'x-api-key': DEMO.clientId } });
    assert.equal(response.statusCode, 401);
    assert.deepEqual(spec.problems('GET', `/${DEMO.tenant}/target/environments`, 401, response.json()), []);
    assert.equal(response.json().errors[0].errorCode, 'Authorization.Missing');
  });
});
