import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { visitRecord } from '../../scripts/harness/records';
import { loginAs, pushRecords, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function registerWorkbook(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('住户');
  sheet.addRow(['社区', '楼栋', '单元', '房号']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 200 doors of one community: buildings 1-10, units 1-2, rooms 101-1001. */
function twoHundredDoors(community: string): string[][] {
  return Array.from({ length: 200 }, (_, i) => [community, String(Math.floor(i / 20) + 1), String(Math.floor((i % 20) / 10) + 1), `${(i % 10) + 1}01`]);
}

function post(app: FastifyInstance, token: string, url: string, body: Buffer | string, contentType: string) {
  return app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload: body });
}

async function pullAll(app: FastifyInstance, token: string) {
  const response = await app.inject({ method: 'GET', url: '/api/sync/pull?checkpoint=0&limit=1000', headers: { authorization: `Bearer ${token}` } });
  return response.json().changes as Array<{ kind: string; id: string; deleted: boolean; data: Record<string, unknown> | null }>;
}

describe('the household register', () => {
  it('lists duplicates, unknown communities and invalid rows with their lines, and writes nothing while there are any', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-supervisor');
    const csv = '\uFEFFcommunity,building,unit,room\nyijiangmen-c01,1,1,101\nyijiangmen-c01,1,1,102\nnowhere-c99,1,1,101\nyijiangmen-c01,1,1,101\nyijiangmen-c02,,1,101\n';
    const check = await post(server.app, body.token, '/api/households/import', csv, 'text/csv');
    expect(check.statusCode).toBe(200);
    expect(check.json()).toEqual({
      rows: 5,
      newHouseholds: 2,
      alreadyRegistered: 0,
      duplicates: { count: 1, listed: [{ line: 5, firstLine: 2, address: 'yijiangmen-c01 1-1-101' }] },
      unknownCommunities: { count: 1, listed: [{ line: 4, community: 'nowhere-c99' }] },
      invalid: { count: 1, listed: [{ line: 6, message: expect.stringContaining('building') }] },
      written: false,
    });
    const commit = await post(server.app, body.token, '/api/households/import?commit=true', csv, 'text/csv');
    expect(commit.statusCode).toBe(409);
    expect(commit.json().written).toBe(false);
    expect(await server.db.selectFrom('households').selectAll().execute()).toEqual([]);
  });

  it('imports 200 doors from an XLSX file once; importing it again adds nothing', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-supervisor');
    const file = await registerWorkbook(twoHundredDoors('yijiangmen-c01'));
    const check = await post(server.app, body.token, '/api/households/import', file, xlsx);
    expect(check.json()).toMatchObject({ rows: 200, newHouseholds: 200, written: false });
    expect(await server.db.selectFrom('households').select('id').execute()).toHaveLength(0);
    const commit = await post(server.app, body.token, '/api/households/import?commit=true', file, xlsx);
    expect(commit.json()).toMatchObject({ rows: 200, newHouseholds: 200, written: true });
    expect(await server.db.selectFrom('households').select('id').execute()).toHaveLength(200);
    const again = await post(server.app, body.token, '/api/households/import?commit=true', file, xlsx);
    expect(again.json()).toMatchObject({ newHouseholds: 0, alreadyRegistered: 200, written: true });
    expect(await server.db.selectFrom('households').select('id').execute()).toHaveLength(200);
    const audit = await server.db.selectFrom('audit_log').select('details').where('action', '=', 'households.import').execute();
    expect(audit.map((row) => JSON.parse(row.details).newHouseholds)).toEqual([200, 0]);
  });

  it('refuses a file without the four columns, or one that is not a workbook', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-supervisor');
    const noRoom = await post(server.app, body.token, '/api/households/import', 'community,building,unit\nyijiangmen-c01,1,1\n', 'text/csv');
    expect(noRoom.statusCode).toBe(400);
    expect(noRoom.json().error.message).toContain('missing: room');
    const notXlsx = await post(server.app, body.token, '/api/households/import', Buffer.from('not a zip'), xlsx);
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.message).toBe('The file is not a readable XLSX workbook');
  });
});

describe('assigning buildings and quotas', () => {
  it('a building reaches its worker on the next pull; reassigning moves the doors and keeps the visits made', async () => {
    server = await startTestApp();
    const supervisor = (await loginAs(server.app, 'demo-supervisor')).body.token;
    const admin = (await loginAs(server.app, 'demo-admin')).body.token;
    await post(server.app, supervisor, '/api/households/import?commit=true', await registerWorkbook(twoHundredDoors('yijiangmen-c01')), xlsx);
    const worker = await loginAs(server.app, 'demo-worker');

    const assign = (assignedTo: string) => server.app.inject({ method: 'POST', url: '/api/assignments/building', headers: { authorization: `Bearer ${supervisor}` }, payload: { roundId: '2026-H1', communityId: 'yijiangmen-c01', building: '3', assignedTo } });
    const first = await assign('demo-worker');
    expect(first.json()).toEqual({ assigned: 20, reassigned: 0 });
    const pulled = (await pullAll(server.app, worker.body.token)).filter((c) => c.kind === 'assignment' && c.data?.building === '3');
    expect(pulled).toHaveLength(20);
    expect(new Set(pulled.map((c) => `${c.data?.unit}-${c.data?.room}`)).size).toBe(20);
    expect((await assign('demo-worker')).json()).toEqual({ assigned: 0, reassigned: 0 });

    const door = pulled[0]!;
    const visit = visitRecord({ id: worker.body.user.id, communityId: 'yijiangmen-c01' }, { householdId: door.id, outcome: 'completed' });
    expect((await pushRecords(server.app, worker.body.token, [visit], 'visit-before-move')).results[0]?.status).toBe('accepted');

    await server.app.inject({ method: 'POST', url: '/api/users', headers: { authorization: `Bearer ${admin}` }, payload: { username: 'li.na', name: '李娜', role: 'grid_worker', scope: { level: 'community', ids: ['yijiangmen-c01'] }, password: 'temporary-1' } });
    const second = await loginAs(server.app, 'li.na', 'temporary-1');
    await server.app.inject({ method: 'POST', url: '/api/auth/password', headers: { authorization: `Bearer ${second.body.token}` }, payload: { currentPassword: 'temporary-1', newPassword: 'li-na-secret' } });
    expect((await assign('li.na')).json()).toEqual({ assigned: 20, reassigned: 20 });

    const oldView = (await pullAll(server.app, worker.body.token)).filter((c) => c.kind === 'assignment' && c.id === door.id);
    expect(oldView.at(-1)).toMatchObject({ deleted: true, data: null });
    const newView = (await pullAll(server.app, second.body.token)).filter((c) => c.kind === 'assignment');
    expect(newView.map((c) => c.id).sort()).toEqual(pulled.map((c) => c.id).sort());
    expect(newView.find((c) => c.id === door.id)?.data).toMatchObject({ assignedTo: second.body.user.id, building: '3' });
    const kept = await server.db.selectFrom('records').select(['id', 'data']).where('id', '=', visit.id).executeTakeFirstOrThrow();
    expect(JSON.parse(kept.data).householdId).toBe(door.id);
  });

  it('refuses a worker of another community, an empty building and an officer outside their sub-district', async () => {
    server = await startTestApp();
    const supervisor = (await loginAs(server.app, 'demo-supervisor')).body.token;
    const officer = (await loginAs(server.app, 'demo-officer')).body.token;
    await post(server.app, supervisor, '/api/households/import?commit=true', 'community,building,unit,room\nyijiangmen-c03,1,1,101\njiangdong-c01,1,1,101\n', 'text/csv');
    const assign = (token: string, payload: object) => server.app.inject({ method: 'POST', url: '/api/assignments/building', headers: { authorization: `Bearer ${token}` }, payload: { roundId: '2026-H1', building: '1', ...payload } });
    expect((await assign(supervisor, { communityId: 'yijiangmen-c03', assignedTo: 'demo-worker' })).statusCode).toBe(400);
    expect((await assign(supervisor, { communityId: 'yijiangmen-c01', assignedTo: 'demo-worker' })).statusCode).toBe(404);
    expect((await assign(officer, { communityId: 'jiangdong-c01', assignedTo: 'demo-worker' })).statusCode).toBe(403);
  });

  it('a quota set by the supervisor reaches the community’s worker', async () => {
    server = await startTestApp();
    const supervisor = (await loginAs(server.app, 'demo-supervisor')).body.token;
    const worker = (await loginAs(server.app, 'demo-worker')).body.token;
    const quota = { roundId: '2026-H1', communityId: 'yijiangmen-c01', audience: 'elderly', target: 37 };
    const set = await server.app.inject({ method: 'PUT', url: '/api/quotas', headers: { authorization: `Bearer ${supervisor}` }, payload: quota });
    expect(set.statusCode).toBe(200);
    const quotas = (await pullAll(server.app, worker)).filter((c) => c.kind === 'quota' && c.id === '2026-H1:yijiangmen-c01:elderly');
    expect(quotas.at(-1)?.data).toEqual(quota);
    expect((await server.app.inject({ method: 'PUT', url: '/api/quotas', headers: { authorization: `Bearer ${supervisor}` }, payload: { ...quota, communityId: 'nowhere' } })).statusCode).toBe(400);
  });
});

describe('assigning single households and listing quotas', () => {
  it('lists a community’s doors with who has each, assigns chosen doors to a worker and moves one to another worker keeping its visit', async () => {
    server = await startTestApp();
    const supervisor = (await loginAs(server.app, 'demo-supervisor')).body.token;
    const admin = (await loginAs(server.app, 'demo-admin')).body.token;
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    await post(server.app, supervisor, '/api/households/import?commit=true', 'community,building,unit,room\nyijiangmen-c01,5,1,101\nyijiangmen-c01,5,1,102\nyijiangmen-c01,5,2,101\nyijiangmen-c01,6,1,101\n', 'text/csv');
    const list = async (query = '') => (await server.app.inject({ method: 'GET', url: `/api/households?roundId=2026-H1&communityId=yijiangmen-c01${query}`, headers: as(supervisor) })).json().households as Array<{ id: string; building: string; unit: string; room: string; assignedToName: string | null }>;
    const doors = await list();
    expect(doors.map((d) => `${d.building}-${d.unit}-${d.room}`)).toEqual(['5-1-101', '5-1-102', '5-2-101', '6-1-101']);
    expect(doors.every((d) => d.assignedToName === null)).toBe(true);
    expect((await list('&building=6')).map((d) => d.room)).toEqual(['101']);

    const assign = (assignedTo: string, householdIds: string[]) =>
      server.app.inject({ method: 'POST', url: '/api/assignments/households', headers: as(supervisor), payload: { roundId: '2026-H1', communityId: 'yijiangmen-c01', householdIds, assignedTo } });
    const chosen = [doors[0]!.id, doors[3]!.id];
    expect((await assign('demo-worker', chosen)).json()).toEqual({ assigned: 2, reassigned: 0 });
    expect((await list()).map((d) => d.assignedToName)).toEqual(['演示网格员', null, null, '演示网格员']);

    const worker = await loginAs(server.app, 'demo-worker');
    const pulled = (await pullAll(server.app, worker.body.token)).filter((c) => c.kind === 'assignment' && (c.data?.building === '5' || c.data?.building === '6'));
    expect(pulled.map((c) => `${c.data?.building}-${c.data?.room}`).sort()).toEqual(['5-101', '6-101']);
    const visit = visitRecord({ id: worker.body.user.id, communityId: 'yijiangmen-c01' }, { householdId: pulled[0]!.id, outcome: 'completed' });
    expect((await pushRecords(server.app, worker.body.token, [visit], 'single-door-visit')).results[0]?.status).toBe('accepted');

    await server.app.inject({ method: 'POST', url: '/api/users', headers: as(admin), payload: { username: 'li.na', name: '李娜', role: 'grid_worker', scope: { level: 'community', ids: ['yijiangmen-c01'] }, password: 'temporary-1' } });
    const moved = pulled[0]!;
    const movedDoor = doors.find((d) => `${d.building}-${d.room}` === `${moved.data?.building}-${moved.data?.room}`)!;
    expect((await assign('li.na', [movedDoor.id])).json()).toEqual({ assigned: 1, reassigned: 1 });
    expect((await list()).find((d) => d.id === movedDoor.id)?.assignedToName).toBe('李娜');
    expect((await pullAll(server.app, worker.body.token)).filter((c) => c.id === moved.id).at(-1)).toMatchObject({ deleted: true });
    const kept = await server.db.selectFrom('records').select('data').where('id', '=', visit.id).executeTakeFirstOrThrow();
    expect(JSON.parse(kept.data).householdId).toBe(moved.id);
    const audit = await server.db.selectFrom('audit_log').select('details').where('action', '=', 'assignment.households').execute();
    expect(audit.map((row) => JSON.parse(row.details))).toMatchObject([{ assigned: 2, reassigned: 0 }, { assigned: 1, reassigned: 1, householdIds: [movedDoor.id] }]);
  });

  it('refuses a door of another community, and an officer outside their sub-district', async () => {
    server = await startTestApp();
    const supervisor = (await loginAs(server.app, 'demo-supervisor')).body.token;
    const officer = (await loginAs(server.app, 'demo-officer')).body.token;
    await post(server.app, supervisor, '/api/households/import?commit=true', 'community,building,unit,room\nyijiangmen-c02,1,1,101\njiangdong-c01,1,1,101\n', 'text/csv');
    const [other] = (await server.app.inject({ method: 'GET', url: '/api/households?roundId=2026-H1&communityId=yijiangmen-c02', headers: { authorization: `Bearer ${supervisor}` } })).json().households;
    const assignmentsBefore = await server.db.selectFrom('entities').select('id').where('kind', '=', 'assignment').orderBy('id').execute();
    const wrongCommunity = await server.app.inject({ method: 'POST', url: '/api/assignments/households', headers: { authorization: `Bearer ${supervisor}` }, payload: { roundId: '2026-H1', communityId: 'yijiangmen-c01', householdIds: [other.id], assignedTo: 'demo-worker' } });
    expect(wrongCommunity.statusCode).toBe(400);
    expect(wrongCommunity.json().error.message).toContain('not registered in yijiangmen-c01');
    expect((await server.app.inject({ method: 'GET', url: '/api/households?roundId=2026-H1&communityId=jiangdong-c01', headers: { authorization: `Bearer ${officer}` } })).statusCode).toBe(403);
    expect(await server.db.selectFrom('entities').select('id').where('kind', '=', 'assignment').orderBy('id').execute()).toEqual(assignmentsBefore);
  });

  it('lists the active grid workers of a community to choose from, by name, and an officer only in their sub-district', async () => {
    server = await startTestApp();
    const admin = (await loginAs(server.app, 'demo-admin')).body.token;
    const officer = (await loginAs(server.app, 'demo-officer')).body.token;
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const create = (username: string, name: string, communityId: string) =>
      server.app.inject({ method: 'POST', url: '/api/users', headers: as(admin), payload: { username, name, role: 'grid_worker', scope: { level: 'community', ids: [communityId] }, password: 'temporary-1' } });
    await create('li.na', '李娜', 'yijiangmen-c01');
    await create('zhao.lei', '赵磊', 'yijiangmen-c02');
    const gone = (await create('qian.feng', '钱峰', 'yijiangmen-c01')).json().user.id as string;
    await server.app.inject({ method: 'POST', url: `/api/users/${gone}/disable`, headers: as(admin) });
    const workers = async (token: string, communityId: string) => server.app.inject({ method: 'GET', url: `/api/households/workers?communityId=${communityId}`, headers: as(token) });
    const listed = (await workers(officer, 'yijiangmen-c01')).json().workers as Array<{ username: string; name: string }>;
    expect(listed.map((worker) => worker.username).sort()).toEqual(['demo-worker', 'li.na']);
    expect(listed.find((worker) => worker.username === 'li.na')?.name).toBe('李娜');
    expect((await workers(officer, 'jiangdong-c01')).statusCode).toBe(403);
    expect((await workers(admin, 'nowhere-c99')).statusCode).toBe(400);
  });

  it('lists a round’s quotas, with a target just set', async () => {
    server = await startTestApp();
    const supervisor = (await loginAs(server.app, 'demo-supervisor')).body.token;
    await server.app.inject({ method: 'PUT', url: '/api/quotas', headers: { authorization: `Bearer ${supervisor}` }, payload: { roundId: '2026-H1', communityId: 'yijiangmen-c01', audience: 'adult', target: 41 } });
    const quotas = (await server.app.inject({ method: 'GET', url: '/api/quotas?roundId=2026-H1', headers: { authorization: `Bearer ${supervisor}` } })).json().quotas as Array<{ communityId: string; audience: string; target: number }>;
    expect(quotas).toHaveLength(120 * 3);
    expect(quotas.find((q) => q.communityId === 'yijiangmen-c01' && q.audience === 'adult')?.target).toBe(41);
    expect((await server.app.inject({ method: 'GET', url: '/api/quotas?roundId=2099-H1', headers: { authorization: `Bearer ${supervisor}` } })).json()).toEqual({ quotas: [] });
  });
});
