import type { FinalisedRecord } from '../../shared/records';
import type { Database } from '../db/database';
import { createChangesRepository } from './changes';

/** 11 columns × 500 rows stays under both databases' limits on bound parameters. */
const chunkSize = 500;

/**
 * Stores generated responses as if pushed, in the caller's transaction: the records and their
 * change-log entries, scoped to their author so that no device pulls them. For demo data and
 * benchmarks only; devices push through RecordsRepository.push.
 */
export async function insertGeneratedResponses(trx: Database, records: readonly FinalisedRecord[], receivedAt: Date, batchId: string): Promise<void> {
  const receivedIso = receivedAt.toISOString();
  for (let i = 0; i < records.length; i += chunkSize) {
    const part = records.slice(i, i + chunkSize);
    await trx
      .insertInto('records')
      .values(
        part.map((record) => ({
          id: record.id,
          kind: record.kind,
          schema_version: record.schemaVersion,
          hash: record.hash,
          data: JSON.stringify(record.data),
          community_id: String(record.data.communityId),
          author_id: String(record.data.authorId),
          device_id: String(record.data.deviceId),
          pushed_by: String(record.data.authorId),
          batch_id: batchId,
          received_at: receivedIso,
        })),
      )
      .execute();
    await createChangesRepository(trx).publish(
      part.map((record) => ({ kind: record.kind, entityId: record.id, data: null, deleted: false, communityId: String(record.data.communityId), userId: String(record.data.authorId) })),
      receivedAt,
    );
  }
}
