import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../helpers';

/** Finding the records that reference a blob (access, sweeping) and a user's uploads (quota) by index. */
export const blobScope: Migration = {
  async up(db: Kysely<unknown>) {
    if (isPostgres(db)) {
      await sql`create index records_signature_blob on records (((data::jsonb) ->> 'blobHash')) where kind = 'signature'`.execute(db);
    } else {
      await sql`create index records_signature_blob on records (json_extract(data, '$.blobHash')) where kind = 'signature'`.execute(db);
    }
    await db.schema.createIndex('blobs_uploaded_by').on('blobs').columns(['uploaded_by', 'size']).execute();
    await db.schema.createIndex('blobs_created_at').on('blobs').column('created_at').execute();
  },
};
