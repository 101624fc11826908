import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { MockOptions } from '../../../src/config.js';
import { DEMO, platformHeaders, startApp, tokenFor, type TestApp } from '../../helpers.js';

export const IMPORT = '/data/foundation/import';
/** The fixture dataset of seed 001 (demo org, prod sandbox). */
export const DATASET = '5c8c3c555033b814b69f947f';
export const PROD_SCOPE = `platform/${DEMO.org}/prod`;

export interface UploadApp extends TestApp {
  token: string;
  blobDir: string;
  headers(overrides?: Record<string, string | undefined>): Record<string, string>;
  createBatch(body?: unknown): Promise<string>;
  put(batchId: string, name: string, payload: unknown, headers?: Record<string, string>, dataSetId?: string): Promise<LightMyRequestResponse>;
  filesUrl(batchId: string, name: string, dataSetId?: string): string;
}

/** An emulator with its own blob folder (removed on close), no processing delay, and the given options. */
export async function startUploadApp(options: MockOptions = {}): Promise<UploadApp> {
  const blobDir = await mkdtemp(join(tmpdir(), 'upload-test-'));
  const t = await startApp({ blobDir, processingDelayMs: 0, ...options });
  const token = await tokenFor(t);
  const headers = (overrides: Record<string, string | undefined> = {}) => platformHeaders(token, overrides);
  const filesUrl = (batchId: string, name: string, dataSetId = DATASET) => `${IMPORT}/batches/${batchId}/datasets/${dataSetId}/files/${name}`;
  return {
    ...t,
    async close() {
      await t.close();
      await rm(blobDir, { recursive: true, force: true });
    },
    token,
    blobDir: t.ctx.config.blobDir,
    headers,
    filesUrl,
    async createBatch(body: unknown = { datasetId: DATASET, inputFormat: { format: 'json' } }) {
      const response = await t.inject({
        method: 'POST',
        url: `${IMPORT}/batches`,
        headers: { ...headers(), 'content-type': 'application/json' },
        payload: body as object,
      });
      if (response.statusCode !== 201) throw new Error(`batch creation failed: ${response.statusCode} ${response.body}`);
      return (response.json() as { id: string }).id;
    },
    put(batchId, name, payload, extra = {}, dataSetId = DATASET) {
      return t.inject({
        method: 'PUT',
        url: filesUrl(batchId, name, dataSetId),
        headers: { ...headers(), 'content-type': 'application/octet-stream', ...extra },
        payload: payload as string,
      });
    },
  };
}

/** The Platform problem-details body the ingestion routes answer with. */
export function problem(status: number, detail: string) {
  const kinds: Record<number, [string, string]> = {
    400: ['bad-request', 'BadRequestError'],
    404: ['not-found', 'NotFoundError'],
    413: ['payload-too-large', 'PayloadTooLargeError'],
  };
  const [kind, title] = kinds[status]!;
  return { type: `http://ns.adobe.com/aep/errors/${kind}`, status, title, detail };
}
