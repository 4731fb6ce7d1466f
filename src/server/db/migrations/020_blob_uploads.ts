import type { Kysely, Migration } from 'kysely';
import { isPostgres } from '../helpers';

/**
 * Blob uploads in progress, one per uploader and hash, and the bytes each has received so far in
 * parts (in order of `offset`), so that a cut upload continues from where it stopped.
 */
export const blobUploads: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = isPostgres(db);
    await db.schema
      .createTable('blob_uploads')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('length', 'integer', (c) => c.notNull())
      .addColumn('received', 'integer', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_uploads_pk', ['hash', 'user_id'])
      .execute();
    await db.schema.createIndex('blob_uploads_updated').on('blob_uploads').column('updated_at').execute();
    await db.schema
      .createTable('blob_upload_parts')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('offset', 'integer', (c) => c.notNull())
      .addColumn('bytes', postgres ? 'bytea' : 'blob', (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_upload_parts_pk', ['hash', 'user_id', 'offset'])
      .execute();
  },
};
