import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { responseRecord } from '../../scripts/harness/records';
import { openDatabase, type Database } from '../../src/server/db/database';
import { createGroupCommit, type GroupCommit } from '../../src/server/db/group-commit';
import { createOnlineRepository } from '../../src/server/repositories/online';
import { createRateLimitsRepository } from '../../src/server/repositories/rate-limits';
import { onlineAuthor } from '../../src/shared/online';
import { finaliseRecord, type FinalisedRecord, type RecordData } from '../../src/shared/records';
import { loginAs, pushRecords, startTestApp, testBackend, type TestServer } from '../helpers/server/server';

let server: TestServer;
let reader: Database | undefined;
afterEach(async () => {
  await reader?.destroy();
  reader = undefined;
  await server.close();
});

/** A batch of exactly `size`: the works queued without awaiting are written together, never alone. */
function batchOf(size: number): GroupCommit {
  return createGroupCommit(server.db, { windowMs: 60_000, maxBatch: size, concurrentBatches: 1 });
}

/**
 * What another connection sees: a second SQLite connection on the same file, or on PostgreSQL
 * another connection of the pool (the batch holds its own).
 */
async function outside(): Promise<Database> {
  if (testBackend === 'postgres') return server.db;
  reader ??= await openDatabase({ kind: 'sqlite', dataDir: server.dataDir });
  return reader;
}

async function keysStored(db: Database, keys: string[]): Promise<string[]> {
  const rows = await db.selectFrom('rate_limits').select('key').where('key', 'in', keys).orderBy('key').execute();
  return rows.map((row) => row.key);
}

const insertKey = (key: string) => (trx: Database) => trx.insertInto('rate_limits').values({ key, hits: 1, window_ends_at: '2099-01-01T00:00:00.000Z' }).execute();

describe('group commit', () => {
  it('writes the works queued together in one transaction: none is visible to another connection until all are committed', async () => {
    server = await startTestApp({ demo: false });
    const group = batchOf(3);
    const viewer = await outside();
    let seenOutsideDuringBatch: string[] | undefined;
    let seenInsideDuringBatch: string[] | undefined;
    await Promise.all([
      group.run(insertKey('group-a')),
      group.run(insertKey('group-b')),
      group.run(async (trx) => {
        seenInsideDuringBatch = await keysStored(trx, ['group-a', 'group-b']);
        seenOutsideDuringBatch = await keysStored(viewer, ['group-a', 'group-b']);
        await insertKey('group-c')(trx);
      }),
    ]);
    expect(seenInsideDuringBatch).toEqual(['group-a', 'group-b']);
    expect(seenOutsideDuringBatch).toEqual([]);
    expect(await keysStored(viewer, ['group-a', 'group-b', 'group-c'])).toEqual(['group-a', 'group-b', 'group-c']);
  });

  it('rolls back a work that throws, alone: its caller gets the error and the others are committed', async () => {
    server = await startTestApp({ demo: false });
    const group = batchOf(3);
    const refused = new Error('refused');
    const outcomes = await Promise.allSettled([
      group.run(insertKey('group-a')),
      group.run(async (trx) => {
        await insertKey('group-b')(trx);
        throw refused;
      }),
      group.run(insertKey('group-c')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBe(refused);
    expect(await keysStored(server.db, ['group-a', 'group-b', 'group-c'])).toEqual(['group-a', 'group-c']);
  });

  it('counts rate-limit hits of one key in one batch one after another', async () => {
    server = await startTestApp({ demo: false });
    const rateLimits = createRateLimitsRepository(server.db, batchOf(3), () => new Date());
    const hits = await Promise.all([1, 2, 3].map(() => rateLimits.hit('online-address|203.0.113.7', 60_000)));
    expect(hits.map((hit) => hit.hits)).toEqual([1, 2, 3]);
  });

  it('stops counting at the first key over its budget, in one commit: a refused request spends none of the later budgets', async () => {
    server = await startTestApp({ demo: false });
    const rateLimits = createRateLimitsRepository(server.db, batchOf(2), () => new Date());
    const keys = [
      { key: 'online-address|203.0.113.7', max: 1, windowMs: 60_000 },
      { key: 'online-community|2026-H1|yijiangmen-c01', max: 10, windowMs: 60_000 },
    ];
    const [first, second] = await Promise.all([rateLimits.hitUntilOver(keys), rateLimits.hitUntilOver(keys)]);
    expect(first).toBeUndefined();
    expect(second).toEqual({ index: 0, windowEndsAt: expect.any(Date) });
    expect((await rateLimits.peek(keys[0]!.key))?.hits).toBe(2);
    expect((await rateLimits.peek(keys[1]!.key))?.hits).toBe(1);
  });
});

describe('online submissions stored in one batch', () => {
  it('keeps one per device token and stores a replay once, with nothing partial of a refused one', async () => {
    server = await startTestApp();
    const roundId = '2026-H1';
    const communityId = 'yijiangmen-c01';
    // A field worker's record whose id an online submission will claim: that submission is refused whole.
    const { body } = await loginAs(server.app, 'demo-worker');
    const field = responseRecord({ id: body.user.id, communityId });
    expect((await pushRecords(server.app, body.token, [field], uuidv7())).results).toEqual([expect.objectContaining({ status: 'accepted' })]);

    const online = (id = uuidv7()) => finaliseRecord('response', id, { ...(responseRecord({ id: onlineAuthor.authorId, communityId, deviceId: onlineAuthor.deviceId }).data as RecordData<'response'>), channel: 'online' });
    const first = online();
    const repository = createOnlineRepository(server.db, batchOf(5), () => new Date());
    const signals = { pageTicket: 'missing' as const, deviceElapsedMs: 180_000, deviceClockAheadMs: 0, addressAnswersInWindow: 1 };
    const store = (record: FinalisedRecord, tokenHash: string) => repository.store(record, { roundId, communityId, tokenHash, answersHash: record.hash, signals });
    const outcomes = await Promise.all([
      store(first, 'token-1'),
      store(online(), 'token-1'),
      store(first, 'token-1'),
      store(online(field.id), 'token-2'),
      store(online(), 'token-3'),
    ]);
    expect(outcomes).toEqual(['accepted', 'already_answered', 'duplicate', 'conflict', 'accepted']);

    const tokens = await server.db.selectFrom('online_submissions').select(['submission_id', 'token_hash']).orderBy('token_hash').execute();
    expect(tokens.map((row) => row.token_hash)).toEqual(['token-1', 'token-3']);
    expect(tokens[0]!.submission_id).toBe(first.id);
    const records = await server.db.selectFrom('records').select('id').where('author_id', '=', onlineAuthor.authorId).execute();
    expect(records.map((row) => row.id).sort()).toEqual(tokens.map((row) => row.submission_id).sort());
    const changes = await server.db.selectFrom('changes').select('entity_id').where('user_id', '=', onlineAuthor.authorId).execute();
    expect(changes.map((row) => row.entity_id).sort()).toEqual(tokens.map((row) => row.submission_id).sort());
  });
});
