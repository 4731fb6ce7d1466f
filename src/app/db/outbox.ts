import { liveQuery } from 'dexie';
import { recordBlobHashes, type DeviceRecordKind, type FinalisedRecord } from '../../shared/records';
import type { PushResult } from '../../shared/sync';
import { appDatabase, type StoredBlob, type StoredRecord } from './database';
import { writeWithReopen } from './storage';

/** The outbox is the records' own sync state: every record in `pending`, oldest first. */
export async function pendingRecords(excluding: ReadonlySet<string>, limit: number): Promise<StoredRecord[]> {
  const pending = appDatabase().records.where('[syncState+finalisedAt]').between(['pending', ''], ['pending', '\uffff']);
  return (excluding.size > 0 ? pending.filter((record) => !excluding.has(record.id)) : pending).limit(limit).toArray();
}

export async function countPendingRecords(): Promise<number> {
  return appDatabase().records.where('syncState').equals('pending').count();
}

export async function pendingBlobs(): Promise<StoredBlob[]> {
  return appDatabase().blobs.where('uploadState').equals('pending').toArray();
}

export async function markBlobs(hashes: readonly string[], uploadState: StoredBlob['uploadState']): Promise<void> {
  if (hashes.length === 0) return;
  const db = appDatabase();
  await writeWithReopen(() => db.blobs.where('hash').anyOf([...hashes]).modify({ uploadState }));
}

export function toWire(record: StoredRecord): FinalisedRecord {
  return { id: record.id, kind: record.kind, schemaVersion: record.schemaVersion, hash: record.hash, data: record.data };
}

/**
 * Applies the server's answers to a batch in one transaction. Accepted and duplicate records are
 * synced; conflicts and rejections are kept with the server's message. A record rejected for a
 * missing blob stays pending and its blob is queued for upload again, never dropped; one whose
 * signed record is not on the server yet stays pending too.
 */
export async function applyPushResults(results: readonly PushResult[], serverTime: string): Promise<{ retryLater: string[] }> {
  const db = appDatabase();
  const retryLater: string[] = [];
  await writeWithReopen(() =>
    db.transaction('rw', [db.records, db.blobs], async () => {
      const stored = await db.records.bulkGet(results.map((r) => r.id));
      const updates: Array<{ key: string; changes: Partial<StoredRecord> }> = [];
      const blobsToResend: string[] = [];
      results.forEach((result, i) => {
        if (stored[i]?.syncState !== 'pending') return;
        const missingBlob = result.status === 'rejected' && result.code === 'missing_blob' ? result.blobHash : undefined;
        if (missingBlob) {
          retryLater.push(result.id);
          blobsToResend.push(missingBlob);
        } else if (result.status === 'rejected' && result.code === 'missing_record') {
          retryLater.push(result.id);
        } else if (result.status === 'accepted' || result.status === 'duplicate') {
          updates.push({ key: result.id, changes: { syncState: 'synced', syncedAt: serverTime, syncError: undefined, syncCode: undefined } });
        } else {
          updates.push({ key: result.id, changes: { syncState: result.status, syncError: result.error ?? result.status, syncCode: result.code } });
        }
      });
      await db.records.bulkUpdate(updates);
      if (blobsToResend.length > 0) await db.blobs.where('hash').anyOf(blobsToResend).modify({ uploadState: 'pending' });
    }),
  );
  return { retryLater };
}

export interface OutboxSummary {
  waitingByKind: Partial<Record<DeviceRecordKind, number>>;
  waiting: number;
  /** Device time the oldest waiting record was finalised. */
  oldestWaitingAt: string | undefined;
  /** Records the server refused or holds another version of, with its message, until the office (see refusal-outcomes) or the user decided on them. */
  problems: Array<Pick<StoredRecord, 'id' | 'kind' | 'syncState' | 'syncError' | 'syncCode' | 'finalisedAt'>>;
  blobsWaiting: number;
}

/** What waits to sync and what the server refused: the one answer every screen shows. */
export async function outboxSummary(): Promise<OutboxSummary> {
  const db = appDatabase();
  return db.transaction('r', [db.records, db.blobs], async () => {
    const waitingByKind: OutboxSummary['waitingByKind'] = {};
    let oldestWaitingAt: string | undefined;
    await db.records
      .where('[syncState+finalisedAt]')
      .between(['pending', ''], ['pending', '\uffff'])
      .each((record) => {
        waitingByKind[record.kind] = (waitingByKind[record.kind] ?? 0) + 1;
        oldestWaitingAt ??= record.finalisedAt;
      });
    const refused = await db.records.where('syncState').anyOf(['rejected', 'conflict']).toArray();
    const problems = refused.filter((record) => !record.officeDecision && !record.userDecision).map(({ id, kind, syncState, syncError, syncCode, finalisedAt }) => ({
      id,
      kind,
      syncState,
      syncError,
      syncCode,
      finalisedAt,
    }));
    const waiting = Object.values(waitingByKind).reduce((sum, n) => sum + n, 0);
    return { waitingByKind, waiting, oldestWaitingAt, problems, blobsWaiting: await db.blobs.where('uploadState').equals('pending').count() };
  });
}

/** Calls back with the number of waiting records whenever it changes (e.g. a record is finalised). */
export function watchWaitingCount(callback: (waiting: number) => void): () => void {
  const subscription = liveQuery(() => appDatabase().records.where('syncState').equals('pending').count()).subscribe({ next: callback, error: () => undefined });
  return () => subscription.unsubscribe();
}

/** Where each of these records stands with the server, now and whenever a sync changes it. */
export function watchSyncStates(ids: readonly string[], callback: (states: Map<string, StoredRecord['syncState']>) => void): () => void {
  const subscription = liveQuery(() => appDatabase().records.bulkGet([...ids])).subscribe({
    next: (records) => callback(new Map(records.flatMap((record) => (record ? [[record.id, record.syncState] as const] : [])))),
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}

/** Everything not yet on the server, for the export file: waiting records and the blobs they need. */
export async function unsentRecordsWithBlobs(): Promise<{ records: FinalisedRecord[]; blobs: StoredBlob[] }> {
  const db = appDatabase();
  return db.transaction('r', [db.records, db.blobs], async () => {
    const records = await db.records.where('syncState').equals('pending').toArray();
    const hashes = [...new Set(records.flatMap((record) => recordBlobHashes(record)))];
    const blobs = (await db.blobs.bulkGet(hashes)).filter((b): b is StoredBlob => b !== undefined);
    return { records: records.map(toWire), blobs };
  });
}

const lastSuccessKey = 'lastSyncSuccessAt';

export async function lastSyncSuccess(): Promise<string | undefined> {
  const stored = await appDatabase().meta.get(lastSuccessKey);
  return typeof stored?.value === 'string' ? stored.value : undefined;
}

export async function recordSyncSuccess(at: Date): Promise<void> {
  await writeWithReopen(() => appDatabase().meta.put({ key: lastSuccessKey, value: at.toISOString() }));
}
