#!/usr/bin/env node
// Target Profile API (seed 004, "Profiles"): load CRM data into visitor profiles in bulk, then read
// them. A v2 bulk update creates three profiles keyed by thirdPartyId, its status URL tells how each
// row went, the profiles are fetched by thirdPartyId, one of them gets a single-profile update, and
// an update for an unknown visitor shows that the single update never creates a profile.
//
//   node examples/profile-bulk-update.mjs [http://127.0.0.1:4590]
import { DEMO, Walkthrough, targetHeaders } from './lib.mjs';

const CLIENT = DEMO.client;
const run = Date.now().toString(36);
const ids = [1, 2, 3].map((n) => `walkthrough-${run}-${n}`);

// The batch file: a header row whose first column names the id kind, then one row per visitor.
// Names and values are URL-encoded UTF-8; an empty cell leaves that attribute as it is.
const BATCH_FILE = [
  'batch=thirdPartyId,loyaltyTier,favoriteColor,city',
  `${ids[0]},gold,blue,San%20Francisco`,
  `${ids[1]},silver,,Paris`,
  `${ids[2]},bronze,red,M%C3%BCnchen`,
].join('\n');

/** An attribute's value, whether the profile names it `name` or `profile.name`. */
function attribute(profile, name) {
  const attributes = profile?.profileAttributes ?? {};
  return (attributes[name] ?? attributes[`profile.${name}`])?.value;
}

/** The status link in a v2 answer, which the documents do not spell out: JSON or XML/text alike. */
function statusLink(answer) {
  const strings = [];
  const walk = (value) => {
    if (typeof value === 'string') strings.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(answer.json);
  strings.push(...(answer.text.match(/(?:https?:\/\/[^\s<>"']+|\/m2\/[^\s<>"']+)/g) ?? []));
  const link = strings.find((s) => /^(https?:\/\/|\/)/.test(s) && /status/i.test(s)) ?? strings.find((s) => /^(https?:\/\/|\/m2\/)/.test(s));
  if (!link) return undefined;
  // Ask this emulator whatever host the link names (the real one would be <client>.tt.omtrdc.net).
  const url = new URL(link.replace(/&amp;/g, '&'), 'http://emulator');
  return url.pathname + url.search;
}

await new Walkthrough('Target Profile API: bulk update, status, fetch, single update (seed 004)').run(async (w) => {
  const token = await w.token();

  // Only needed when profile authentication is switched ON for the client; sent either way.
  const profileToken = await w.step('Get a profile_api token from the Admin API (profile requests carry it as the access_token header)', {
    method: 'POST',
    path: `/${DEMO.tenant}/target/authentication/token?scope=profile_api`,
    headers: targetHeaders(token, 1),
    summary: ({ json }) => ({ ...json, accessToken: `${String(json.accessToken).slice(0, 8)}...` }),
  });
  const profileHeaders = { access_token: profileToken.json.accessToken };

  w.note(`The batch file, sent as the request body:\n${BATCH_FILE}`);
  const submitted = await w.step('Bulk update v2: send the batch file as the raw body (like curl --data-binary @BATCH.TXT); v2 creates missing profiles', {
    method: 'POST',
    path: `/m2/${CLIENT}/v2/profile/batchUpdate`,
    headers: { ...profileHeaders, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: BATCH_FILE,
    expect: [200, 202],
    summary: ({ json, text }) => json ?? text,
  });
  w.check(!/success\W{0,3}false/i.test(submitted.text) && submitted.json?.success !== false, 'the batch was accepted (no success=false)');
  const statusPath = statusLink(submitted);
  w.check(Boolean(statusPath), `the answer links to a status URL (${statusPath})`);

  let status;
  for (let attempt = 1; attempt <= 5; attempt++) {
    status = await w.step(`Follow the status URL (look ${attempt}): the result of each row, success or error with a reason`, {
      path: statusPath,
      headers: profileHeaders,
      summary: ({ json, text }) => json ?? text,
    });
    if (!/\bpending\b/i.test(status.text)) break;
    await w.advanceClock('1s', "Rows still pending: move the emulator's clock 1 s forward");
  }
  w.check(/success/i.test(status.text) && !/\bpending\b/i.test(status.text), 'every row is processed');

  const profiles = [];
  for (const id of ids) {
    const profile = await w.step(`Fetch the profile by its thirdPartyId ${id}`, {
      path: `/rest/v1/profiles/thirdPartyId/${encodeURIComponent(id)}?client=${CLIENT}`,
      headers: profileHeaders,
      summary: ({ json }) => json,
    });
    profiles.push(profile.json);
  }
  w.check(attribute(profiles[0], 'city') === 'San Francisco', 'values arrive URL-decoded ("San%20Francisco" → "San Francisco")');
  w.check(attribute(profiles[2], 'city') === 'München', 'UTF-8 too ("M%C3%BCnchen" → "München")');
  w.check(attribute(profiles[1], 'favoriteColor') === undefined, 'the empty cell set nothing: the second visitor has no favoriteColor');

  await w.step(`Single profile update: give ${ids[1]} a favoriteColor (only profile.-prefixed parameters are attributes)`, {
    path: `/m2/${CLIENT}/profile/update?mbox3rdPartyId=${encodeURIComponent(ids[1])}&profile.favoriteColor=green`,
    headers: profileHeaders,
    expect: [200, 202],
    summary: ({ text }) => text,
  });

  // Adobe applies single updates within the hour; the emulator after `profileUpdateDelayMs` (0 by default).
  let updated;
  for (let attempt = 1; attempt <= 2; attempt++) {
    updated = await w.step(`Fetch ${ids[1]} again to see the update`, {
      path: `/rest/v1/profiles/thirdPartyId/${encodeURIComponent(ids[1])}?client=${CLIENT}`,
      headers: profileHeaders,
      summary: ({ json }) => ({
        visitorId: json.visitorId,
        modifiedAt: json.modifiedAt,
        favoriteColor: json.profileAttributes?.favoriteColor ?? json.profileAttributes?.['profile.favoriteColor'],
      }),
    });
    if (attribute(updated.json, 'favoriteColor') === 'green') break;
    await w.advanceClock('1h', "Not visible yet: single updates take up to an hour, so move the emulator's clock 1 h forward");
  }
  w.check(attribute(updated.json, 'favoriteColor') === 'green', 'the single update is visible');
  w.check(attribute(updated.json, 'loyaltyTier') === 'silver', 'the attributes from the bulk update are still there');

  const stranger = `walkthrough-${run}-unknown`;
  await w.step('Single update for a visitor Target has never seen: it only updates existing profiles, so it creates nothing', {
    path: `/m2/${CLIENT}/profile/update?mbox3rdPartyId=${encodeURIComponent(stranger)}&profile.favoriteColor=purple`,
    headers: profileHeaders,
    expect: [200, 202, 400, 404],
    summary: ({ json, text }) => json ?? text,
  });
  const missing = await w.step('Fetch that visitor: no profile was created (the documented 404)', {
    path: `/rest/v1/profiles/thirdPartyId/${encodeURIComponent(stranger)}?client=${CLIENT}`,
    headers: profileHeaders,
    expect: 404,
  });
  w.check(
    missing.json?.message === `No profile found for client ${CLIENT} with third party id=${stranger}`,
    'the 404 message names the client and the third party id',
  );
});
