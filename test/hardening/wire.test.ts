/**
 * Issue 14, item 10: what a real socket sees. An unknown path keeps the connection alive;
 * a request whose headers Node refuses still gets an answer in the product's envelope.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { DEMO, platformHeaders, startApp, targetHeaders, tokenFor, type TestApp } from '../helpers.js';

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
});
