import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/passwords';
import { demoPassword } from '../../src/server/demo/seed';
import { createRepositories } from '../../src/server/repositories';
import type { Case, CaseDetail } from '../../src/shared/cases/api';
import { sha256Hex } from '../../src/shared/hashing';
import type { FinalisedRecord } from '../../src/shared/records';
import { caseReportRecord, questionnaireResponse } from '../../scripts/harness/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

/** An officer's progress and fixed reports as device records (case_report), pushed through sync like a revisit. */
let server: TestServer;
type Who = 'worker' | 'officer' | 'otherOfficer' | 'supervisor';
const headers = {} as Record<Who, { authorization: string }>;
const ids = {} as Record<Who, string>;
const clock = new Date('2026-05-10T02:00:00Z');

const get = (url: string, as: Who = 'supervisor') => server.app.inject({ method: 'GET', url, headers: headers[as] });
const post = (url: string, payload: object, as: Who = 'supervisor') => server.app.inject({ method: 'POST', url, headers: headers[as], payload });
async function push(records: FinalisedRecord[], as: Who = 'officer') {
  const response = await post('/api/sync/push', { deviceId: 'officer-phone', batchId: `b-${records[0]!.id}`, records }, as);
  expect(response.statusCode).toBe(200);
  return response.json().results as { status: string; code?: string; error?: string; blobHash?: string }[];
}
async function uploadPhoto(bytes: string, as: Who = 'officer'): Promise<string> {
  const body = Buffer.from(bytes);
  const hash = sha256Hex(body);
  expect((await server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { ...headers[as], 'content-type': 'image/jpeg' }, payload: body })).statusCode).toBe(201);
  return hash;
}

/** A case of yijiangmen-c01 assigned to the sub-district, from a fresh complaint. */
let complaints = 0;
async function assignedCase(title: string): Promise<Case> {
  complaints += 1;
  const response = questionnaireResponse({ id: ids.worker, communityId: 'yijiangmen-c01' }, { sat_ug_environment: 'unsatisfied', grid_visited: false, concerns: ['other'], concerns_other: `${title} ${complaints}` });
  expect((await push([response], 'worker'))[0]!.status).toBe('accepted');
  await post('/api/rounds/2026-H1/negative-list', {});
  const items = (await get('/api/rounds/2026-H1/negative-items?untriaged=true')).json().items as { id: string; text: string | null }[];
  const item = items.find((candidate) => candidate.text === `${title} ${complaints}`)!;
  const created = (await post('/api/cases', { itemIds: [item.id], title, category: 'environment_cleanup' })).json().case as Case;
  expect((await post(`/api/cases/${created.id}/transitions`, { action: 'assign' })).statusCode).toBe(200);
  return created;
}

beforeAll(async () => {
  server = await startTestApp({ now: () => clock, sessionLifetimeMs: 365 * 24 * 3600 * 1000 });
  const repos = createRepositories(server.db, { now: () => clock, sessionLifetimeMs: 1e9 });
  await repos.users.create({ username: 'other-officer', name: '下关街道', role: 'subdistrict_officer', scope: { level: 'subdistrict', ids: ['xiaguan'] }, passwordHash: await hashPassword(demoPassword) });
  for (const [who, username] of [['worker', 'demo-worker'], ['officer', 'demo-officer'], ['otherOfficer', 'other-officer'], ['supervisor', 'demo-supervisor']] as const) {
    const { body } = await loginAs(server.app, username);
    headers[who] = { authorization: `Bearer ${body.token}` };
    ids[who] = body.user.id;
  }
});
afterAll(() => server.close());

describe('an officer’s report made on the device', () => {
  it('takes its step when pushed (photos as evidence, the re-visit task published), and a resend changes nothing', async () => {
    const created = await assignedCase('垃圾清运不及时');
    const author = { id: ids.officer, communityId: 'yijiangmen-c01', deviceId: 'officer-phone' };
    const photo = await uploadPhoto('after the clean-up');
    const report = caseReportRecord(author, created.id, 'report_fixed', '已增加清运频次', [photo]);
    expect(await push([report])).toEqual([{ id: report.id, status: 'accepted' }]);
    const detail = (await get(`/api/cases/${created.id}`)).json() as CaseDetail;
    expect(detail.case.state).toBe('reported_fixed');
    expect(detail.events.at(-1)).toMatchObject({ action: 'report_fixed', role: 'subdistrict_officer', userId: ids.officer, note: '已增加清运频次', evidence: [photo] });
    const tasks = (await get('/api/sync/pull?checkpoint=0&limit=1000', 'worker')).json().changes as { kind: string; data: { caseId?: string; report?: string } | null }[];
    expect(tasks.find((change) => change.kind === 'revisit_task' && change.data?.caseId === created.id)?.data?.report).toBe('已增加清运频次');
    // Delivered once: the device resends after a lost answer.
    expect(await push([report])).toEqual([{ id: report.id, status: 'duplicate' }]);
    expect((await get(`/api/cases/${created.id}`)).json().events).toHaveLength(detail.events.length);
    // The photo is seen by the case's viewers.
    expect((await get(`/api/blobs/${photo}`, 'supervisor')).statusCode).toBe(200);
  });

  it('progress reports keep the state and add to the timeline, in the order made', async () => {
    const created = await assignedCase('路灯不亮');
    await post(`/api/cases/${created.id}/transitions`, { action: 'start' }, 'officer');
    const author = { id: ids.officer, communityId: 'yijiangmen-c01' };
    const first = caseReportRecord(author, created.id, 'progress', '已联系供电所');
    const second = caseReportRecord(author, created.id, 'report_fixed', '已更换灯泡');
    expect((await push([second, first])).map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const detail = (await get(`/api/cases/${created.id}`)).json() as CaseDetail;
    expect(detail.events.slice(-2).map((e) => [e.action, e.fromState, e.toState, e.note])).toEqual([
      ['progress', 'in_progress', 'in_progress', '已联系供电所'],
      ['report_fixed', 'in_progress', 'reported_fixed', '已更换灯泡'],
    ]);
  });

  it('is kept but changes nothing when the case has moved on', async () => {
    const created = await assignedCase('井盖松动');
    // A progress report needs the case in progress; this one is only assigned.
    const report = caseReportRecord({ id: ids.officer, communityId: 'yijiangmen-c01' }, created.id, 'progress', '已报修');
    expect((await push([report]))[0]!.status).toBe('accepted');
    const detail = (await get(`/api/cases/${created.id}`)).json() as CaseDetail;
    expect(detail.case.state).toBe('assigned');
    expect(detail.events.map((e) => e.action)).toEqual(['create', 'assign']);
  });

  it('is refused, with the field and why, when its photo is missing, the case is another sub-district’s, it is someone else’s, or the role may not report', async () => {
    const created = await assignedCase('占道经营');
    const own = { id: ids.officer, communityId: 'yijiangmen-c01' };
    const missing = 'b'.repeat(64);
    const [noBlob] = await push([caseReportRecord(own, created.id, 'report_fixed', '已清理', [missing])]);
    expect(noBlob).toMatchObject({ status: 'rejected', code: 'missing_blob', blobHash: missing });
    const [elsewhere] = await push([caseReportRecord({ id: ids.otherOfficer, communityId: 'yijiangmen-c01' }, created.id, 'report_fixed', '已清理')], 'otherOfficer');
    expect(elsewhere).toMatchObject({ status: 'rejected' });
    expect(elsewhere!.error).toMatch(/outside your sub-district/);
    const [notTheirs] = await push([caseReportRecord({ id: ids.worker, communityId: 'yijiangmen-c01' }, created.id, 'report_fixed', '已清理')]);
    expect(notTheirs!.error).toMatch(/data.authorId/);
    const [wrongCommunity] = await push([caseReportRecord({ id: ids.officer, communityId: 'yijiangmen-c02' }, created.id, 'report_fixed', '已清理')]);
    expect(wrongCommunity!.error).toMatch(/data.caseId/);
    const [blank] = await push([caseReportRecord(own, created.id, 'report_fixed', '  ')]);
    expect(blank!.error).toMatch(/data.note/);
    const [worker] = await push([caseReportRecord({ id: ids.worker, communityId: 'yijiangmen-c01' }, created.id, 'report_fixed', '已清理')], 'worker');
    expect(worker!.error).toMatch(/may not push case_report/);
    expect((await get(`/api/cases/${created.id}`)).json().case.state).toBe('assigned');
  });
});
