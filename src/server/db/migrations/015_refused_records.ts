import type { Kysely, Migration } from 'kysely';

/**
 * Refused records: each `rejected` record and `conflict` version a push answered,
 * append-only, and the office's one decision on each.
 */
export const refusedRecords: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('refused_records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text')
      .addColumn('schema_version', 'integer')
      .addColumn('record_hash', 'text')
      .addColumn('code', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('payload', 'text')
      .addColumn('payload_chars', 'integer', (c) => c.notNull())
      .addColumn('payload_hash', 'text', (c) => c.notNull())
      .addColumn('pushed_by', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('batch_id', 'text', (c) => c.notNull())
      .addColumn('community_id', 'text')
      .addColumn('subdistrict_id', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      // The same payload refused again for the same reason (a resend, an import) is kept once.
      .addUniqueConstraint('refused_records_once', ['pushed_by', 'record_id', 'payload_hash', 'status'])
      .execute();
    await db.schema.createIndex('refused_records_received').on('refused_records').columns(['received_at', 'id']).execute();
    await db.schema.createIndex('refused_records_subdistrict').on('refused_records').columns(['subdistrict_id', 'received_at']).execute();

    await db.schema
      .createTable('refusal_decisions')
      .addColumn('refusal_id', 'text', (c) => c.primaryKey())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('corrected_record_id', 'text')
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .execute();
  },
};
