import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { DASHBOARD_HEADER, prettyLine, prettyStream } from '../../src/request-log.js';
import { DASHBOARD_SCRIPT } from '../../src/dashboard/client-bundle.js';
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
        {
          level: 30,
          method: 'GET',
          url: '/Rest/Media/1/Search/Files?search_parameters[words]=cat',
          statusCode: 200,
          msg: 'GET /Rest/Media/1/Search/Files?search_parameters[words]=cat 200',
        },
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
  const line = JSON.stringify({
    level: 30,
    time: Date.UTC(2030, 0, 1, 12, 0, 1),
    pid: 1,
    hostname: 'h',
    reqId: 'req-1',
    method: 'GET',
    url: '/x',
    statusCode: 200,
    durationMs: 3.1,
    xProduct: 'App/1',
    msg: 'GET /x 200',
  });
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

test("the dashboard's own reads log at debug, so the terminal's info lines are the trainee's requests", async () => {
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (chunk) => (logged += chunk));
  const t = await startApp({ logLevel: 'debug', logStream: stream });
  try {
    const dashboard = { 'x-mock-dashboard': '1' };
    await t.inject({ method: 'GET', url: '/' });
    await t.inject({ method: 'GET', url: '/_dashboard/app.js' });
    await t.inject({ method: 'GET', url: '/_dashboard/styles.css' });
    for (const url of ['/_mock/requests?limit=50', '/_mock/requests?after=abc', '/_mock/resources', '/_mock/clock', '/_mock/faults', '/_mock/health']) {
      await t.inject({ method: 'GET', url, headers: dashboard });
    }
    await t.inject({ method: 'POST', url: '/_mock/reset', headers: dashboard }); // an action: info
    await t.inject({ method: 'GET', url: '/_mock/clock' }); // the trainee's own: info
    await t.inject({ method: 'GET', url: '/Rest/Media/1/Search/Files' });
    const entries = logged
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => typeof entry.statusCode === 'number')
      .map(({ level, msg }) => `${String(level)} ${String(msg)}`);
    assert.deepEqual(entries, [
      '20 GET / 200',
      '20 GET /_dashboard/app.js 200',
      '20 GET /_dashboard/styles.css 200',
      '20 GET /_mock/requests?limit=50 200',
      '20 GET /_mock/requests?after=abc 400', // refused, still the dashboard's: debug
      '20 GET /_mock/resources 200',
      '20 GET /_mock/clock 200',
      '20 GET /_mock/faults 200',
      '20 GET /_mock/health 200',
      '30 POST /_mock/reset 200',
      '30 GET /_mock/clock 200',
      '30 GET /Rest/Media/1/Search/Files 403',
    ]);
  } finally {
    await t.close();
  }
});

test('the dashboard script marks every call it makes with the header the log recognises', () => {
  // Every fetch of the script goes through api(), which sets the header. (The bundler writes double quotes.)
  const script = DASHBOARD_SCRIPT.replaceAll('"', "'");
  assert.equal(script.match(/\bfetch\(/g)?.length, 1);
  assert.match(script, new RegExp(`'${DASHBOARD_HEADER}': '1'`));
  for (const path of ['/_mock/resources', '/_mock/clock', '/_mock/faults', '/_mock/health']) assert.ok(script.includes(`api('GET', '${path}')`), path);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the bundled script's own template literal, as text.
  assert.ok(script.includes('const url = `/_mock/requests?${page}`') && script.includes("api('GET', url)"));
});
