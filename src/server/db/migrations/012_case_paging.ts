import type { Kysely, Migration } from 'kysely';

/**
 * Issue 8, second part: the case list is read a page at a time, filtered and sorted in SQL, so it
 * gets indexes for its filters; a negative item whose responses were all voided or superseded is
 * withdrawn (`withdrawn_at`) rather than deleted, since a case may already hold it.
 */
export const casePaging: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('negative_items').addColumn('withdrawn_at', 'text').execute();
    await db.schema.createIndex('cases_round_due').on('cases').columns(['round_id', 'due_on']).execute();
    await db.schema.createIndex('cases_category').on('cases').columns(['category', 'state']).execute();
  },
};
