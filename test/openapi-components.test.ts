/**
 * The document's shrinking (src/control/docs-components.ts) says the same as before: following
 * every `$ref` it added gives back the document it started from; and the served document leaves
 * the routes' own schemas alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { hoistRepeatedParameters, hoistRepeatedSchemas } from '../src/control/docs-components.js';
import { OPENAPI_FILE } from '../src/tools/write-openapi.js';
import { platformHeaders, startApp, targetHeaders, tokenFor } from './helpers.js';

type Json = Record<string, any>;

/** The document with every local $ref into components/schemas and components/parameters replaced by its target. */
function inlined(document: Json): Json {
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as Json).$ref;
    const match = typeof ref === 'string' ? /^#\/components\/(schemas|parameters)\/(.+)$/.exec(ref) : null;
    if (match) return resolve(document.components[match[1]!][match[2]!]);
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolve(value)]));
  };
  return resolve(document.paths) as Json;
}

const long = (name: string) => ({ type: 'string', description: `${name}: ${'a long description that makes the schema worth sharing '.repeat(3)}` });
const activity = { type: 'object', properties: { id: { type: 'integer' }, name: long('name'), options: { type: 'object', properties: { mode: long('mode') } } } };
const tenant = { name: 'tenant', in: 'path', required: true, schema: { type: 'string' } };

function sample(): Json {
  const json = (schema: unknown) => ({ content: { 'application/json': { schema: structuredClone(schema) } } });
  return {
    openapi: '3.0.3',
    paths: {
      '/{tenant}/target/activities/{id}': {
        get: { tags: ['Target Admin'], parameters: [structuredClone(tenant)], responses: { 200: json(activity) } },
        put: { tags: ['Target Admin'], parameters: [structuredClone(tenant)], requestBody: json(activity), responses: { 200: json(activity) } },
      },
      '/{tenant}/target/activities': {
        get: { tags: ['Target Admin'], parameters: [structuredClone(tenant)], responses: { 200: json({ type: 'array', items: activity }) } },
      },
      '/schemas/{id}': {
        get: { tags: ['Schema Registry'], responses: { 200: json({ ...activity, example: { id: 1 } }) } },
      },
    },
  };
}

test('repeated schemas and parameters become components; following the $refs gives the same document', () => {
  const document = sample();
  const before = inlined(structuredClone(document));
  hoistRepeatedSchemas(document);
  hoistRepeatedParameters(document);
  assert.deepEqual(inlined(document), before);
  const schemaOf = (path: string) => document.paths[path].get.responses[200].content['application/json'].schema;
  const shared = schemaOf('/{tenant}/target/activities/{id}');
  assert.match(shared.$ref, /^#\/components\/schemas\//);
  assert.deepEqual(schemaOf('/{tenant}/target/activities').items, shared);
  // The example's schema stays inline, its parts that repeat the activity's shared with it.
  assert.deepEqual(Object.keys(document.components.schemas).length, 3);
  assert.deepEqual(Object.keys(document.components.parameters), ['TargetAdminPathTenant']);
  // A schema with an example of its own stays inline (Swagger UI shows it as written only there).
  assert.ok(document.paths['/schemas/{id}'].get.responses[200].content['application/json'].schema.example);
});

test('the committed document has its repeats in components and is under half its former size', async () => {
  const text = await readFile(OPENAPI_FILE, 'utf8');
  const document = JSON.parse(text);
  assert.ok(Object.keys(document.components.schemas).length > 20);
  assert.ok(Object.keys(document.components.responses).length > 10);
  // 1,688,497 characters before the shared components, without any success example.
  assert.ok(text.length < 844_000, `${text.length} characters`);
});

test('building the document leaves the routes\' schemas as they were: answers match an emulator that never built it', async () => {
  const withDocs = await startApp({ clock: '2026-01-15T09:30:00Z', freezeClock: true });
  const without = await startApp({ clock: '2026-01-15T09:30:00Z', freezeClock: true });
  try {
    assert.equal((await withDocs.inject({ method: 'GET', url: '/openapi.json' })).statusCode, 200);
    const calls = async (t: typeof withDocs) => {
      const token = await tokenFor(t);
      const answers = [];
      for (const [method, url, payload] of [
        ['GET', '/mocktenant/target/activities/ab/168805'],
        ['GET', '/mocktenant/target/activities?limit=2'],
        ['POST', '/mocktenant/target/audiences', { name: 7 }],
        ['GET', '/data/foundation/catalog/dataSets?limit=1'],
        ['GET', '/data/foundation/catalog/dataSets?limit=abc'],
      ] as const) {
        const headers = url.startsWith('/data/') ? platformHeaders(token) : targetHeaders(token);
        const answer = await t.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        answers.push([answer.statusCode, answer.body.replace(/"requestId":"[^"]+"/, '')]);
      }
      return answers;
    };
    assert.deepEqual(await calls(withDocs), await calls(without));
  } finally {
    await withDocs.close();
    await without.close();
  }
});
