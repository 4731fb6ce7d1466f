import { randomBytes } from 'node:crypto';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { DatabaseSchema } from './schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations see Kysely<unknown>
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Runs `work` in the caller's transaction if there is one, else in a new one (Kysely does not nest). */
export async function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** A random secret shared by every server process through the database, made by whichever asks first. */
export async function sharedSecret(db: Kysely<DatabaseSchema>, name: string): Promise<Buffer> {
  await db.insertInto('server_secrets').values({ name, value: randomBytes(32).toString('base64url') }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}
