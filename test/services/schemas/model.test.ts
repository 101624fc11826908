import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { DEMO, startApp } from '../../helpers.js';
import { scopes } from '../../../src/store/store.js';
import { findSchema, fullSchemaFor, GLOBAL_XDM_SCOPE, XDM_COLLECTIONS } from '../../../src/services/schemas/model.js';
import { resolveFull, type XdmResource } from '../../../src/services/schemas/resolve.js';

const PROD = scopes.platform(DEMO.org, 'prod');
const SCHEMA_ID = 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9';
const ALT_ID = '_mocktenant.schemas.533ca5da28087c44344810891b0f03d9';
const LOYALTY_TYPE = 'https://ns.adobe.com/mocktenant/datatypes/49b594dabe6bec545c8a6d1a0991a4dd';

const GOOD_RECORD = {
  _id: '1',
  personalEmail: { address: 'a@b.co' },
  person: { name: { firstName: 'A', lastName: 'B' } },
  _mocktenant: { loyalty: { loyaltyId: 'L1', loyaltyLevel: 'gold', loyaltyPoints: 10, memberSince: '2019-01-01T00:00:00Z' } },
};

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  formats.default(ajv);
  return ajv;
}

test('findSchema finds the Loyalty Members schema by $id, meta:altId and URL-encoded $id; undefined otherwise', async () => {
  const t = await startApp();
  try {
    for (const id of [SCHEMA_ID, ALT_ID, encodeURIComponent(SCHEMA_ID)]) {
      assert.equal(findSchema(t.ctx, PROD, id)?.$id, SCHEMA_ID, id);
    }
    assert.equal(findSchema(t.ctx, PROD, 'https://ns.adobe.com/mocktenant/schemas/nope'), undefined);
    assert.equal(findSchema(t.ctx, scopes.platform(DEMO.org, 'dev'), ALT_ID), undefined);
    assert.equal(fullSchemaFor(t.ctx, PROD, 'nope'), undefined);
  } finally {
    await t.close();
  }
});

test('fullSchemaFor resolves class, field groups and data types into a schema ajv compiles', async () => {
  const t = await startApp();
  try {
    const full = fullSchemaFor(t.ctx, PROD, ALT_ID)!;
    assert.equal(full.allOf, undefined);
    assert.equal(full.$id, undefined, 'left out so that one Ajv instance can compile it again');
    assert.equal(full['meta:altId'], ALT_ID);
    const validate = newAjv().compile(full);
    assert.equal(validate(GOOD_RECORD), true, JSON.stringify(validate.errors));
    const bad = structuredClone(GOOD_RECORD) as { _mocktenant: { loyalty: Record<string, unknown> } };
    bad._mocktenant.loyalty.loyaltyPoints = 'ten';
    assert.equal(validate(bad), false);
    assert.equal(validate.errors?.[0]?.instancePath, '/_mocktenant/loyalty/loyaltyPoints');
    assert.equal(validate({ ...GOOD_RECORD, personalEmail: { address: 'not an email' } }), false);
    assert.equal(validate({ ...GOOD_RECORD, _mocktenant: { loyalty: { memberSince: 'yesterday' } } }), false);
    // Compiling the result again (same Ajv) works: no $id clash.
    const ajv = newAjv();
    ajv.compile(fullSchemaFor(t.ctx, PROD, SCHEMA_ID)!);
    ajv.compile(fullSchemaFor(t.ctx, PROD, encodeURIComponent(SCHEMA_ID))!);
  } finally {
    await t.close();
  }
});

test('a schema with only inline properties resolves to itself', async () => {
  const t = await startApp();
  try {
    const inline = {
      id: '_mocktenant.schemas.0000000000000000000000000000abcd',
      $id: 'https://ns.adobe.com/mocktenant/schemas/0000000000000000000000000000abcd',
      'meta:altId': '_mocktenant.schemas.0000000000000000000000000000abcd',
      title: 'Inline',
      type: 'object',
      version: '1.0',
      properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
    };
    t.ctx.store.collection(PROD, 'schemas').put(inline.id, inline);
    const { id: _id, $id: _uri, ...expected } = inline;
    assert.deepEqual(fullSchemaFor(t.ctx, PROD, inline.$id), expected);
  } finally {
    await t.close();
  }
});

test('fullSchemaFor never answers from a stale cache: a changed data type shows at once', async () => {
  const t = await startApp();
  try {
    const before = fullSchemaFor(t.ctx, PROD, ALT_ID)!;
    assert.equal(fullSchemaFor(t.ctx, PROD, ALT_ID)!.properties, before.properties, 'cached while nothing changed');
    const dataTypes = t.ctx.store.collection<Record<string, any>>(PROD, 'datatypes');
    const key = '_mocktenant.datatypes.49b594dabe6bec545c8a6d1a0991a4dd';
    const old = dataTypes.get(key)!;
    dataTypes.put(key, { ...old, properties: { ...old.properties, loyaltyPoints: { type: 'string', 'meta:xdmType': 'string' } } });
    const validate = newAjv().compile(fullSchemaFor(t.ctx, PROD, ALT_ID)!);
    const record = structuredClone(GOOD_RECORD) as { _mocktenant: { loyalty: Record<string, unknown> } };
    record._mocktenant.loyalty.loyaltyPoints = 'ten';
    assert.equal(validate(record), true);
    await t.ctx.reset();
    assert.equal(newAjv().compile(fullSchemaFor(t.ctx, PROD, ALT_ID)!)(record), false, 'back to the fixture after reset');
  } finally {
    await t.close();
  }
});

test('fixtures: every reference of every registry resource resolves, and tenant data types are referenced', async () => {
  const t = await startApp();
  try {
    const lookup = (id: string): XdmResource | undefined => {
      for (const scope of [PROD, GLOBAL_XDM_SCOPE]) {
        for (const name of Object.values(XDM_COLLECTIONS)) {
          for (const resource of t.ctx.store.collection<XdmResource>(scope, name).values()) if (resource.$id === id) return resource;
        }
      }
      return undefined;
    };
    let count = 0;
    for (const scope of [PROD, GLOBAL_XDM_SCOPE]) {
      for (const name of Object.values(XDM_COLLECTIONS)) {
        for (const [key, resource] of t.ctx.store.collection<XdmResource>(scope, name).entries()) {
          assert.equal(key, resource['meta:altId'], 'stored under its meta:altId');
          for (const id of (resource['meta:extends'] as string[] | undefined) ?? []) assert.ok(lookup(id), `${resource.$id} extends ${id}`);
          resolveFull(resource, lookup);
          count += 1;
        }
      }
    }
    assert.ok(count >= 9, `${count} resources checked`);
    assert.ok(lookup(LOYALTY_TYPE));
  } finally {
    await t.close();
  }
});
