#!/usr/bin/env node
// Target Admin /batch (seed 004, "Batch Updates"): several Admin calls in one request.
// An offer is created, then updated through {operationIdResponse:0} (the id the POST answered),
// then read back; an independent GET runs alongside; an operation that fails makes everything
// depending on it "skipped". A second batch with a dependency cycle is refused as a whole.
//
//   node examples/target-batch.mjs [http://127.0.0.1:4590]
import { DEMO, Walkthrough, targetHeaders } from './lib.mjs';

const TARGET = `/${DEMO.tenant}/target`;
const stamp = new Date().toISOString();

const OPERATIONS = [
  { operationId: 0, method: 'POST', relativeUrl: '/v2/offers/content', body: { name: `Batch offer ${stamp}`, content: '<p>first draft</p>' } },
  {
    operationId: 1,
    dependsOnOperationIds: [0],
    method: 'PUT',
    relativeUrl: '/v2/offers/content/{operationIdResponse:0}',
    body: { name: `Batch offer ${stamp}`, content: '<p>final text</p>' },
  },
  { operationId: 2, dependsOnOperationIds: [1], method: 'GET', relativeUrl: '/v2/offers/content/{operationIdResponse:0}' },
  { operationId: 3, method: 'GET', relativeUrl: '/v3/activities?limit=2' },
  // An audience needs a targetRule or an audienceRule: this one fails with 400 ...
  { operationId: 4, method: 'POST', relativeUrl: '/v3/audiences', body: { name: `Batch audience without a rule ${stamp}` } },
  // ... so the activity using it is skipped, and so is the state change that depends on the activity.
  {
    operationId: 5,
    dependsOnOperationIds: [0, 4],
    method: 'POST',
    relativeUrl: '/v3/activities/ab',
    body: {
      name: `Batch activity ${stamp}`,
      locations: { mboxes: [{ locationLocalId: 0, name: 'homepage-hero', audienceIds: ['{operationIdResponse:4}'] }] },
      experiences: [
        { experienceLocalId: 0, name: 'Only experience', visitorPercentage: 100, offerLocations: [{ locationLocalId: 0, offerId: '{operationIdResponse:0}' }] },
      ],
      metrics: [
        {
          metricLocalId: 32767,
          name: 'Clicks',
          conversion: true,
          mboxes: [{ name: 'order-complete', successEvent: 'mbox_shown' }],
          action: { type: 'count_once' },
        },
      ],
    },
  },
  { operationId: 6, dependsOnOperationIds: [5], method: 'PUT', relativeUrl: '/v1/activities/{operationIdResponse:5}/state', body: { state: 'approved' } },
];

/** What an operation's answer says, in a few words. */
function outcome(result) {
  if (result.skipped) return 'skipped (a dependency failed or was skipped)';
  const body = result.body;
  if (result.statusCode >= 400) return body?.errors?.map((e) => `${e.errorCode}: ${e.message}`).join('; ') ?? '';
  if (body && typeof body === 'object' && 'content' in body) return `offer ${body.id}: ${body.content}`;
  if (body && Array.isArray(body.activities)) return `${body.activities.length} of ${body.total} activities`;
  if (body && body.id !== undefined) return `id ${body.id}`;
  return '';
}

function table(operations, results) {
  const byId = new Map(results.map((result) => [result.operationId, result]));
  const rows = operations.map((op) => {
    const result = byId.get(op.operationId) ?? {};
    return [
      String(op.operationId),
      (op.dependsOnOperationIds ?? []).join(',') || '-',
      `${op.method} ${op.relativeUrl}`,
      result.skipped ? 'skipped' : String(result.statusCode ?? '?'),
      outcome(result),
    ];
  });
  const head = ['op', 'after', 'request', 'status', 'outcome'];
  const widths = head.map((title, column) => Math.max(title.length, ...rows.map((row) => Math.min(row[column].length, 60))));
  const line = (cells) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ');
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

await new Walkthrough('Target Admin: one /batch with dependencies (seed 004)').run(async (w) => {
  const token = await w.token();

  const batch = await w.step(
    `Send ${OPERATIONS.length} operations in one POST /batch: a POST → PUT → GET chain, an independent GET, a failing POST and its dependents`,
    {
      method: 'POST',
      path: `${TARGET}/batch`,
      headers: targetHeaders(token),
      json: { operations: OPERATIONS },
      summary: ({ json }) => table(OPERATIONS, json.results),
    },
  );
  const results = new Map(batch.json.results.map((result) => [result.operationId, result]));
  const offerId = results.get(0)?.body?.id;
  w.check(results.get(0)?.statusCode === 200 && typeof offerId === 'number', `operation 0 created offer ${offerId}`);
  w.check(results.get(1)?.statusCode === 200, 'operation 1 updated it through {operationIdResponse:0}');
  w.check(results.get(2)?.body?.content === '<p>final text</p>', 'operation 2, run after the update, reads the final text');
  w.check(results.get(3)?.statusCode === 200, 'operation 3 ran on its own, unaffected by the failure');
  w.check(results.get(4)?.statusCode === 400, 'operation 4 failed with 400 (an audience needs a rule)');
  w.check(results.get(5)?.skipped === true && results.get(6)?.skipped === true, 'operations 5 and 6 were skipped, transitively');

  await w.step("Read the offer directly: the batch's writes are real", {
    path: `${TARGET}/offers/content/${offerId}`,
    headers: targetHeaders(token, 2),
    summary: ({ json }) => ({ id: json.id, name: json.name, content: json.content }),
  });

  w.note('A batch that breaks a rule (here a dependency cycle) is refused whole: nothing runs.');
  await w.step('Send a batch whose operations 0 and 1 depend on each other', {
    method: 'POST',
    path: `${TARGET}/batch`,
    headers: targetHeaders(token),
    json: {
      operations: [
        {
          operationId: 0,
          dependsOnOperationIds: [1],
          method: 'POST',
          relativeUrl: '/v2/offers/content',
          body: { name: `Never created ${stamp}`, content: 'x' },
        },
        { operationId: 1, dependsOnOperationIds: [0], method: 'GET', relativeUrl: '/v2/offers/content/{operationIdResponse:0}' },
      ],
    },
    expect: 400,
    summary: ({ json }) => json.errors,
  });

  const search = await w.step('Check that no offer from the refused batch exists', {
    path: `${TARGET}/offers?name=${encodeURIComponent(`Never created ${stamp}`)}`,
    headers: targetHeaders(token, 2),
    summary: ({ json }) => ({ total: json.total }),
  });
  w.check(search.json.total === 0, 'nothing from the refused batch was written');
});
