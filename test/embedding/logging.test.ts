import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { prettyLine, prettyStream } from '../../src/request-log.js';
import { DEMO, startApp } from '../helpers.js';

test('one JSON log line per request, with method, url, status and duration', async () => {
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (chunk) => (logged += chunk));
  const t = await startApp({ logLevel: 'info', logStream: stream });
  try {
    await t.inject({ method: 'GET', url: '/Rest/Media/1/Search/Files?search_parameters[words]=cat', headers: { 'x-api-key': DEMO.clientId } });
    await t.inject({ method: 'GET', url: '/Rest/Media/1/Search/Files' });
    const entries = logged
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => typeof entry.statusCode === 'number');
    assert.equal(entries.length, 2, logged);
    assert.deepEqual(
      entries.map(({ level, method, url, statusCode, msg }) => ({ level, method, url, statusCode, msg })),
      [
        { level: 30, method: 'GET', url: '/Rest/Media/1/Search/Files?search_parameters[words]=cat', statusCode: 200, msg: 'GET /Rest/Media/1/Search/Files?search_parameters[words]=cat 200' },
        { level: 30, method: 'GET', url: '/Rest/Media/1/Search/Files', statusCode: 403, msg: 'GET /Rest/Media/1/Search/Files 403' },
      ],
    );
    assert.ok(entries.every((entry) => typeof entry.durationMs === 'number'));
    assert.ok(!logged.includes('incoming request') && !logged.includes('request completed'));
  } finally {
    await t.close();
  }
});

test('log lines hide the values of secret query parameters', async () => {
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (chunk) => (logged += chunk));
  const t = await startApp({ logLevel: 'info', logStream: stream });
  try {
    await t.inject({ method: 'GET', url: '/rest/v1/profiles/abc?client=demo&access_token=secret-token-value' });
    const entry = logged
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => typeof line.statusCode === 'number')!;
    assert.equal(entry.url, '/rest/v1/profiles/abc?client=demo&access_token=***');
    assert.equal(entry.msg, `GET /rest/v1/profiles/abc?client=demo&access_token=*** ${String(entry.statusCode)}`);
    assert.ok(!logged.includes('secret-token-value'), logged);
  } finally {
    await t.close();
  }
});

test('the short form for a terminal', () => {
  const line = JSON.stringify({ level: 30, time: Date.UTC(2030, 0, 1, 12, 0, 1), pid: 1, hostname: 'h', reqId: 'req-1', method: 'GET', url: '/x', statusCode: 200, durationMs: 3.1, xProduct: 'App/1', msg: 'GET /x 200' });
  assert.equal(prettyLine(line, false), '12:00:01 INFO  GET /x 200 3.1ms xProduct=App/1');
  assert.equal(prettyLine(line, true), '\x1b[90m12:00:01\x1b[0m \x1b[32mINFO \x1b[0m GET /x 200 3.1ms \x1b[90mxProduct=App/1\x1b[0m');
  assert.equal(prettyLine('not json', false), 'not json');
});

test('the pretty stream reassembles lines split across chunks', async () => {
  let out = '';
  const sink = new PassThrough();
  sink.on('data', (chunk) => (out += chunk));
  const pretty = prettyStream(sink);
  const line = JSON.stringify({ level: 40, time: Date.UTC(2030, 0, 1), msg: 'careful' });
  pretty.write(line.slice(0, 10));
  pretty.write(`${line.slice(10)}\n`);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(out, '00:00:00 WARN  careful\n');
});
