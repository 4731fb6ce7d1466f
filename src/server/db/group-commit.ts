import type { Transaction } from 'kysely';
import type { Database } from './database';
import type { DatabaseSchema } from './schema';

/** Work that writes in the transaction it is given and nowhere else. */
export type GroupedWork<T> = (trx: Transaction<DatabaseSchema>) => Promise<T>;

export interface GroupCommitOptions {
  /** How long the first queued work waits for others to join it. */
  windowMs: number;
  /** A batch this large is written at once, without waiting out the window. */
  maxBatch: number;
  /** Batches written at the same time, each on its own connection (SQLite has one). */
  concurrentBatches: number;
}

/** Short enough to be lost in a request's time, long enough to gather a burst's submissions. */
export const defaultGroupCommit: GroupCommitOptions = { windowMs: 2, maxBatch: 100, concurrentBatches: 1 };

interface Queued {
  work: GroupedWork<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: small writes that arrive together share one transaction, so that a burst of them
 * pays for one commit (one WAL append on SQLite, one fsync on PostgreSQL) instead of one each.
 * Each work runs inside its own savepoint, in arrival order: one that throws is rolled back alone
 * and its caller gets the error, the others commit. A later work sees what earlier ones in the
 * batch wrote, exactly as if they had committed one after another. Should the batch's transaction
 * itself fail (a deadlock with another process, a busy database), nothing of it was stored and
 * each work is run again in a transaction of its own.
 */
export function createGroupCommit(db: Database, options: GroupCommitOptions = defaultGroupCommit) {
  let queue: Queued[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing = 0;

  async function runAlone(item: Queued): Promise<void> {
    try {
      item.resolve(await db.transaction().execute(item.work));
    } catch (error) {
      item.reject(error);
    }
  }

  /** Runs a batch; returns what each work came to, or throws when the transaction fails as a whole. */
  async function runTogether(batch: readonly Queued[]): Promise<Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>> {
    const trx = await db.startTransaction().execute();
    try {
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      for (const item of batch) {
        const atSavepoint = await trx.savepoint('grouped_work').execute();
        try {
          const value = await item.work(atSavepoint);
          await atSavepoint.releaseSavepoint('grouped_work').execute();
          outcomes.push({ ok: true, value });
        } catch (error) {
          await atSavepoint.rollbackToSavepoint('grouped_work').execute();
          await atSavepoint.releaseSavepoint('grouped_work').execute();
          outcomes.push({ ok: false, error });
        }
      }
      await trx.commit().execute();
      return outcomes;
    } catch (error) {
      if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute().catch(() => undefined);
      throw error;
    }
  }

  async function write(batch: Queued[]): Promise<void> {
    if (batch.length === 1) return runAlone(batch[0]!);
    let outcomes;
    try {
      outcomes = await runTogether(batch);
    } catch {
      for (const item of batch) await runAlone(item);
      return;
    }
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i]!.resolve(outcome.value) : batch[i]!.reject(outcome.error)));
  }

  /** Writes what is queued, up to `concurrentBatches` batches at a time: what arrives meanwhile forms the next. */
  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    while (writing < options.concurrentBatches && queue.length > 0) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      writing++;
      void write(batch).finally(() => {
        writing--;
        if (queue.length >= options.maxBatch) flush();
        else if (queue.length > 0) timer ??= setTimeout(flush, options.windowMs);
      });
    }
  }

  return {
    /** Runs `work` in a transaction shared with the works queued beside it; settles once it is committed. */
    run<T>(work: GroupedWork<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (queue.length >= options.maxBatch) flush();
        else timer ??= setTimeout(flush, options.windowMs);
      });
    },
  };
}
export type GroupCommit = ReturnType<typeof createGroupCommit>;
