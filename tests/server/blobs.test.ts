import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/shared/hashing';
import { loginAs, startTestApp, type TestServer } from '../helpers/server';

let server: TestServer;
afterEach(() => server.close());

const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5]);
const hash = sha256Hex(image);

async function token(username = 'demo-worker') {
  return (await loginAs(server.app, username)).body.token;
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

  it('lets office roles download a blob, not field workers', async () => {
    server = await startTestApp();
    const worker = { authorization: `Bearer ${await token()}` };
    await server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { ...worker, 'content-type': 'image/png' }, payload: image });
    expect((await server.app.inject({ method: 'GET', url: `/api/blobs/${hash}`, headers: worker })).statusCode).toBe(403);
    const download = await server.app.inject({ method: 'GET', url: `/api/blobs/${hash}`, headers: { authorization: `Bearer ${await token('demo-supervisor')}` } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(download.rawPayload, image)).toBe(0);
  });
});
