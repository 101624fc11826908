/**
 * The baseline for bench/upload.ts: a bare node:http server that streams a PUT body to a file
 * (temporary file, then rename, 256 KiB write buffer), as the emulator does, without any
 * framework, auth or checks.
 * GET /_mock/health answers 200 so the same start-up wait works for both servers.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const folder = join(tmpdir(), `upload-baseline-${process.pid}`);
let counter = 0;

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/_mock/health') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  if (request.method !== 'PUT') {
    response.writeHead(404).end();
    return;
  }
  void (async () => {
    await mkdir(folder, { recursive: true });
    const temp = join(folder, `.tmp-${counter++}`);
    try {
      // Same write buffer as the emulator's blob store, so the ratio measures everything else.
      await pipeline(request, createWriteStream(temp, { highWaterMark: 256 * 1024 }));
      await rename(temp, join(folder, 'upload.bin'));
      response.writeHead(200, { 'content-length': '0' }).end();
    } catch {
      await rm(temp, { force: true });
      if (!response.headersSent) response.writeHead(400).end();
    }
  })();
});

const shutdown = () => {
  server.close();
  void rm(folder, { recursive: true, force: true }).then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
server.listen(port, host);
