import { v7 as uuidv7 } from 'uuid';
import type { RecordConflictsTable, RecordsTable } from '../db/schema';
import type { RecordsRepository } from '../repositories/records';
import type { BatchContext, StoredRecord } from './batch';
import { settleRaces, type SortedBatch } from './dedupe';
import type { CheckedRecord, Prechecked } from './validate';

function recordRow({ record, data, current }: CheckedRecord, context: BatchContext, receivedAt: string): RecordsTable {
  return {
    id: record.id,
    kind: record.kind,
    schema_version: record.schemaVersion,
    hash: record.hash,
    data: JSON.stringify(data),
    community_id: String(current.communityId),
    author_id: String(current.authorId),
    device_id: String(current.deviceId),
    pushed_by: context.user.id,
    batch_id: context.batchId,
    received_at: receivedAt,
  };
}

function conflictRow({ record, data }: CheckedRecord, context: BatchContext, receivedAt: string): RecordConflictsTable {
  return {
    id: uuidv7(),
    record_id: record.id,
    hash: record.hash,
    schema_version: record.schemaVersion,
    data: JSON.stringify(data),
    pushed_by: context.user.id,
    device_id: context.deviceId,
    batch_id: context.batchId,
    received_at: receivedAt,
  };
}

/**
 * Writes the batch's new records and the conflicting versions it keeps. Concurrent pushes of one
 * id never fail: what a concurrent push stored first is answered as its row says (settleRaces).
 * Answers the batch's results and the records stored now, in the order decided.
 */
export async function writeBatch(records: RecordsRepository, pushed: readonly Prechecked[], sorted: SortedBatch, context: BatchContext): Promise<{ results: SortedBatch['results']; stored: StoredRecord[] }> {
  const receivedAt = context.receivedAt.toISOString();
  const rows = sorted.accepted.map((checked) => ({ row: recordRow(checked, context, receivedAt), current: checked.current }));
  const inserted = await records.insertNew(rows.map(({ row }) => row));
  const raced = await records.stored(rows.flatMap(({ row }) => (inserted.has(row.id) ? [] : [row.id])));
  const settled = settleRaces(pushed, sorted, raced);
  await records.insertConflicts(settled.conflicts.map((checked) => conflictRow(checked, context, receivedAt)));
  return { results: settled.results, stored: rows.filter(({ row }) => inserted.has(row.id)) };
}
