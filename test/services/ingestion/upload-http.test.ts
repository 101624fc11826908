/**
 * Uploads over real sockets (not app.inject): the request stream, Content-Length and chunked
 * bodies, early refusals while the client is still sending, and clients that go away.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { COLLECTIONS, type BatchFile } from '../../../src/services/platform-objects.js';
import { PROD_SCOPE, problem, startUploadApp, type UploadApp } from './upload-helpers.js';

const LIMIT = 4 * 1024 * 1024;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Bytes of the body the client had written when the answer arrived. */
  sentWhenAnswered: number;
}

/**
 * PUTs `total` bytes in 64 KiB writes (respecting backpressure), with or without Content-Length;
 * resolves with the answer as soon as it arrives, even if the server stopped reading early.
 * `abortAfter` destroys the request after that many bytes instead.
 */
function upload(url: string, headers: Record<string, string>, total: number, options: { contentLength?: boolean; abortAfter?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const request = http.request(url, {
      method: 'PUT',
      agent: false,
      headers: { ...headers, 'content-type': 'application/octet-stream', ...(options.contentLength ? { 'content-length': String(total) } : {}) },
    });
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      const sentWhenAnswered = sent;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString(), sentWhenAnswered });
        if (!request.writableEnded) request.destroy(); // answered early: stop sending
      });
    });
    request.on('error', (error) => {
      if (answered) return;
      if (options.abortAfter !== undefined) resolve({ status: 0, headers: {}, body: '', sentWhenAnswered: sent });
      else if (!request.writableEnded) resolve({ status: -1, headers: {}, body: error.message, sentWhenAnswered: sent });
      else reject(error);
    });
    const block = Buffer.alloc(64 * 1024, 120);
    const pump = () => {
      while (sent < total && !answered) {
        if (options.abortAfter !== undefined && sent >= options.abortAfter) {
          request.destroy(new Error('client gave up'));
          return;
        }
        const piece = block.subarray(0, Math.min(block.length, total - sent));
        sent += piece.length;
        if (!request.write(piece)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe('Batch Ingestion uploads over HTTP', () => {
  let t: UploadApp;
  let base: string;
  before(async () => {
    t = await startUploadApp({ maxUploadBytes: LIMIT });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  const fileOf = (batchId: string, name: string) => t.ctx.store.collection<BatchFile>(PROD_SCOPE, COLLECTIONS.batchFiles).get(`${batchId}/${name}`);
  const tempFiles = () => readdirSync(join(t.blobDir, '.tmp'));

  it('streams chunked and Content-Length bodies to disk', async () => {
    const batchId = await t.createBatch();
    for (const contentLength of [false, true]) {
      const answer = await upload(base + t.filesUrl(batchId, `f-${contentLength}.json`), t.headers(), LIMIT, { contentLength });
      assert.equal(answer.status, 200);
      assert.equal(answer.body, '');
      const file = fileOf(batchId, `f-${contentLength}.json`)!;
      assert.equal(file.size, LIMIT);
      const bytes = await readFile(join(t.blobDir, file.path));
      assert.ok(bytes.equals(Buffer.alloc(LIMIT, 120)));
    }
  });

  it('answers 413 to an announced oversized body before reading it', async () => {
    const batchId = await t.createBatch();
    const total = 64 * LIMIT; // 256 MiB announced; the answer must come long before it is sent
    const answer = await upload(base + t.filesUrl(batchId, 'huge.json'), t.headers(), total, { contentLength: true });
    assert.equal(answer.status, 413);
    assert.deepEqual(
      JSON.parse(answer.body),
      problem(413, `The file is larger than the ${LIMIT} bytes a single upload accepts; split it or upload it in chunks`),
    );
    assert.ok(answer.sentWhenAnswered < total / 4, `answered after ${answer.sentWhenAnswered} bytes`);
    assert.equal(fileOf(batchId, 'huge.json'), undefined);
  });

  it('refuses a chunked body as soon as it passes the limit, leaving no partial file', async () => {
    const batchId = await t.createBatch();
    const total = 16 * LIMIT;
    const answer = await upload(base + t.filesUrl(batchId, 'stream.json'), t.headers(), total);
    assert.equal(answer.status, 413);
    assert.ok(answer.sentWhenAnswered < total / 2, `answered after ${answer.sentWhenAnswered} bytes`);
    assert.equal(fileOf(batchId, 'stream.json'), undefined);
    assert.deepEqual(tempFiles(), []);
  });

  it('drains a refused body, so a client that sends everything before reading still gets the answer', async () => {
    const batchId = await t.createBatch();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(base + t.filesUrl(batchId, 'late-reader.json'), {
        method: 'PUT',
        agent: false,
        headers: { ...t.headers(), 'content-type': 'application/octet-stream', 'content-length': String(2 * LIMIT) },
      });
      request.on('error', reject);
      let written = false;
      let answer: { status: number; body: string } | null = null;
      const settle = () => written && answer && resolve(answer);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          answer = { status: response.statusCode!, body: Buffer.concat(chunks).toString() };
          settle();
        });
      });
      // The whole body in one write, finished before the answer is looked at.
      request.end(Buffer.alloc(2 * LIMIT), () => {
        written = true;
        settle();
      });
    });
    assert.equal(answer.status, 413);
    assert.equal(JSON.parse(answer.body).status, 413);
  });

  it('keeps the previous file when a replacement upload is abandoned mid-way', async () => {
    const batchId = await t.createBatch();
    assert.equal((await upload(base + t.filesUrl(batchId, 'stable.json'), t.headers(), 1000, { contentLength: true })).status, 200);
    await upload(base + t.filesUrl(batchId, 'stable.json'), t.headers(), LIMIT, { contentLength: true, abortAfter: 512 * 1024 });
    // Give the server a moment to notice the client is gone and clean up.
    for (let wait = 0; wait < 50 && tempFiles().length > 0; wait++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(tempFiles(), []);
    const file = fileOf(batchId, 'stable.json')!;
    assert.equal(file.size, 1000);
    assert.equal((await readFile(join(t.blobDir, file.path))).length, 1000);
    // The server still answers.
    assert.equal((await upload(base + t.filesUrl(batchId, 'after.json'), t.headers(), 10)).status, 200);
  });
});
