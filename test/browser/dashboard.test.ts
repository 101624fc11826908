/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core (which never
 * downloads a browser of its own). The emulator listens on a free port; the test creates a
 * dataset and an offer over HTTP, as any client would, and watches the page follow. It takes
 * screenshots at desktop and laptop sizes (test-output/, git-ignored) and checks at each that no
 * text overflows its cell or panel.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../src/server.js';
import { DEMO, platformHeaders, targetHeaders } from '../helpers.js';
import { installJournalStandIn } from './journal-stand-in.js';
import { overflowingText, showsLoading } from './layout.js';
import { CHROMIUM, CHROMIUM_ARGS, IN_CI, NO_BROWSER } from './chromium.js';

/** dist/test/browser/ → the repository root. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const OUTPUT = join(ROOT, 'test-output');
const PLATFORM_SCOPE = `platform/${DEMO.org}/prod`;
const TARGET_SCOPE = `target/${DEMO.tenant}`;
const PROFILE_SCOPE = `profile/${DEMO.tenant}`;
const DESKTOP = { width: 1440, height: 900 };
const LAPTOP = { width: 1280, height: 720 };
/** What the Clock panel and the journal show: ISO 8601 in UTC, to the second. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/;

async function json(response: Response): Promise<any> {
  const text = await response.text();
  assert.ok(response.ok, `${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const row = (page: Page, scope: string, collection: string, id: string | number) =>
  page.locator(`[data-scope="${scope}"] [data-collection="${collection}"] tr[data-id="${id}"]`);

test('dashboard: resources (dataset, batch, offer), live journal, faults, clock and reset in chromium', {
  timeout: 60_000,
  skip: CHROMIUM || IN_CI ? false : NO_BROWSER,
}, async () => {
  assert.ok(CHROMIUM, `CI is set: ${NO_BROWSER}`);
  const { app, ctx } = await buildApp({ logLevel: 'silent' });
  // A profile as the Profile API stores it (per client code), written directly: this test is about the page.
  ctx.store.collection(PROFILE_SCOPE, 'profiles').put('dashboard-tnt', {
    id: 'dashboard-tnt',
    thirdPartyId: 'crm-42',
    modifiedAt: '2026-01-01T00:00:00.000+00:00',
    attributes: { tier: 'gold', city: 'Basel' },
  });
  // An upload in progress, stored as the Batch Ingestion API stores it: its collection has a camelCase name.
  ctx.store.collection(PLATFORM_SCOPE, 'largeFileUploads').put('upload-1', { id: 'upload-1', name: 'members.json', status: 'uploading' });
  // Until the emulator has its own request journal, a test-only stand-in answers the same contract.
  const standIn = !app.hasRoute({ method: 'GET', url: '/_mock/requests' });
  if (standIn) installJournalStandIn(app);
  const hasFaults = app.hasRoute({ method: 'POST', url: '/_mock/faults' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const profile = await mkdtemp(join(tmpdir(), 'adobe-api-mock-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: DESKTOP,
    });
    context.setDefaultTimeout(15_000);
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());

    // Right after load (no waiting for a poll) the page shows data: the first data comes with the page.
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await mkdir(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'dashboard-on-load.png') });
    assert.equal(await showsLoading(page), false, 'no "Loading…" once the page has loaded');
    assert.equal(await page.locator(`[data-scope="${PLATFORM_SCOPE}"] [data-collection="dataSets"] tbody tr`).count(), 1, 'the datasets are there at load');
    assert.match(await page.locator('#clock [data-now]').innerText(), ISO_UTC);
    // Collections by their readable names (from the server).
    assert.equal(await page.locator(`[data-scope="${PLATFORM_SCOPE}"] [data-collection="dataSets"] > summary`).innerText(), 'Datasets1');
    assert.match(await page.locator(`[data-scope="${PLATFORM_SCOPE}"] [data-collection="largeFileUploads"] > summary`).innerText(), /^Large file uploads/);
    // The Schema Registry's unions, a computed view, with their member schemas in the declared columns.
    const unions = page.locator(`[data-scope="${PLATFORM_SCOPE}"] [data-collection="unions"]`);
    assert.equal(await unions.locator('> summary').innerText(), 'Unions (schemas enabled for Profile)1');
    await unions.locator('> summary').click();
    assert.deepEqual(await unions.locator('thead th').allInnerTexts(), ['Union', 'Class', 'Member schemas']);
    assert.deepEqual(await row(page, PLATFORM_SCOPE, 'unions', 'https://ns.adobe.com/xdm/context/profile__union').locator('td').allInnerTexts(), [
      'https://ns.adobe.com/xdm/context/profile__union',
      'XDM Individual Profile',
      'Loyalty Members',
    ]);

    await page.locator(`[data-scope="${TARGET_SCOPE}"] [data-collection="offers"]`).waitFor();
    await page.locator(`[data-scope="${PLATFORM_SCOPE}"] [data-collection="dataSets"]`).waitFor();
    assert.equal(await page.title(), 'adobe-api-mock · dashboard');
    assert.match(await row(page, PROFILE_SCOPE, 'profiles', 'dashboard-tnt').innerText(), /tier=gold, city=Basel \(thirdPartyId crm-42\)/);
    assert.equal(await page.locator('a[href="/docs"]').count(), 1);

    // Create a dataset and an offer over HTTP, as a client under test would.
    const token = (
      await json(
        await fetch(`${base}/ims/token/v3`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `grant_type=client_credentials&client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}`,
        }),
      )
    ).access_token as string;
    const createdDataSet = await fetch(`${base}/data/foundation/catalog/dataSets`, {
      method: 'POST',
      headers: { ...platformHeaders(token), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Dashboard walkthrough dataset' }),
    });
    assert.equal(createdDataSet.status, 201);
    const dataSetId = ((await json(createdDataSet)) as string[])[0]!.slice('@/dataSets/'.length);
    const createdOffer = await fetch(`${base}/${DEMO.tenant}/target/offers/content`, {
      method: 'POST',
      headers: { ...targetHeaders(token), 'content-type': 'application/vnd.adobe.target.v2+json' },
      body: JSON.stringify({ name: 'Dashboard walkthrough offer', content: '<p>Hello trainees</p>' }),
    });
    assert.equal(createdOffer.status, 200);
    const offerId = (await json(createdOffer)).id as number;

    const createdBatch = await fetch(`${base}/data/foundation/import/batches`, {
      method: 'POST',
      headers: { ...platformHeaders(token), 'content-type': 'application/json' },
      body: JSON.stringify({ datasetId: dataSetId, inputFormat: { format: 'json' } }),
    });
    assert.equal(createdBatch.status, 201);
    const batchId = (await json(createdBatch)).id as string;

    // All appear without a reload, newest first; the batch with its lifecycle status.
    await row(page, PLATFORM_SCOPE, 'batches', batchId).waitFor();
    assert.equal(await row(page, PLATFORM_SCOPE, 'batches', batchId).locator('[data-status]').innerText(), 'loading');
    assert.match(await row(page, PLATFORM_SCOPE, 'batches', batchId).innerText(), new RegExp(dataSetId));
    await row(page, PLATFORM_SCOPE, 'dataSets', dataSetId).waitFor();
    assert.match(await row(page, PLATFORM_SCOPE, 'dataSets', dataSetId).innerText(), /Dashboard walkthrough dataset/);
    await row(page, TARGET_SCOPE, 'offers', offerId).waitFor();
    assert.match(await row(page, TARGET_SCOPE, 'offers', offerId).innerText(), /Dashboard walkthrough offer/);
    assert.equal(await page.locator(`[data-scope="${TARGET_SCOPE}"] [data-collection="offers"] tbody tr`).first().getAttribute('data-id'), String(offerId));
    const offers = page.locator(`[data-scope="${TARGET_SCOPE}"] [data-collection="offers"]`);
    assert.equal(await offers.locator('.count').innerText(), '1121');
    // Ten rows at first, the 50 newest on request.
    assert.equal(await offers.locator('tbody tr').count(), 10);
    await offers.getByRole('button', { name: 'Show 40 more' }).click();
    assert.equal(await page.locator(`[data-scope="${TARGET_SCOPE}"] [data-collection="offers"] tbody tr`).count(), 50);

    // The journal shows the calls (method, path, status), newest on top.
    const journalRow = (method: string, path: string, status: number) =>
      page.locator(`#journal-rows tr[data-method="${method}"][data-path="${path}"][data-status="${status}"]`);
    await journalRow('POST', '/data/foundation/catalog/dataSets', 201).waitFor();
    await journalRow('POST', `/${DEMO.tenant}/target/offers/content`, 200).waitFor();
    await journalRow('POST', '/ims/token/v3', 200).waitFor();
    assert.match(await journalRow('POST', `/${DEMO.tenant}/target/offers/content`, 200).innerText(), /target/);
    await journalRow('POST', '/data/foundation/import/batches', 201).waitFor();
    assert.equal(await page.locator('#journal-rows tr.entry').first().getAttribute('data-path'), '/data/foundation/import/batches');
    // Times in ISO UTC as on the Clock panel; the exact instant in the tooltip.
    const firstTime = page.locator('#journal-rows tr.entry td.time').first();
    assert.match(await firstTime.innerText(), ISO_UTC);
    assert.ok(!Number.isNaN(Date.parse((await firstTime.getAttribute('title')) ?? '')), 'the tooltip holds the stored instant');
    if (!standIn) {
      // A row opens on the request's headers and bodies (secrets masked by the journal), JSON indented.
      await journalRow('POST', '/data/foundation/catalog/dataSets', 201).click();
      const detail = page.locator('#journal-rows tr.entry-detail');
      await detail.waitFor();
      assert.match(await detail.innerText(), /Response body[\s\S]*\[\n {2}"@\/dataSets\//);
      assert.match(await detail.innerText(), /Request body[\s\S]*\{\n {2}"name": "Dashboard walkthrough dataset"\n\}/);
      assert.ok(!(await detail.innerText()).includes(token), 'the bearer token is not shown');
      // Each block has a copy button; what it copies is the indented JSON.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      const requestBody = detail.locator('.detail-block', { hasText: 'Request body' });
      await requestBody.getByRole('button', { name: 'Copy' }).click();
      await requestBody.getByRole('button', { name: 'Copied' }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '{\n  "name": "Dashboard walkthrough dataset"\n}');
    }
    // The page's own polling stays out of the journal.
    assert.equal(await page.locator('#journal-rows tr[data-path^="/_mock"]').count(), 0);

    // Faults: listed, then cleared with the button (or shown as unavailable in a build without them).
    if (hasFaults) {
      await json(
        await fetch(`${base}/_mock/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ method: 'GET', path: '/data/foundation/catalog/batches', status: 503, count: 2 }),
        }),
      );
      await page.locator('#faults [data-fault]').waitFor();
      assert.match(await page.locator('#faults').innerText(), /\/data\/foundation\/catalog\/batches[\s\S]*503/);
      await page.click('#clear-faults');
      await page.locator('#faults', { hasText: 'No active faults' }).waitFor();
    } else {
      await page.locator('#faults', { hasText: 'unavailable' }).waitFor();
    }

    // The clock: advance by the amount typed in.
    const before = (await json(await fetch(`${base}/_mock/clock`))).epochMs as number;
    await page.fill('#clock-advance', '2h');
    await page.click('#clock-advance-button');
    await page.locator('#clock', { hasText: 'ahead of real time' }).waitFor();
    const after = (await json(await fetch(`${base}/_mock/clock`))).epochMs as number;
    assert.ok(after - before >= 2 * 3_600_000, `the clock moved ${after - before} ms`);

    // Desktop and laptop sizes: screenshots to look at, and no text wider than its cell or panel.
    for (const [name, size] of [
      ['desktop', DESKTOP],
      ['laptop', LAPTOP],
    ] as const) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(OUTPUT, `dashboard-${name}.png`), fullPage: true });
      assert.deepEqual(await overflowingText(page), [], `no text overflows at ${size.width}×${size.height}`);
    }
    assert.equal(await showsLoading(page), false);
    // Path-like names wrap after their slashes, with nothing lost or added.
    assert.ok(
      (await page
        .locator(`[data-scope="${TARGET_SCOPE}"] [data-collection="offers"] td`, { hasText: /^\/homepage_hero_-_ab\/experiences\/1\/pages\/0\/zones\/2\/\d+$/ })
        .count()) > 0,
    );
    assert.ok(!(await page.locator('#resources').innerText()).includes('[object'), 'no object rendered as text');

    // Reset (the page asks for confirmation; the dialog handler accepts): both objects go.
    await page.click('#reset');
    await row(page, PLATFORM_SCOPE, 'dataSets', dataSetId).waitFor({ state: 'detached' });
    await row(page, TARGET_SCOPE, 'offers', offerId).waitFor({ state: 'detached' });
    await row(page, PLATFORM_SCOPE, 'batches', batchId).waitFor({ state: 'detached' });
    await row(page, PROFILE_SCOPE, 'profiles', 'dashboard-tnt').waitFor({ state: 'detached' });
    assert.equal(await page.locator(`[data-scope="${TARGET_SCOPE}"] [data-collection="offers"] .count`).innerText(), '1120');
    await page.screenshot({ path: join(OUTPUT, 'dashboard-after-reset.png'), fullPage: true });

    assert.deepEqual(pageErrors, [], 'no script errors on the page');
  } finally {
    await context?.close();
    await app.close();
    await rm(profile, { recursive: true, force: true });
  }
});
