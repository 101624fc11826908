/**
 * The trainee walkthroughs in examples/ run as a user would run them: `node examples/<name>.mjs
 * <url>` in a child process, against an emulator listening on a real port in this process (with
 * the default 1000 ms processing delay, so the Platform walkthrough has to move the clock).
 * Each must exit 0 and print its steps.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runChild, type Run } from '../child-run.js';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockServer, type MockServer } from '../../src/index.js';

/** dist/test/examples/ → the package root (the .mjs files are not compiled, they are read from examples/). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const EXAMPLES = join(ROOT, 'examples');

/** Runs a walkthrough without blocking this process's event loop (the emulator answers from it). */
function runExample(name: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  if (!('ADOBE_MOCK_URL' in env)) delete childEnv.ADOBE_MOCK_URL;
  return runChild(process.execPath, [join(EXAMPLES, name), ...args], { cwd: ROOT, env: childEnv, timeoutMs: 60_000 });
}

function assertSucceeded(run: Run, expectedLines: (string | RegExp)[]): void {
  const output = `--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
  assert.equal(run.code, 0, `the walkthrough exits 0\n${output}`);
  assert.match(run.stdout, /^Done: every step answered as expected \(\d+ steps\)\.$/m, output);
  assert.match(run.stdout, /^Step 1\. Get an access token from IMS/m, output);
  assert.match(run.stdout, /^ {6}POST \/ims\/token\/v3$/m, output);
  for (const line of expectedLines) {
    if (typeof line === 'string') assert.ok(run.stdout.includes(line), `stdout has ${JSON.stringify(line)}\n${output}`);
    else assert.match(run.stdout, line, output);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts a colour code.
  assert.doesNotMatch(run.stdout, /\x1b\[/, 'no colour codes when stdout is not a terminal');
}

describe('walkthroughs (examples/)', () => {
  let mock: MockServer;
  before(async () => {
    mock = await createMockServer({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  });
  after(() => mock.close());

  test('platform-dataset-tutorial.mjs: schema, dataset, batch, upload, complete, poll, read back', { timeout: 90_000 }, async () => {
    const run = await runExample('platform-dataset-tutorial.mjs', [mock.url]);
    assertSucceeded(run, [
      '      GET /data/foundation/schemaregistry/tenant/schemas/_mocktenant.schemas.533ca5da28087c44344810891b0f03d9',
      '"title": "Loyalty Members"',
      '      POST /data/foundation/catalog/dataSets\n      → 201 Created',
      '      POST /data/foundation/import/batches\n      → 201 Created',
      /^ {6}PUT \/data\/foundation\/import\/batches\/\w+\/datasets\/\w+\/files\/members\.json\n {6}→ 200 OK$/m,
      /^ {6}POST \/data\/foundation\/import\/batches\/\w+\?action=COMPLETE\n {6}→ 200 OK$/m,
      // The default processing delay is 1 s on the emulator's clock: the walkthrough moves it.
      '      POST /_mock/clock',
      '✓ the batch ended "success" (got "success")',
      '"recordsWritten": 3',
      '✓ the downloaded bytes are exactly the uploaded file',
    ]);
  });

  test('schema-tutorial.mjs: field group, schema, identity, union, Profile dataset, ingest, evolve, ingest again', { timeout: 90_000 }, async () => {
    const run = await runExample('schema-tutorial.mjs', [mock.url]);
    assertSucceeded(run, [
      '      GET /data/foundation/schemaregistry/stats\n      → 200 OK',
      '✓ the tenant id is "mocktenant": custom fields live under "_mocktenant"',
      '      POST /data/foundation/schemaregistry/tenant/fieldgroups\n      → 201 Created',
      '      POST /data/foundation/schemaregistry/tenant/schemas\n      → 201 Created',
      /^ {6}PATCH \/data\/foundation\/schemaregistry\/tenant\/schemas\/_mocktenant\.schemas\.\w+\n {6}→ 200 OK$/m,
      '✓ each change bumps the version: 1.0 → 1.1',
      '✓ the schema has _mocktenant.loyalty.loyaltyId',
      '      POST /data/foundation/schemaregistry/tenant/descriptors\n      → 201 Created',
      '✓ the schema carries the union tag',
      // Adobe's tutorial repeats the property parameter to list a union's members.
      '      GET /data/foundation/schemaregistry/tenant/schemas?property=meta:immutableTags==union&property=meta:class==https://ns.adobe.com/xdm/context/profile\n      → 200 OK',
      '✓ the new schema is a member of the union',
      '✓ the Profile class has a union, _xdm.context.profile__union',
      '✓ the union has _mocktenant.loyalty.points',
      '      POST /data/foundation/catalog/dataSets\n      → 201 Created',
      '✓ the batch ended "success" with 2 records (got "success")',
      '✓ the downloaded bytes are exactly the uploaded file',
      /^ {6}PATCH \/data\/foundation\/schemaregistry\/tenant\/fieldgroups\/_mocktenant\.mixins\.\w+\n {6}→ 200 OK$/m,
      '✓ the field group is at version 1.1',
      '"title": "Schema evolution validation error"',
      '✓ refused with XDM-1529, a schema evolution error: nothing changed',
      '✓ the record with a tier is accepted (batch "success")',
      '✓ a batch whose only record has the wrong type fails (got "failed")',
      '✓ its errors carry INGEST-1212-400 (errors in the data, 0 rows ingested)',
      '"_errors":[{"message":"/_mocktenant/loyalty/tier must be string"}]',
      '✓ the failed record says tier must be a string',
    ]);
  });

  test('target-activity.mjs: offers, audience, AB activity, state, priority, changelog', { timeout: 90_000 }, async () => {
    const run = await runExample('target-activity.mjs', [mock.url]);
    assertSucceeded(run, [
      '      POST /mocktenant/target/offers/content\n      → 200 OK',
      '      POST /mocktenant/target/audiences\n      → 200 OK',
      '      POST /mocktenant/target/activities/ab\n      → 200 OK',
      /^ {6}PUT \/mocktenant\/target\/activities\/\d+\/state\n {6}→ 200 OK$/m,
      /^ {6}PUT \/mocktenant\/target\/activities\/\d+\/priority\n {6}→ 200 OK$/m,
      '✓ each experience shows the offer created for it',
      '✓ the list shows it approved with priority 100',
      '✓ the changelog has the creation, the state change and the priority change',
      /^ {6}DELETE \/mocktenant\/target\/offers\/content\/\d+\n {6}→ 400 Bad Request$/m,
    ]);
  });

  test('target-batch.mjs: dependencies, {operationIdResponse:N}, skipped dependents, a refused batch', { timeout: 90_000 }, async () => {
    const run = await runExample('target-batch.mjs', [mock.url]);
    assertSucceeded(run, [
      '      POST /mocktenant/target/batch\n      → 200 OK',
      /^ {6}op {2}after {2}request +status {3}outcome$/m,
      /^ {6}1 {3}0 {6}PUT \/v2\/offers\/content\/\{operationIdResponse:0\} +200 +offer \d+: <p>final text<\/p>$/m,
      /^ {6}4 {3}- {6}POST \/v3\/audiences +400 +Request\.Invalid: /m,
      /^ {6}5 {3}0,4 {4}POST \/v3\/activities\/ab +skipped +skipped/m,
      /^ {6}6 {3}5 {6}PUT \/v1\/activities\/\{operationIdResponse:5\}\/state +skipped +skipped/m,
      '✓ operations 5 and 6 were skipped, transitively',
      '"message": "Cyclical dependency between operations: 0 -> 1 -> 0"',
      '✓ nothing from the refused batch was written',
    ]);
  });

  test('profile-bulk-update.mjs: v2 bulk update, status URL, fetch by thirdPartyId, single update', { timeout: 90_000 }, async () => {
    const run = await runExample('profile-bulk-update.mjs', [mock.url]);
    assertSucceeded(run, [
      /^ {6}POST \/m2\/mocktenant\/v2\/profile\/batchUpdate\n {6}→ 20[02] /m,
      '✓ every row is processed',
      /^ {6}GET \/rest\/v1\/profiles\/thirdPartyId\/walkthrough-\w+-1\?client=mocktenant\n {6}→ 200 OK$/m,
      '✓ values arrive URL-decoded ("San%20Francisco" → "San Francisco")',
      '✓ UTF-8 too ("M%C3%BCnchen" → "München")',
      '✓ the single update is visible',
      '✓ the 404 message names the client and the third party id',
    ]);
  });

  test('the base URL can come from ADOBE_MOCK_URL instead of the first argument', { timeout: 90_000 }, async () => {
    const run = await runExample('target-batch.mjs', [], { ADOBE_MOCK_URL: `${mock.url}/` });
    assertSucceeded(run, [`Emulator: ${mock.url}  (watch the calls live on the dashboard: ${mock.url}/)`]);
  });
});

describe('walkthroughs fail loudly', () => {
  let server: Server;
  let url: string;
  before(async () => {
    // Something that is not the emulator: every request answers 503.
    server = createServer((_request, response) => response.writeHead(503, { 'content-type': 'application/json' }).end('{"oops":true}'));
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => new Promise<void>((resolveClose) => server.close(() => resolveClose())));

  test('an unexpected status stops the walkthrough with exit code 1 and says which step', { timeout: 30_000 }, async () => {
    const run = await runExample('platform-dataset-tutorial.mjs', [url]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^ {6}→ 503 Service Unavailable$/m);
    assert.match(run.stdout, /"oops": true/);
    assert.match(run.stderr, /^Stopped: step 1 answered 503, expected 200$/m);
    assert.doesNotMatch(run.stdout, /^Done:/m);
  });

  test('no emulator listening: exit code 1 and a hint to start it', { timeout: 30_000 }, async () => {
    const closed = await new Promise<string>((resolvePort) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolvePort(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`));
      });
    });
    const run = await runExample('target-activity.mjs', [closed]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /Stopped: could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Is the emulator running\? Start it with `npm start`\./);
  });
});
