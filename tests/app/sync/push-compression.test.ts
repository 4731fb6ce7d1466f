import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncApi } from '../../../src/app/api/sync';
import { jsonResponse, stubFetch } from '../../helpers/app/network';

afterEach(() => vi.unstubAllGlobals());

const limits = { maxRecordsPerBatch: 100, maxBytesPerRequest: 1_000_000, maxBlobBytes: 1_000_000, maxPullLimit: 100 };
const pushed = { deviceId: 'device-a', batchId: 'batch-1', records: [] };
const answered = { results: [], serverTime: '2026-03-02T09:00:00.000Z' };

async function pushAfterConfig(config: object) {
  const fetchMock = stubFetch(jsonResponse(200, config), jsonResponse(200, answered));
  const api = createSyncApi({ token: 't' });
  await api.config();
  await api.push(pushed);
  const [, init] = (fetchMock.mock.calls as unknown as Array<[string, RequestInit]>)[1]!;
  return { headers: init.headers as Record<string, string>, body: init.body };
}

describe('push bodies on the wire', () => {
  it('go gzip-compressed to a server that lists gzip among its request encodings', async () => {
    const { headers, body } = await pushAfterConfig({ ...limits, requestEncodings: ['gzip'] });
    expect(headers['Content-Encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(body as ArrayBuffer)).toString())).toEqual(pushed);
  });

  it('go as plain JSON to a server that lists none', async () => {
    const { headers, body } = await pushAfterConfig(limits);
    expect(headers['Content-Encoding']).toBeUndefined();
    expect(JSON.parse(String(body))).toEqual(pushed);
  });
});
