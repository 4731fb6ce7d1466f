import { afterEach, describe, expect, it } from 'vitest';
import { demoRoundId, seedDemoData } from '../../src/server/demo/seed';
import { createRepositories } from '../../src/server/repositories';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

describe('demo data', () => {
  it('seeds 13 sub-districts, 120 communities, round 2026-H1 and one account per role', async () => {
    server = await startTestApp();
    const repos = createRepositories(server.db, { now: () => new Date(), sessionLifetimeMs: 1 });
    const subdistricts = await repos.organisation.listSubdistricts();
    const communities = await repos.organisation.listCommunities();
    expect(subdistricts).toHaveLength(13);
    expect(subdistricts.map((s) => s.id)).toContain('yijiangmen');
    expect(communities).toHaveLength(120);
    for (const subdistrict of subdistricts) {
      const own = communities.filter((c) => c.subdistrictId === subdistrict.id).length;
      expect(own === 9 || own === 10).toBe(true);
    }
    const departments = await repos.cases.listDepartments();
    expect(departments.length).toBeGreaterThanOrEqual(5);
    expect(departments.every((d) => d.synthetic)).toBe(true);
    expect(await repos.organisation.listRounds()).toEqual([{ id: demoRoundId, startsOn: '2026-01-01', endsOn: '2026-06-30' }]);

    const users = await server.db.selectFrom('users').select(['username', 'role']).orderBy('username').execute();
    expect(users).toEqual([
      { username: 'demo-admin', role: 'admin' },
      { username: 'demo-adviser', role: 'legal_adviser' },
      { username: 'demo-department', role: 'department' },
      { username: 'demo-officer', role: 'subdistrict_officer' },
      { username: 'demo-supervisor', role: 'supervisor' },
      { username: 'demo-worker', role: 'grid_worker' },
    ]);
  });

  it('every demo account signs in with demo1234', async () => {
    server = await startTestApp();
    for (const username of ['demo-worker', 'demo-adviser', 'demo-officer', 'demo-supervisor', 'demo-admin', 'demo-department']) {
      expect((await loginAs(server.app, username)).response.statusCode).toBe(200);
    }
  });

  it('leaves a database that already has users untouched', async () => {
    server = await startTestApp();
    expect(await seedDemoData(server.db)).toEqual({ seeded: false });
    const { n } = await server.db.selectFrom('communities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(120);
  });
});
