import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/server.js';

test('every route schema compiles (validators are otherwise compiled on first use)', async () => {
  const { app, validators } = await buildApp({ logLevel: 'silent' });
  await app.ready();
  assert.doesNotThrow(() => validators.compileAll());
  await app.close();
});
