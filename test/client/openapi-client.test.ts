/**
 * The OpenAPI document as a client project uses it: it validates as OpenAPI 3
 * (@apidevtools/swagger-parser), types generated from it by openapi-typescript are current
 * (and compiled with the tests by the project's tsc), and openapi-fetch, typed by them, calls an
 * emulator started with createMockServer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import createClient from 'openapi-fetch';
import { createMockServer } from '../../src/index.js';
import { OPENAPI_FILE } from '../../src/tools/write-openapi.js';
import { DEMO } from '../helpers.js';
import { TYPES_FILE, generateClientTypes } from './generate-types.js';
import type { paths } from './openapi-types.js';

test('openapi/openapi.json is a valid OpenAPI 3 document', async () => {
  const document = JSON.parse(await readFile(OPENAPI_FILE, 'utf8'));
  // Example values are literal: XDM schemas in the Schema Registry examples hold `$ref`s of
  // their own (#/definitions/..., https://ns.adobe.com/...), which are not the document's
  // references and must not be followed (Swagger UI does not follow them either).
  const api = await SwaggerParser.validate(document, {
    resolve: { external: false },
    dereference: { excludedPathMatcher: (path: string) => /\/examples?(\/|$)/.test(path) },
  });
  assert.match(String((api as { openapi?: string }).openapi), /^3\./);
});

test('test/client/openapi-types.ts is what openapi-typescript generates from the document (run `npm run openapi`)', async () => {
  assert.equal(await readFile(TYPES_FILE, 'utf8'), await generateClientTypes());
});

test('with an IMS token, a generated client lists datasets and Target activities', async () => {
  const server = await createMockServer({ logLevel: 'silent' });
  try {
    const client = createClient<paths>({ baseUrl: server.url });
    // The token request is a form the document does not describe field by field: sent as is.
    const token = await fetch(`${server.url}/ims/token/v3`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO.clientId, client_secret: DEMO.clientSecret }),
    });
    assert.equal(token.status, 200);
    const accessToken = ((await token.json()) as { access_token?: string }).access_token;
    assert.ok(accessToken);

    const dataSets = await client.GET('/data/foundation/catalog/dataSets', {
      params: { query: { limit: '5' } },
      headers: { authorization: `Bearer ${accessToken}`, 'x-api-key': DEMO.clientId, 'x-gw-ims-org-id': DEMO.org, 'x-sandbox-name': 'prod' },
    });
    assert.equal(dataSets.response.status, 200);
    assert.ok(Object.keys(dataSets.data ?? {}).length > 0);

    const activities = await client.GET('/{tenant}/target/activities', {
      params: { path: { tenant: DEMO.tenant }, query: { limit: '2' } },
      headers: { authorization: `Bearer ${accessToken}`, 'x-api-key': DEMO.clientId },
    });
    assert.equal(activities.response.status, 200);
    const total: number | undefined = activities.data?.total;
    assert.ok(typeof total === 'number' && total > 0);

    const refused = await client.GET('/{tenant}/target/activities', { params: { path: { tenant: DEMO.tenant } } });
    assert.equal(refused.response.status, 401);
    assert.equal(refused.error?.errors?.[0]?.errorCode, 'Authorization.Missing');
  } finally {
    await server.close();
  }
});
