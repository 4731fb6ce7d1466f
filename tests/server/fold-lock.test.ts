import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database';
import { createRepositories } from '../../src/server/repositories';
import { lockFold } from '../../src/server/repositories/scores';
import { openTestDatabase, testBackend } from '../helpers/server/server';

type Opened = Awaited<ReturnType<typeof openTestDatabase>>;
const settle = (ms: number) => new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms));
const scoresOf = (db: Database) => createRepositories(db, { now: () => new Date(), sessionLifetimeMs: 0 }).scores;

describe.skipIf(testBackend === 'sqlite')('one fold at a time per schema (PostgreSQL)', () => {
  let first: Opened;
  let second: Opened;
  beforeAll(async () => {
    [first, second] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([first.db.destroy(), second.db.destroy()]);
    await Promise.all([first.release(), second.release()]);
  });

  it('a fold waits for another fold of its own schema, never for one in another schema of the same database', async () => {
    const sameSchema = await first.connectAgain();
    try {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked: () => void = () => undefined;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const holder = first.db.transaction().execute(async (trx) => {
        await lockFold(trx);
        locked();
        await held;
      });
      await lockTaken;

      // Another schema folds at once; the same schema waits until the holder commits.
      expect(await Promise.race([scoresOf(second.db).fold().then(() => 'folded' as const), settle(5000)])).toBe('folded');
      const waiting = scoresOf(sameSchema).fold().then(() => 'folded' as const);
      expect(await Promise.race([waiting, settle(500)])).toBe('waiting');
      release();
      await holder;
      expect(await waiting).toBe('folded');
    } finally {
      await sameSchema.destroy();
    }
  }, 30_000);
});
