import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT, FORM, SAMPLE_THIRD_PARTY_ID, SAMPLE_TNT_ID, startProfiles, type ProfileCaller } from './support.js';
import { OTHER } from '../../helpers.js';

const MISSING = {
  status: 401,
  message:
    'Profile API authentication is ON for client mocktenant: send the access_token header with a token from POST /mocktenant/target/authentication/token?scope=profile_api',
};

/** seed 004, "Profile Authentication Token" and Profiles › Authentication; issue 6's switch. */
describe('Target Profile API: authentication switch', () => {
  let c: ProfileCaller;
  const setSwitch = (enabled: boolean, client: string = CLIENT) =>
    c.inject({ method: 'PUT', url: `/_mock/profile-authentication/${client}`, payload: { enabled } });
  before(async () => {
    c = await startProfiles();
  });
  after(() => c.close());

  test('OFF by default: no header needed', async () => {
    const state = await c.inject({ method: 'GET', url: `/_mock/profile-authentication/${CLIENT}` });
    assert.deepEqual(state.json(), { client: CLIENT, enabled: false });
    assert.equal((await c.fetchTnt(SAMPLE_TNT_ID)).statusCode, 200);
  });

  test('ON: every profile request without access_token is a 401', async () => {
    const turned = await setSwitch(true);
    assert.equal(turned.statusCode, 200);
    assert.deepEqual(turned.json(), { client: CLIENT, enabled: true });
    const answers = [
      await c.fetchTnt(SAMPLE_TNT_ID),
      await c.fetchThirdParty(SAMPLE_THIRD_PARTY_ID),
      await c.inject({ method: 'GET', url: `/m2/${CLIENT}/profile/update?mboxPC=${SAMPLE_TNT_ID}&profile.a=1` }),
      await c.inject({
        method: 'POST',
        url: `/m2/${CLIENT}/profile/update`,
        headers: { 'content-type': FORM },
        payload: `mboxPC=${SAMPLE_TNT_ID}&profile.a=1`,
      }),
      await c.batch(2, 'thirdPartyId,a\nx,1\n'),
      await c.batch(1, 'pcId,a\nx,1\n'),
      await c.inject({ method: 'GET', url: `/m2/${CLIENT}/v2/profile/batchStatus?batchId=none` }),
    ];
    for (const answer of answers) {
      assert.equal(answer.statusCode, 401);
      assert.deepEqual(answer.json(), MISSING);
    }
    // Nothing written by the refused updates.
    assert.equal(c.t.ctx.store.collection('profile/mocktenant', 'thirdPartyProfiles').size, 0);
  });

  test('ON: a profile_api token from Target Admin opens every route', async () => {
    const token = await c.authToken('profile_api');
    const headers = { access_token: token };
    assert.equal((await c.fetchTnt(SAMPLE_TNT_ID, CLIENT, headers)).statusCode, 200);
    assert.equal((await c.fetchThirdParty(SAMPLE_THIRD_PARTY_ID, CLIENT, headers)).statusCode, 200);
    const update = await c.inject({ method: 'GET', url: `/m2/${CLIENT}/profile/update?mboxPC=${SAMPLE_TNT_ID}&profile.a=1`, headers });
    assert.equal(update.statusCode, 200);
    const batch = await c.batch(2, 'thirdPartyId,a\nx,1\n', { headers });
    assert.equal(batch.statusCode, 200);
  });

  test('ON: unknown token, debug_tools token → 401', async () => {
    const unknown = await c.fetchTnt(SAMPLE_TNT_ID, CLIENT, { access_token: 'bbf8ae69-6e29-4b8e-b3d6-f7567723f5b0' });
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(unknown.json(), { status: 401, message: 'The access_token is not a valid profile_api token for client mocktenant' });
    const debug = await c.fetchTnt(SAMPLE_TNT_ID, CLIENT, { access_token: await c.authToken('debug_tools') });
    assert.equal(debug.statusCode, 401);
    assert.deepEqual(debug.json(), { status: 401, message: 'The access_token has scope debug_tools; the Profile API accepts only profile_api tokens' });
  });

  test('ON: a token of another tenant is not valid for this client', async () => {
    const token = await c.authToken('profile_api');
    await setSwitch(true, OTHER.tenant);
    const response = await c.fetchTnt(SAMPLE_TNT_ID, OTHER.tenant, { access_token: token });
    assert.equal(response.statusCode, 401);
    assert.deepEqual(response.json(), { status: 401, message: `The access_token is not a valid profile_api token for client ${OTHER.tenant}` });
    await setSwitch(false, OTHER.tenant);
  });

  test('ON: the token expires after expiresIn seconds on the emulator clock', async () => {
    await c.inject({ method: 'POST', url: '/_mock/clock', payload: { freeze: true } });
    const token = await c.authToken('profile_api');
    const clock = await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: 7_775_998_000 } });
    assert.equal(clock.statusCode, 200);
    await setSwitch(true);
    // 90 days on, the fixture profile has outlived its 14 days: a 404 shows the token was accepted.
    assert.equal((await c.fetchTnt(SAMPLE_TNT_ID, CLIENT, { access_token: token })).statusCode, 404);
    await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '1s' } });
    assert.equal((await c.fetchTnt(SAMPLE_TNT_ID, CLIENT, { access_token: token })).statusCode, 401, 'expired at createdAt + expiresIn');
    const expired = await c.fetchTnt(SAMPLE_TNT_ID, CLIENT, { access_token: token });
    assert.equal(expired.statusCode, 401);
    assert.deepEqual(expired.json(), { status: 401, message: 'The access_token has expired: generate a new one with scope=profile_api' });
  });

  test('switched OFF again: no header needed', async () => {
    await c.inject({ method: 'POST', url: '/_mock/clock', payload: { reset: true } });
    await c.inject({ method: 'POST', url: '/_mock/reset' });
    await setSwitch(false);
    assert.equal((await c.fetchTnt(SAMPLE_TNT_ID)).statusCode, 200);
  });

  test('the switch body is validated in the control envelope', async () => {
    const response = await c.inject({ method: 'PUT', url: `/_mock/profile-authentication/${CLIENT}`, payload: { enabled: 'yes' } });
    assert.equal(response.statusCode, 400);
  });
});

describe('Target Profile API: profileAuthentication option', () => {
  test('clients listed start with the switch ON; reset returns to the option', async () => {
    const c = await startProfiles({ profileAuthentication: [CLIENT] });
    try {
      const refused = await c.fetchTnt(SAMPLE_TNT_ID);
      assert.equal(refused.statusCode, 401);
      assert.deepEqual(refused.json(), MISSING);
      assert.equal((await c.fetchTnt(SAMPLE_TNT_ID, OTHER.tenant)).statusCode, 404);
      await c.inject({ method: 'PUT', url: `/_mock/profile-authentication/${CLIENT}`, payload: { enabled: false } });
      assert.equal((await c.fetchTnt(SAMPLE_TNT_ID)).statusCode, 200);
      await c.inject({ method: 'POST', url: '/_mock/reset' });
      assert.equal((await c.fetchTnt(SAMPLE_TNT_ID)).statusCode, 401);
    } finally {
      await c.close();
    }
  });
});
