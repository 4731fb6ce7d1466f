import type { Kysely, Migration } from 'kysely';

/**
 * The negative list and its closed loop: the district's departments (reference data), the
 * items made from counted responses, the cases they are triaged into, and each case's append-only
 * history of events.
 */
export const negativeList: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('departments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('negative_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('round_id', 'text', (c) => c.notNull())
      .addColumn('subdistrict_id', 'text', (c) => c.notNull())
      .addColumn('community_id', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('indicator_id', 'text')
      .addColumn('category', 'text')
      .addColumn('text', 'text')
      .addColumn('response_count', 'integer', (c) => c.notNull())
      /** JSON array of the ids of the responses the item came from. */
      .addColumn('response_ids', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text')
      .execute();
    await db.schema.createIndex('negative_items_round').on('negative_items').columns(['round_id', 'subdistrict_id']).execute();
    await db.schema.createIndex('negative_items_case').on('negative_items').column('case_id').execute();

    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('round_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('subdistrict_id', 'text', (c) => c.notNull())
      /** JSON array of the communities its items came from (where residents are asked again). */
      .addColumn('community_ids', 'text', (c) => c.notNull())
      .addColumn('department_id', 'text')
      .addColumn('due_on', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('assigned_at', 'text')
      .addColumn('reported_fixed_at', 'text')
      .addColumn('department_accepted_at', 'text')
      .addColumn('closed_at', 'text')
      .execute();
    await db.schema.createIndex('cases_subdistrict').on('cases').columns(['subdistrict_id', 'state']).execute();
    await db.schema.createIndex('cases_department').on('cases').column('department_id').execute();

    await db.schema
      .createTable('case_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('role', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      /** JSON array of blob hashes (photos, documents). */
      .addColumn('evidence', 'text', (c) => c.notNull())
      /** The device record (a residents' re-visit answer) the step was taken on, applied once. */
      .addColumn('source_record_id', 'text', (c) => c.unique())
      .execute();
    await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'at']).execute();
  },
};
