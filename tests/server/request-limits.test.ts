import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { maxReportedIssues } from '../../src/shared/validation';
import { maxJsonDepth } from '../../src/server/json-depth';
import { loginAs, startTestApp, type TestServer } from '../helpers/server';

let server: TestServer;
afterEach(() => server.close());

interface InvalidRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  url: string;
  payload?: object | Buffer;
  headers?: Record<string, string>;
}

/** Bodies every protected route would refuse with 400 if it validated them before checking the token. */
const invalidRequests: InvalidRequest[] = [
  { method: 'POST', url: '/api/sync/push', payload: { records: Array.from({ length: 50_000 }, () => ({})) } },
  { method: 'POST', url: '/api/assignments', payload: { communityId: 42, roundId: [] } },
  { method: 'PUT', url: `/api/blobs/${'a'.repeat(64)}`, payload: Buffer.alloc(100_000, 1), headers: { 'content-type': 'image/png' } },
  { method: 'PUT', url: '/api/blobs/not-a-hash', payload: Buffer.alloc(10, 1), headers: { 'content-type': 'image/png' } },
  { method: 'GET', url: '/api/blobs/not-a-hash' },
  { method: 'HEAD', url: '/api/blobs/not-a-hash' },
  { method: 'GET', url: '/api/sync/pull?checkpoint=minus-one&limit=many' },
  { method: 'GET', url: '/api/sync/config' },
  { method: 'GET', url: '/api/auth/me' },
  { method: 'POST', url: '/api/auth/logout', payload: { anything: true } },
];

/** Opens a raw connection and sends `head`; resolves with everything the server sent once it closes the socket. */
function rawExchange(port: number, head: string, trickle?: (socket: Socket) => void): Promise<{ received: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ received, closed: false });
    }, 8000);
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ received, closed: true });
    });
    socket.write(head);
    trickle?.(socket);
  });
}

async function listen(options: Parameters<typeof startTestApp>[0] = {}): Promise<number> {
  server = await startTestApp(options);
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  return (server.app.server.address() as AddressInfo).port;
}

describe('no work before authentication', () => {
  it.each(invalidRequests)('$method $url without a token gets 401, not a validation error', async (request) => {
    server = await startTestApp();
    const response = await server.app.inject({ ...request, ...(request.payload ? { payload: request.payload } : {}) });
    expect(response.statusCode).toBe(401);
    if (request.method !== 'HEAD') expect(response.json().error.code).toBe('unauthenticated');
  });

  it('answers 401 before a single byte of a large body has arrived, and closes the connection', async () => {
    const port = await listen();
    const head = 'POST /api/sync/push HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n';
    const { received, closed } = await rawExchange(port, head);
    expect(received).toMatch(/^HTTP\/1\.1 401 /);
    expect(received.toLowerCase()).toContain('connection: close');
    expect(closed).toBe(true);
  });

  it('cuts a slow body without a token at once, though it keeps trickling', async () => {
    const port = await listen();
    const head = 'PUT /api/blobs/' + 'a'.repeat(64) + ' HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\nContent-Length: 1000000\r\n\r\n';
    let timer: NodeJS.Timeout | undefined;
    const { received, closed } = await rawExchange(port, head, (socket) => {
      timer = setInterval(() => socket.writable && socket.write('x'), 50);
    });
    clearInterval(timer);
    expect(received).toMatch(/^HTTP\/1\.1 401 /);
    expect(closed).toBe(true);
  });
});

describe('bounded work after authentication', () => {
  it('cuts a signed-in request whose body does not arrive within the request timeout', async () => {
    const port = await listen({ timeouts: { requestMs: 600, headersMs: 300, keepAliveMs: 1000, connectionMs: 5000 } });
    const { body } = await loginAs(server.app, 'demo-worker');
    const head = `POST /api/sync/push HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${body.token}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n`;
    let timer: NodeJS.Timeout | undefined;
    const { received, closed } = await rawExchange(port, head, (socket) => {
      timer = setInterval(() => socket.writable && socket.write(' '), 50);
    });
    clearInterval(timer);
    expect(closed).toBe(true);
    expect(received).toMatch(/^HTTP\/1\.1 408 |^$/);
  });

  it('cuts a connection whose headers never finish', async () => {
    const port = await listen({ timeouts: { requestMs: 600, headersMs: 300, keepAliveMs: 1000, connectionMs: 5000 } });
    let timer: NodeJS.Timeout | undefined;
    const { closed } = await rawExchange(port, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\n', (socket) => {
      timer = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 50);
    });
    clearInterval(timer);
    expect(closed).toBe(true);
  });

  it(`reports at most ${maxReportedIssues} validation issues, and how many more there were`, async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-worker');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${body.token}` },
      // Not even objects: each is an issue of the request itself (a bad record object is rejected on its own instead).
      payload: { deviceId: 'd', batchId: 'b', records: Array.from({ length: 300 }, () => 1) },
    });
    expect(response.statusCode).toBe(400);
    const message: string = response.json().error.message;
    expect(message).toMatch(/^Invalid request: body\.records.*; \(and 290 more\)$/);
    const reported = message.replace(/^Invalid request: /, '').replace(/; \(and \d+ more\)$/, '').split('; ');
    expect(reported).toHaveLength(maxReportedIssues);
  });
});

describe('bounded nesting', () => {
  it(`refuses a JSON body nested deeper than ${maxJsonDepth} levels with 400, at any depth, and keeps prototype-poisoning checks`, async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-worker');
    const headers = { authorization: `Bearer ${body.token}`, 'content-type': 'application/json' };
    for (const depth of [maxJsonDepth + 1, 10_000, 200_000]) {
      const nested = '{"a":'.repeat(depth) + '"x"' + '}'.repeat(depth);
      const payload = `{"deviceId":"d","batchId":"b","records":[{"id":"x","data":${nested}}]}`;
      const response = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toEqual({ code: 'invalid_request', message: `The JSON body nests deeper than ${maxJsonDepth} levels` });
    }
    const poisoned = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers, payload: '{"deviceId":"d","batchId":"b","records":[],"__proto__":{"admin":true}}' });
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json().error.code).toBe('invalid_request');
  });
});
