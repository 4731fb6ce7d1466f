import { currentAppVersion, type DeviceReport } from '../../shared/devices';
import { deviceId } from '../db/device';
import { outboxSummary } from '../db/outbox';
import { estimateStorage, isPersisted } from '../db/storage';

/** What this device holds now, as the office's fleet view wants it. */
export async function currentDeviceReport(): Promise<DeviceReport> {
  const [summary, persisted, estimate, id] = await Promise.all([outboxSummary(), isPersisted(), estimateStorage(), deviceId()]);
  return {
    deviceId: id,
    appVersion: currentAppVersion,
    persistentStorage: persisted ?? null,
    freeBytes: estimate && estimate.quota > 0 ? Math.max(0, estimate.quota - estimate.usage) : null,
    unsentByKind: summary.waitingByKind,
    oldestUnsentAt: summary.oldestWaitingAt ?? null,
    refused: summary.problems.length,
  };
}
