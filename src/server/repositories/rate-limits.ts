import type { Database } from '../db/database';
import type { GroupCommit } from '../db/group-commit';

/** Expired windows are swept now and then, so that many one-off keys do not pile up. */
const sweepEvery = 100;

/**
 * Counts hits per key in fixed windows, in the database, so every server process behind a load
 * balancer sees the same counts. One upsert, atomic on SQLite and PostgreSQL alike; hits that
 * arrive together are committed together (`groupCommit`), as a burst of submissions brings them.
 */
export function createRateLimitsRepository(db: Database, groupCommit: GroupCommit, now: () => Date) {
  let calls = 0;
  return {
    async hit(key: string, windowMs: number): Promise<{ hits: number; windowEndsAt: Date }> {
      const at = now();
      const current = at.toISOString();
      const fresh = new Date(at.getTime() + windowMs).toISOString();
      const row = await groupCommit.run((trx) =>
        trx
          .insertInto('rate_limits')
          .values({ key, hits: 1, window_ends_at: fresh })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet((eb) => ({
              hits: eb.case().when('rate_limits.window_ends_at', '<=', current).then(1).else(eb('rate_limits.hits', '+', 1)).end(),
              window_ends_at: eb.case().when('rate_limits.window_ends_at', '<=', current).then(fresh).else(eb.ref('rate_limits.window_ends_at')).end(),
            })),
          )
          .returning(['hits', 'window_ends_at'])
          .executeTakeFirstOrThrow(),
      );
      if (++calls % sweepEvery === 0) await db.deleteFrom('rate_limits').where('window_ends_at', '<=', current).execute();
      return { hits: Number(row.hits), windowEndsAt: new Date(row.window_ends_at) };
    },

    /** Hits counted for `key` in its current window, without adding one. */
    async peek(key: string): Promise<{ hits: number; windowEndsAt: Date } | undefined> {
      const row = await db
        .selectFrom('rate_limits')
        .select(['hits', 'window_ends_at'])
        .where('key', '=', key)
        .where('window_ends_at', '>', now().toISOString())
        .executeTakeFirst();
      return row && { hits: Number(row.hits), windowEndsAt: new Date(row.window_ends_at) };
    },
  };
}
export type RateLimitsRepository = ReturnType<typeof createRateLimitsRepository>;
