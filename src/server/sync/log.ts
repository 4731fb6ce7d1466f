import type { PushResult } from '../../shared/sync';
import type { Database } from '../db/database';
import { createAuditRepository } from '../repositories/audit';
import { createChangesRepository } from '../repositories/changes';
import { keepRefusedRecords } from '../repositories/refused-records';
import type { BatchContext, CheckedBatch, StoredRecord } from './batch';

/** Publishes the records stored now to the change log, in the order decided. */
export async function logChanges(trx: Database, stored: readonly StoredRecord[], context: BatchContext): Promise<void> {
  // The record itself stays in `records`; pull joins it (see ChangesRepository.pull).
  const changes = stored.map(({ row }) => ({ kind: row.kind, entityId: row.id, data: null, deleted: false, communityId: row.community_id, userId: row.author_id }));
  await createChangesRepository(trx).publish(changes, context.receivedAt);
}

/** Keeps what the batch refused for the office (refused_records), then its audit row with the count of each answer. */
export async function logBatch(trx: Database, now: () => Date, batch: CheckedBatch, results: readonly PushResult[], context: BatchContext): Promise<void> {
  await keepRefusedRecords(trx, context.user, batch, results.map((result, index) => ({ result, raw: batch.received[index] })), context.receivedAt.toISOString());
  const counts = Object.fromEntries(['accepted', 'duplicate', 'conflict', 'rejected'].map((s) => [s, results.filter((r) => r.status === s).length]));
  await createAuditRepository(trx, now).record(context.user.id, 'sync.push', { batchId: batch.batchId, deviceId: batch.deviceId, ...counts });
}
