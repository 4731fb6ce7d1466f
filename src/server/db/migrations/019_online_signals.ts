import type { Kysely, Migration } from 'kysely';

/**
 * Secrets every server process shares through the database (the MAC key of the online page's
 * ticket), and what each online submission showed that a program would (`signals`, JSON), with a
 * hash of its answers so that identical answer sheets can be counted.
 */
export const onlineSignals: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('server_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('online_submissions').addColumn('answers_hash', 'text').execute();
    await db.schema.alterTable('online_submissions').addColumn('signals', 'text').execute();
    await db.schema.createIndex('online_submissions_answers').on('online_submissions').columns(['round_id', 'community_id', 'answers_hash']).execute();
  },
};
