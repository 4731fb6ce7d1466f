import type { Database } from '../db/database';
import type { GroupCommit } from '../db/group-commit';

/** Expired windows are swept now and then, so that many one-off keys do not pile up. */
const sweepEvery = 100;

/**
 * Counts hits per key in fixed windows, in the database, so every server process behind a load
 * balancer sees the same counts. One upsert, atomic on SQLite and PostgreSQL alike; hits that
 * arrive together are committed together (`groupCommit`), as a burst of submissions brings them.
 */
/** A key's budget: at most `max` hits in a window of `windowMs`. */
export interface RateLimitedKey {
  key: string;
  max: number;
  windowMs: number;
}

/** `amount` hits on `key`: a new window if its last one has ended, else that many more in it. */
async function countHit(trx: Database, key: string, windowMs: number, at: Date, amount = 1): Promise<{ hits: number; windowEndsAt: Date }> {
  const current = at.toISOString();
  const fresh = new Date(at.getTime() + windowMs).toISOString();
  const row = await trx
    .insertInto('rate_limits')
    .values({ key, hits: amount, window_ends_at: fresh })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb.case().when('rate_limits.window_ends_at', '<=', current).then(amount).else(eb('rate_limits.hits', '+', amount)).end(),
        window_ends_at: eb.case().when('rate_limits.window_ends_at', '<=', current).then(fresh).else(eb.ref('rate_limits.window_ends_at')).end(),
      })),
    )
    .returning(['hits', 'window_ends_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), windowEndsAt: new Date(row.window_ends_at) };
}

/**
 * Counts hits per key in fixed windows, in the database, so every server process behind a load
 * balancer sees the same counts. One upsert, atomic on SQLite and PostgreSQL alike; hits that
 * arrive together are committed together (`groupCommit`), as a burst of submissions brings them.
 */
export function createRateLimitsRepository(db: Database, groupCommit: GroupCommit, now: () => Date) {
  let calls = 0;
  async function sweepNowAndThen(at: Date): Promise<void> {
    if (++calls % sweepEvery === 0) await db.deleteFrom('rate_limits').where('window_ends_at', '<=', at.toISOString()).execute();
  }
  return {
    /** Counts `amount` hits (e.g. bytes uploaded) on `key`, one by default. */
    async hit(key: string, windowMs: number, amount = 1): Promise<{ hits: number; windowEndsAt: Date }> {
      const at = now();
      const counted = await groupCommit.run((trx) => countHit(trx, key, windowMs, at, amount));
      await sweepNowAndThen(at);
      return counted;
    },

    /**
     * One hit on each key in turn, in one commit, stopping at the first over its budget (so that a
     * refused request spends none of the later keys' budgets). Returns which one refused, if any.
     */
    async hitUntilOver(keys: readonly RateLimitedKey[]): Promise<{ index: number; windowEndsAt: Date } | undefined> {
      const at = now();
      const refused = await groupCommit.run(async (trx) => {
        for (const [index, { key, max, windowMs }] of keys.entries()) {
          const { hits, windowEndsAt } = await countHit(trx, key, windowMs, at);
          if (hits > max) return { index, windowEndsAt };
        }
        return undefined;
      });
      await sweepNowAndThen(at);
      return refused;
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
