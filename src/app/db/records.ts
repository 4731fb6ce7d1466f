import { recordBlobHashes, recordVersions, upgradeRecord, type DeviceRecordKind, type FinalisedRecord } from '../../shared/records';
import { appDatabase, type StoredBlob, type StoredRecord, type UserDecision } from './database';
import { writeWithReopen } from './storage';

export interface NewBlob {
  hash: string;
  blob: Blob;
}

/**
 * Stores finalised records (and the blobs they reference) in ONE transaction, so a signature and
 * its image, or a response and its visit, are either all kept or none is. They enter the outbox
 * (`pending`) in the same write, and so does every blob the records bind (by their kinds'
 * `blobHashes`) that was kept for a draft. Optionally deletes the draft they were finalised from, or
 * settles the refused record they correct (so that it is never left a problem while its correction waits).
 */
export async function saveFinalised(records: readonly FinalisedRecord[], blobs: readonly NewBlob[] = [], draftId?: string, corrects?: string): Promise<void> {
  const storedRecords: StoredRecord[] = records.map((record) => ({
    ...record,
    kind: record.kind,
    finalisedAt: String(record.data.finalisedAt ?? ''),
    syncState: 'pending',
    origin: 'local',
  }));
  const storedBlobs: StoredBlob[] = blobs.map(({ hash, blob }) => ({ hash, blob, type: blob.type, size: blob.size, uploadState: 'pending' }));
  await writeWithReopen(() => {
    const db = appDatabase();
    return db.transaction('rw', [db.records, db.blobs, db.drafts], async () => {
      // add(), not put(): a finalised record is immutable, so an id already stored is an error.
      await db.records.bulkAdd(storedRecords);
      for (const blob of storedBlobs) {
        const kept = await db.blobs.get(blob.hash);
        if (!kept) await db.blobs.add(blob);
        else if (kept.uploadState === 'draft') await db.blobs.update(blob.hash, { uploadState: 'pending' });
      }
      const given = new Set(storedBlobs.map((blob) => blob.hash));
      const bound = [...new Set(records.flatMap((record) => recordBlobHashes(record)))].filter((hash) => !given.has(hash));
      const keptForDrafts = (await db.blobs.bulkGet(bound)).flatMap((blob) => (blob?.uploadState === 'draft' ? [blob.hash] : []));
      if (keptForDrafts.length > 0) await db.blobs.where('hash').anyOf(keptForDrafts).modify({ uploadState: 'pending' });
      if (draftId) await db.drafts.delete(draftId);
      if (corrects) await settleRefused(corrects, { decision: 'corrected', reason: null, correctedRecordId: records[0]?.id ?? null, decidedAt: new Date().toISOString() });
    });
  });
}

/** Marks a record the server refused as settled by the user, only while it is still refused; nothing is deleted. */
async function settleRefused(id: string, decision: UserDecision): Promise<void> {
  const records = appDatabase().records;
  const record = await records.get(id);
  if (record && (record.syncState === 'rejected' || record.syncState === 'conflict')) await records.update(id, { userDecision: decision });
}

/** The user gives up a refused record, saying why: it stays on the device and is no longer a problem to settle. */
export async function discardRefused(id: string, reason: string, at: Date): Promise<void> {
  await writeWithReopen(() => {
    const db = appDatabase();
    return db.transaction('rw', db.records, () => settleRefused(id, { decision: 'discarded', reason, correctedRecordId: null, decidedAt: at.toISOString() }));
  });
}

/**
 * A record as the screens read it: made by an older version of the app, its data is brought to the
 * current version by the shared `up()` steps, so an update never hides what is on the device. Only
 * the copy read is upgraded: what is stored, and pushed, stays as made, since its hash covers that.
 */
function readAsCurrent(record: StoredRecord): StoredRecord {
  const current = upgradeRecord(record, recordVersions);
  return current.schemaVersion === record.schemaVersion ? record : { ...record, schemaVersion: current.schemaVersion, data: current.data };
}

/** The record exactly as stored (its hash holds), for checking and sending. */
export async function getRecord(id: string): Promise<StoredRecord | undefined> {
  return appDatabase().records.get(id);
}

export async function getBlob(hash: string): Promise<StoredBlob | undefined> {
  return appDatabase().blobs.get(hash);
}

/**
 * Keeps a blob a draft refers to (a photo), so that it survives a reload with the draft; it is sent
 * only once `saveFinalised` is given it with the record that names it. A blob already kept stays as it is.
 */
export async function keepDraftBlob({ hash, blob }: NewBlob): Promise<void> {
  await writeWithReopen(() => {
    const db = appDatabase();
    return db.transaction('rw', db.blobs, async () => {
      if (!(await db.blobs.get(hash))) await db.blobs.add({ hash, blob, type: blob.type, size: blob.size, uploadState: 'draft' });
    });
  });
}

/** One page of a kind's records, newest first. */
export async function listRecords(kind: DeviceRecordKind, page: { offset: number; limit: number }): Promise<StoredRecord[]> {
  return appDatabase()
    .records.where('[kind+finalisedAt]')
    .between([kind, ''], [kind, '\uffff'])
    .reverse()
    .offset(page.offset)
    .limit(page.limit)
    .toArray()
    .then((records) => records.map(readAsCurrent));
}

/** Every record of a kind, newest first, each turned into what a screen keeps (the full records are not kept). */
export async function summariseRecords<T>(kind: DeviceRecordKind, summary: (record: StoredRecord) => T): Promise<T[]> {
  const records = await appDatabase().records.where('[kind+finalisedAt]').between([kind, ''], [kind, '\uffff']).reverse().toArray();
  return records.map((record) => summary(readAsCurrent(record)));
}

export async function countRecords(kind: DeviceRecordKind): Promise<number> {
  return appDatabase().records.where('kind').equals(kind).count();
}

/** Every record of a kind (households and visits: a worker has hundreds, not millions). */
export async function allRecords(kind: DeviceRecordKind): Promise<StoredRecord[]> {
  return (await appDatabase().records.where('kind').equals(kind).toArray()).map(readAsCurrent);
}

/** Records of a kind finalised between two device times, inclusive. */
export async function recordsFinalisedBetween(kind: DeviceRecordKind, from: string, to: string): Promise<StoredRecord[]> {
  return (await appDatabase().records.where('[kind+finalisedAt]').between([kind, from], [kind, to], true, true).toArray()).map(readAsCurrent);
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
