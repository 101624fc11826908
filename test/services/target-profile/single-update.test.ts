import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeValues, CLIENT, FORM, SAMPLE_PROFILE, SAMPLE_THIRD_PARTY_ID, SAMPLE_TNT_ID, startProfiles, XML, type ProfileCaller } from './support.js';
import { scopes } from '../../../src/store/store.js';

const SUBMITTED = '<response>\n  <success>true</success>\n  <message>Request successfully submitted</message>\n</response>\n';
const UPDATE = `/m2/${CLIENT}/profile/update`;

/** seed 004, Profiles › Single Profile Update. */
describe('Target Profile API: single profile update', () => {
  let c: ProfileCaller;
  before(async () => {
    c = await startProfiles();
  });
  after(() => c.close());

  test('GET by mboxPC: the documented answer, then visible to fetch', async () => {
    const response = await c.inject({ method: 'GET', url: `${UPDATE}?mboxPC=${SAMPLE_TNT_ID}&profile.attr=0&profile.attr2=1` });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], XML);
    assert.equal(response.body, SUBMITTED);
    const profile = (await c.fetchTnt(SAMPLE_TNT_ID)).json();
    assert.equal(profile.profileAttributes.attr.value, '0');
    assert.equal(profile.profileAttributes.attr2.value, '1');
    assert.equal(profile.profileAttributes.attr.modifiedAt, profile.modifiedAt);
    assert.match(profile.modifiedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    // Untouched attributes keep their own timestamps.
    assert.deepEqual(profile.profileAttributes.country, SAMPLE_PROFILE.profileAttributes.country);
  });

  test('POST by mbox3rdPartyId with a form body; UTF-8 URL-decoding; case-sensitive names; non-profile parameters ignored', async () => {
    const response = await c.inject({
      method: 'POST',
      url: UPDATE,
      headers: { 'content-type': FORM },
      payload: `mbox3rdPartyId=${SAMPLE_THIRD_PARTY_ID}&profile.city=S%C3%A3o+Paulo&profile.City=Rome&profile.note=a%26b%3Dc&mbox=ignored&attrWithoutPrefix=x`,
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, SUBMITTED);
    const values = attributeValues((await c.fetchThirdParty(SAMPLE_THIRD_PARTY_ID)).json());
    assert.equal(values.city, 'São Paulo');
    assert.equal(values.City, 'Rome');
    assert.equal(values.note, 'a&b=c');
    assert.equal(values.mbox, undefined);
    assert.equal(values.attrWithoutPrefix, undefined);
  });

  test('POST with the parameters in the query string and no body', async () => {
    const response = await c.inject({ method: 'POST', url: `${UPDATE}?mboxPC=${SAMPLE_TNT_ID}&profile.viaQuery=yes` });
    assert.equal(response.body, SUBMITTED);
    assert.equal(attributeValues((await c.fetchTnt(SAMPLE_TNT_ID)).json()).viaQuery, 'yes');
  });

  test('unknown id: nothing is created, and the body says so', async () => {
    const before = c.t.ctx.store.snapshot().scopes[scopes.profile(CLIENT)];
    const byPc = await c.inject({ method: 'GET', url: `${UPDATE}?mboxPC=1368007744041-575948.01_00&profile.attr=0` });
    assert.equal(byPc.statusCode, 200);
    assert.equal(
      byPc.body,
      '<response>\n  <success>false</success>\n  <message>No profile found for client mocktenant with mboxPC=1368007744041-575948.01_00: the single profile update API updates existing profiles only, so nothing was created</message>\n</response>\n',
    );
    const byThirdParty = await c.inject({ method: 'GET', url: `${UPDATE}?mbox3rdPartyId=123456&profile.attr=0` });
    assert.match(byThirdParty.body, /<success>false<\/success>\n {2}<message>No profile found for client mocktenant with third party id=123456: /);
    assert.deepEqual(c.t.ctx.store.snapshot().scopes[scopes.profile(CLIENT)], before);
    assert.equal((await c.fetchTnt('1368007744041-575948.01_00')).statusCode, 404);
    assert.equal((await c.fetchThirdParty('123456')).statusCode, 404);
  });

  test('no id, or no profile.<name> parameter: 400', async () => {
    const noId = await c.inject({ method: 'GET', url: `${UPDATE}?profile.attr=0` });
    assert.equal(noId.statusCode, 400);
    assert.deepEqual(noId.json(), { status: 400, message: 'One of the parameters mboxPC or mbox3rdPartyId is required' });
    const noAttributes = await c.inject({ method: 'GET', url: `${UPDATE}?mboxPC=${SAMPLE_TNT_ID}&attr=0` });
    assert.equal(noAttributes.statusCode, 400);
    assert.deepEqual(noAttributes.json(), {
      status: 400,
      message: 'No profile.<name> parameter: give at least one attribute to update, e.g. profile.tier=gold',
    });
  });

  test('GET over 8 KB: 400; POST body over 60 KB: 413; just under both: accepted', async () => {
    const base = `${UPDATE}?mboxPC=${SAMPLE_TNT_ID}&profile.big=`;
    const fits = await c.inject({ method: 'GET', url: base + 'x'.repeat(8192 - base.length) });
    assert.equal(fits.statusCode, 200);
    const tooLong = await c.inject({ method: 'GET', url: base + 'x'.repeat(8193 - base.length) });
    assert.equal(tooLong.statusCode, 400);
    assert.deepEqual(tooLong.json(), { status: 400, message: 'The update request URL is larger than the 8 KB accepted for GET; send large updates with POST' });

    const form = `mboxPC=${SAMPLE_TNT_ID}&profile.big=`;
    const postFits = await c.inject({ method: 'POST', url: UPDATE, headers: { 'content-type': FORM }, payload: form + 'y'.repeat(61_440 - form.length) });
    assert.equal(postFits.statusCode, 200);
    const tooLarge = await c.inject({ method: 'POST', url: UPDATE, headers: { 'content-type': FORM }, payload: form + 'y'.repeat(61_441 - form.length) });
    assert.equal(tooLarge.statusCode, 413);
    assert.deepEqual(tooLarge.json(), { status: 413, message: 'The update request body is larger than the 60 KB accepted for POST' });
    assert.equal(attributeValues((await c.fetchTnt(SAMPLE_TNT_ID)).json()).big, 'y'.repeat(61_440 - form.length));
  });

  test('both ids: the mboxPC profile is updated and the thirdPartyId attached to it', async () => {
    const response = await c.inject({ method: 'GET', url: `${UPDATE}?mboxPC=${SAMPLE_TNT_ID}&mbox3rdPartyId=crm-42&profile.linked=yes` });
    assert.equal(response.body, SUBMITTED);
    const viaThirdParty = (await c.fetchThirdParty('crm-42')).json();
    assert.equal(viaThirdParty.visitorId, 'crm-42');
    assert.equal(viaThirdParty.profileAttributes.linked.value, 'yes');
    assert.equal(viaThirdParty.profileAttributes.country.value, 'france');
  });

  test('a rolling 24-hour limit of 1,000,000 updates per client: 429 beyond it, free again a day later', async () => {
    const now = c.t.ctx.clock.now();
    const minute = String(Math.floor(now / 60_000) * 60_000);
    c.t.ctx.store.collection(scopes.profile(CLIENT), 'usage').put('singleUpdates', { id: 'singleUpdates', buckets: { [minute]: 999_999 } });
    const last = await c.inject({ method: 'GET', url: `${UPDATE}?mboxPC=${SAMPLE_TNT_ID}&profile.n=1` });
    assert.equal(last.body, SUBMITTED);
    const refused = await c.inject({ method: 'GET', url: `${UPDATE}?mboxPC=${SAMPLE_TNT_ID}&profile.n=2` });
    assert.equal(refused.statusCode, 429);
    assert.deepEqual(refused.json(), { status: 429, message: 'The client has used its 1,000,000 single profile updates of the last 24 hours' });
    assert.equal(attributeValues((await c.fetchTnt(SAMPLE_TNT_ID)).json()).n, '1');
    // Usage is counted per minute, so a minute's updates leave the window within a minute of 24 hours.
    await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '24h1m' } });
    const again = await c.inject({ method: 'GET', url: `${UPDATE}?mboxPC=${SAMPLE_TNT_ID}&profile.n=3` });
    assert.equal(again.body, SUBMITTED);
  });
});

describe('Target Profile API: delayed visibility (profileUpdateDelayMs)', () => {
  test('an update shows in fetches only once the delay has passed on the emulator clock', async () => {
    const c = await startProfiles({ profileUpdateDelayMs: 3_600_000 });
    try {
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { freeze: true } });
      const response = await c.inject({ method: 'GET', url: `${UPDATE}?mboxPC=${SAMPLE_TNT_ID}&profile.country=italy&profile.tier=gold` });
      assert.equal(response.body, SUBMITTED);
      assert.deepEqual((await c.fetchTnt(SAMPLE_TNT_ID)).json(), { ...SAMPLE_PROFILE, visitorId: SAMPLE_TNT_ID });
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '59m' } });
      assert.equal(attributeValues((await c.fetchTnt(SAMPLE_TNT_ID)).json()).country, 'france');
      await c.inject({ method: 'POST', url: '/_mock/clock', payload: { advance: '1m' } });
      const after = (await c.fetchTnt(SAMPLE_TNT_ID)).json();
      assert.equal(after.profileAttributes.country.value, 'italy');
      assert.equal(after.profileAttributes.tier.value, 'gold');
      assert.equal(after.modifiedAt, new Date(c.t.ctx.clock.now()).toISOString().replace('Z', '+00:00'));
    } finally {
      await c.close();
    }
  });
});
