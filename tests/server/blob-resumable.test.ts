import { randomBytes } from 'node:crypto';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { sha256Hex } from '../../src/shared/hashing';
import { defaultSyncLimits } from '../../src/shared/sync';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

const photo = randomBytes(defaultSyncLimits.maxBlobBytes);
const photoHash = sha256Hex(photo);

async function signIn(username: string): Promise<{ token: string; userId: string }> {
  const { body } = await loginAs(server.app, username);
  return { token: body.token, userId: body.user.id };
}

function patch(token: string, hash: string, offset: number, bytes: Buffer, length = photo.length) {
  return server.app.inject({
    method: 'PATCH',
    url: `/api/blobs/${hash}/upload`,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      'upload-length': String(length),
      'upload-content-type': 'image/jpeg',
    },
    payload: bytes,
  });
}

function head(token: string, hash = photoHash) {
  return server.app.inject({ method: 'HEAD', url: `/api/blobs/${hash}/upload`, headers: { authorization: `Bearer ${token}` } });
}

/** Sends the headers of a PATCH for the whole photo and its first `sent` bytes over a real socket, then closes it: a cut. */
async function cutUpload(token: string, sent: number): Promise<void> {
  const { port } = server.app.server.address() as AddressInfo;
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `PATCH /api/blobs/${photoHash}/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nUpload-Length: ${photo.length}\r\nContent-Length: ${photo.length}\r\n\r\n`,
  );
  await new Promise((resolve) => socket.write(photo.subarray(0, sent), resolve));
  socket.destroy();
}

/** The server keeps what arrived once it has seen the connection close; until then HEAD may answer less. */
async function offsetOnceSettled(token: string, expected: number): Promise<number> {
  for (;;) {
    const offset = Number((await head(token)).headers['upload-offset'] ?? 0);
    if (offset >= expected) return offset;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function keptParts(userId: string): Promise<Buffer> {
  const parts = await server.db.selectFrom('blob_upload_parts').select('bytes').where('user_id', '=', userId).orderBy('offset').execute();
  return Buffer.concat(parts.map((part) => part.bytes));
}

describe('resumable blob uploads', () => {
  it('keeps exactly the bytes received before a cut at 90%, and the resumed upload stores the blob under its hash', async () => {
    server = await startTestApp();
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { token, userId } = await signIn('demo-worker');
    const config = await server.app.inject({ method: 'GET', url: '/api/sync/config', headers: { authorization: `Bearer ${token}` } });
    expect(config.json().resumableBlobUploads).toBe(true);

    const sent = Math.floor(photo.length * 0.9);
    await cutUpload(token, sent);
    expect(await offsetOnceSettled(token, sent)).toBe(sent);
    const held = await head(token);
    expect(held.statusCode).toBe(200);
    expect(held.headers['upload-length']).toBe(String(photo.length));
    expect((await keptParts(userId)).equals(photo.subarray(0, sent))).toBe(true);

    const resumed = await patch(token, photoHash, sent, photo.subarray(sent));
    expect(resumed.statusCode).toBe(201);
    expect(resumed.json()).toEqual({ hash: photoHash, stored: 'created' });
    const blob = await server.db.selectFrom('blobs').select(['bytes', 'size', 'uploaded_by']).where('hash', '=', photoHash).executeTakeFirstOrThrow();
    expect(sha256Hex(blob.bytes)).toBe(photoHash);
    expect(blob).toMatchObject({ size: photo.length, uploaded_by: userId });
    expect(await server.db.selectFrom('blob_uploads').selectAll().execute()).toEqual([]);
    expect(await server.db.selectFrom('blob_upload_parts').select('hash').execute()).toEqual([]);
    // Every byte received counts towards the upload rate, the cut request's as well.
    const rate = await server.db.selectFrom('rate_limits').select('hits').where('key', '=', `blob-upload-bytes|${userId}`).executeTakeFirstOrThrow();
    expect(Number(rate.hits)).toBe(photo.length);
    expect((await head(token)).statusCode).toBe(404);
  });

  it('answers 204 with the offset when a body ends before the blob, and 409 with the held offset for a wrong one', async () => {
    server = await startTestApp();
    const { token } = await signIn('demo-worker');
    const half = photo.length / 2;
    const first = await patch(token, photoHash, 0, photo.subarray(0, half));
    expect(first.statusCode).toBe(204);
    expect(first.headers['upload-offset']).toBe(String(half));

    const behind = await patch(token, photoHash, 1000, photo.subarray(1000));
    expect(behind.statusCode).toBe(409);
    expect(behind.json().error.code).toBe('conflict');
    expect(behind.headers['upload-offset']).toBe(String(half));
    expect((await patch(token, photoHash, half, photo.subarray(half, -1), photo.length - 1)).statusCode).toBe(409);
    expect((await head(token)).headers['upload-offset']).toBe(String(half));
    expect((await patch(token, photoHash, half, photo.subarray(half))).statusCode).toBe(201);
  });

  it('hides an upload in progress from another user (404) and never appends their bytes to it', async () => {
    server = await startTestApp();
    const worker = await signIn('demo-worker');
    const adviser = await signIn('demo-adviser');
    const half = photo.length / 2;
    expect((await patch(worker.token, photoHash, 0, photo.subarray(0, half))).statusCode).toBe(204);

    expect((await head(adviser.token)).statusCode).toBe(404);
    const append = await patch(adviser.token, photoHash, half, Buffer.alloc(photo.length - half));
    expect(append.statusCode).toBe(404);
    expect(append.json().error.code).toBe('not_found');
    expect((await head(worker.token)).headers['upload-offset']).toBe(String(half));
    expect((await keptParts(worker.userId)).equals(photo.subarray(0, half))).toBe(true);
    expect(await keptParts(adviser.userId)).toHaveLength(0);

    // The worker's own bytes complete it.
    const done = await patch(worker.token, photoHash, half, photo.subarray(half));
    expect(done.statusCode).toBe(201);
    const blob = await server.db.selectFrom('blobs').select(['bytes', 'uploaded_by']).where('hash', '=', photoHash).executeTakeFirstOrThrow();
    expect(sha256Hex(blob.bytes)).toBe(photoHash);
    expect(blob.uploaded_by).toBe(worker.userId);
  });

  it('drops an upload whose bytes do not hash to its name, with 400', async () => {
    server = await startTestApp();
    const { token, userId } = await signIn('demo-worker');
    const forged = Buffer.concat([photo.subarray(0, -1), Buffer.from([photo.at(-1)! ^ 0xff])]);
    const half = photo.length / 2;
    expect((await patch(token, photoHash, 0, forged.subarray(0, half))).statusCode).toBe(204);
    const last = await patch(token, photoHash, half, forged.subarray(half));
    expect(last.statusCode).toBe(400);
    expect(last.json().error.message).toBe(`The bytes hash to ${sha256Hex(forged)}, not ${photoHash}; the upload is dropped, start again at Upload-Offset 0`);
    expect(await server.db.selectFrom('blobs').select('hash').execute()).toEqual([]);
    expect(await keptParts(userId)).toHaveLength(0);
    expect((await head(token)).statusCode).toBe(404);
  });

  it('sweeps uploads that received nothing for a day when the server starts', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    server = await startTestApp({ now: () => now });
    const { token } = await signIn('demo-worker');
    expect((await patch(token, photoHash, 0, photo.subarray(0, 1000))).statusCode).toBe(204);
    const fresh = randomBytes(2000);
    now = new Date('2026-03-02T07:00:00Z');
    expect((await patch(token, sha256Hex(fresh), 0, fresh.subarray(0, 1000), fresh.length)).statusCode).toBe(204);

    now = new Date('2026-03-02T08:30:00Z');
    const restarted = await buildApp({ db: await server.connectAgain(), now: () => now });
    await restarted.ready();
    await restarted.close();
    expect(await server.db.selectFrom('blob_uploads').select('hash').execute()).toEqual([{ hash: sha256Hex(fresh) }]);
    expect(await server.db.selectFrom('blob_upload_parts').select('hash').execute()).toEqual([{ hash: sha256Hex(fresh) }]);
  });
});
