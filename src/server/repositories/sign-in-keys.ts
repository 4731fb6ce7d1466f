import type { Database } from '../db/database';
import { hashToken, newBearerToken } from '../tokens';

/** A user's phones and office computers each keep one; older ones beyond this are forgotten. */
const keysKeptPerUser = 10;

export function createSignInKeysRepository(db: Database, now: () => Date) {
  return {
    /** A new key for a device that has just signed in as `userId`. */
    async issue(userId: string): Promise<string> {
      const key = newBearerToken();
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('sign_in_keys').values({ key_hash: hashToken(key), user_id: userId, issued_at: now().toISOString() }).execute();
        const kept = trx.selectFrom('sign_in_keys').select('key_hash').where('user_id', '=', userId).orderBy('issued_at', 'desc').orderBy('key_hash').limit(keysKeptPerUser);
        await trx.deleteFrom('sign_in_keys').where('user_id', '=', userId).where('key_hash', 'not in', kept).execute();
      });
      return key;
    },

    /** Whether `key` was issued to a device that signed in as `userId`. */
    async belongsTo(userId: string, key: string): Promise<boolean> {
      const row = await db.selectFrom('sign_in_keys').select('user_id').where('key_hash', '=', hashToken(key)).executeTakeFirst();
      return row?.user_id === userId;
    },
  };
}
export type SignInKeysRepository = ReturnType<typeof createSignInKeysRepository>;
