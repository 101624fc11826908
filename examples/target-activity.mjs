#!/usr/bin/env node
// Target Admin API (seed 004): build an A/B activity from your own offers and audience.
// Create two offers and an audience, create an AB activity that shows one offer per experience
// to that audience, read it back, set it live and raise its priority, then read its changelog.
//
//   node examples/target-activity.mjs [http://127.0.0.1:4590]
import { DEMO, Walkthrough, targetHeaders } from './lib.mjs';

const TARGET = `/${DEMO.tenant}/target`;
const stamp = new Date().toISOString();

await new Walkthrough('Target Admin: an A/B activity with your own offers and audience (seed 004)').run(async (w) => {
  const token = await w.token();

  const offerIds = [];
  for (const [letter, content] of [
    ['A', '<div class="hero">Free shipping on every order</div>'],
    ['B', '<div class="hero">10% off your first order</div>'],
  ]) {
    const offer = await w.step(`Create offer ${letter}: the HTML content experience ${letter} will show (offers API v2)`, {
      method: 'POST',
      path: `${TARGET}/offers/content`,
      headers: targetHeaders(token, 2),
      json: { name: `Walkthrough offer ${letter} ${stamp}`, content },
      summary: ({ json }) => ({ id: json.id, name: json.name, workspace: json.workspace, modifiedAt: json.modifiedAt }),
    });
    offerIds.push(offer.json.id);
  }

  const audience = await w.step('Create an audience: visitors on the home page coming from California (audiences API v3)', {
    method: 'POST',
    path: `${TARGET}/audiences`,
    headers: targetHeaders(token, 3),
    json: {
      name: `Walkthrough: homepage visitors from California ${stamp}`,
      description: 'Created by examples/target-activity.mjs',
      targetRule: {
        and: [
          { page: 'url', equals: ['http://www.myhomepage.com/'] },
          { geo: 'region', matches: ['california'] },
        ],
      },
    },
    summary: ({ json }) => ({ id: json.id, name: json.name, origin: json.origin, targetRule: json.targetRule }),
  });
  const audienceId = audience.json.id;

  const created = await w.step('Create the AB activity: one mbox location for that audience, experience A and B split 50/50 (activities API v3)', {
    method: 'POST',
    path: `${TARGET}/activities/ab`,
    headers: targetHeaders(token, 3),
    json: {
      name: `Walkthrough A/B test ${stamp}`,
      startsAt: '2030-05-01T08:00Z',
      endsAt: '2030-09-01T07:59:59Z',
      state: 'saved',
      priority: 5,
      autoAllocateTraffic: { enabled: false, successEvaluationCriteria: 'conversion_rate' },
      locations: { mboxes: [{ locationLocalId: 0, name: 'homepage-hero', audienceIds: [audienceId] }] },
      experiences: [
        { experienceLocalId: 0, name: 'Experience A', visitorPercentage: 50, offerLocations: [{ locationLocalId: 0, offerId: offerIds[0] }] },
        { experienceLocalId: 1, name: 'Experience B', visitorPercentage: 50, offerLocations: [{ locationLocalId: 0, offerId: offerIds[1] }] },
      ],
      metrics: [
        {
          metricLocalId: 32767,
          name: 'Order placed',
          conversion: true,
          mboxes: [{ name: 'order-complete', successEvent: 'mbox_shown' }],
          action: { type: 'count_once' },
        },
      ],
    },
    summary: ({ json }) => ({ id: json.id, name: json.name, state: json.state, priority: json.priority, thirdPartyId: json.thirdPartyId }),
  });
  const activityId = created.json.id;

  const read = await w.step('Read the activity back by id: what Target stored', {
    path: `${TARGET}/activities/ab/${activityId}`,
    headers: targetHeaders(token, 3),
    summary: ({ json }) => ({
      id: json.id,
      state: json.state,
      locations: json.locations,
      experiences: json.experiences?.map((e) => `${e.name}: ${e.visitorPercentage}% → offer ${e.offerLocations?.map((o) => o.offerId).join(', ')}`),
    }),
  });
  w.check(
    read.json.experiences?.every((experience, index) => experience.offerLocations?.[0]?.offerId === offerIds[index]),
    'each experience shows the offer created for it',
  );

  await w.step('Approve the activity: state "approved" is "Live" in the Target UI', {
    method: 'PUT',
    path: `${TARGET}/activities/${activityId}/state`,
    headers: targetHeaders(token, 1),
    json: { state: 'approved' },
  });

  await w.step('Raise its priority to 100 (0-999), so it wins over lower-priority activities on the same mbox', {
    method: 'PUT',
    path: `${TARGET}/activities/${activityId}/priority`,
    headers: targetHeaders(token, 1),
    json: { priority: 100 },
  });

  const list = await w.step('Find it in the activity list (filtered by name)', {
    path: `${TARGET}/activities?name=${encodeURIComponent(stamp)}`,
    headers: targetHeaders(token, 3),
    summary: ({ json }) => ({ total: json.total, activities: json.activities?.map((a) => ({ id: a.id, type: a.type, state: a.state, priority: a.priority })) }),
  });
  w.check(
    list.json.activities?.some((a) => a.id === activityId && a.state === 'approved' && a.priority === 100),
    'the list shows it approved with priority 100',
  );

  const changelog = await w.step('Read its changelog: every change made through the API, newest first', {
    path: `${TARGET}/activities/${activityId}/changelog`,
    headers: targetHeaders(token, 1),
    summary: ({ json }) => ({ total: json.total, activityChangelogs: json.activityChangelogs }),
  });
  w.check((changelog.json.activityChangelogs?.length ?? 0) >= 3, 'the changelog has the creation, the state change and the priority change');

  w.note('An offer used by a live activity cannot be deleted; try it:');
  await w.step(`Try to delete offer A while the activity uses it (Target refuses with 400)`, {
    method: 'DELETE',
    path: `${TARGET}/offers/content/${offerIds[0]}`,
    headers: targetHeaders(token, 2),
    expect: 400,
    summary: ({ json }) => json.errors,
  });
});
