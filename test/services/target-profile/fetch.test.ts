import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT, SAMPLE_PROFILE, SAMPLE_THIRD_PARTY_ID, SAMPLE_TNT_ID, startProfiles, type ProfileCaller } from './support.js';
import { OTHER } from '../../helpers.js';

/** seed 004, Profiles › Fetching a profile / Error Handling. */
describe('Target Profile API: fetch', () => {
  let c: ProfileCaller;
  before(async () => {
    c = await startProfiles();
  });
  after(() => c.close());

  test('by thirdPartyId: the documented sample profile', async () => {
    const response = await c.fetchThirdParty(SAMPLE_THIRD_PARTY_ID);
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^application\/json/);
    assert.deepEqual(response.json(), SAMPLE_PROFILE);
    // Attribute order as in the document.
    assert.deepEqual(Object.keys(response.json().profileAttributes), Object.keys(SAMPLE_PROFILE.profileAttributes));
  });

  test('by tntId: the same profile, visitorId being the id asked for', async () => {
    const response = await c.fetchTnt(SAMPLE_TNT_ID);
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { ...SAMPLE_PROFILE, visitorId: SAMPLE_TNT_ID });
  });

  test('unknown tntId: the documented 404 body, byte for byte', async () => {
    const response = await c.fetchTnt('111492025094307-000000');
    assert.equal(response.statusCode, 404);
    assert.equal(response.body, '{"status":404,"message":"No profile found for client mocktenant with mboxPC=111492025094307-000000"}');
  });

  test('unknown thirdPartyId: the documented 404 body, byte for byte', async () => {
    const response = await c.fetchThirdParty('crm-unknown');
    assert.equal(response.statusCode, 404);
    assert.equal(response.body, '{"status":404,"message":"No profile found for client mocktenant with third party id=crm-unknown"}');
  });

  test('a thirdPartyId is not a tntId, nor the other way round', async () => {
    assert.equal((await c.fetchTnt(SAMPLE_THIRD_PARTY_ID)).statusCode, 404);
    assert.equal((await c.fetchThirdParty(SAMPLE_TNT_ID)).statusCode, 404);
  });

  test('profiles are isolated per client code', async () => {
    const response = await c.fetchThirdParty(SAMPLE_THIRD_PARTY_ID, OTHER.tenant);
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json(), { status: 404, message: `No profile found for client ${OTHER.tenant} with third party id=${SAMPLE_THIRD_PARTY_ID}` });
  });

  test('missing or empty client: 400 in the same {status, message} style', async () => {
    for (const url of [
      `/rest/v1/profiles/${SAMPLE_TNT_ID}`,
      `/rest/v1/profiles/${SAMPLE_TNT_ID}?client=`,
      `/rest/v1/profiles/thirdPartyId/${SAMPLE_THIRD_PARTY_ID}`,
    ]) {
      const response = await c.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 400, url);
      assert.deepEqual(response.json(), {
        status: 400,
        message: 'The client query parameter is required: the Target client code, e.g. ?client=mocktenant',
      });
    }
  });

  test('unknown path under the profile prefixes: 404 in the envelope', async () => {
    const response = await c.inject({ method: 'GET', url: `/m2/${CLIENT}/profile/nothing` });
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json(), { status: 404, message: `No route for GET /m2/${CLIENT}/profile/nothing` });
  });
});

describe('Target Profile API: lifetime on the emulator clock', () => {
  test('a profile expires after profileLifetimeMs without an update; the 404 is the documented one', async () => {
    const c = await startProfiles({ profileLifetimeMs: 3_600_000 });
    try {
      assert.equal((await c.fetchTnt(SAMPLE_TNT_ID)).statusCode, 200);
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '59m' } });
      assert.equal((await c.fetchTnt(SAMPLE_TNT_ID)).statusCode, 200);
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '2m' } });
      const expired = await c.fetchTnt(SAMPLE_TNT_ID);
      assert.equal(expired.statusCode, 404);
      assert.equal(expired.body, `{"status":404,"message":"No profile found for client mocktenant with mboxPC=${SAMPLE_TNT_ID}"}`);
      assert.equal((await c.fetchThirdParty(SAMPLE_THIRD_PARTY_ID)).statusCode, 404);
    } finally {
      await c.close();
    }
  });

  test('the default lifetime is 14 days; an update restarts it; reset brings the fixture back', async () => {
    const c = await startProfiles();
    try {
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '13d' } });
      const update = await c.inject({ method: 'GET', url: `/m2/${CLIENT}/profile/update?mboxPC=${SAMPLE_TNT_ID}&profile.visits=2` });
      assert.match(update.body, /<success>true<\/success>/);
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '13d' } });
      assert.equal((await c.fetchTnt(SAMPLE_TNT_ID)).statusCode, 200);
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '1d1m' } });
      assert.equal((await c.fetchTnt(SAMPLE_TNT_ID)).statusCode, 404);
      await c.inject({ method: 'POST', url: '/_mock/reset' });
      assert.equal((await c.fetchTnt(SAMPLE_TNT_ID)).statusCode, 200);
    } finally {
      await c.close();
    }
  });
});
