import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncApi, resumableBlobBytes } from '../../../src/app/api/sync';
import { retrying } from '../../../src/app/sync/engine';
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

  it('start from the bytes a held check named, without asking HEAD', async () => {
    const fetchMock = stubFetch(
      jsonResponse(200, { ...limits, resumableBlobUploads: true, heldBlobsCheck: true }),
      jsonResponse(200, { held: [], uploads: [{ hash, offset: 131072, length: photo.size }] }),
      jsonResponse(201, { hash, stored: 'created' }),
    );
    const api = createSyncApi({ token: 't' });
    await api.config();
    const answer = await api.heldBlobs!([hash]);
    await api.putBlob(hash, photo, answer!.uploads[0]!.offset);

    const [held, patch] = requests(fetchMock);
    expect(held).toMatchObject({ url: '/api/blobs/held', method: 'POST' });
    expect(JSON.parse(held!.body as string)).toEqual({ hashes: [hash] });
    expect(patch).toMatchObject({ method: 'PATCH', headers: { 'Upload-Offset': '131072' } });
    expect(requests(fetchMock)).toHaveLength(2);
  });

  it('ask blob by blob a server that does not answer held checks', async () => {
    const fetchMock = stubFetch(jsonResponse(200, limits));
    const api = createSyncApi({ token: 't' });
    await api.config();
    expect(await api.heldBlobs!([hash])).toBeUndefined();
    expect(requests(fetchMock)).toEqual([]);
  });

  it('ask HEAD again when a cut upload is retried, since the held check is stale by then', async () => {
    const fetchMock = stubFetch(
      jsonResponse(200, { ...limits, resumableBlobUploads: true, heldBlobsCheck: true }),
      new TypeError('Failed to fetch'),
      new Response(null, { status: 200, headers: { 'Upload-Offset': '65536', 'Upload-Length': String(photo.size) } }),
      jsonResponse(201, { hash, stored: 'created' }),
    );
    const api = retrying(createSyncApi({ token: 't' }));
    await api.config();
    await api.putBlob(hash, photo, 0);

    expect(requests(fetchMock).map(({ method, headers }) => `${method} ${headers['Upload-Offset'] ?? ''}`)).toEqual(['PATCH 0', 'HEAD ', 'PATCH 65536']);
  });
});
