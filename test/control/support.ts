/** Helpers of the control-plane tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { MockOptions } from '../../src/config.js';
import { COLLECTIONS } from '../../src/services/platform-objects.js';
import { scopes } from '../../src/store/store.js';
import { processingDone } from '../../src/services/ingestion/processing.js';
import { DEMO, platformHeaders, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';

export const DATASET = '5c8c3c555033b814b69f947f';
export const IMPORT = '/data/foundation/import';
export const CATALOG = '/data/foundation/catalog';
export const TARGET = `/${DEMO.tenant}/target`;

/** Two valid records of the fixture dataset's schema (seed 001's loyalty members). */
export const MEMBERS = Buffer.from(
  `${[
    { _id: 'm-1', personalEmail: { address: 'ada@example.com' }, _mocktenant: { loyalty: { loyaltyId: 'L1', loyaltyPoints: 10 } } },
    { _id: 'm-3', personalEmail: { address: 'zoe@example.com' }, _mocktenant: { loyalty: { loyaltyId: 'L3', loyaltyPoints: 30 } } },
  ]
    .map((record) => JSON.stringify(record))
    .join('\n')}\n`,
);

export interface ControlApp extends TestApp {
  /** The token the header helpers send; replace it after moving the clock past its expiry. */
  token: string;
  platform(overrides?: Record<string, string | undefined>): Record<string, string>;
  target(overrides?: Record<string, string | undefined>): Record<string, string>;
  json(method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** Creates a dataset in the demo org (sandbox prod unless told); returns its id. */
  createDataSet(name: string, sandbox?: string): Promise<string>;
  /** Creates a content offer in the demo tenant; returns its id. */
  createOffer(name: string): Promise<number>;
  /** Gives a sandbox of the demo org the prod sandbox's fixture schemas and dataset. */
  seedSandbox(sandbox: string): void;
  /** A batch with one uploaded file, completed and processed to its final state; returns the batch id. */
  completedBatch(file?: Buffer, sandbox?: string): Promise<string>;
}

/** An emulator with its own blob folder (removed on close) and no processing delay. */
export async function controlApp(options: MockOptions = {}): Promise<ControlApp> {
  // With a data file the files live beside it (`<data file>.files`), so a restart finds them.
  const ownBlobDir = options.blobDir === undefined && !options.dataFile ? await mkdtemp(join(tmpdir(), 'control-test-')) : undefined;
  const t = await startApp({ ...(ownBlobDir ? { blobDir: ownBlobDir } : {}), processingDelayMs: 0, ...options });
  const token = await tokenFor(t);
  // The headers use app.token as it is when called: a test may issue a new one (after moving the clock).
  const platform = (overrides: Record<string, string | undefined> = {}) => platformHeaders(app.token, overrides);
  const target = (overrides: Record<string, string | undefined> = {}) => targetHeaders(app.token, overrides);
  const app: ControlApp = {
    ...t,
    token,
    platform,
    target,
    async close() {
      await t.close();
      if (ownBlobDir) await rm(ownBlobDir, { recursive: true, force: true });
    },
    json: (method, url, payload) =>
      t.inject({
        method: method as 'GET',
        url,
        ...(payload === undefined ? {} : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) }),
      }),
    async createDataSet(name, sandbox = 'prod') {
      const response = await t.inject({
        method: 'POST',
        url: `${CATALOG}/dataSets`,
        headers: { ...platform({ 'x-sandbox-name': sandbox }), 'content-type': 'application/json' },
        payload: JSON.stringify({
          name,
          schemaRef: {
            id: 'https://ns.adobe.com/mocktenant/schemas/533ca5da28087c44344810891b0f03d9',
            contentType: 'application/vnd.adobe.xed+json;version=1',
          },
        }),
      });
      if (response.statusCode !== 201) throw new Error(`dataset creation failed: ${response.statusCode} ${response.body}`);
      return String((response.json() as string[])[0]).replace(/^@\/dataSets\//, '');
    },
    async createOffer(name) {
      const response = await t.inject({
        method: 'POST',
        url: `${TARGET}/offers/content`,
        headers: { ...target(), 'content-type': 'application/vnd.adobe.target.v2+json' },
        payload: JSON.stringify({ name, content: '<p>hello</p>' }),
      });
      if (response.statusCode !== 200) throw new Error(`offer creation failed: ${response.statusCode} ${response.body}`);
      return (response.json() as { id: number }).id;
    },
    seedSandbox(sandbox) {
      const prod = t.ctx.store.snapshot().scopes[scopes.platform(DEMO.org, 'prod')];
      for (const name of ['schemas', 'fieldgroups', 'datatypes', COLLECTIONS.dataSets]) {
        const collection = t.ctx.store.collection<unknown>(scopes.platform(DEMO.org, sandbox), name);
        for (const [id, value] of prod[name] ?? []) collection.put(id, structuredClone(value));
      }
    },
    async completedBatch(file = MEMBERS, sandbox = 'prod') {
      const headers = { ...platform({ 'x-sandbox-name': sandbox }) };
      const dataSetId = DATASET;
      const created = await t.inject({
        method: 'POST',
        url: `${IMPORT}/batches`,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ datasetId: dataSetId, inputFormat: { format: 'json' } }),
      });
      if (created.statusCode !== 201) throw new Error(`batch creation failed: ${created.statusCode} ${created.body}`);
      const batchId = (created.json() as { id: string }).id;
      const put = await t.inject({
        method: 'PUT',
        url: `${IMPORT}/batches/${batchId}/datasets/${dataSetId}/files/members.json`,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        payload: file,
      });
      if (put.statusCode !== 200) throw new Error(`upload failed: ${put.statusCode} ${put.body}`);
      const complete = await t.inject({ method: 'POST', url: `${IMPORT}/batches/${batchId}?action=COMPLETE`, headers });
      if (complete.statusCode !== 200) throw new Error(`COMPLETE failed: ${complete.statusCode} ${complete.body}`);
      await processingDone(t.ctx);
      return batchId;
    },
  };
  return app;
}

export { COLLECTIONS };
