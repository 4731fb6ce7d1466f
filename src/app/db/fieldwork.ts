import { liveQuery } from 'dexie';
import type { DeviceRecordKind } from '../../shared/records';
import { appDatabase, type StoredRecord } from './database';

/** Reads over finalised records that the worker's lists need, on the existing indexes. */

/** Every record of a kind (households and visits: a worker has hundreds, not millions). */
export async function allRecords(kind: DeviceRecordKind): Promise<StoredRecord[]> {
  return appDatabase().records.where('kind').equals(kind).toArray();
}

/** Records of a kind finalised between two device times, inclusive. */
export async function recordsFinalisedBetween(kind: DeviceRecordKind, from: string, to: string): Promise<StoredRecord[]> {
  return appDatabase().records.where('[kind+finalisedAt]').between([kind, from], [kind, to], true, true).toArray();
}

/** Finalised responses per `${communityId}:${audience}`, read without keeping the records. */
export async function countResponsesByCommunityAndAudience(roundId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await appDatabase()
    .records.where('kind')
    .equals('response')
    .each((record) => {
      if (record.data.roundId !== roundId) return;
      const key = `${String(record.data.communityId)}:${String(record.data.audience)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  return counts;
}

/** How many of this device's records wait for the server, and since when. */
export async function pendingSummary(): Promise<{ count: number; oldest: string | undefined }> {
  // Two collections: Dexie's first() narrows the collection it is called on.
  const pending = () => appDatabase().records.where('[syncState+finalisedAt]').between(['pending', ''], ['pending', '\uffff']);
  const [count, oldest] = await Promise.all([pending().count(), pending().first()]);
  return { count, oldest: oldest?.finalisedAt };
}

/**
 * Calls `listener` after each later write to pulled data, records or drafts, from this page or
 * another tab (a pull, a sync state, a draft saved elsewhere). Returns the unsubscribe function.
 */
export function onDeviceDataChange(listener: () => void): () => void {
  const db = appDatabase();
  let initial = true;
  // Counting reads each whole table, so any write to it wakes the query up.
  const subscription = liveQuery(() => Promise.all([db.reference.count(), db.records.count(), db.drafts.count()])).subscribe({
    next: () => {
      if (initial) initial = false;
      else listener();
    },
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}
