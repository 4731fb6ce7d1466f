import { sql } from 'kysely';
import type { Database } from '../db/database';

export function createHealthRepository(db: Database) {
  return {
    /** Throws when the database does not answer. */
    async ping(): Promise<void> {
      await sql`select 1`.execute(db);
    },
  };
}
export type HealthRepository = ReturnType<typeof createHealthRepository>;
