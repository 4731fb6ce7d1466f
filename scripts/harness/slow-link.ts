import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A link as a phone in a stairwell has it: its rate each way, the round trip and the share of segments lost. */
export interface LinkConditions {
  kbitPerSecond: number;
  roundTripMs: number;
  loss: number;
}

/** The TCP segment size: loss and its retransmission are counted per segment. */
const segmentBytes = 1460;
/** Bytes of IP and TCP header each segment carries on the wire. */
const headerBytes = 40;
/** Linux's least retransmission timeout: a lost segment arrives this much (plus a round trip) later. */
const minRetransmitMs = 200;

/**
 * A TCP proxy on loopback that delivers bytes as a slow, lossy link would: each direction is one
 * pipe of `kbitPerSecond` that all connections share, every segment arrives half a round trip after it was sent, a lost one
 * is sent again (its bytes counted twice) after the retransmission timeout, and every connection
 * costs a round trip to open. Order is kept, as TCP keeps it. `random` decides the losses.
 */
export async function startSlowLink(targetPort: number, conditions: LinkConditions, random: () => number) {
  const wire = { upBytes: 0, downBytes: 0, lostSegments: 0, connections: 0, cuts: 0 };
  /** An armed cut: the connection that delivers the `atUpBytes`-th upward byte (counted from arming) is cut there. */
  let cut: { atUpBytes: number; delivered: number } | undefined;
  const bytesPerMs = (conditions.kbitPerSecond * 1000) / 8 / 1000;
  // One radio: every connection shares each direction's rate.
  const linkFreeAt = { up: 0, down: 0 };

  /** One direction of one connection: a queue that frees at the link's rate, delivered in order by one timer. */
  function direction(from: Socket, to: Socket, way: 'up' | 'down'): void {
    let lastArrival = 0;
    let ending = false;
    const inFlight: Array<{ at: number; sentAt: number; onWire: number; bytes: Buffer }> = [];
    let timer: NodeJS.Timeout | undefined;
    /** The signal is gone: segments on their way are lost, and those the link had not sent yet never cost a byte. */
    function cutHere(): void {
      const now = Date.now();
      for (const segment of inFlight) if (segment.sentAt > now) wire[way === 'up' ? 'upBytes' : 'downBytes'] -= segment.onWire;
      inFlight.length = 0;
      linkFreeAt[way] = now;
      wire.cuts += 1;
      cut = undefined;
      from.destroy();
      to.destroy();
    }
    function deliver(): void {
      timer = undefined;
      while (inFlight.length > 0 && inFlight[0]!.at <= Date.now()) {
        const { bytes } = inFlight.shift()!;
        if (!to.destroyed) to.write(bytes);
        if (way === 'up' && cut && (cut.delivered += bytes.length) >= cut.atUpBytes) return cutHere();
      }
      if (inFlight.length > 0) timer = setTimeout(deliver, inFlight[0]!.at - Date.now());
      // A close travels behind the bytes sent before it.
      else if (ending) to.end();
    }
    from.on('end', () => {
      ending = true;
      timer ??= setTimeout(deliver, 0);
    });
    from.on('data', (chunk: Buffer) => {
      for (let offset = 0; offset < chunk.length; offset += segmentBytes) {
        const segment = chunk.subarray(offset, offset + segmentBytes);
        const lost = random() < conditions.loss;
        if (lost) wire.lostSegments += 1;
        const onWire = (segment.length + headerBytes) * (lost ? 2 : 1);
        wire[way === 'up' ? 'upBytes' : 'downBytes'] += onWire;
        linkFreeAt[way] = Math.max(Date.now(), linkFreeAt[way]) + onWire / bytesPerMs;
        lastArrival = Math.max(lastArrival, linkFreeAt[way] + conditions.roundTripMs / 2 + (lost ? Math.max(minRetransmitMs, conditions.roundTripMs) : 0));
        inFlight.push({ at: lastArrival, sentAt: linkFreeAt[way], onWire, bytes: Buffer.from(segment) });
      }
      timer ??= setTimeout(deliver, inFlight[0]!.at - Date.now());
    });
  }

  const server = createServer((client) => {
    wire.connections += 1;
    client.pause();
    // The handshake's round trip before the first byte can go.
    setTimeout(() => {
      const upstream = connect(targetPort, '127.0.0.1', () => client.resume());
      direction(client, upstream, 'up');
      direction(upstream, client, 'down');
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    }, conditions.roundTripMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const open = new Set<Socket>();
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    wire,
    /** Cuts, once, the connection that carries the server the `upBytes`-th byte from now on (as a phone that loses its signal mid-upload). */
    cutAfterUpBytes(upBytes: number): void {
      cut = { atUpBytes: upBytes, delivered: 0 };
    },
    close: () =>
      new Promise<void>((resolve) => {
        open.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
