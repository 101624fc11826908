/**
 * Issue 14, item 9: Target roles govern direct calls and /batch operations alike, with one
 * 403 body, and a refused call changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { scopes } from '../../src/store/store.js';
import { INTEGRATIONS, type Integration } from '../../src/auth/integrations.js';
import { DEMO, VIEWER, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';
import { assertTargetError } from '../services/target-admin/offers-support.js';

const BASE = `/${DEMO.tenant}/target`;
const V2 = 'application/vnd.adobe.target.v2+json';
/** The least an activity definition needs: a location and an experience. */
const DELIVERABLE = { locations: { mboxes: [{ locationLocalId: 0, name: 'm' }] }, experiences: [{ experienceLocalId: 0, name: 'A' }] };

const CANNOT_EDIT = (role: string) =>
  `The integration's role '${role}' does not allow creating, changing or deleting objects (roles that do: editor, approver)`;
const CANNOT_ACTIVATE = (role: string) => `The integration's role '${role}' does not allow changing an activity's state (roles that do: approver, publisher)`;

describe('Target roles (issue 14, item 9)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const keys: Record<string, string> = {};

  before(async () => {
    t = await startApp();
    const integrations = t.ctx.store.collection<Integration>(scopes.ims(), INTEGRATIONS);
    const demo = integrations.get(DEMO.clientId)!;
    for (const role of ['editor', 'publisher'] as const) {
      integrations.put(`${role}-client`, { ...demo, id: `${role}-client`, clientSecret: `${role}-secret`, name: role, role });
    }
    const credentials: Record<string, { clientId: string; clientSecret: string }> = {
      viewer: VIEWER,
      editor: { clientId: 'editor-client', clientSecret: 'editor-secret' },
      approver: DEMO,
      publisher: { clientId: 'publisher-client', clientSecret: 'publisher-secret' },
    };
    for (const [role, credential] of Object.entries(credentials)) {
      tokens[role] = await tokenFor(t, credential);
      keys[role] = credential.clientId;
    }
  });
  after(() => t.close());

  const as = (role: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
    t.inject({
      method,
      url: `${BASE}${path}`,
      headers: targetHeaders(tokens[role], { 'x-api-key': keys[role], ...(body === undefined ? {} : { 'content-type': V2 }) }),
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  const state = () => JSON.stringify(t.ctx.store.snapshot());

  test('the fixtures hold an approver (the demo) and a viewer integration on the demo tenant', () => {
    const integrations = t.ctx.store.collection<Integration>(scopes.ims(), INTEGRATIONS);
    assert.equal(integrations.get(DEMO.clientId)?.role, 'approver');
    assert.equal(integrations.get(VIEWER.clientId)?.role, 'viewer');
  });

  test('a viewer reads, but a direct write is 403 and stores nothing', async () => {
    assert.equal((await as('viewer', 'GET', '/offers')).statusCode, 200);
    assert.equal((await as('viewer', 'GET', '/activities/ab/168824')).statusCode, 200);
    const before = state();
    assertTargetError(await as('viewer', 'POST', '/offers/content', { name: 'viewer offer', content: 'x' }), 403, 'Access.Forbidden', CANNOT_EDIT('viewer'));
    assertTargetError(await as('viewer', 'PUT', '/offers/content/391902', { name: 'renamed', content: 'x' }), 403, 'Access.Forbidden', CANNOT_EDIT('viewer'));
    assertTargetError(await as('viewer', 'DELETE', '/audiences/1209736'), 403, 'Access.Forbidden', CANNOT_EDIT('viewer'));
    assertTargetError(await as('viewer', 'POST', '/activities/ab', { name: 'viewer activity' }), 403, 'Access.Forbidden', CANNOT_EDIT('viewer'));
    assertTargetError(await as('viewer', 'PUT', '/activities/168824/state', { state: 'deactivated' }), 403, 'Access.Forbidden', CANNOT_ACTIVATE('viewer'));
    assert.equal(state(), before);
  });

  test('a viewer may ask for a Profile API token (it changes no Target object)', async () => {
    const response = await t.inject({
      method: 'POST',
      url: `${BASE}/authentication/token?scope=profile_api`,
      headers: targetHeaders(tokens.viewer, { 'x-api-key': VIEWER.clientId }),
    });
    assert.equal(response.statusCode, 200, response.body);
  });

  test('the batch needs the edit right: the same 403 body, nothing run', async () => {
    const before = state();
    const response = await t.inject({
      method: 'POST',
      url: `${BASE}/batch`,
      headers: targetHeaders(tokens.viewer, { 'x-api-key': VIEWER.clientId, 'content-type': 'application/json' }),
      payload: JSON.stringify({ operations: [{ operationId: 0, method: 'GET', relativeUrl: '/offers?limit=1' }] }),
    });
    assertTargetError(response, 403, 'Access.Forbidden', CANNOT_EDIT('viewer'));
    assert.equal(state(), before);
  });

  test("an editor's batch operation that changes an activity's state fails with the direct call's 403", async () => {
    const before = state();
    const response = await t.inject({
      method: 'POST',
      url: `${BASE}/batch`,
      headers: targetHeaders(tokens.editor, { 'x-api-key': keys.editor, 'content-type': 'application/json' }),
      payload: JSON.stringify({
        operations: [
          { operationId: 0, method: 'PUT', relativeUrl: '/v1/activities/168824/state', body: { state: 'deactivated' } },
          { operationId: 1, method: 'GET', relativeUrl: '/v1/offers?limit=1' },
        ],
      }),
    });
    assert.equal(response.statusCode, 200, response.body);
    const [stateChange, read] = response.json().results;
    assert.equal(stateChange.statusCode, 403);
    const { requestId, requestTime, ...rest } = stateChange.body;
    assert.equal(typeof requestId, 'string');
    assert.equal(typeof requestTime, 'string');
    assert.deepEqual(rest, { httpStatus: 403, errors: [{ errorCode: 'Access.Forbidden', message: CANNOT_ACTIVATE('editor') }] });
    assert.equal(read.statusCode, 200);
    assert.equal(state(), before);

    assertTargetError(await as('editor', 'PUT', '/activities/168824/state', { state: 'deactivated' }), 403, 'Access.Forbidden', CANNOT_ACTIVATE('editor'));
    assert.equal(state(), before);
  });

  test('an editor may not create or update an activity into a live state', async () => {
    const before = state();
    assertTargetError(
      await as('editor', 'POST', '/activities/ab', { ...DELIVERABLE, name: 'goes live', state: 'approved' }),
      403,
      'Access.Forbidden',
      CANNOT_ACTIVATE('editor'),
    );
    assert.equal(state(), before);
    assert.equal((await as('editor', 'POST', '/activities/ab', { ...DELIVERABLE, name: 'saved only', state: 'saved' })).statusCode, 200);
  });

  test('an approver edits and changes states; a publisher changes states but does not edit', async () => {
    assert.equal((await as('approver', 'POST', '/offers/content', { name: 'approver offer', content: 'x' })).statusCode, 200);
    assert.equal((await as('approver', 'PUT', '/activities/168824/state', { state: 'deactivated' })).statusCode, 200);
    assert.equal((await as('publisher', 'PUT', '/activities/168824/state', { state: 'approved' })).statusCode, 200);
    const before = state();
    assertTargetError(
      await as('publisher', 'POST', '/offers/content', { name: 'publisher offer', content: 'x' }),
      403,
      'Access.Forbidden',
      CANNOT_EDIT('publisher'),
    );
    assert.equal(state(), before);
  });
});
