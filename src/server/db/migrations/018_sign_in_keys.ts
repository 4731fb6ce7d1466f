import type { Kysely, Migration } from 'kysely';

/**
 * Keys a device receives on a successful sign-in and presents with its next ones: a device that
 * has signed in to an account before is not slowed down by failures on that account from elsewhere,
 * so an attacker guessing a password cannot keep its owner out. Only the SHA-256 of a key is kept.
 */
export const signInKeys: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sign_in_keys')
      .addColumn('key_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sign_in_keys_user').on('sign_in_keys').columns(['user_id', 'issued_at']).execute();
  },
};
