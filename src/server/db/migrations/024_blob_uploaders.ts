import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Everyone who has uploaded a blob's bytes, not only the first: the same photo sent by two users is
 * one blob, and each of them has proven they hold it, so each may refer to it and read it.
 */
export const blobUploaders: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('blob_uploaders')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_uploaders_pk', ['hash', 'user_id'])
      .execute();
    await sql`insert into blob_uploaders (hash, user_id) select hash, uploaded_by from blobs`.execute(db);
  },
};
