import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/server.js';

test('every route schema compiles (validators and serializers are otherwise compiled on first use)', async () => {
  const { app, validators, serializers } = await buildApp({ logLevel: 'silent' });
  await app.ready();
  assert.doesNotThrow(() => validators.compileAll());
  assert.doesNotThrow(() => serializers.compileAll());
  await app.close();
});
