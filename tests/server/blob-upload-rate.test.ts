import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/shared/hashing';
import { defaultSyncLimits } from '../../src/shared/sync';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

async function uploader(username: string) {
  const { token } = (await loginAs(server.app, username)).body;
  return (bytes: Buffer) =>
    server.app.inject({
      method: 'PUT',
      url: `/api/blobs/${sha256Hex(bytes)}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
      payload: bytes,
    });
}

describe('blob upload rate per user', () => {
  it('refuses a user past the rate with 429 and Retry-After, stores nothing more, and spares other users', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    server = await startTestApp({ now: () => now, blobUploadRate: { maxBytes: 2_000, timeWindowMs: 60_000 } });
    const worker = await uploader('demo-worker');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await worker(randomBytes(800))).statusCode);
    // 800 + 800 + 800 bytes are sent before the count passes 2,000; the fourth waits.
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await worker(randomBytes(800));
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBe(60);
    expect(await server.db.selectFrom('blobs').select('hash').execute()).toHaveLength(3);

    const adviser = await uploader('demo-adviser');
    expect((await adviser(randomBytes(800))).statusCode).toBe(201);

    now = new Date('2026-03-01T08:01:00Z');
    expect((await worker(randomBytes(800))).statusCode).toBe(201);
  });

  it('lets a week of a worker’s photos and signatures through at once with the default rate', async () => {
    server = await startTestApp();
    const worker = await uploader('demo-worker');
    // Five days of 20 signatures (about 30 KB) and 5 photos at the largest size a blob may have.
    const week = [
      ...Array.from({ length: 100 }, () => randomBytes(30 * 1024)),
      ...Array.from({ length: 25 }, () => randomBytes(defaultSyncLimits.maxBlobBytes)),
    ];
    const statuses = new Set<number>();
    for (const bytes of week) statuses.add((await worker(bytes)).statusCode);
    expect([...statuses]).toEqual([201]);
  });
});
