import {
  pullResponseSchema,
  pushResponseSchema,
  syncLimitsSchema,
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
  putBlob(hash: string, blob: Blob): Promise<void>;
  push(request: PushRequest): Promise<PushResponse>;
  pull(checkpoint: string, limit: number): Promise<PullResponse>;
  /** A real request that tells whether the server can be reached. */
  reachable(): Promise<boolean>;
  /** Tells the office what this device still holds (optional: not every server or test double has it). */
  reportDevice?(report: DeviceReport): Promise<void>;
}

/** The sync endpoints, against `baseUrl` ('' in the browser: same origin). */
export function createSyncApi(options: { baseUrl?: string; token: string }): SyncApi {
  const base = options.baseUrl ?? '';
  const token = options.token;
  // Pushes go compressed once the server has said it inflates them: JSON records shrink several times on a weak signal.
  let gzip = false;
  return {
    async config() {
      const limits = await requestJson(base + apiPaths.syncConfig, { token, schema: syncLimitsSchema });
      gzip = limits.requestEncodings?.includes('gzip') ?? false;
      return limits;
    },
    async hasBlob(hash) {
      const response = await send(base + apiPaths.blob(hash), { method: 'HEAD', token });
      if (response.status === 200) return true;
      if (response.status === 404) return false;
      throw await errorFrom(response);
    },
    async putBlob(hash, blob) {
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
