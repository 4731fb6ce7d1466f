import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../helpers';

/** Records pushed by devices, conflicting versions, blobs, server-owned entities and the change log. */
export const sync: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = isPostgres(db);

    await db.schema
      .createTable('records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('schema_version', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('community_id', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('pushed_by', 'text', (c) => c.notNull())
      .addColumn('batch_id', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('records_kind_community').on('records').columns(['kind', 'community_id']).execute();

    // A conflicting version is kept beside the first one, never instead of it.
    await db.schema
      .createTable('record_conflicts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('schema_version', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('pushed_by', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('batch_id', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('record_conflicts_version', ['record_id', 'hash'])
      .execute();

    await db.schema
      .createTable('blobs')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('bytes', postgres ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('entities')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('community_id', 'text')
      .addColumn('subdistrict_id', 'text')
      .addColumn('user_id', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .addPrimaryKeyConstraint('entities_pk', ['kind', 'id'])
      .execute();

    // The change log that devices pull from, in `seq` order. Scope columns say who may see a change.
    await db.schema
      .createTable('changes')
      .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('data', 'text')
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('community_id', 'text')
      .addColumn('subdistrict_id', 'text')
      .addColumn('user_id', 'text')
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .execute();
    await sql`create index changes_community on changes (community_id, seq)`.execute(db);
  },
};
