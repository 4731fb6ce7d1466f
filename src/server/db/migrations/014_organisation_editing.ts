import type { Kysely, Migration } from 'kysely';

/**
 * The administrator edits the organisation: sub-districts and communities get an
 * official code and an active flag, departments an active flag. Ids never change: records,
 * scores, scopes and cases name units by id.
 */
export const organisationEditing: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ['subdistricts', 'communities']) {
      await db.schema.alterTable(table).addColumn('code', 'text').execute();
      await db.schema.alterTable(table).addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.createIndex(`${table}_code`).unique().on(table).column('code').execute();
    }
    await db.schema.alterTable('departments').addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  },
};
