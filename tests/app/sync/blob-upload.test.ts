import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncApi, resumableBlobBytes } from '../../../src/app/api/sync';
import { jsonResponse, stubFetch } from '../../helpers/app/network';

afterEach(() => vi.unstubAllGlobals());

const limits = { maxRecordsPerBatch: 100, maxBytesPerRequest: 1_000_000, maxBlobBytes: 2_000_000, maxPullLimit: 100 };
const hash = 'a'.repeat(64);
const photo = new Blob([new Uint8Array(resumableBlobBytes + 1000)], { type: 'image/jpeg' });

function requests(fetchMock: ReturnType<typeof stubFetch>) {
  return (fetchMock.mock.calls as unknown as Array<[string, RequestInit]>).slice(1).map(([url, init]) => ({ url, method: init.method, headers: init.headers as Record<string, string>, body: init.body }));
}

describe('blob uploads on the wire', () => {
  it('continue from the bytes the server holds when it takes resumable uploads', async () => {
    const held = new Response(null, { status: 200, headers: { 'Upload-Offset': '200000', 'Upload-Length': String(photo.size) } });
    const fetchMock = stubFetch(jsonResponse(200, { ...limits, resumableBlobUploads: true }), held, jsonResponse(201, { hash, stored: 'created' }));
    const api = createSyncApi({ token: 't' });
    await api.config();
    await api.putBlob(hash, photo);

    const [head, patch] = requests(fetchMock);
    expect(head).toMatchObject({ url: `/api/blobs/${hash}/upload`, method: 'HEAD' });
    expect(patch).toMatchObject({ url: `/api/blobs/${hash}/upload`, method: 'PATCH' });
    expect(patch!.headers).toMatchObject({ 'Upload-Offset': '200000', 'Upload-Length': String(photo.size), 'Upload-Content-Type': 'image/jpeg', 'Content-Type': 'application/offset+octet-stream' });
    expect((patch!.body as Blob).size).toBe(photo.size - 200_000);
  });

  it('start again from the offset a 409 names', async () => {
    const noUpload = jsonResponse(404, { error: { code: 'not_found', message: 'none' } });
    const elsewhere = new Response(null, { status: 409, headers: { 'Upload-Offset': '65536' } });
    const fetchMock = stubFetch(jsonResponse(200, { ...limits, resumableBlobUploads: true }), noUpload, elsewhere, jsonResponse(200, { hash, stored: 'existing' }));
    const api = createSyncApi({ token: 't' });
    await api.config();
    await api.putBlob(hash, photo);

    expect(requests(fetchMock).map(({ method, headers }) => `${method} ${headers['Upload-Offset'] ?? ''}`)).toEqual(['HEAD ', 'PATCH 0', 'PATCH 65536']);
  });

  it('go whole in one PUT to a server that does not say it takes resumable uploads', async () => {
    const fetchMock = stubFetch(jsonResponse(200, limits), jsonResponse(201, { hash, stored: 'created' }));
    const api = createSyncApi({ token: 't' });
    await api.config();
    await api.putBlob(hash, photo);

    expect(requests(fetchMock)).toMatchObject([{ url: `/api/blobs/${hash}`, method: 'PUT', body: photo }]);
  });
});
