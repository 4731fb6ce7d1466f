import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fullElderlyAnswers, responseRecord } from '../../scripts/harness/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

async function worker() {
  const { body } = await loginAs(server.app, 'demo-worker');
  return { token: body.token, author: { id: body.user.id, communityId: 'yijiangmen-c01' } };
}

function gzipPush(token: string, bytes: Buffer, encoding = 'gzip') {
  return server.app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-encoding': encoding },
    payload: bytes,
  });
}

describe('gzip-compressed request bodies', () => {
  it('accepts a gzip-encoded push and stores its records as sent', async () => {
    server = await startTestApp();
    const { token, author } = await worker();
    const records = Array.from({ length: 20 }, (_, i) => responseRecord(author, fullElderlyAnswers(i)));
    const json = Buffer.from(JSON.stringify({ deviceId: 'device-a', batchId: 'gzip-batch', records }));
    const compressed = gzipSync(json);
    expect(compressed.length).toBeLessThan(json.length / 3);
    const response = await gzipPush(token, compressed);
    expect(response.statusCode).toBe(200);
    expect(response.json().results.map((r: { status: string }) => r.status)).toEqual(Array(20).fill('accepted'));
    const stored = await server.db.selectFrom('records').select(['id', 'hash']).where('batch_id', '=', 'gzip-batch').orderBy('id').execute();
    expect(stored).toEqual(records.map((r) => ({ id: r.id, hash: r.hash })).sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('refuses with 413 a small body that inflates past the push limit, storing nothing', async () => {
    const maxBytesPerRequest = 256 * 1024;
    server = await startTestApp({ syncLimits: { maxRecordsPerBatch: 100, maxBytesPerRequest, maxBlobBytes: 1024 * 1024, maxPullLimit: 100 } });
    const { token, author } = await worker();
    // Valid JSON padded with 64 MB of spaces: about 64 KB on the wire.
    const bomb = gzipSync(Buffer.concat([Buffer.from(`{"deviceId":"d","batchId":"bomb","records":[${JSON.stringify(responseRecord(author, fullElderlyAnswers(1)))}]`), Buffer.alloc(64 * 1024 * 1024, ' '), Buffer.from('}')]));
    expect(bomb.length).toBeLessThan(maxBytesPerRequest);
    const response = await gzipPush(token, bomb);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
    expect(await server.db.selectFrom('records').select('id').where('batch_id', '=', 'bomb').execute()).toEqual([]);
  });

  it('answers 400 for bytes that are not gzip and 415 for an encoding it does not take', async () => {
    server = await startTestApp();
    const { token } = await worker();
    const corrupt = await gzipPush(token, Buffer.from('not gzip at all'));
    expect(corrupt.statusCode).toBe(400);
    expect(Object.keys(corrupt.json())).toEqual(['error']);
    const brotli = await gzipPush(token, Buffer.from('{}'), 'br');
    expect(brotli.statusCode).toBe(415);
    expect(brotli.json().error.message).toContain('gzip');
  });

  it('inflates nothing before the token is checked', async () => {
    server = await startTestApp();
    const response = await gzipPush('not-a-token', gzipSync(Buffer.alloc(1024 * 1024, ' ')));
    expect(response.statusCode).toBe(401);
  });
});
