/**
 * Issue 14, item 3: JSON Patch operations that reach for the prototype (`__proto__`,
 * `constructor`, `prototype`) or walk through inherited members are a 400 in Catalog's envelope
 * naming the operation; nothing changes (no version bump, the store as it was).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogClient, problem, type CatalogClient } from '../services/catalog/support.js';

const JSON_PATCH = { 'content-type': 'application/json-patch+json' };
const unsafe = (index: number, operation: unknown, pointer: string, segment: string) =>
  `Invalid JSON Patch: operation ${index} (${JSON.stringify(operation)}) cannot be applied: the pointer ${pointer} has a '${segment}' segment, which is not allowed`;
const unresolvable = (index: number, operation: unknown, which: 'path' | 'from') =>
  `Invalid JSON Patch: operation ${index} (${JSON.stringify(operation)}) cannot be applied: operation ${which} unresolvable. Cannot perform the operation ${which === 'path' ? 'at' : 'from'} a path that does not exist`;

describe('JSON Patch on Catalog objects: prototype and inherited members', () => {
  let client: CatalogClient;
  let id: string;
  before(async () => {
    client = await catalogClient();
    const created = await client.request('POST', '/dataSets', { body: { name: 'Patched', tags: { team: ['a'] }, list: [1, 2] } });
    assert.equal(created.statusCode, 201, created.body);
    id = (created.json() as string[])[0]!.replace('@/dataSets/', '');
  });
  after(() => client.close());

  test('each refused patch → 400 naming the operation; nothing changes', async () => {
    const ok = { op: 'replace', path: '/name', value: 'changed' };
    const cases: Array<[unknown[], string]> = [];
    const add = (operations: unknown[], detail: (index: number, operation: unknown) => string) => {
      cases.push([operations, detail(operations.length - 1, operations[operations.length - 1])]);
    };
    add([{ op: 'add', path: '/__proto__/x', value: 1 }], (i, o) => unsafe(i, o, '/__proto__/x', '__proto__'));
    add([ok, { op: 'add', path: '/tags/__proto__', value: 1 }], (i, o) => unsafe(i, o, '/tags/__proto__', '__proto__'));
    add([{ op: 'add', path: '/constructor/prototype/x', value: 1 }], (i, o) => unsafe(i, o, '/constructor/prototype/x', 'constructor'));
    add([{ op: 'add', path: '/tags/prototype', value: 1 }], (i, o) => unsafe(i, o, '/tags/prototype', 'prototype'));
    add([ok, { op: 'copy', from: '/constructor', path: '/y' }], (i, o) => unsafe(i, o, '/constructor', 'constructor'));
    add([{ op: 'move', from: '/x/__proto__', path: '/y' }], (i, o) => unsafe(i, o, '/x/__proto__', '__proto__'));
    add([{ op: 'move', from: '/hasOwnProperty', path: '/y' }], (i, o) => unresolvable(i, o, 'from'));
    add([ok, { op: 'copy', from: '/toString', path: '/y' }], (i, o) => unresolvable(i, o, 'from'));
    add([{ op: 'copy', from: '/tags/valueOf', path: '/y' }], (i, o) => unresolvable(i, o, 'from'));
    add([{ op: 'replace', path: '/hasOwnProperty', value: 1 }], (i, o) => unresolvable(i, o, 'path'));
    add([{ op: 'remove', path: '/tags/toString' }], (i, o) => unresolvable(i, o, 'path'));
    add([{ op: 'test', path: '/isPrototypeOf', value: 1 }], (i, o) => unresolvable(i, o, 'path'));
    add([{ op: 'add', path: '/hasOwnProperty/x', value: 1 }], (i, o) => unresolvable(i, o, 'path'));
    add([{ op: 'add', path: '/name/length/x', value: 1 }], (i, o) => unresolvable(i, o, 'path'));
    add([{ op: 'add', path: '/list/length/x', value: 1 }], (i, o) => unresolvable(i, o, 'path'));

    const before = await client.request('GET', `/dataSets/${id}`);
    for (const [body, detail] of cases) {
      const response = await client.request('PATCH', `/dataSets/${id}`, { headers: JSON_PATCH, body });
      assert.equal(response.statusCode, 400, `${JSON.stringify(body)} → ${response.statusCode} ${response.body}`);
      assert.deepEqual(response.json(), problem(400, detail), JSON.stringify(body));
    }
    const after = await client.request('GET', `/dataSets/${id}`);
    assert.equal(after.body, before.body);
    assert.equal(after.headers.etag, before.headers.etag);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  test('array indexes, "-" and own members named like inherited ones still work', async () => {
    const response = await client.request('PATCH', `/dataSets/${id}`, {
      headers: JSON_PATCH,
      body: [
        { op: 'add', path: '/list/-', value: 3 },
        { op: 'add', path: '/list/0', value: 0 },
        { op: 'add', path: '/valueOf', value: 'own' },
        { op: 'copy', from: '/tags/team', path: '/tags/toString' },
        { op: 'move', from: '/list/1', path: '/moved' },
      ],
    });
    assert.equal(response.statusCode, 200, response.body);
    const object = ((await client.request('GET', `/dataSets/${id}`)).json() as Record<string, Record<string, unknown>>)[id];
    assert.deepEqual([object.list, object.valueOf, object.tags, object.moved], [[0, 2, 3], 'own', { team: ['a'], toString: ['a'] }, 1]);
  });
});
