/**
 * /docs as a trainee uses it, in Debian's chromium (playwright-core, as dashboard.test.ts):
 * the page authorizes itself with the demo integration, "Authorize" shows it, and "Try it out"
 * on a Platform and a Target operation answers 200; a Schema Registry answer shows Adobe's example,
 * whose XDM `$ref`s stay text (the page fetches nothing from ns.adobe.com).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../src/server.js';
import { DEMO } from '../helpers.js';
import { CHROMIUM, CHROMIUM_ARGS, IN_CI, NO_BROWSER } from './chromium.js';

/** Expands an operation (by its Swagger UI id), runs "Try it out" → "Execute" and returns the status shown. */
async function tryItOut(page: Page, operationId: string, fill: Record<string, string> = {}): Promise<string> {
  const operation = page.locator(`#operations-${operationId}`);
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('button.try-out__btn').click();
  for (const [name, value] of Object.entries(fill)) await operation.locator(`tr[data-param-name="${name}"] input`).fill(value);
  await operation.locator('button.execute').click();
  const status = operation.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor();
  return (await status.innerText()).trim();
}

test('/docs: authorized with the demo integration, "Try it out" answers 200 for Platform and Target', { timeout: 60_000, skip: CHROMIUM || IN_CI ? false : NO_BROWSER }, async () => {
  assert.ok(CHROMIUM, `CI is set: ${NO_BROWSER}`);
  const { app } = await buildApp({ logLevel: 'silent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const profile = await mkdtemp(join(tmpdir(), 'adobe-api-mock-docs-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(15_000);
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const token = page.waitForResponse((response) => response.url().endsWith('/ims/token/v3') && response.status() === 200);
    await page.goto(`${base}/docs`);
    await token;

    // Tags: the products first, the control API last.
    await page.locator('.opblock-tag-section h3').first().waitFor();
    const tags = await page.locator('.opblock-tag-section h3').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-tag')));
    assert.equal(tags[0], 'IMS');
    assert.equal(tags.at(-1), 'Emulator control');

    // "Authorize" lists every scheme, the demo ones authorized.
    await page.locator('.auth-wrapper button.authorize').click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.waitFor();
    const text = await dialog.innerText();
    for (const name of ['imsToken', 'apiKey', 'imsOrg', 'sandbox', 'controlToken']) assert.match(text, new RegExp(name));
    // Authorized schemes offer "Logout": the IMS token and the three Platform headers.
    await page.waitForFunction(() => [...document.querySelectorAll('.dialog-ux .modal-ux button')].filter((button) => button.textContent === 'Logout').length >= 4);
    await dialog.locator('button.close-modal').click();

    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base)) outside.push(request.url());
    });
    const fieldGroup = page.locator('#operations-Schema_Registry-get_data_foundation_schemaregistry_tenant_fieldgroups__id_');
    await fieldGroup.locator('.opblock-summary').first().click();
    const example = fieldGroup.locator('.responses-table .response[data-code="200"] .example').first();
    await example.waitFor();
    const shown = await example.innerText();
    assert.match(shown, /"title": "Demographic Details"/);
    assert.match(shown, /"\$ref": "#\/definitions\//);
    assert.deepEqual(outside, []);

    assert.equal(await tryItOut(page, 'Catalog-get_data_foundation_catalog_dataSets'), '200');
    assert.equal(await tryItOut(page, 'Target_Admin-get__tenant__target_activities', { tenant: DEMO.tenant }), '200');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context?.close();
    await app.close();
    await rm(profile, { recursive: true, force: true });
  }
});
