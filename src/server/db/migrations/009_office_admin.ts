import type { Kysely, Migration } from 'kysely';

/**
 * The office runs a round: a password the administrator set must be changed by its user at the
 * next sign-in; each device's last report of what it holds (the supervisor's fleet view); the
 * household register the office imports and assigns from.
 */
export const officeAdmin: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();

    await db.schema
      .createTable('device_reports')
      .addColumn('device_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      /** Server time of the device's last successful sync (it reports at the end of each). */
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addColumn('app_version', 'text', (c) => c.notNull())
      .addColumn('persistent_storage', 'integer')
      .addColumn('free_bytes', 'bigint')
      /** JSON object: unsent records by kind. */
      .addColumn('unsent_by_kind', 'text', (c) => c.notNull())
      .addColumn('unsent', 'integer', (c) => c.notNull())
      .addColumn('oldest_unsent_at', 'text')
      .addColumn('refused', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('device_reports_user').on('device_reports').column('user_id').execute();

    await db.schema
      .createTable('households')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('community_id', 'text', (c) => c.notNull())
      .addColumn('building', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('room', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('households_address').on('households').columns(['community_id', 'building', 'unit', 'room']).unique().execute();
  },
};
