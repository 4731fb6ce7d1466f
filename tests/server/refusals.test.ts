import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FinalisedRecord } from '../../src/shared/records';
import type { RefusalDetail, RefusalList, RefusalOutcome } from '../../src/shared/refusals';
import type { Change } from '../../src/shared/sync';
import { signatureRecord, visitRecord } from '../../scripts/harness/records';
import { loginAs, pushRecords, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
const users: Record<'worker' | 'adviser' | 'officer' | 'supervisor' | 'admin', { id: string; token: string }> = {} as never;

beforeEach(async () => {
  server = await startTestApp();
  for (const who of Object.keys({ worker: 0, adviser: 0, officer: 0, supervisor: 0, admin: 0 }) as Array<keyof typeof users>) {
    const { body } = await loginAs(server.app, `demo-${who}`);
    users[who] = { id: body.user.id, token: body.token };
  }
});
afterEach(() => server.close());

function as(who: keyof typeof users) {
  return { authorization: `Bearer ${users[who].token}` };
}

async function list(who: keyof typeof users, query = ''): Promise<RefusalList> {
  const response = await server.app.inject({ method: 'GET', url: `/api/refusals${query}`, headers: as(who) });
  expect(response.statusCode).toBe(200);
  return response.json();
}

function decide(app: FastifyInstance, who: keyof typeof users, refusalId: string, action: 'accept' | 'dismiss', payload: object) {
  return app.inject({ method: 'POST', url: `/api/refusals/${refusalId}/${action}`, headers: as(who), payload });
}

async function pull(who: keyof typeof users): Promise<Change[]> {
  const response = await server.app.inject({ method: 'GET', url: '/api/sync/pull?checkpoint=0&limit=1000', headers: as(who) });
  return response.json().changes;
}

/** A worker's visit naming a round that does not exist: refused by the push. */
function visitInUnknownRound(): FinalisedRecord {
  return visitRecord({ id: users.worker.id, communityId: 'yijiangmen-c01' }, { roundId: '2030-H2' });
}

async function refusedVisit(): Promise<{ record: FinalisedRecord; refusalId: string }> {
  const record = visitInUnknownRound();
  const { results } = await pushRecords(server.app, users.worker.token, [record], 'b-refused');
  expect(results).toEqual([{ id: record.id, status: 'rejected', code: 'invalid', error: 'data.roundId: unknown round 2030-H2' }]);
  const [refusal] = (await list('supervisor')).refusals;
  return { record, refusalId: refusal!.id };
}

describe('refused records kept for the office', () => {
  it('keeps each rejected record and conflict version with its device, user, reason and payload, answering the push as before', async () => {
    const refused = visitInUnknownRound();
    const original = visitRecord({ id: users.worker.id, communityId: 'yijiangmen-c02' });
    const other = visitRecord({ id: users.worker.id, communityId: 'yijiangmen-c02' }, { outcome: 'moved' }, original.id);
    expect((await pushRecords(server.app, users.worker.token, [original], 'b-1')).results[0]!.status).toBe('accepted');
    const { response, results } = await pushRecords(server.app, users.worker.token, [refused, other, { id: 'not-a-uuid', kind: 'visit' }], 'b-2');
    expect(Object.keys(response.json())).toEqual(['results', 'serverTime']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'conflict', 'rejected']);
    // Resent: kept once.
    await pushRecords(server.app, users.worker.token, [refused], 'b-3');

    const { refusals, total } = await list('supervisor', '?limit=10');
    expect(total).toBe(3);
    const byRecord = new Map(refusals.map((r) => [r.recordId, r]));
    expect(byRecord.get(refused.id)).toMatchObject({
      status: 'rejected',
      kind: 'visit',
      schemaVersion: 1,
      recordHash: refused.hash,
      code: 'invalid',
      message: 'data.roundId: unknown round 2030-H2',
      deviceId: 'device-a',
      pushedBy: { id: users.worker.id, username: 'demo-worker' },
      communityId: 'yijiangmen-c01',
      subdistrictId: 'yijiangmen',
      decision: null,
    });
    expect(byRecord.get('not-a-uuid')).toMatchObject({ kind: 'visit', recordHash: null, communityId: null, subdistrictId: 'yijiangmen' });

    const conflict = byRecord.get(original.id)!;
    const detail: RefusalDetail = (await server.app.inject({ method: 'GET', url: `/api/refusals/${conflict.id}`, headers: as('supervisor') })).json();
    expect(detail).toMatchObject({ status: 'conflict', payload: other, conflictsWith: { id: original.id, hash: original.hash, data: original.data, authorId: users.worker.id }, corrected: null });
    expect((await list('supervisor', '?status=conflict')).refusals.map((r) => r.recordId)).toEqual([original.id]);
  });

  it('does not keep a record waiting for its blob or signed record: the device resends those', async () => {
    const author = { id: users.worker.id, communityId: 'yijiangmen-c01' };
    const signed = visitRecord(author);
    const { results } = await pushRecords(server.app, users.worker.token, [signatureRecord(author, signed, '0'.repeat(64))], 'b-waiting');
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'missing_record' });
    expect((await pushRecords(server.app, users.worker.token, [signed], 'b-signed')).results[0]!.status).toBe('accepted');
    const { results: again } = await pushRecords(server.app, users.worker.token, [signatureRecord(author, signed, '0'.repeat(64))], 'b-blob');
    expect(again[0]).toMatchObject({ status: 'rejected', code: 'missing_blob' });
    expect(await server.db.selectFrom('refused_records').selectAll().execute()).toEqual([]);
  });

  it('shows a sub-district officer only its own sub-district’s refusals, 404 for the others', async () => {
    await refusedVisit();
    const elsewhere = visitRecord({ id: users.supervisor.id, communityId: 'jiangdong-c01' }, { roundId: '2030-H2' });
    await pushRecords(server.app, users.supervisor.token, [elsewhere], 'b-elsewhere');
    expect((await list('supervisor')).total).toBe(2);
    const own = await list('officer');
    expect(own.refusals.map((r) => r.communityId)).toEqual(['yijiangmen-c01']);
    const hidden = (await list('supervisor')).refusals.find((r) => r.communityId === 'jiangdong-c01')!;
    const response = await server.app.inject({ method: 'GET', url: `/api/refusals/${hidden.id}`, headers: as('officer') });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect((await decide(server.app, 'officer', hidden.id, 'dismiss', { reason: 'x' })).statusCode).toBe(403);
  });
});

describe('the office decides', () => {
  it('accepts a corrected version once: a new record superseding the refused one, pushed by the supervisor, pulled by the worker', async () => {
    const { record, refusalId } = await refusedVisit();
    const corrected = { ...record.data, roundId: '2026-H1' };
    const first = await decide(server.app, 'supervisor', refusalId, 'accept', { data: corrected });
    expect(first.statusCode).toBe(200);
    const { decision } = first.json().refusal;
    expect(decision).toMatchObject({ decision: 'accepted', reason: null, decidedBy: { id: users.supervisor.id } });
    const again = await decide(server.app, 'supervisor', refusalId, 'accept', { data: corrected });
    expect(again.statusCode).toBe(200);
    expect(again.json().refusal.decision.correctedRecordId).toBe(decision.correctedRecordId);

    const stored = await server.db.selectFrom('records').selectAll().where('batch_id', '=', `refusal-${refusalId}`).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: decision.correctedRecordId, kind: 'visit', pushed_by: users.supervisor.id, author_id: users.worker.id, device_id: 'office' });
    expect(JSON.parse(stored[0]!.data)).toMatchObject({ roundId: '2026-H1', supersedes: record.id, householdId: record.data.householdId });
    const audit = await server.db.selectFrom('audit_log').selectAll().where('action', '=', 'refusal.accept').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ refusalId, recordId: record.id, correctedRecordId: decision.correctedRecordId });

    const changes = await pull('worker');
    const outcome = changes.find((c) => c.kind === 'refusal_outcome')!.data as RefusalOutcome;
    expect(outcome).toMatchObject({ refusalId, recordId: record.id, recordHash: record.hash, decision: 'accepted', reason: null, correctedRecordId: decision.correctedRecordId });
    expect(changes.some((c) => c.id === decision.correctedRecordId)).toBe(true);
    expect((await pull('adviser')).some((c) => c.kind === 'refusal_outcome')).toBe(false);
    expect((await list('supervisor')).total).toBe(0);
    expect((await list('supervisor', '?state=decided')).refusals[0]!.decision!.decision).toBe('accepted');
  });

  it('refuses a corrected version that is still invalid, and stores nothing', async () => {
    const { record, refusalId } = await refusedVisit();
    const response = await decide(server.app, 'supervisor', refusalId, 'accept', { data: { ...record.data, roundId: '2031-H1' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('data.roundId: unknown round 2031-H1');
    const invalid = await decide(server.app, 'supervisor', refusalId, 'accept', { data: { ...record.data, roundId: '2026-H1', outcome: 'vanished' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toContain('data.outcome');
    expect(await server.db.selectFrom('refusal_decisions').selectAll().execute()).toEqual([]);
    expect(await server.db.selectFrom('records').selectAll().where('batch_id', '=', `refusal-${refusalId}`).execute()).toEqual([]);
    expect((await pull('worker')).some((c) => c.kind === 'refusal_outcome')).toBe(false);
  });

  it('dismisses only with a reason, which the worker pulls; an accept afterwards is a conflict', async () => {
    const { record, refusalId } = await refusedVisit();
    for (const reason of ['', '   ']) {
      const response = await decide(server.app, 'supervisor', refusalId, 'dismiss', { reason });
      expect(response.statusCode).toBe(400);
      expect(Object.keys(response.json())).toEqual(['error']);
    }
    expect((await decide(server.app, 'supervisor', refusalId, 'dismiss', {})).statusCode).toBe(400);
    const dismissed = await decide(server.app, 'admin', refusalId, 'dismiss', { reason: '重复录入，已有正确记录' });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json().refusal.decision).toMatchObject({ decision: 'dismissed', reason: '重复录入，已有正确记录', correctedRecordId: null });
    expect((await decide(server.app, 'supervisor', refusalId, 'accept', { data: { ...record.data, roundId: '2026-H1' } })).statusCode).toBe(409);
    expect((await decide(server.app, 'supervisor', refusalId, 'dismiss', { reason: 'again' })).statusCode).toBe(200);
    expect(await server.db.selectFrom('audit_log').select('action').where('action', 'like', 'refusal.%').execute()).toEqual([{ action: 'refusal.dismiss' }]);
    const outcome = (await pull('worker')).find((c) => c.kind === 'refusal_outcome')!.data as RefusalOutcome;
    expect(outcome).toMatchObject({ recordId: record.id, decision: 'dismissed', reason: '重复录入，已有正确记录', correctedRecordId: null });
  });
});
