import type { DeviceRecordKind } from '../../shared/records';
import type { PushResult, PushStatus } from '../../shared/sync';
import type { SyncApi } from '../api/sync';
import { batchWithinLimits, pushIsolatingRefusals, retrying } from './engine';
import type { UnsentFile } from './export-file';

export type ImportCounts = Record<PushStatus, number> & { blobsUploaded: number };
export type CountsByKind = Partial<Record<DeviceRecordKind, number>>;

function countByKind(records: ReadonlyArray<{ kind: string }>): CountsByKind {
  const counts: Record<string, number> = {};
  for (const record of records) counts[record.kind] = (counts[record.kind] ?? 0) + 1;
  return counts as CountsByKind;
}

/** What a file holds, shown before anything is sent: who exported it, when, from which device, and how many records of each kind. */
export function describeUnsentFile(file: UnsentFile) {
  return { exportedBy: file.exportedBy, exportedAt: file.exportedAt, deviceId: file.deviceId, recordsByKind: countByKind(file.records), records: file.records.length, blobs: file.blobs.length };
}
export type UnsentFileSummary = ReturnType<typeof describeUnsentFile>;

/**
 * Sends an export file's blobs, then its records, through the same push as the device's own sync:
 * batches within both published limits (records and bytes), the same retries, and a batch the
 * server refuses whole is split to isolate the culprit.
 */
export async function importUnsentFile(
  unreliableApi: SyncApi,
  file: UnsentFile,
  blobs: Array<{ hash: string; blob: Blob }>,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ counts: ImportCounts; problems: PushResult[]; newByKind: CountsByKind }> {
  const api = retrying(unreliableApi);
  const limits = await api.config();
  const counts: ImportCounts = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0, blobsUploaded: 0 };
  const problems: PushResult[] = [];
  const accepted = new Set<string>();
  const total = blobs.length + file.records.length;
  let done = 0;
  for (const { hash, blob } of blobs) {
    if (!(await api.hasBlob(hash))) {
      await api.putBlob(hash, blob);
      counts.blobsUploaded += 1;
    }
    onProgress(++done, total);
  }
  for (let remaining = file.records; remaining.length > 0; ) {
    const batch = batchWithinLimits(remaining, limits);
    const { results } = await pushIsolatingRefusals(api, file.deviceId, batch);
    for (const result of results) {
      counts[result.status] += 1;
      if (result.status === 'accepted') accepted.add(result.id);
      if (result.status === 'conflict' || result.status === 'rejected') problems.push(result);
    }
    remaining = remaining.slice(batch.length);
    done += batch.length;
    onProgress(done, total);
  }
  return { counts, problems, newByKind: countByKind(file.records.filter((record) => accepted.has(record.id))) };
}
