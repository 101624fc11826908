/**
 * Issue 14, item 10: what a real socket sees. An unknown path keeps the connection alive;
 * a request whose headers Node refuses still gets an answer in the product's envelope.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { DEMO, ISO_INSTANT, UUID, platformHeaders, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';

describe('on the wire', () => {
  let t: TestApp;
  let port: number;
  let token: string;

  before(async () => {
    t = await startApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
    token = await tokenFor(t);
  });
  after(() => t.close());

  function get(agent: Agent, path: string, headers: Record<string, string> = {}): Promise<{ response: IncomingMessage; socket: Socket; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent, headers }, (response) => {
        const socket = response.socket;
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ response, socket, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  for (const [where, path, headers] of [
    ['outside every product', '/no/such/path', () => ({})],
    ['under Target', `/${DEMO.tenant}/target/no/such/path`, () => targetHeaders(token)],
    ['under Platform', '/data/foundation/catalog/no/such/path', () => platformHeaders(token)],
  ] as const) {
    test(`a GET to an unknown path ${where} answers 404 and keeps the connection alive`, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const first = await get(agent, path, headers());
        assert.equal(first.response.statusCode, 404, first.body);
        assert.notEqual(first.response.headers.connection, 'close');
        const second = await get(agent, path, headers());
        assert.equal(second.response.statusCode, 404);
        assert.notEqual(second.response.headers.connection, 'close');
        assert.equal(second.socket, first.socket, 'the second request did not reuse the connection');
      } finally {
        agent.destroy();
      }
    });
  }

  /** Writes a raw request and reads everything until the server closes the connection. */
  function raw(text: string, split = false): Promise<{ head: string[]; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('error', () => undefined); // the server may reset while the rest is still being written
      const timer = setTimeout(() => reject(new Error(`the connection stayed open: ${JSON.stringify(received.slice(0, 300))}`)), 5000);
      socket.on('close', () => {
        clearTimeout(timer);
        const end = received.indexOf('\r\n\r\n');
        resolve({ head: received.slice(0, end).split('\r\n'), body: received.slice(end + 4) });
      });
      socket.once('connect', () => {
        if (!split) return void socket.write(text);
        // The request line in its own packet: the parser fails on a later one.
        const line = text.indexOf('\r\n') + 2;
        socket.write(text.slice(0, line));
        setTimeout(() => socket.write(text.slice(line)), 30);
      });
    });
  }

  const MANY_HEADERS = Array.from({ length: 2000 }, (_, i) => `x-header-${i}: value-${i}-${'v'.repeat(20)}\r\n`).join('');
  const TOO_LARGE = 'The request headers are larger than the 16384 bytes the server reads';

  function assertHead(head: string[], statusLine: string, body: string): void {
    assert.equal(head[0], statusLine);
    const fields = new Map(head.slice(1).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    assert.equal(fields.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(fields.get('content-length'), String(Buffer.byteLength(body)));
    assert.equal(fields.get('connection'), 'close');
  }

  for (const split of [false, true]) {
    test(`2,000 headers to a Target path: 431 in the Target envelope, connection closed${split ? ' (request line in an earlier packet)' : ''}`, async () => {
      const { head, body } = await raw(`GET /${DEMO.tenant}/target/offers HTTP/1.1\r\nHost: localhost\r\n${MANY_HEADERS}\r\n`, split);
      assertHead(head, 'HTTP/1.1 431 Request Header Fields Too Large', body);
      const { requestId, requestTime, ...rest } = JSON.parse(body);
      assert.match(requestId, UUID);
      assert.match(requestTime, ISO_INSTANT);
      assert.deepEqual(rest, { httpStatus: 431, errors: [{ errorCode: 'Request.HeadersTooLarge', message: TOO_LARGE }] });
    });
  }

  test('2,000 headers to a Platform path: 431 in the Platform problem envelope', async () => {
    const { head, body } = await raw(`POST /data/foundation/catalog/dataSets HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n${MANY_HEADERS}\r\n{}`);
    assertHead(head, 'HTTP/1.1 431 Request Header Fields Too Large', body);
    assert.deepEqual(JSON.parse(body), {
      type: 'http://ns.adobe.com/aep/errors/headers-too-large',
      status: 431,
      title: 'RequestHeaderFieldsTooLargeError',
      detail: TOO_LARGE,
    });
  });

  test('a header HTTP cannot carry: 400 in the envelope of the path (Stock), connection closed', async () => {
    const { head, body } = await raw('GET /Rest/Media/1/Search/Files HTTP/1.1\r\nHost: localhost\r\nBad\u0001Header: y\r\n\r\n');
    assertHead(head, 'HTTP/1.1 400 Bad Request', body);
    assert.deepEqual(JSON.parse(body), { error_code: '400', message: 'The request is not valid HTTP: Invalid header token' });
  });

  test('an unparseable request outside every product: 400 in the control envelope', async () => {
    const { head, body } = await raw('GET /nowhere HTTP/1.1\r\nHost: localhost\r\nBad\u0001Header: y\r\n\r\n');
    assertHead(head, 'HTTP/1.1 400 Bad Request', body);
    assert.deepEqual(JSON.parse(body), { statusCode: 400, error: 'bad-request', message: 'The request is not valid HTTP: Invalid header token' });
    const health = await fetch(`http://127.0.0.1:${port}/_mock/health`);
    assert.equal(health.status, 200);
  });
});
