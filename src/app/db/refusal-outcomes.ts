import { refusalOutcomeSchema } from '../../shared/refusals';
import type { Change } from '../../shared/sync';
import { appDatabase, type StoredRecord } from './database';
import { writeWithReopen } from './storage';

/**
 * Applies the office's decision on one of this device's refused records (a pulled
 * `refusal_outcome`), inside the caller's transaction on `records`. Only the version refused is
 * marked, and only while it is still refused here; nothing is deleted.
 */
export async function applyRefusalOutcome(change: Change): Promise<void> {
  const parsed = refusalOutcomeSchema.safeParse(change.data);
  if (!parsed.success) return;
  const { recordId, recordHash, decision, reason, correctedRecordId, decidedAt } = parsed.data;
  const records = appDatabase().records;
  const record = await records.get(recordId);
  if (!record || (record.syncState !== 'rejected' && record.syncState !== 'conflict') || (recordHash !== null && record.hash !== recordHash)) return;
  await records.update(recordId, { officeDecision: { decision, reason, correctedRecordId, decidedAt } });
}

export type HandledRecord = Pick<StoredRecord, 'id' | 'kind' | 'syncState' | 'finalisedAt'> & { officeDecision: NonNullable<StoredRecord['officeDecision']> };

/** Refused records the office has decided on and the device has not shown yet; shown now, they are marked seen. */
export async function takeUnseenDecisions(at: Date): Promise<HandledRecord[]> {
  const db = appDatabase();
  return writeWithReopen(() =>
    db.transaction('rw', db.records, async () => {
      const refused = await db.records.where('syncState').anyOf(['rejected', 'conflict']).toArray();
      const unseen = refused.filter((record) => record.officeDecision && !record.officeDecision.seenAt);
      const seenAt = at.toISOString();
      await db.records.bulkUpdate(unseen.map((record) => ({ key: record.id, changes: { officeDecision: { ...record.officeDecision!, seenAt } } })));
      return unseen.map(({ id, kind, syncState, finalisedAt, officeDecision }) => ({ id, kind, syncState, finalisedAt, officeDecision: officeDecision! }));
    }),
  );
}
