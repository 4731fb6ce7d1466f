import {
  heldBlobsResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  resumableUpload,
  syncLimitsSchema,
  type HeldBlobsResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SyncLimits,
} from '../../shared/sync';
import type { DeviceReport } from '../../shared/devices';
import { errorFrom, requestJson, send } from './http';
import { apiPaths } from './paths';

export interface SyncApi {
  config(): Promise<SyncLimits>;
  hasBlob(hash: string): Promise<boolean>;
  /**
   * Which of these blobs the server holds, and its bytes of the caller's uploads in progress, in one
   * request; undefined from a server that answers only blob by blob (then ask `hasBlob`). Optional:
   * test doubles may leave it out.
   */
  heldBlobs?(hashes: readonly string[]): Promise<HeldBlobsResponse | undefined>;
  /** `heldBytes`: what the server holds of this blob's upload in progress, when `heldBlobs` said so; asked otherwise. */
  putBlob(hash: string, blob: Blob, heldBytes?: number): Promise<void>;
  push(request: PushRequest): Promise<PushResponse>;
  pull(checkpoint: string, limit: number): Promise<PullResponse>;
  /** A real request that tells whether the server can be reached. */
  reachable(): Promise<boolean>;
  /** Tells the office what this device still holds (optional: not every server or test double has it). */
  reportDevice?(report: DeviceReport): Promise<void>;
}

/** Blobs larger than this go resumably to a server that takes them so: a photo cut at 90% sends only its last 10% again. */
export const resumableBlobBytes = 256 * 1024;

/** The sync endpoints, against `baseUrl` ('' in the browser: same origin). */
export function createSyncApi(options: { baseUrl?: string; token: string }): SyncApi {
  const base = options.baseUrl ?? '';
  const token = options.token;
  // Pushes go compressed once the server has said it inflates them: JSON records shrink several times on a weak signal.
  let gzip = false;
  let resumable = false;
  let heldCheck = false;

  /** How many bytes of this blob the server holds from an earlier, cut upload (0 when none). */
  async function heldBytes(hash: string, size: number): Promise<number> {
    const response = await send(base + apiPaths.blobUpload(hash), { method: 'HEAD', token });
    if (response.status === 404) return 0;
    if (!response.ok) throw await errorFrom(response);
    return Number(response.headers.get(resumableUpload.lengthHeader)) === size ? Number(response.headers.get(resumableUpload.offsetHeader)) : 0;
  }

  /**
   * Sends the bytes the server does not hold yet in one PATCH (it keeps them as they arrive, also
   * when the connection is cut); a lost connection throws, and the retry asks HEAD again.
   */
  async function putResumably(hash: string, blob: Blob, known: number | undefined): Promise<void> {
    for (let offset = known ?? (await heldBytes(hash, blob.size)); ; ) {
      const response = await send(base + apiPaths.blobUpload(hash), {
        method: 'PATCH',
        token,
        body: blob.slice(offset, blob.size, resumableUpload.contentType),
        headers: {
          [resumableUpload.offsetHeader]: String(offset),
          [resumableUpload.lengthHeader]: String(blob.size),
          ...(blob.type ? { [resumableUpload.blobContentTypeHeader]: blob.type } : {}),
        },
      });
      if (response.ok && response.status !== 204) return;
      // 204: the body ended before the blob did; 409: the server holds another count. Either way it says where to go on.
      const held = Number(response.headers.get(resumableUpload.offsetHeader) ?? Number.NaN);
      if ((response.status === 204 || response.status === 409) && Number.isInteger(held) && held !== offset) offset = held;
      else throw await errorFrom(response);
    }
  }

  return {
    async config() {
      const limits = await requestJson(base + apiPaths.syncConfig, { token, schema: syncLimitsSchema });
      gzip = limits.requestEncodings?.includes('gzip') ?? false;
      resumable = limits.resumableBlobUploads ?? false;
      heldCheck = limits.heldBlobsCheck ?? false;
      return limits;
    },
    async hasBlob(hash) {
      const response = await send(base + apiPaths.blob(hash), { method: 'HEAD', token });
      if (response.status === 200) return true;
      if (response.status === 404) return false;
      throw await errorFrom(response);
    },
    async heldBlobs(hashes) {
      if (!heldCheck) return undefined;
      return requestJson(base + apiPaths.blobsHeld, { method: 'POST', token, body: { hashes }, schema: heldBlobsResponseSchema });
    },
    async putBlob(hash, blob, heldBytes) {
      if (resumable && blob.size > resumableBlobBytes) return putResumably(hash, blob, heldBytes);
      const response = await send(base + apiPaths.blob(hash), { method: 'PUT', token, body: blob });
      if (!response.ok) throw await errorFrom(response);
    },
    push: (request) => requestJson(base + apiPaths.syncPush, { method: 'POST', token, body: request, gzip, schema: pushResponseSchema }),
    pull: (checkpoint, limit) =>
      requestJson(`${base}${apiPaths.syncPull}?checkpoint=${encodeURIComponent(checkpoint)}&limit=${limit}`, { token, schema: pullResponseSchema }),
    reportDevice: (report) => requestJson(base + apiPaths.deviceReport, { method: 'POST', token, body: report }),
    async reachable() {
      try {
        return (await send(base + apiPaths.health)).ok;
      } catch {
        return false;
      }
    },
  };
}
