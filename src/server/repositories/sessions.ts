import type { SessionUser } from '../../shared/auth';
import type { Database } from '../db/database';
import { hashToken, newBearerToken } from '../tokens';
import { toSessionUser } from './users';

export function createSessionsRepository(db: Database, now: () => Date, lifetimeMs: number) {
  return {
    async open(userId: string): Promise<{ token: string; expiresAt: string }> {
      const token = newBearerToken();
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + lifetimeMs).toISOString();
      await db
        .insertInto('sessions')
        .values({ token_hash: hashToken(token), user_id: userId, created_at: createdAt.toISOString(), expires_at: expiresAt })
        .execute();
      return { token, expiresAt };
    },

    /** The user behind a live token, or undefined for an unknown, expired or disabled one. */
    async findUser(token: string): Promise<SessionUser | undefined> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.scope_level', 'users.scope_ids', 'users.must_change_password'])
        .where('sessions.token_hash', '=', hashToken(token))
        .where('sessions.expires_at', '>', now().toISOString())
        .where('users.disabled_at', 'is', null)
        .executeTakeFirst();
      return row && toSessionUser(row);
    },

    async close(token: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
    },

    /** Ends every session of a user but `keepToken`'s (a password change keeps the device that made it). */
    async closeAllOf(userId: string, keepToken?: string): Promise<void> {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepToken) query = query.where('token_hash', '!=', hashToken(keepToken));
      await query.execute();
    },
  };
}
export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
