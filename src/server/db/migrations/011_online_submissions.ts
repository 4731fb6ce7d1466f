import type { Kysely, Migration } from 'kysely';

/** Online responses: which token answered which round, so that a phone answers once. */
export const onlineSubmissions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('online_submissions')
      .addColumn('submission_id', 'text', (c) => c.primaryKey())
      .addColumn('round_id', 'text', (c) => c.notNull())
      .addColumn('community_id', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('online_submissions_token').unique().on('online_submissions').columns(['round_id', 'token_hash']).execute();
  },
};
