import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChaosOdds {
  /** The request never reaches the server. */
  dropRequest: number;
  /** The server handles (and commits) the request, but the answer never reaches the client. */
  dropResponse: number;
  /** The request reaches the server twice; the client gets the second answer. */
  duplicate: number;
}

export interface ChaosCounts {
  passed: number;
  droppedRequests: number;
  droppedResponses: number;
  duplicated: number;
  upstreamFailures: number;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Upstream {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', reject);
    // A peer killed mid-message closes without 'end'.
    stream.on('close', () => ended || reject(new Error('connection closed mid-message')));
  });
}

/**
 * A loopback proxy in front of the server that loses requests, loses answers after the server
 * committed, and delivers requests twice. `onRequest` may act (e.g. restart the server) mid-request.
 */
export async function startChaosProxy(
  target: () => string,
  odds: ChaosOdds,
  random: () => number,
  onRequest?: (method: string, path: string) => void,
) {
  const counts: ChaosCounts = { passed: 0, droppedRequests: 0, droppedResponses: 0, duplicated: 0, upstreamFailures: 0 };

  function forward(incoming: IncomingMessage, body: Buffer): Promise<Upstream> {
    const url = new URL(incoming.url ?? '/', target());
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(url, { method: incoming.method, headers: { ...incoming.headers, host: url.host } }, async (response) => {
        try {
          resolve({ status: response.statusCode ?? 502, headers: response.headers, body: await readBody(response) });
        } catch (error) {
          reject(error);
        }
      });
      outgoing.on('error', reject);
      outgoing.setTimeout(20_000, () => outgoing.destroy(new Error('upstream timed out')));
      outgoing.end(body);
    });
  }

  function reply(response: ServerResponse, upstream: Upstream): void {
    response.writeHead(upstream.status, upstream.headers);
    response.end(upstream.body);
  }

  const server = createServer(async (incoming, response) => {
    const body = await readBody(incoming);
    const roll = random();
    try {
      onRequest?.(incoming.method ?? 'GET', incoming.url ?? '/');
      if (roll < odds.dropRequest) {
        counts.droppedRequests += 1;
        incoming.socket.destroy();
        return;
      }
      if (roll < odds.dropRequest + odds.dropResponse) {
        await forward(incoming, body);
        counts.droppedResponses += 1;
        incoming.socket.destroy();
        return;
      }
      if (roll < odds.dropRequest + odds.dropResponse + odds.duplicate) {
        await forward(incoming, body).catch(() => undefined);
        counts.duplicated += 1;
        reply(response, await forward(incoming, body));
        return;
      }
      counts.passed += 1;
      reply(response, await forward(incoming, body));
    } catch {
      // The server went away mid-request (e.g. a restart): the client sees a broken connection.
      counts.upstreamFailures += 1;
      incoming.socket.destroy();
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
