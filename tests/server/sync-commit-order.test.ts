import { afterEach, describe, expect, it } from 'vitest';
import { createEntitiesRepository } from '../../src/server/repositories/entities';
import type { Change, PullResponse } from '../../src/shared/sync';
import { visitRecord } from '../helpers/records';
import { loginAs, startTestApp, testBackend, type TestServer } from '../helpers/server';

let server: TestServer;
afterEach(() => server.close());

async function pullFrom(token: string, checkpoint: string): Promise<{ changes: Change[]; checkpoint: string }> {
  const changes: Change[] = [];
  for (;;) {
    const response = await server.app.inject({ method: 'GET', url: `/api/sync/pull?checkpoint=${checkpoint}&limit=7`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    const page = response.json() as PullResponse;
    changes.push(...page.changes);
    checkpoint = page.checkpoint;
    if (!page.hasMore) return { changes, checkpoint };
  }
}

/** A write held open until `release` is called: a slow push, as seen by everyone else. */
function openWrite(id: string, start: 'before' | 'after', others: Promise<unknown>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const wrote = new Promise<void>((resolve) => (written = resolve));
  const done = server.db.transaction().execute(async (trx) => {
    // 'after': take the transaction id only once the other pushes have committed.
    if (start === 'after') await others;
    await createEntitiesRepository(trx, () => new Date()).save([{ kind: 'quota', id, data: { id }, scope: { communityId: 'yijiangmen-c01' } }]);
    written();
    await released;
  });
  return { wrote, release, done };
}

// SQLite has one writer: a write held open blocks the others by design, so this is PostgreSQL's case.
describe.skipIf(testBackend === 'sqlite')('pull while pushes commit in parallel (PostgreSQL)', () => {
  it.each(['before', 'after'] as const)('never lets a change committed later slip behind a checkpoint already served (open write starts %s)', async (start) => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-worker');
    const author = { id: body.user.id, communityId: 'yijiangmen-c01' };
    const { checkpoint: start0 } = await pullFrom(body.token, '0');

    const records = Array.from({ length: 5 }, () => visitRecord(author));
    let pushed!: () => void;
    const pushesDone = new Promise<void>((resolve) => (pushed = resolve));
    const open = openWrite('held-open', start, pushesDone);
    if (start === 'before') await open.wrote;

    // A push of other records commits while the first write is still open: it must not wait for it.
    const push = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${body.token}` },
      payload: { deviceId: 'd', batchId: 'b', records },
    });
    expect(push.json().results.map((r: { status: string }) => r.status)).toEqual(records.map(() => 'accepted'));
    pushed();
    await open.wrote;

    const during = await pullFrom(body.token, start0);
    expect(during.changes.map((c) => c.id)).not.toContain('held-open');

    open.release();
    await open.done;
    const after = await pullFrom(body.token, during.checkpoint);
    const seen = [...during.changes, ...after.changes].map((c) => c.id);
    expect(seen.sort()).toEqual([...records.map((r) => r.id), 'held-open'].sort());
  });
});
