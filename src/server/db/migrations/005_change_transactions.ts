import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The transaction that wrote each change (PostgreSQL's xid8 as a number; 0 on SQLite and for older
 * rows), so that pulls follow commit order without serialising writers: see ChangesRepository.
 */
export const changeTransactions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('changes').addColumn('txid', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await sql`create index changes_position on changes (txid, seq)`.execute(db);
  },
};
