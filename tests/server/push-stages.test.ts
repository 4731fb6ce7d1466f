import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/server/repositories';
import { createPushPipeline } from '../../src/server/sync/apply-batch';
import type { Derivation } from '../../src/server/sync/batch';
import { settleRaces, type SortedBatch } from '../../src/server/sync/dedupe';
import { deriveCaseSteps } from '../../src/server/sync/derive-case-steps';
import { createQuestionnaireCache } from '../../src/server/sync/look-up';
import { precheckRecord, type CheckedRecord } from '../../src/server/sync/validate';
import type { SessionUser } from '../../src/shared/auth';
import type { Case } from '../../src/shared/cases/api';
import { recordVersions, type FinalisedRecord } from '../../src/shared/records';
import { caseReportRecord, questionnaireResponse, visitRecord, type Author } from '../../scripts/harness/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

/** The push's stages run directly on a real database (SQLite file, or a PostgreSQL schema in server-pg). */
let server: TestServer;
const clock = new Date('2026-05-10T02:00:00Z');
const now = () => clock;
const users = {} as Record<'worker' | 'officer' | 'supervisor', { user: SessionUser; token: string }>;
let worker: Author;

const pipeline = (derivations?: readonly Derivation[]) => createPushPipeline(server.db, { now, ...(derivations ? { derivations } : {}) });
const push = (records: readonly unknown[], as: keyof typeof users = 'worker', derivations?: readonly Derivation[]) =>
  pipeline(derivations).push(users[as].user, { deviceId: 'device-a', batchId: `batch-${String(Math.random()).slice(2)}`, records });

async function rowsOf(ids: readonly string[]) {
  return {
    records: await server.db.selectFrom('records').select(['id', 'hash', 'data']).where('id', 'in', ids).orderBy('id').execute(),
    changes: await server.db.selectFrom('changes').select(['kind', 'entity_id', 'community_id', 'user_id']).where('entity_id', 'in', ids).orderBy('seq').execute(),
    conflicts: await server.db.selectFrom('record_conflicts').select(['record_id', 'hash']).where('record_id', 'in', ids).execute(),
    refused: await server.db.selectFrom('refused_records').select(['record_id', 'status']).where('record_id', 'in', ids).orderBy('record_id').execute(),
  };
}

async function pushAudits() {
  return (await server.db.selectFrom('audit_log').select(['details']).where('action', '=', 'sync.push').orderBy('id').execute()).map((row) => JSON.parse(row.details) as Record<string, unknown>);
}

beforeAll(async () => {
  server = await startTestApp({ now, sessionLifetimeMs: 365 * 24 * 3600 * 1000 });
  const sessions = createRepositories(server.db, { now, sessionLifetimeMs: 1e9 }).sessions;
  for (const [who, username] of [['worker', 'demo-worker'], ['officer', 'demo-officer'], ['supervisor', 'demo-supervisor']] as const) {
    const { body } = await loginAs(server.app, username);
    users[who] = { user: (await sessions.findUser(body.token))!, token: body.token };
  }
  worker = { id: users.worker.user.id, communityId: 'yijiangmen-c01' };
});
afterAll(() => server.close());

describe('the push pipeline, stage by stage', () => {
  it('dedupe: the same id and hash again is a duplicate; another hash a conflict that overwrites nothing', async () => {
    const original = visitRecord(worker, { outcome: 'refused' });
    const edited = visitRecord(worker, { outcome: 'moved' }, original.id);
    expect(await push([original])).toEqual([{ id: original.id, status: 'accepted' }]);
    const stored = (await rowsOf([original.id])).records;
    expect(await push([original])).toEqual([{ id: original.id, status: 'duplicate' }]);
    expect(await push([edited, edited])).toEqual([
      { id: original.id, status: 'conflict', error: expect.stringContaining('both are kept') },
      { id: original.id, status: 'conflict', error: expect.stringContaining('both are kept') },
    ]);
    const after = await rowsOf([original.id]);
    expect(after.records).toEqual(stored);
    expect(after.records[0]!.hash).toBe(original.hash);
    expect(after.conflicts).toEqual([{ record_id: original.id, hash: edited.hash }]);
    // Accepted once: one change, however often it is resent.
    expect(after.changes).toHaveLength(1);
  });

  it('authorise: records the pusher may not push are refused and kept for the office, the rest of the batch is stored', async () => {
    const own = visitRecord(worker);
    const someoneElses = visitRecord({ ...worker, id: users.supervisor.user.id });
    const outsideTheirCommunities = visitRecord({ ...worker, communityId: 'xiaguan-c01' });
    const officerReport = caseReportRecord(worker, '00000000-0000-7000-8000-000000000001', 'progress', '已报修');
    const results = await push([someoneElses, own, outsideTheirCommunities, officerReport]);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      [someoneElses.id, 'rejected'],
      [own.id, 'accepted'],
      [outsideTheirCommunities.id, 'rejected'],
      [officerReport.id, 'rejected'],
    ]);
    expect(results[0]!.error).toMatch(/^data\.authorId: /);
    expect(results[2]!.error).toMatch(/^data\.communityId: .* outside your communities/);
    expect(results[3]!.error).toMatch(/^kind: the role grid_worker may not push case_report/);
    const rows = await rowsOf([own.id, someoneElses.id, outsideTheirCommunities.id, officerReport.id]);
    expect(rows.records.map((r) => r.id)).toEqual([own.id]);
    expect(rows.refused.map((r) => r.record_id).sort()).toEqual([someoneElses.id, outsideTheirCommunities.id, officerReport.id].sort());
  });

  it('log: each record stored now publishes one change in the batch, and the audit row counts every answer', async () => {
    const first = visitRecord(worker);
    const second = visitRecord(worker);
    await push([first]);
    const invalid = visitRecord(worker, { outcome: 'asleep' as never });
    const results = await push([second, first, invalid]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'duplicate', 'rejected']);
    const { changes } = await rowsOf([first.id, second.id, invalid.id]);
    expect(changes).toEqual([
      { kind: 'visit', entity_id: first.id, community_id: 'yijiangmen-c01', user_id: worker.id },
      { kind: 'visit', entity_id: second.id, community_id: 'yijiangmen-c01', user_id: worker.id },
    ]);
    expect((await pushAudits()).at(-1)).toEqual({ batchId: expect.stringMatching(/^batch-/), deviceId: 'device-a', accepted: 1, duplicate: 1, conflict: 0, rejected: 1 });
  });

  it('derive: each derivation gets only the records stored now, inside the transaction that stores them', async () => {
    const resent = visitRecord(worker);
    await push([resent]);
    const fresh = [visitRecord(worker), visitRecord(worker)];
    const seen: { stored: string[]; inTransaction: string[]; outside: number }[] = [];
    const other = await server.connectAgain();
    try {
      const watching: Derivation = async ({ trx, stored }) => {
        const ids = stored.map(({ row }) => row.id);
        const inTransaction = (await trx.selectFrom('records').select('id').where('id', 'in', ids).execute()).map((row) => row.id);
        const outside = (await other.selectFrom('records').select('id').where('id', 'in', ids).execute()).length;
        seen.push({ stored: ids, inTransaction: inTransaction.sort(), outside });
      };
      expect((await push([resent, ...fresh], 'worker', [watching])).map((r) => r.status)).toEqual(['duplicate', 'accepted', 'accepted']);
    } finally {
      await other.destroy();
    }
    expect(seen).toEqual([{ stored: fresh.map((r) => r.id), inTransaction: fresh.map((r) => r.id).sort(), outside: 0 }]);
  });

  it('derive: a failing derivation rolls back the whole batch, the case steps derived before it included', async () => {
    const created = await assignedCase('路灯不亮');
    const before = await caseState(created.id);
    const report = caseReportRecord({ id: users.officer.user.id, communityId: 'yijiangmen-c01' }, created.id, 'report_fixed', '已更换灯泡');
    const visit = visitRecord({ id: users.officer.user.id, communityId: 'yijiangmen-c01' });
    const audits = (await pushAudits()).length;
    const failing: Derivation = async () => {
      throw new Error('a derivation failed');
    };
    await expect(push([report], 'officer', [deriveCaseSteps, failing])).rejects.toThrow('a derivation failed');
    await expect(pipeline([failing]).push(users.supervisor.user, { deviceId: 'office', batchId: 'import-1', records: [visit] })).rejects.toThrow('a derivation failed');
    expect(await rowsOf([report.id, visit.id])).toEqual({ records: [], changes: [], conflicts: [], refused: [] });
    expect(await caseState(created.id)).toEqual(before);
    expect(await pushAudits()).toHaveLength(audits);
    // The device resends the batch, and with the stages that hold it takes its step once.
    expect(await push([report], 'officer')).toEqual([{ id: report.id, status: 'accepted' }]);
    const after = await caseState(created.id);
    expect(after.state).toBe('reported_fixed');
    expect(after.events).toEqual([...before.events, 'report_fixed']);
  });
});

describe('the stages as pure functions', () => {
  const checked = (record: FinalisedRecord): CheckedRecord => {
    const result = precheckRecord({ id: 'u1', username: 'w', name: 'w', role: 'supervisor', scope: { level: 'district', ids: [] } } as SessionUser, record, recordVersions);
    if (!result.ok) throw new Error(result.result.error);
    return result.checked;
  };

  it('settleRaces answers a record a concurrent push stored first as that row says', () => {
    const author = { id: 'u1', communityId: 'yijiangmen-c01' };
    const same = checked(visitRecord(author));
    const other = checked(visitRecord(author));
    const stranger = checked(visitRecord(author));
    const untouched = checked(visitRecord(author));
    const pushed = [same, other, stranger, untouched].map((c) => ({ ok: true as const, checked: c }));
    const sorted: SortedBatch = { results: pushed.map(({ checked: c }) => ({ id: c.record.id, status: 'accepted' as const })), accepted: pushed.map((p) => p.checked), conflicts: [] };
    const raced = new Map([
      [same.record.id, { hash: same.record.hash, authorId: 'u1' }],
      [other.record.id, { hash: 'f'.repeat(64), authorId: 'u1' }],
      [stranger.record.id, { hash: 'e'.repeat(64), authorId: 'u2' }],
    ]);
    const settled = settleRaces(pushed, sorted, raced);
    expect(settled.results.map((r) => r.status)).toEqual(['duplicate', 'conflict', 'rejected', 'accepted']);
    expect(settled.results[2]!.error).toMatch(/another user/);
    expect(settled.conflicts.map((c) => c.record.id)).toEqual([other.record.id]);
    expect(settled.accepted.map((c) => c.record.id)).toEqual([untouched.record.id]);
    expect(settleRaces(pushed, sorted, new Map())).toBe(sorted);
  });

  it('the questionnaire cache parses a stored text once, and again only when the text changes', async () => {
    const cache = createQuestionnaireCache();
    expect(cache('q@1', JSON.stringify({ not: 'a questionnaire' }))).toBeUndefined();
    const row = await server.db.selectFrom('entities').select(['id', 'data']).where('kind', '=', 'questionnaire').where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    const parsed = cache(row.id, row.data);
    expect(parsed).toBeDefined();
    expect(cache(row.id, row.data)).toBe(parsed);
    expect(cache(row.id, ` ${row.data}`)).not.toBe(parsed);
  });
});

/** A case of yijiangmen-c01 assigned to the sub-district and started, from a fresh complaint pushed through the pipeline. */
async function assignedCase(title: string): Promise<Case> {
  const complaint = questionnaireResponse(worker, { sat_ug_environment: 'unsatisfied', grid_visited: false, concerns: ['other'], concerns_other: title });
  expect(await push([complaint])).toEqual([{ id: complaint.id, status: 'accepted' }]);
  const office = (method: 'GET' | 'POST', url: string, payload?: object, as: keyof typeof users = 'supervisor') =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${users[as].token}` }, ...(payload ? { payload } : {}) });
  await office('POST', '/api/rounds/2026-H1/negative-list', {});
  const items = (await office('GET', '/api/rounds/2026-H1/negative-items?untriaged=true')).json().items as { id: string; text: string | null }[];
  const item = items.find((candidate) => candidate.text === title)!;
  const created = (await office('POST', '/api/cases', { itemIds: [item.id], title, category: 'environment_cleanup' })).json().case as Case;
  expect((await office('POST', `/api/cases/${created.id}/transitions`, { action: 'assign' })).statusCode).toBe(200);
  expect((await office('POST', `/api/cases/${created.id}/transitions`, { action: 'start' }, 'officer')).statusCode).toBe(200);
  return created;
}

async function caseState(caseId: string): Promise<{ state: string; events: string[] }> {
  const row = await server.db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirstOrThrow();
  const events = await server.db.selectFrom('case_events').select('action').where('case_id', '=', caseId).orderBy('id').execute();
  return { state: row.state, events: events.map((e) => e.action) };
}
