import { v7 as uuidv7 } from 'uuid';
import type { PushStatus } from '../../shared/sync';
import type { SyncApi } from '../api/sync';
import type { UnsentFile } from './export-file';

export type ImportCounts = Record<PushStatus, number> & { blobsUploaded: number };

/** Sends an export file's blobs, then its records in batches, through the normal push. */
export async function importUnsentFile(
  api: SyncApi,
  file: UnsentFile,
  blobs: Array<{ hash: string; blob: Blob }>,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ counts: ImportCounts; problems: Array<{ id: string; status: PushStatus; error?: string | undefined }> }> {
  const limits = await api.config();
  const counts: ImportCounts = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0, blobsUploaded: 0 };
  const problems: Array<{ id: string; status: PushStatus; error?: string | undefined }> = [];
  const total = blobs.length + file.records.length;
  let done = 0;
  for (const { hash, blob } of blobs) {
    if (!(await api.hasBlob(hash))) {
      await api.putBlob(hash, blob);
      counts.blobsUploaded += 1;
    }
    onProgress(++done, total);
  }
  for (let i = 0; i < file.records.length; i += limits.maxRecordsPerBatch) {
    const records = file.records.slice(i, i + limits.maxRecordsPerBatch);
    const { results } = await api.push({ deviceId: file.deviceId, batchId: uuidv7(), records });
    for (const result of results) {
      counts[result.status] += 1;
      if (result.status === 'conflict' || result.status === 'rejected') problems.push(result);
    }
    done += records.length;
    onProgress(done, total);
  }
  return { counts, problems };
}
