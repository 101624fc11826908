/**
 * What the Schema Registry authoring tests share: the fixture resources' ids and one emulator per
 * test file, reset before each test with its clock frozen (at `at` when given).
 */
import { after, afterEach, before, beforeEach } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import assert from 'node:assert/strict';
import { UUID, platformHeaders, startApp, tokenFor, type TestApp } from '../../helpers.js';

export const BASE = '/data/foundation/schemaregistry';
/** The fixture Loyalty Members schema (seed 001), in the Profile union (`meta:immutableTags: ["union"]`). */
export const LOYALTY_SCHEMA = 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9';
export const LOYALTY_MIXIN = 'https://ns.adobe.com/mocktenant/mixins/bb118e507bb848fd85df68fedea70c62';
export const LOYALTY_TYPE = 'https://ns.adobe.com/mocktenant/datatypes/49b594dabe6bec545c8a6d1a0991a4dd';
export const PROFILE = 'https://ns.adobe.com/xdm/context/profile';
export const PERSONAL_DETAILS = 'https://ns.adobe.com/xdm/context/profile-personal-details';
export const TECH_ACCOUNT = '0A1B2C3D4E5F60718293A4B5@techacct.adobe.com';
export const RAW = 'application/vnd.adobe.xed+json; version=1';
export const FULL = 'application/vnd.adobe.xed-full+json; version=1';
export const HEX = '[0-9a-f]{32}';

/** A primary identity descriptor on a schema's personal email, the fixture Loyalty schema's own kind. */
export function primaryEmailIdentity(schema: string) {
  return {
    '@type': 'xdm:descriptorIdentity',
    'xdm:sourceSchema': schema,
    'xdm:sourceVersion': 1,
    'xdm:sourceProperty': '/personalEmail/address',
    'xdm:namespace': 'Email',
    'xdm:property': 'xdm:code',
    'xdm:isPrimary': true,
  };
}

export interface RegistryClient {
  /** A Platform call with the demo integration's headers; paths are relative to the registry unless they start with /data/. */
  call(method: string, path: string, body?: unknown, overrides?: Record<string, string | undefined>): Promise<LightMyRequestResponse>;
  /** The running emulator of this test file. */
  app(): TestApp;
}

/** Registers this file's hooks: one emulator, reset and clock frozen before each test. */
export function registryClient(at?: number): RegistryClient {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startApp();
    token = await tokenFor(t);
  });
  after(() => t.close());
  beforeEach(async () => {
    await t.ctx.reset();
    // Frozen first, then set: set() on a running clock could tick a millisecond before freeze() reads it.
    t.ctx.clock.freeze();
    if (at !== undefined) t.ctx.clock.set(at);
  });
  afterEach(() => t.ctx.clock.reset());
  return {
    call(method, path, body, overrides = {}) {
      const headers = platformHeaders(token, { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...overrides });
      return t.inject({
        method: method as 'GET',
        url: path.startsWith('/data/') ? path : `${BASE}${path}`,
        headers,
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
    },
    app: () => t,
  };
}

/** A documented XDM error: exact body, with the report's request id and timestamp checked by shape. */
export function assertXdmError(response: LightMyRequestResponse, status: number, code: string, title: string, message: string): void {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json();
  assert.match(body.report?.registryRequestId ?? '', UUID);
  assert.match(body.report?.timestamp ?? '', /^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
  assert.deepEqual(body, {
    type: `http://ns.adobe.com/aep/errors/XDM-${code}-${status}`,
    title,
    status,
    report: { registryRequestId: body.report.registryRequestId, timestamp: body.report.timestamp, 'detailed-message': message, 'sub-errors': [] },
    detail: message,
  });
}
