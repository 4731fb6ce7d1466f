import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/shared/hashing';
import { buildApp } from '../../src/server/app';
import { pushSignedResponse } from '../helpers/server/blobs';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5]);
const hash = sha256Hex(image);

async function token(username = 'demo-worker') {
  return (await loginAs(server.app, username)).body.token;
}

/** A fresh server holding a worker's signed response in yijiangmen-c01 and a supervisor's in another sub-district (jiangdong-c01). */
async function signaturesInTwoSubdistricts() {
  server = await startTestApp();
  const worker = await loginAs(server.app, 'demo-worker');
  const supervisor = await loginAs(server.app, 'demo-supervisor');
  const ownImage = await pushSignedResponse(server.app, worker.body.token, { id: worker.body.user.id, communityId: 'yijiangmen-c01' }, image);
  const otherImage = await pushSignedResponse(server.app, supervisor.body.token, { id: supervisor.body.user.id, communityId: 'jiangdong-c01' }, Buffer.from('another sub-district'));
  return { worker, supervisor, ownImage, otherImage };
}

describe('blobs addressed by SHA-256', () => {
  it('stores bytes once: 201 then 200, and HEAD tells whether the server has them', async () => {
    server = await startTestApp();
    const headers = { authorization: `Bearer ${await token()}` };
    expect((await server.app.inject({ method: 'HEAD', url: `/api/blobs/${hash}`, headers })).statusCode).toBe(404);
    const put = () => server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { ...headers, 'content-type': 'image/png' }, payload: image });
    expect((await put()).statusCode).toBe(201);
    expect((await put()).statusCode).toBe(200);
    expect((await server.app.inject({ method: 'HEAD', url: `/api/blobs/${hash}`, headers })).statusCode).toBe(200);

    const stored = await server.db.selectFrom('blobs').select(['hash', 'size', 'content_type']).execute();
    expect(stored).toEqual([{ hash, size: image.length, content_type: 'image/png' }]);
  });

  it('says in one request which blobs of a list each user can see, and how far their own uploads in progress have come', async () => {
    const { worker, supervisor, ownImage, otherImage } = await signaturesInTwoSubdistricts();
    const photo = Buffer.alloc(100, 7);
    const photoHash = sha256Hex(photo);
    const headers = { authorization: `Bearer ${worker.body.token}` };
    const started = await server.app.inject({
      method: 'PATCH',
      url: `/api/blobs/${photoHash}/upload`,
      headers: { ...headers, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'upload-length': '100' },
      payload: photo.subarray(0, 40),
    });
    expect(started.statusCode).toBe(204);
    const never = 'b'.repeat(64);
    const held = (token: string) => server.app.inject({ method: 'POST', url: '/api/blobs/held', headers: { authorization: `Bearer ${token}` }, payload: { hashes: [ownImage, otherImage, photoHash, never, ownImage] } });

    // Another sub-district's signature is as unknown as one never sent; only the worker sees the worker's upload.
    expect((await held(worker.body.token)).json()).toEqual({ held: [ownImage], uploads: [{ hash: photoHash, offset: 40, length: 100 }] });
    expect((await held(await token('demo-officer'))).json()).toEqual({ held: [ownImage], uploads: [] });
    expect((await held(supervisor.body.token)).json()).toEqual({ held: [ownImage, otherImage], uploads: [] });
  });

  it('refuses a held check of no hashes, too many, or names that are not SHA-256', async () => {
    server = await startTestApp();
    const headers = { authorization: `Bearer ${await token()}` };
    const ask = (hashes: unknown) => server.app.inject({ method: 'POST', url: '/api/blobs/held', headers, payload: { hashes } });
    for (const hashes of [[], Array.from({ length: 201 }, (_, i) => sha256Hex(Buffer.from([i]))), ['not-a-hash'], 'a'.repeat(64)]) {
      const refused = await ask(hashes);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('invalid_request');
    }
    expect((await server.app.inject({ method: 'POST', url: '/api/blobs/held', payload: { hashes: [hash] } })).statusCode).toBe(401);
  });

  it('refuses bytes that do not hash to the name, and oversized ones', async () => {
    server = await startTestApp({ syncLimits: { maxRecordsPerBatch: 10, maxBytesPerRequest: 1024 * 1024, maxBlobBytes: 16, maxPullLimit: 10 } });
    const headers = { authorization: `Bearer ${await token()}`, 'content-type': 'application/octet-stream' };
    const wrong = await server.app.inject({ method: 'PUT', url: `/api/blobs/${'a'.repeat(64)}`, headers, payload: image });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe(`The bytes hash to ${hash}, not ${'a'.repeat(64)}`);
    const big = Buffer.alloc(17, 1);
    const tooBig = await server.app.inject({ method: 'PUT', url: `/api/blobs/${sha256Hex(big)}`, headers, payload: big });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('payload_too_large');
    const badName = await server.app.inject({ method: 'PUT', url: '/api/blobs/not-a-hash', headers, payload: image });
    expect(badName.statusCode).toBe(400);
    expect(await server.db.selectFrom('blobs').select('hash').execute()).toEqual([]);
  });

  it('serves a signature image within the scope of the records that reference it, and 404 beyond it', async () => {
    const { worker, ownImage, otherImage } = await signaturesInTwoSubdistricts();
    const officer = { authorization: `Bearer ${await token('demo-officer')}` };

    const own = await server.app.inject({ method: 'GET', url: `/api/blobs/${ownImage}`, headers: officer });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(own.rawPayload, image)).toBe(0);
    expect((await server.app.inject({ method: 'HEAD', url: `/api/blobs/${ownImage}`, headers: officer })).statusCode).toBe(200);

    // Another sub-district's image answers exactly like one that does not exist.
    const other = await server.app.inject({ method: 'GET', url: `/api/blobs/${otherImage}`, headers: officer });
    const absent = await server.app.inject({ method: 'GET', url: `/api/blobs/${'b'.repeat(64)}`, headers: officer });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
    expect(absent.statusCode).toBe(404);
    expect((await server.app.inject({ method: 'HEAD', url: `/api/blobs/${otherImage}`, headers: officer })).statusCode).toBe(404);
    // A field worker sees images of their communities, not others.
    const workerHeaders = { authorization: `Bearer ${worker.body.token}` };
    expect((await server.app.inject({ method: 'GET', url: `/api/blobs/${ownImage}`, headers: workerHeaders })).statusCode).toBe(200);
    expect((await server.app.inject({ method: 'GET', url: `/api/blobs/${otherImage}`, headers: workerHeaders })).statusCode).toBe(404);
  });

  it('serves a download as an inert attachment, never cached, and audits it', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-worker');
    const headers = { authorization: `Bearer ${body.token}` };
    await server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { ...headers, 'content-type': 'image/png' }, payload: image });
    const download = await server.app.inject({ method: 'GET', url: `/api/blobs/${hash}`, headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename="${hash}"`,
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'no-store',
    });
    const audit = await server.db.selectFrom('audit_log').select(['user_id', 'details']).where('action', '=', 'blob.download').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.user_id).toBe(body.user.id);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ hash });
  });

  it('lets officers upload photos of a case’s progress, and nobody signed out', async () => {
    server = await startTestApp();
    const refused = await server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { 'content-type': 'image/png' }, payload: image });
    expect(refused.statusCode).toBe(401);
    expect(await server.db.selectFrom('blobs').select('hash').execute()).toEqual([]);
    const officer = { authorization: `Bearer ${await token('demo-officer')}`, 'content-type': 'image/png' };
    expect((await server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: officer, payload: image })).statusCode).toBe(201);
    expect(await server.db.selectFrom('blobs').select('hash').execute()).toEqual([{ hash }]);
  });

  it('refuses uploads beyond the per-user quota with a clear message, and still answers blobs it has', async () => {
    server = await startTestApp({ blobQuotaBytes: 2 * image.length });
    const headers = { authorization: `Bearer ${await token()}`, 'content-type': 'image/png' };
    const upload = (bytes: Buffer) => server.app.inject({ method: 'PUT', url: `/api/blobs/${sha256Hex(bytes)}`, headers, payload: bytes });
    const second = Buffer.from(image).fill(7, 4);
    expect((await upload(image)).statusCode).toBe(201);
    expect((await upload(second)).statusCode).toBe(201);
    const overQuota = await upload(Buffer.from('one byte too many'));
    expect(overQuota.statusCode).toBe(413);
    expect(overQuota.json().error).toEqual({ code: 'payload_too_large', message: expect.stringContaining(`quota reached: each user may store ${2 * image.length} bytes`) });
    expect((await upload(image)).statusCode).toBe(200);
    // Another user's quota is their own.
    const adviser = { authorization: `Bearer ${await token('demo-adviser')}`, 'content-type': 'image/png' };
    expect((await server.app.inject({ method: 'PUT', url: `/api/blobs/${sha256Hex(Buffer.from('one byte too many'))}`, headers: adviser, payload: Buffer.from('one byte too many') })).statusCode).toBe(201);
  });
});

describe('removing blobs no record references', () => {
  it('removes an unreferenced blob once the grace period has passed, on start, and keeps referenced ones', async () => {
    const graceMs = 24 * 60 * 60 * 1000;
    let now = new Date('2026-03-02T08:00:00Z');
    server = await startTestApp({ now: () => now, blobGraceMs: graceMs });
    const worker = await loginAs(server.app, 'demo-worker');
    const referenced = await pushSignedResponse(server.app, worker.body.token, { id: worker.body.user.id, communityId: 'yijiangmen-c01' }, image);
    const orphan = Buffer.from('an image whose record never came');
    await server.app.inject({ method: 'PUT', url: `/api/blobs/${sha256Hex(orphan)}`, headers: { authorization: `Bearer ${worker.body.token}`, 'content-type': 'image/png' }, payload: orphan });
    const storedHashes = async () => (await server.db.selectFrom('blobs').select('hash').orderBy('hash').execute()).map((row) => row.hash);

    const restart = async () => {
      const next = await buildApp({ db: server.db, now: () => now, blobGraceMs: graceMs });
      await next.ready();
      await next.close();
    };
    now = new Date(now.getTime() + graceMs - 1000);
    await restart();
    expect(await storedHashes()).toEqual([referenced, sha256Hex(orphan)].sort());

    now = new Date(now.getTime() + 2000);
    await restart();
    expect(await storedHashes()).toEqual([referenced]);
  });
});
