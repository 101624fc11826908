import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { OPENAPI_FILE, generateOpenApi } from '../src/tools/write-openapi.js';
import { startApp } from './helpers.js';

test('the committed openapi/openapi.json matches the routes (run `npm run openapi` after changing them)', async () => {
  const committed = await readFile(OPENAPI_FILE, 'utf8');
  assert.equal(committed, await generateOpenApi());
});

test('/openapi.json serves the document and /docs the Swagger UI', async () => {
  const t = await startApp();
  try {
    const spec = await t.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(spec.statusCode, 200);
    const paths = Object.keys(spec.json().paths);
    for (const path of [
      '/ims/token/v3',
      '/ims/exchange/jwt',
      '/_mock/health',
      '/_mock/reset',
      '/{tenant}/target/environments',
      '/data/foundation/catalog/dataSets',
    ]) {
      assert.ok(paths.includes(path), `${path} is documented`);
    }
    const docs = await t.inject({ method: 'GET', url: '/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
    const uiSpec = await t.inject({ method: 'GET', url: '/docs/json' });
    assert.deepEqual(Object.keys(uiSpec.json().paths), paths, 'the UI shows the same document');
    const asset = await t.inject({ method: 'GET', url: '/docs/static/swagger-ui.css' });
    assert.equal(asset.statusCode, 200);
    assert.match(String(asset.headers['content-type']), /^text\/css/);
  } finally {
    await t.close();
  }
});
