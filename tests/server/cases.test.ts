import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/server/demo/seed';
import { hashPassword } from '../../src/server/auth/passwords';
import { createRepositories } from '../../src/server/repositories';
import type { Case, CaseDetail, NegativeItem } from '../../src/shared/cases/api';
import { sha256Hex } from '../../src/shared/hashing';
import type { FinalisedRecord } from '../../src/shared/records';
import { questionnaireResponse, revisitRecord } from '../../scripts/harness/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

/** A clock the test moves: cases fall due and rounds close on the days it says. */
let clock = new Date('2026-05-10T02:00:00Z');
let server: TestServer;
type Who = 'worker' | 'officer' | 'otherOfficer' | 'supervisor' | 'admin' | 'department' | 'otherDepartment';
const headers = {} as Record<Who, { authorization: string }>;
let workerId = '';
let supervisorId = '';

const get = (url: string, as: Who = 'supervisor') => server.app.inject({ method: 'GET', url, headers: headers[as] });
const post = (url: string, payload: unknown, as: Who = 'supervisor') => server.app.inject({ method: 'POST', url, headers: headers[as], payload: payload as object });
const step = (caseId: string, body: Record<string, unknown>, as: Who) => post(`/api/cases/${caseId}/transitions`, body, as);

async function push(records: FinalisedRecord[], as: Who = 'worker') {
  const response = await post('/api/sync/push', { deviceId: 'device-a', batchId: `b-${records[0]!.id}`, records }, as);
  return response.json().results as { status: string; error?: string }[];
}

async function pullAll(as: Who): Promise<{ kind: string; id: string; data: Record<string, unknown> | null; deleted: boolean }[]> {
  return (await get('/api/sync/pull?checkpoint=0&limit=1000', as)).json().changes;
}

async function items(query = ''): Promise<NegativeItem[]> {
  return (await get(`/api/rounds/2026-H1/negative-items${query}`)).json().items;
}

async function newCase(itemIds: string[], category = 'property_management', title = '物业不作为'): Promise<Case> {
  const response = await post('/api/cases', { itemIds, title, category });
  expect(response.statusCode).toBe(201);
  return response.json().case;
}

async function uploadPhoto(bytes: string, as: Who): Promise<string> {
  const body = Buffer.from(bytes);
  const hash = sha256Hex(body);
  const response = await server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { ...headers[as], 'content-type': 'image/jpeg' }, payload: body });
  expect(response.statusCode).toBe(201);
  return hash;
}

/** An untriaged item of yijiangmen-c01 whose source is `source`. */
async function freeItem(source: NegativeItem['source'], communityId = 'yijiangmen-c01'): Promise<NegativeItem> {
  const found = (await items('?untriaged=true')).find((item) => item.source === source && item.communityId === communityId);
  expect(found).toBeDefined();
  return found!;
}

const dissatisfied = { sat_ug_property_mgmt: 'very_unsatisfied', sat_ug_environment: 'unsatisfied', sat_pb_org_service: 'satisfied', grid_visited: false };
const responses = {
  a: questionnaireResponse({ id: '', communityId: 'yijiangmen-c01' }, { ...dissatisfied, concerns: ['property_management', 'other'], concerns_other: '楼道灯坏了三个月' }),
  b: questionnaireResponse({ id: '', communityId: 'yijiangmen-c01' }, { ...dissatisfied, concerns: ['property_management'] }),
  c: questionnaireResponse({ id: '', communityId: 'yijiangmen-c02' }, { sat_ug_property_mgmt: 'satisfied', grid_visited: false, concerns: ['noise_fumes', 'other'], concerns_other: '夜市油烟' }),
};

beforeAll(async () => {
  // Sessions outlive the weeks the clock moves on.
  server = await startTestApp({ now: () => clock, sessionLifetimeMs: 365 * 24 * 3600 * 1000 });
  const repos = createRepositories(server.db, { now: () => clock, sessionLifetimeMs: 1e9 });
  const passwordHash = await hashPassword(demoPassword);
  await repos.users.create({ username: 'other-officer', name: '下关街道', role: 'subdistrict_officer', scope: { level: 'subdistrict', ids: ['xiaguan'] }, passwordHash });
  await repos.users.create({ username: 'other-department', name: '区住建局', role: 'department', scope: { level: 'department', ids: ['housing-construction'] }, passwordHash });
  const accounts: Record<Who, string> = {
    worker: 'demo-worker',
    officer: 'demo-officer',
    otherOfficer: 'other-officer',
    supervisor: 'demo-supervisor',
    admin: 'demo-admin',
    department: 'demo-department',
    otherDepartment: 'other-department',
  };
  for (const [who, username] of Object.entries(accounts) as [Who, string][]) {
    const { body } = await loginAs(server.app, username);
    headers[who] = { authorization: `Bearer ${body.token}` };
    if (who === 'worker') workerId = body.user.id;
    if (who === 'supervisor') supervisorId = body.user.id;
  }
  // The worker's responses are its own; rebuild them with its id.
  for (const [key, record] of Object.entries(responses)) {
    const data = record.data as { communityId: string; answers: Record<string, string | string[] | boolean> };
    responses[key as keyof typeof responses] = questionnaireResponse({ id: workerId, communityId: data.communityId }, data.answers);
  }
  expect((await push(Object.values(responses))).map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
  // A complaint in another sub-district, outside the demo worker's and officer's reach.
  expect((await push([questionnaireResponse({ id: supervisorId, communityId: 'xiaguan-c01' }, { sat_ug_noise_fumes: 'very_unsatisfied', grid_visited: false })], 'supervisor'))[0]!.status).toBe('accepted');
  expect((await post('/api/rounds/2026-H1/negative-list', {})).statusCode).toBe(200);
});
afterAll(() => server.close());

describe('negative list API contract', () => {
  it('documents every case, department and negative-list route in the OpenAPI document, and the revisit record', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/departments',
        '/api/departments/{departmentId}',
        '/api/rounds/{roundId}/negative-list',
        '/api/rounds/{roundId}/negative-items',
        '/api/cases',
        '/api/cases/counts',
        '/api/cases/export.{format}',
        '/api/cases/{caseId}',
        '/api/cases/{caseId}/split',
        '/api/cases/{caseId}/transitions',
      ]),
    );
    expect(doc.paths['/api/cases/{caseId}/transitions'].post.requestBody.content['application/json'].schema.properties.action.enum).toContain('department_report');
    expect(doc.components.schemas.revisitRecordData.properties.outcome.enum).toEqual(['improved', 'partly', 'not_improved']);
  });

  it('authenticates before reading the body', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/cases', payload: 'not json', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });
});

describe('the negative list', () => {
  it('gathers dissatisfied answers and concerns per community, keeps each comment, and names the responses', async () => {
    const all = await items();
    const property = all.find((item) => item.id === '2026-H1:yijiangmen-c01:dissatisfied:ug_property_mgmt')!;
    expect(property).toMatchObject({ subdistrictId: 'yijiangmen', communityId: 'yijiangmen-c01', source: 'dissatisfied', indicatorId: 'ug_property_mgmt', category: 'property_management', responseCount: 2, caseId: null });
    expect(property.responseIds.sort()).toEqual([responses.a.id, responses.b.id].sort());
    expect(all.find((item) => item.id === '2026-H1:yijiangmen-c01:concern:property_management')).toMatchObject({ source: 'concern', category: 'property_management', responseCount: 2 });
    const comments = all.filter((item) => item.source === 'comment').map((item) => [item.communityId, item.text, item.category]);
    expect(comments.sort()).toEqual([['yijiangmen-c01', '楼道灯坏了三个月', 'other'], ['yijiangmen-c02', '夜市油烟', 'other']]);
    // A satisfied answer makes no item.
    expect(all.some((item) => item.communityId === 'yijiangmen-c02' && item.source === 'dissatisfied')).toBe(false);
    // Words and places only: nothing of the household or the resident.
    expect(JSON.stringify(all)).not.toMatch(/building|room|householdId|authorId|deviceId/);
  });

  it('is rebuilt in place: the same items, counts brought up to date', async () => {
    const before = await items();
    const rebuilt = await post('/api/rounds/2026-H1/negative-list', {});
    expect(rebuilt.json()).toMatchObject({ roundId: '2026-H1', items: before.length, responses: 4 });
    expect((await items()).map((item) => item.id).sort()).toEqual(before.map((item) => item.id).sort());
  });

  it('an officer sees its own sub-district’s items only', async () => {
    const own = (await get('/api/rounds/2026-H1/negative-items', 'officer')).json().items as NegativeItem[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((item) => item.subdistrictId === 'yijiangmen')).toBe(true);
    expect((await get('/api/rounds/2026-H1/negative-items?subdistrictId=xiaguan', 'officer')).statusCode).toBe(403);
  });
});

describe('triage', () => {
  it('merges items into a case, splits one off, categorises, and dismisses only with a reason', async () => {
    const property = await freeItem('dissatisfied');
    const comment = await freeItem('comment');
    const merged = await newCase([property.id, comment.id]);
    expect(merged).toMatchObject({ state: 'new', subdistrictId: 'yijiangmen', communityIds: ['yijiangmen-c01'], itemIds: [property.id, comment.id].sort() });
    // An item is in one case at a time.
    expect((await post('/api/cases', { itemIds: [property.id], title: 'again', category: 'other' })).statusCode).toBe(409);

    const split = await post(`/api/cases/${merged.id}/split`, { itemIds: [comment.id], title: '楼道灯' });
    expect(split.statusCode).toBe(201);
    const lights: Case = split.json().case;
    expect(lights.itemIds).toEqual([comment.id]);
    expect((await get(`/api/cases/${merged.id}`)).json().case.itemIds).toEqual([property.id]);

    expect((await step(lights.id, { action: 'categorise', category: 'old_estate_renovation' }, 'supervisor')).json().case.category).toBe('old_estate_renovation');
    const noReason = await step(lights.id, { action: 'dismiss' }, 'supervisor');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toMatch(/reason/);
    expect((await step(lights.id, { action: 'dismiss', note: '已由供电公司处理' }, 'supervisor')).json().case.state).toBe('dismissed');
    // Items of one case come from one sub-district.
    const elsewhere = (await items('?untriaged=true')).find((item) => item.subdistrictId === 'xiaguan')!;
    const concern = await freeItem('concern');
    expect((await post('/api/cases', { itemIds: [concern.id, elsewhere.id], title: 'x', category: 'other' })).statusCode).toBe(400);
  });
});

describe('the closed loop', () => {
  it('assigned, reported fixed with a photo, confirmed by residents at the door; every step on the timeline', async () => {
    const concern = await freeItem('concern');
    const created = await newCase([concern.id]);
    expect((await step(created.id, { action: 'assign' }, 'officer')).statusCode).toBe(403);
    const assigned = (await step(created.id, { action: 'assign' }, 'supervisor')).json().case as Case;
    // property_management: 30 days from the district's day of assignment.
    expect(assigned).toMatchObject({ state: 'assigned', dueOn: '2026-06-09', overdue: false });

    // The officer's list: its sub-district's cases, this one among them.
    const officerCases = (await get('/api/cases', 'officer')).json().cases as Case[];
    expect(officerCases.map((c) => c.id)).toContain(created.id);
    expect(officerCases.every((c) => c.subdistrictId === 'yijiangmen')).toBe(true);

    expect((await step(created.id, { action: 'start' }, 'officer')).json().case.state).toBe('in_progress');
    expect((await step(created.id, { action: 'report_fixed', note: ' ' }, 'officer')).statusCode).toBe(400);
    const missingPhoto = await step(created.id, { action: 'report_fixed', note: '已更换物业', evidence: ['a'.repeat(64)] }, 'officer');
    expect(missingPhoto.statusCode).toBe(400);
    expect(missingPhoto.json().error.message).toMatch(/missing blob/);
    const photo = await uploadPhoto('photo of the new property office', 'officer');
    const reported = await step(created.id, { action: 'report_fixed', note: '已更换物业公司', evidence: [photo] }, 'officer');
    expect(reported.json().case.state).toBe('reported_fixed');

    // The community's grid worker pulls a re-visit task, with the words and the report, no address.
    const task = (await pullAll('worker')).find((change) => change.kind === 'revisit_task' && change.data?.caseId === created.id);
    expect(task?.data).toMatchObject({ communityId: 'yijiangmen-c01', report: '已更换物业公司', title: '物业不作为' });
    // The supervisor, and the officer of the case, see the photo; another sub-district's officer does not.
    expect((await get(`/api/blobs/${photo}`, 'supervisor')).statusCode).toBe(200);
    expect((await get(`/api/blobs/${photo}`, 'otherOfficer')).statusCode).toBe(404);

    const answer = revisitRecord({ id: workerId, communityId: 'yijiangmen-c01' }, created.id, 'improved', '居民说物业好多了');
    expect((await push([answer]))[0]!.status).toBe('accepted');
    const detail = (await get(`/api/cases/${created.id}`)).json() as CaseDetail;
    expect(detail.case.state).toBe('confirmed_fixed');
    expect(detail.case.closedAt).not.toBeNull();
    expect(detail.events.map((e) => [e.action, e.fromState, e.toState, e.role])).toEqual([
      ['create', null, 'new', 'supervisor'],
      ['assign', 'new', 'assigned', 'supervisor'],
      ['start', 'assigned', 'in_progress', 'subdistrict_officer'],
      ['report_fixed', 'in_progress', 'reported_fixed', 'subdistrict_officer'],
      ['confirm', 'reported_fixed', 'confirmed_fixed', 'grid_worker'],
    ]);
    expect(detail.events[3]!.evidence).toEqual([photo]);
    expect(detail.events[4]!.note).toContain('居民说物业好多了');
    expect(detail.items.map((item) => item.id)).toEqual([concern.id]);
    // The task is withdrawn from the phones; a resent answer changes nothing.
    expect((await pullAll('worker')).filter((change) => change.id === task!.id).at(-1)).toMatchObject({ deleted: true });
    expect((await push([answer]))[0]!.status).toBe('duplicate');
    expect((await get(`/api/cases/${created.id}`)).json().events).toHaveLength(5);
    // The photo outlives the sweep of blobs no record references.
    const repos = createRepositories(server.db, { now: () => clock, sessionLifetimeMs: 1 });
    await repos.blobs.removeUnreferenced(new Date('2099-01-01T00:00:00Z'));
    expect(await repos.blobs.uploader(photo)).toBeDefined();
  });

  it('residents who say "not improved" reopen the case, and it returns to the sub-district', async () => {
    const created = await newCase([(await freeItem('dissatisfied')).id], 'environment_cleanup', '垃圾清运不及时');
    await step(created.id, { action: 'assign', dueOn: '2026-07-01' }, 'supervisor');
    await step(created.id, { action: 'report_fixed', note: '增加清运频次' }, 'officer');
    expect((await push([revisitRecord({ id: workerId, communityId: 'yijiangmen-c01' }, created.id, 'not_improved', '还是很脏')]))[0]!.status).toBe('accepted');
    const reopened = (await get(`/api/cases/${created.id}`, 'officer')).json().case as Case;
    expect(reopened).toMatchObject({ state: 'reopened', dueOn: '2026-07-01' });
    expect((await step(created.id, { action: 'start' }, 'officer')).json().case.state).toBe('in_progress');
  });

  it('a re-visit answer must name a case raised in the worker’s community', async () => {
    const [result] = await push([revisitRecord({ id: workerId, communityId: 'yijiangmen-c02' }, '01890a5d-ac96-774b-bcce-b302099a8057', 'improved')]);
    expect(result).toMatchObject({ status: 'rejected' });
    expect(result!.error).toMatch(/data.caseId/);
  });

  it('escalation reaches the department, which accepts (报到), reports, and hands back', async () => {
    const created = await newCase([(await freeItem('concern', 'yijiangmen-c02')).id], 'noise_fumes', '夜市油烟扰民');
    await step(created.id, { action: 'assign' }, 'supervisor');
    expect((await step(created.id, { action: 'escalate', departmentId: 'urban-management' }, 'officer')).statusCode).toBe(400);
    expect((await step(created.id, { action: 'escalate', note: '需城管执法', departmentId: 'nowhere' }, 'officer')).statusCode).toBe(400);
    expect((await step(created.id, { action: 'escalate', note: '需城管执法', departmentId: 'urban-management' }, 'officer')).json().case).toMatchObject({ state: 'escalated', departmentId: 'urban-management' });

    expect((await get('/api/cases', 'department')).json().cases.map((c: Case) => c.id)).toEqual([created.id]);
    expect((await get('/api/cases', 'otherDepartment')).json().cases).toEqual([]);
    expect((await get(`/api/cases/${created.id}`, 'otherDepartment')).statusCode).toBe(404);
    expect((await step(created.id, { action: 'accept' }, 'otherDepartment')).statusCode).toBe(404);

    expect((await step(created.id, { action: 'department_report', note: '已执法' }, 'department')).statusCode).toBe(409);
    const accepted = (await step(created.id, { action: 'accept' }, 'department')).json().case as Case;
    expect(accepted.state).toBe('escalated');
    expect(accepted.departmentAcceptedAt).not.toBeNull();
    const photo = await uploadPhoto('fine notice', 'department');
    const back = (await step(created.id, { action: 'department_report', note: '已对三家商户立案处罚', evidence: [photo] }, 'department')).json().case as Case;
    expect(back.state).toBe('in_progress');
    // Still the department's to see, with its evidence.
    expect((await get(`/api/cases/${created.id}`, 'department')).json().events.at(-1)).toMatchObject({ action: 'department_report', role: 'department', evidence: [photo] });
    expect((await get(`/api/blobs/${photo}`, 'officer')).statusCode).toBe(200);
  });
});

describe('scopes, counts and the deduction', () => {
  it('an officer never sees another sub-district’s case, a worker sees no case, a worker pulls no task of another community', async () => {
    const elsewhere = (await items('?untriaged=true')).find((item) => item.subdistrictId === 'xiaguan')!;
    const created = await newCase([elsewhere.id], 'noise_fumes', '下关油烟');
    await step(created.id, { action: 'assign' }, 'supervisor');
    expect((await get(`/api/cases/${created.id}`, 'officer')).statusCode).toBe(404);
    expect((await step(created.id, { action: 'start' }, 'officer')).statusCode).toBe(404);
    expect((await get('/api/cases', 'officer')).json().cases.map((c: Case) => c.id)).not.toContain(created.id);
    expect((await get('/api/cases', 'worker')).statusCode).toBe(403);
    await step(created.id, { action: 'report_fixed', note: '已整改' }, 'otherOfficer');
    expect((await pullAll('worker')).some((change) => change.kind === 'revisit_task' && change.data?.caseId === created.id)).toBe(false);
    expect((await pullAll('supervisor')).some((change) => change.kind === 'revisit_task' && change.data?.caseId === created.id)).toBe(true);
  });

  it('counts open, overdue, fixed and confirmed cases per sub-district; overdue cases come first', async () => {
    const late = await newCase([(await freeItem('concern')).id], 'environment_cleanup', '过期未办');
    await step(late.id, { action: 'assign', dueOn: '2026-05-20' }, 'supervisor');
    clock = new Date('2026-06-15T02:00:00Z');
    const list = (await get('/api/cases?overdue=true', 'officer')).json().cases as Case[];
    expect(list.map((c) => c.id)).toContain(late.id);
    expect(list.every((c) => c.overdue)).toBe(true);
    expect((await get('/api/cases', 'officer')).json().cases[0].overdue).toBe(true);
    const counts = (await get('/api/cases/counts?roundId=2026-H1')).json();
    expect(counts.today).toBe('2026-06-15');
    expect(counts.counts.find((c: { subdistrictId: string }) => c.subdistrictId === 'yijiangmen')).toEqual({ subdistrictId: 'yijiangmen', open: 3, overdue: 2, fixed: 0, confirmed: 1 });
    expect((await get('/api/cases/counts', 'officer')).json().counts.map((c: { subdistrictId: string }) => c.subdistrictId)).toEqual(['yijiangmen']);
  });

  it('exports cases with their timestamps as CSV and XLSX', async () => {
    const csv = await get('/api/cases/export.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const [header, ...rows] = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(header).toContain('reportedFixedAt');
    expect(rows.length).toBe((await get('/api/cases')).json().cases.length);
    expect(csv.body).toContain('confirmed_fixed');
    const xlsx = await get('/api/cases/export.xlsx');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
  });

  it('at round close, each overdue case of a sub-district deducts 0.5 points from its score', async () => {
    const before = (await get('/api/rounds/2026-H1/scores?level=subdistrict')).json();
    expect(before.units.find((u: { unitId: string }) => u.unitId === 'yijiangmen').parts.deduction).toBe(0);
    expect((await post('/api/rounds/2026-H1/transitions', { action: 'close' })).statusCode).toBe(200);
    // Reported fixed after the close, a case still counts as it stood when the round closed.
    clock = new Date('2026-06-20T02:00:00Z');
    const overdue = (await get('/api/cases?overdue=true', 'officer')).json().cases as Case[];
    expect(overdue).toHaveLength(2);
    expect((await step(overdue[0]!.id, { action: 'report_fixed', note: '补办' }, 'officer')).statusCode).toBe(200);
    const scores = (await get('/api/rounds/2026-H1/scores?level=subdistrict')).json();
    expect(scores.units.find((u: { unitId: string }) => u.unitId === 'yijiangmen').parts.deduction).toBe(1);
    expect(scores.units.find((u: { unitId: string }) => u.unitId === 'xiaguan').parts.deduction).toBe(0);
  });
});
