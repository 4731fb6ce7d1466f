import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { questionnaireResponse } from '../../scripts/harness/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function send(app: FastifyInstance, token: string, method: 'PUT' | 'POST', url: string, payload: object | string | Buffer, contentType?: string) {
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) }, payload });
}

async function pullAll(app: FastifyInstance, token: string) {
  const response = await app.inject({ method: 'GET', url: '/api/sync/pull?checkpoint=0&limit=1000', headers: { authorization: `Bearer ${token}` } });
  return response.json().changes as Array<{ kind: string; id: string; data: Record<string, unknown> | null }>;
}

/** The last snapshot of a unit a user pulls, as a device keeps it. */
async function pulledUnit(app: FastifyInstance, token: string, kind: string, id: string) {
  return (await pullAll(app, token)).filter((c) => c.kind === kind && c.id === id).at(-1)?.data;
}

async function namesWorkbook(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('社区');
  sheet.addRow(['社区编号', '社区名称', '英文名称', '社区代码']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const community = { subdistrictId: 'yijiangmen', nameZh: '天妃宫社区', nameEn: 'Tianfeigong Community', code: '320106002001', active: true };

describe('editing communities and sub-districts', () => {
  it('a renamed community keeps its id, is audited and reaches its worker’s device on the next pull; other workers do not receive it', async () => {
    server = await startTestApp();
    const admin = (await loginAs(server.app, 'demo-admin')).body.token;
    const worker = (await loginAs(server.app, 'demo-worker')).body.token;
    const adviserCommunity = await pulledUnit(server.app, worker, 'community', 'yijiangmen-c01');
    expect(adviserCommunity).toMatchObject({ nameZh: '挹江门示例第01社区' });

    const saved = await send(server.app, admin, 'PUT', '/api/organisation/communities/yijiangmen-c01', community);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ community: { id: 'yijiangmen-c01', ...community } });
    expect(await pulledUnit(server.app, worker, 'community', 'yijiangmen-c01')).toEqual({ id: 'yijiangmen-c01', ...community });

    const row = await server.db.selectFrom('communities').selectAll().where('id', '=', 'yijiangmen-c01').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name_zh: '天妃宫社区', code: '320106002001', active: 1, subdistrict_id: 'yijiangmen' });
    const audit = await server.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'organisation.community.save').execute();
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ communityId: 'yijiangmen-c01', before: { nameZh: '挹江门示例第01社区', code: '' }, after: { nameZh: '天妃宫社区' } });

    // A worker of another sub-district never receives it.
    await send(server.app, admin, 'POST', '/api/users', { username: 'far.worker', name: '远', role: 'grid_worker', scope: { level: 'community', ids: ['xiaguan-c01'] }, password: 'temporary-1' });
    const far = (await loginAs(server.app, 'far.worker', 'temporary-1')).body.token;
    await send(server.app, far, 'POST', '/api/auth/password', { currentPassword: 'temporary-1', newPassword: 'far-worker-secret' });
    expect((await pullAll(server.app, far)).some((c) => c.id === 'yijiangmen-c01')).toBe(false);

    const deactivated = await send(server.app, admin, 'PUT', '/api/organisation/communities/yijiangmen-c01', { ...community, active: false });
    expect(deactivated.statusCode).toBe(200);
    expect(await pulledUnit(server.app, worker, 'community', 'yijiangmen-c01')).toMatchObject({ active: false, nameZh: '天妃宫社区' });
    const listed = (await server.app.inject({ method: 'GET', url: '/api/organisation', headers: { authorization: `Bearer ${admin}` } })).json();
    expect(listed.communities.find((c: { id: string }) => c.id === 'yijiangmen-c01')).toEqual({ id: 'yijiangmen-c01', ...community, active: false });
  });

  it('refuses a code or a name used twice, moving a community, an unknown sub-district and a bad id, and changes nothing', async () => {
    server = await startTestApp();
    const admin = (await loginAs(server.app, 'demo-admin')).body.token;
    expect((await send(server.app, admin, 'PUT', '/api/organisation/communities/yijiangmen-c01', community)).statusCode).toBe(200);
    const before = await server.db.selectFrom('communities').selectAll().orderBy('id').execute();

    const sameCode = await send(server.app, admin, 'PUT', '/api/organisation/communities/yijiangmen-c02', { ...community, nameZh: '另一个社区' });
    expect(sameCode.statusCode).toBe(409);
    expect(sameCode.json().error.message).toBe('code: 320106002001 is also the code of yijiangmen-c01');
    const sameName = await send(server.app, admin, 'PUT', '/api/organisation/communities/yijiangmen-c02', { ...community, code: '' });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().error.message).toContain('nameZh: 天妃宫社区 is also the name of yijiangmen-c01');
    const moved = await send(server.app, admin, 'PUT', '/api/organisation/communities/yijiangmen-c02', { ...community, subdistrictId: 'xiaguan', code: '' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error.message).toContain('a community does not move');
    const unknownParent = await send(server.app, admin, 'PUT', '/api/organisation/communities/nowhere-c01', { ...community, subdistrictId: 'nowhere', code: '' });
    expect(unknownParent.statusCode).toBe(400);
    const badId = await send(server.app, admin, 'PUT', '/api/organisation/communities/Bad%20Id', { ...community, code: '' });
    expect(badId.statusCode).toBe(400);
    expect(Object.keys(badId.json())).toEqual(['error']);
    expect(await server.db.selectFrom('communities').selectAll().orderBy('id').execute()).toEqual(before);

    // The same name in another sub-district is another community.
    const elsewhere = await send(server.app, admin, 'PUT', '/api/organisation/communities/xiaguan-c11', { ...community, subdistrictId: 'xiaguan', code: '' });
    expect(elsewhere.statusCode).toBe(200);
    expect(await server.db.selectFrom('communities').select('id').where('subdistrict_id', '=', 'xiaguan').execute()).toHaveLength(before.filter((c) => c.subdistrict_id === 'xiaguan').length + 1);
  });

  it('an edited sub-district reaches its officer’s and workers’ devices', async () => {
    server = await startTestApp();
    const admin = (await loginAs(server.app, 'demo-admin')).body.token;
    const officer = (await loginAs(server.app, 'demo-officer')).body.token;
    const edit = { nameZh: '挹江门街道', nameEn: 'Yijiangmen Subdistrict', code: '320106002', active: true };
    const saved = await send(server.app, admin, 'PUT', '/api/organisation/subdistricts/yijiangmen', edit);
    expect(saved.statusCode).toBe(200);
    expect(await pulledUnit(server.app, officer, 'subdistrict', 'yijiangmen')).toEqual({ id: 'yijiangmen', ...edit });
    expect((await send(server.app, admin, 'PUT', '/api/organisation/subdistricts/xiaguan', { ...edit, nameZh: '下关街道' })).statusCode).toBe(409);
    expect(await server.db.selectFrom('audit_log').select('action').where('action', '=', 'organisation.subdistrict.save').execute()).toHaveLength(1);
  });
});

describe('replacing the communities’ names from a file', () => {
  it('lists every change and every problem by line and writes nothing while there are problems', async () => {
    server = await startTestApp();
    const admin = (await loginAs(server.app, 'demo-admin')).body.token;
    const csv = '\uFEFFid,name,name_en,code\nyijiangmen-c01,天妃宫社区,,320106002001\nnowhere-c99,某社区,,\nyijiangmen-c01,又一次,,\nyijiangmen-c02,天妃宫社区,,\nyijiangmen-c03,,,\nyijiangmen-c04,挹江门示例第04社区,Yijiangmen sample community 04,\nyijiangmen-c05,燕江园社区,,Y5\n';
    const check = await send(server.app, admin, 'POST', '/api/organisation/communities/import', csv, 'text/csv');
    expect(check.statusCode).toBe(200);
    expect(check.json()).toEqual({
      rows: 7,
      changes: [{ line: 8, communityId: 'yijiangmen-c05', subdistrictId: 'yijiangmen', before: { nameZh: '挹江门示例第05社区', nameEn: 'Yijiangmen sample community 05', code: '' }, after: { nameZh: '燕江园社区', nameEn: '燕江园社区', code: 'Y5' } }],
      unchanged: 1,
      unknownCommunities: { count: 1, listed: [{ line: 3, community: 'nowhere-c99' }] },
      duplicates: { count: 1, listed: [{ line: 4, firstLine: 2, community: 'yijiangmen-c01' }] },
      // Both rows naming one community alike are listed, each with the other.
      clashes: {
        count: 2,
        listed: [
          { line: 2, communityId: 'yijiangmen-c01', field: 'nameZh', value: '天妃宫社区', others: ['yijiangmen-c02'] },
          { line: 5, communityId: 'yijiangmen-c02', field: 'nameZh', value: '天妃宫社区', others: ['yijiangmen-c01'] },
        ],
      },
      invalid: { count: 1, listed: [{ line: 6, message: 'nameZh: must not be empty; nameEn: must not be empty' }] },
      written: false,
    });
    const commit = await send(server.app, admin, 'POST', '/api/organisation/communities/import?commit=true', csv, 'text/csv');
    expect(commit.statusCode).toBe(409);
    expect(commit.json().written).toBe(false);
    expect(await server.db.selectFrom('communities').select('name_zh').where('id', '=', 'yijiangmen-c01').executeTakeFirstOrThrow()).toEqual({ name_zh: '挹江门示例第01社区' });
    expect(await server.db.selectFrom('audit_log').select('id').where('action', '=', 'organisation.communities.import').execute()).toEqual([]);
  });

  it('a clean XLSX file replaces names and swaps codes in one go, audited, and the devices receive the new names', async () => {
    server = await startTestApp();
    const admin = (await loginAs(server.app, 'demo-admin')).body.token;
    const worker = (await loginAs(server.app, 'demo-worker')).body.token;
    await send(server.app, admin, 'PUT', '/api/organisation/communities/yijiangmen-c01', { ...community, nameZh: '挹江门示例第01社区', nameEn: 'x', code: 'A1' });
    await send(server.app, admin, 'PUT', '/api/organisation/communities/yijiangmen-c02', { ...community, nameZh: '挹江门示例第02社区', nameEn: 'y', code: 'A2' });
    const file = await namesWorkbook([
      ['yijiangmen-c01', '天妃宫社区', 'Tianfeigong', 'A2'],
      ['yijiangmen-c02', '绣球公园社区', 'Xiuqiu Park', 'A1'],
    ]);
    const commit = await send(server.app, admin, 'POST', '/api/organisation/communities/import?commit=true', file, xlsx);
    expect(commit.statusCode).toBe(200);
    expect(commit.json()).toMatchObject({ rows: 2, unchanged: 0, written: true });
    expect(commit.json().changes.map((c: { communityId: string }) => c.communityId)).toEqual(['yijiangmen-c01', 'yijiangmen-c02']);
    const rows = await server.db.selectFrom('communities').select(['id', 'name_zh', 'name_en', 'code']).where('id', 'in', ['yijiangmen-c01', 'yijiangmen-c02']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'yijiangmen-c01', name_zh: '天妃宫社区', name_en: 'Tianfeigong', code: 'A2' },
      { id: 'yijiangmen-c02', name_zh: '绣球公园社区', name_en: 'Xiuqiu Park', code: 'A1' },
    ]);
    expect(await pulledUnit(server.app, worker, 'community', 'yijiangmen-c02')).toEqual({ id: 'yijiangmen-c02', subdistrictId: 'yijiangmen', nameZh: '绣球公园社区', nameEn: 'Xiuqiu Park', code: 'A1', active: true });
    const audit = await server.db.selectFrom('audit_log').select('details').where('action', '=', 'organisation.communities.import').execute();
    expect(JSON.parse(audit[0]!.details)).toEqual({ rows: 2, changed: 2, unchanged: 0, communityIds: ['yijiangmen-c01', 'yijiangmen-c02'] });
  });

  it('refuses a file without the id and name columns', async () => {
    server = await startTestApp();
    const admin = (await loginAs(server.app, 'demo-admin')).body.token;
    const response = await send(server.app, admin, 'POST', '/api/organisation/communities/import', 'community,building\nx,1\n', 'text/csv');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('社区编号、社区名称');
  });
});

describe('departments', () => {
  it('the administrator deactivates and reactivates a department, audited; the organisation lists it with its state', async () => {
    server = await startTestApp();
    const admin = (await loginAs(server.app, 'demo-admin')).body.token;
    const off = await send(server.app, admin, 'PUT', '/api/departments/transport/active', { active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().departments.find((d: { id: string }) => d.id === 'transport')).toMatchObject({ active: false, nameZh: '区交通运输局' });
    const listed = (await server.app.inject({ method: 'GET', url: '/api/organisation', headers: { authorization: `Bearer ${admin}` } })).json();
    expect(listed.departments.filter((d: { active: boolean }) => !d.active).map((d: { id: string }) => d.id)).toEqual(['transport']);
    // The case pages' escalation picker reads the departments route, which says the same.
    const forCases = (await server.app.inject({ method: 'GET', url: '/api/departments', headers: { authorization: `Bearer ${admin}` } })).json();
    expect(forCases.departments.filter((d: { active: boolean }) => !d.active).map((d: { id: string }) => d.id)).toEqual(['transport']);
    // Renaming through the departments route keeps it inactive.
    await send(server.app, admin, 'PUT', '/api/departments/transport', { nameZh: '区交通局', nameEn: 'Transport' });
    expect(await server.db.selectFrom('departments').select(['name_zh', 'active']).where('id', '=', 'transport').executeTakeFirstOrThrow()).toEqual({ name_zh: '区交通局', active: 0 });
    expect((await send(server.app, admin, 'PUT', '/api/departments/transport/active', { active: true })).statusCode).toBe(200);
    expect((await send(server.app, admin, 'PUT', '/api/departments/nowhere/active', { active: true })).statusCode).toBe(404);
    const audit = await server.db.selectFrom('audit_log').select('action').where('action', 'like', 'department.%activate').orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual(['department.deactivate', 'department.activate']);
  });

  it('a deactivated department is refused as the target of an escalation', async () => {
    server = await startTestApp();
    const token = async (username: string) => (await loginAs(server.app, username)).body;
    const [admin, supervisor, officer, worker] = [await token('demo-admin'), await token('demo-supervisor'), await token('demo-officer'), await token('demo-worker')];
    const as = (body: { token: string }) => ({ authorization: `Bearer ${body.token}` });
    const answers = { sat_ug_environment: 'very_unsatisfied', concerns: ['property_management'], grid_visited: false };
    await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: as(worker), payload: { deviceId: 'd', batchId: 'complaints', records: [questionnaireResponse({ id: worker.user.id, communityId: 'yijiangmen-c01' }, answers)] } });
    await server.app.inject({ method: 'POST', url: '/api/rounds/2026-H1/negative-list', headers: as(supervisor) });
    const created = await server.app.inject({ method: 'POST', url: '/api/cases', headers: as(supervisor), payload: { itemIds: ['2026-H1:yijiangmen-c01:dissatisfied:ug_environment'], title: '环境', category: 'environment_cleanup' } });
    const caseId = created.json().case.id as string;
    expect((await server.app.inject({ method: 'POST', url: `/api/cases/${caseId}/transitions`, headers: as(supervisor), payload: { action: 'assign' } })).statusCode).toBe(200);
    await send(server.app, admin.token, 'PUT', '/api/departments/urban-management/active', { active: false });
    const escalate = () => server.app.inject({ method: 'POST', url: `/api/cases/${caseId}/transitions`, headers: as(officer), payload: { action: 'escalate', note: '需城管', departmentId: 'urban-management' } });
    const refused = await escalate();
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('no active department urban-management');
    await send(server.app, admin.token, 'PUT', '/api/departments/urban-management/active', { active: true });
    expect((await escalate()).statusCode).toBe(200);
  });
});
