import { afterEach, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../src/shared/sync';
import { visitRecord } from '../../scripts/harness/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

async function pullAll(token: string, limit = 100, checkpoint = '0'): Promise<{ changes: Change[]; pages: number; checkpoint: string }> {
  const changes: Change[] = [];
  let pages = 0;
  for (;;) {
    const response = await server.app.inject({ method: 'GET', url: `/api/sync/pull?checkpoint=${checkpoint}&limit=${limit}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    const page = response.json() as PullResponse;
    changes.push(...page.changes);
    pages += 1;
    checkpoint = page.checkpoint;
    if (!page.hasMore) return { changes, pages, checkpoint };
  }
}

const idsOf = (changes: Change[], kind: string) => changes.filter((c) => c.kind === kind).map((c) => c.id).sort();

describe('GET /api/sync/pull', () => {
  it('gives a grid worker its communities, their sub-district, questionnaires, rounds, quotas and own households only', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-worker');
    const { changes, pages } = await pullAll(body.token, 10);
    expect(changes).toHaveLength(25);
    expect(pages).toBe(3);
    expect(idsOf(changes, 'community')).toEqual(['yijiangmen-c01', 'yijiangmen-c02']);
    expect(idsOf(changes, 'subdistrict')).toEqual(['yijiangmen']);
    expect(idsOf(changes, 'round')).toEqual(['2026-H1']);
    expect(idsOf(changes, 'questionnaire')).toHaveLength(3);
    expect(idsOf(changes, 'quota')).toHaveLength(6);
    const assignments = changes.filter((c) => c.kind === 'assignment');
    expect(assignments).toHaveLength(12);
    expect(assignments.every((a) => a.data?.assignedTo === body.user.id)).toBe(true);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('gives a supervisor the whole organisation but nobody’s households or records', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-supervisor');
    const { changes } = await pullAll(body.token, 1000);
    expect(idsOf(changes, 'community')).toHaveLength(120);
    expect(idsOf(changes, 'subdistrict')).toHaveLength(13);
    expect(idsOf(changes, 'assignment')).toEqual([]);
  });

  it('returns only what changed after the checkpoint, including the user’s own records from another device', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-worker');
    const first = await pullAll(body.token);
    const record = visitRecord({ id: body.user.id, communityId: 'yijiangmen-c02', deviceId: 'phone-1' });
    await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${body.token}` }, payload: { deviceId: 'phone-1', batchId: 'b1', records: [record] } });
    const next = await pullAll(body.token, 100, first.checkpoint);
    expect(next.changes).toEqual([{ seq: expect.any(Number), kind: 'visit', id: record.id, data: record, deleted: false }]);
    const nothing = await pullAll(body.token, 100, next.checkpoint);
    expect(nothing.changes).toEqual([]);
    expect(nothing.checkpoint).toBe(next.checkpoint);

    const adviser = await loginAs(server.app, 'demo-adviser');
    expect(idsOf((await pullAll(adviser.body.token)).changes, 'visit')).toEqual([]);
  });

  it('sends a tombstone when a household assignment is withdrawn', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-worker');
    const { checkpoint, changes } = await pullAll(body.token);
    const assignment = changes.find((c) => c.kind === 'assignment')!;
    const repos = (await import('../../src/server/repositories')).createRepositories(server.db, { now: () => new Date(), sessionLifetimeMs: 1 });
    expect(await repos.entities.remove('assignment', assignment.id)).toBe(true);
    const next = await pullAll(body.token, 100, checkpoint);
    expect(next.changes).toEqual([{ seq: expect.any(Number), kind: 'assignment', id: assignment.id, data: null, deleted: true }]);
  });

  it('refuses a malformed checkpoint with 400', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-worker');
    const response = await server.app.inject({ method: 'GET', url: '/api/sync/pull?checkpoint=yesterday', headers: { authorization: `Bearer ${body.token}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('checkpoint');
  });
});

describe('POST /api/assignments', () => {
  it('assigns a household that the worker then pulls', async () => {
    server = await startTestApp();
    const worker = await loginAs(server.app, 'demo-worker');
    const officer = await loginAs(server.app, 'demo-officer');
    const { checkpoint } = await pullAll(worker.body.token);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/assignments',
      headers: { authorization: `Bearer ${officer.body.token}` },
      payload: { communityId: 'yijiangmen-c01', roundId: '2026-H1', building: '7', unit: '2', room: '502', assignedTo: 'demo-worker' },
    });
    expect(created.statusCode).toBe(201);
    const next = await pullAll(worker.body.token, 100, checkpoint);
    expect(next.changes.map((c) => [c.kind, c.data?.room])).toEqual([['assignment', '502']]);
  });

  it('refuses a community outside the officer’s sub-district and a worker of another community', async () => {
    server = await startTestApp();
    const officer = await loginAs(server.app, 'demo-officer');
    const headers = { authorization: `Bearer ${officer.body.token}` };
    const outside = await server.app.inject({ method: 'POST', url: '/api/assignments', headers, payload: { communityId: 'xiaguan-c01', roundId: '2026-H1', building: '1', unit: '1', room: '101', assignedTo: 'demo-worker' } });
    expect(outside.statusCode).toBe(403);
    const notWorker = await server.app.inject({ method: 'POST', url: '/api/assignments', headers, payload: { communityId: 'yijiangmen-c03', roundId: '2026-H1', building: '1', unit: '1', room: '101', assignedTo: 'demo-worker' } });
    expect(notWorker.statusCode).toBe(400);
    expect(notWorker.json().error.message).toContain('is not a grid worker of yijiangmen-c03');
  });
});

describe('pull during concurrent pushes', () => {
  it('never skips a change, whatever order the transactions commit in', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-worker');
    const headers = { authorization: `Bearer ${body.token}` };
    const { checkpoint: start } = await pullAll(body.token);
    const batches = Array.from({ length: 8 }, () => Array.from({ length: 25 }, () => visitRecord({ id: body.user.id, communityId: 'yijiangmen-c01' })));

    const seen = new Set<string>();
    let checkpoint = start;
    let pushing = true;
    const puller = (async () => {
      while (pushing) {
        const page = await pullAll(body.token, 30, checkpoint);
        page.changes.forEach((c) => seen.add(c.id));
        checkpoint = page.checkpoint;
        // SQLite answers synchronously: yield to the event loop so the pushes make progress.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all(batches.map((records, i) => server.app.inject({ method: 'POST', url: '/api/sync/push', headers, payload: { deviceId: 'd', batchId: `b${i}`, records } })));
    pushing = false;
    await puller;
    (await pullAll(body.token, 30, checkpoint)).changes.forEach((c) => seen.add(c.id));

    expect([...seen].sort()).toEqual(batches.flat().map((r) => r.id).sort());
  });
});
