import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Case, CaseDetail, CaseList, NegativeItem } from '../../src/shared/cases/api';
import { compareForWork } from '../../src/shared/cases/list';
import { caseStates, type CaseState } from '../../src/shared/cases/machine';
import type { FinalisedRecord } from '../../src/shared/records';
import { questionnaireResponse } from '../../scripts/harness/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

/** Today in the district is 2026-06-15: cases due before it and still waiting are overdue. */
const clock = new Date('2026-06-15T02:00:00Z');
let server: TestServer;
type Who = 'supervisor' | 'officer' | 'department' | 'worker';
const headers = {} as Record<Who, { authorization: string }>;
let workerId = '';

const get = (url: string, as: Who = 'supervisor') => server.app.inject({ method: 'GET', url, headers: headers[as] });
const post = (url: string, payload: object, as: Who = 'supervisor') => server.app.inject({ method: 'POST', url, headers: headers[as], payload });
const list = async (query: string, as: Who = 'supervisor'): Promise<CaseList> => {
  const response = await get(`/api/cases${query}`, as);
  expect(response.statusCode).toBe(200);
  return response.json();
};

/** Every page of `query`, read as the office page does, following nextOffset. */
async function allPages(query: string, as: Who = 'supervisor', limit = 7): Promise<Case[]> {
  const seen: Case[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const page: CaseList = await list(`?${query}${query ? '&' : ''}limit=${limit}&offset=${offset}`, as);
    expect(page.cases.length).toBeLessThanOrEqual(limit);
    seen.push(...page.cases);
    offset = page.nextOffset;
  }
  return seen;
}

/**
 * 120 cases straight into the table: four sub-districts' communities (one a prefix of another's id
 * in text: yijiangmen-c01 and yijiangmen-c010 would collide in a naive match), every state, due
 * dates on both sides of today, some escalated to urban-management.
 */
const communities = [
  { id: 'yijiangmen-c01', subdistrictId: 'yijiangmen' },
  { id: 'yijiangmen-c02', subdistrictId: 'yijiangmen' },
  { id: 'xiaguan-c01', subdistrictId: 'xiaguan' },
  { id: 'hunanlu-c01', subdistrictId: 'hunanlu' },
];
const caseCount = 120;
const categories = ['property_management', 'environment_cleanup', 'noise_fumes'];

beforeAll(async () => {
  server = await startTestApp({ now: () => clock, sessionLifetimeMs: 365 * 24 * 3600 * 1000 });
  for (const [who, username] of [['supervisor', 'demo-supervisor'], ['officer', 'demo-officer'], ['department', 'demo-department'], ['worker', 'demo-worker']] as const) {
    const { body } = await loginAs(server.app, username);
    headers[who] = { authorization: `Bearer ${body.token}` };
    if (who === 'worker') workerId = body.user.id;
  }
  const rows = Array.from({ length: caseCount }, (_, i) => {
    const community = communities[i % communities.length]!;
    const state: CaseState = caseStates[i % caseStates.length]!;
    const at = new Date(Date.UTC(2026, 4, 1, 0, i)).toISOString();
    return {
      id: uuidv7(),
      round_id: i % 2 === 0 ? '2026-H1' : '2025-H2',
      title: `案件 ${i}`,
      category: categories[i % categories.length]!,
      state,
      subdistrict_id: community.subdistrictId,
      community_ids: JSON.stringify(i % 10 === 0 ? [community.id, 'yijiangmen-c010'] : [community.id]),
      department_id: state === 'escalated' || i % 11 === 0 ? 'urban-management' : null,
      // Every fifth case has no due date; the others fall from 2026-05-17 to 2026-07-14.
      due_on: i % 5 === 0 ? null : new Date(Date.UTC(2026, 4, 17 + (i % 59))).toISOString().slice(0, 10),
      created_at: at,
      updated_at: at,
      assigned_at: null,
      reported_fixed_at: null,
      department_accepted_at: null,
      closed_at: null,
    };
  });
  await server.db.insertInto('cases').values(rows).execute();
});
afterAll(() => server.close());

describe('the paged case list', () => {
  it('pages in work order (overdue first, then due soonest, none last, then newest) without overlap or gap, with the total', async () => {
    const first = await list('');
    expect(first).toMatchObject({ total: caseCount, offset: 0, limit: 50, nextOffset: 50 });
    expect(first.cases).toHaveLength(50);
    const pages = await allPages('');
    expect(pages).toHaveLength(caseCount);
    expect(new Set(pages.map((c) => c.id)).size).toBe(caseCount);
    expect(pages.map((c) => c.id)).toEqual([...pages].sort(compareForWork).map((c) => c.id));
    expect(pages[0]!.overdue).toBe(true);
    expect(pages.at(-1)!.dueOn).toBeNull();
    const last = await list(`?offset=${caseCount - 3}`);
    expect(last).toMatchObject({ total: caseCount, nextOffset: null });
    expect(last.cases).toHaveLength(3);
  });

  it('bounds the page size and refuses a bad page with a clear error', async () => {
    expect((await list('?limit=200')).cases).toHaveLength(120);
    for (const query of ['?limit=201', '?limit=0', '?offset=-1', '?limit=abc', '?offset=1.5']) {
      const response = await get(`/api/cases${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
      expect(response.json().error.message).toMatch(/limit|offset/);
    }
  });

  it('filters by state, category, community, due date, overdue and round, in SQL, across pages', async () => {
    const everything = await allPages('', 'supervisor', 200);
    const expectFilter = async (query: string, keep: (c: Case) => boolean) => {
      const expected = everything.filter(keep).map((c) => c.id);
      expect(expected.length, query).toBeGreaterThan(0);
      expect((await allPages(query)).map((c) => c.id), query).toEqual(expected);
      expect((await list(`?${query}`)).total, query).toBe(expected.length);
    };
    await expectFilter('state=in_progress', (c) => c.state === 'in_progress');
    await expectFilter('category=noise_fumes', (c) => c.category === 'noise_fumes');
    await expectFilter('communityId=yijiangmen-c01', (c) => c.communityIds.includes('yijiangmen-c01'));
    await expectFilter('communityId=yijiangmen-c010', (c) => c.communityIds.includes('yijiangmen-c010'));
    await expectFilter('dueBefore=2026-06-01', (c) => c.dueOn !== null && c.dueOn <= '2026-06-01');
    await expectFilter('overdue=true', (c) => c.overdue);
    await expectFilter('overdue=false', (c) => !c.overdue);
    await expectFilter('roundId=2025-H2&state=escalated', (c) => c.roundId === '2025-H2' && c.state === 'escalated');
    await expectFilter('subdistrictId=xiaguan&category=property_management&overdue=true', (c) => c.subdistrictId === 'xiaguan' && c.category === 'property_management' && c.overdue);
    // A wildcard in the community asked for is a character, not a pattern.
    expect((await list('?communityId=yijiangmen-c0_')).total).toBe(0);
    expect((await list('?communityId=%25')).total).toBe(0);
  });

  it('keeps to the scope: an officer its sub-district, a department what was escalated to it, a worker nothing', async () => {
    const officer = await allPages('', 'officer');
    expect(officer.length).toBe(caseCount / 2);
    expect(officer.every((c) => c.subdistrictId === 'yijiangmen')).toBe(true);
    expect((await list('?subdistrictId=xiaguan', 'officer')).total).toBe(0);
    const department = await allPages('', 'department');
    expect(department.length).toBeGreaterThan(0);
    expect(department.every((c) => c.departmentId === 'urban-management')).toBe(true);
    expect((await list('', 'department')).total).toBe(department.length);
    expect((await get('/api/cases', 'worker')).statusCode).toBe(403);
  });

  it('counts the home badge on the server from the scope’s cases', async () => {
    const officer = await allPages('', 'officer', 200);
    const badge = (await get('/api/cases/badge', 'officer')).json();
    expect(badge).toEqual({
      today: '2026-06-15',
      new: officer.filter((c) => c.state === 'assigned' || c.state === 'reopened').length,
      dueSoon: officer.filter((c) => !c.overdue && ['assigned', 'in_progress', 'reopened', 'escalated'].includes(c.state) && c.dueOn !== null && c.dueOn >= '2026-06-15' && c.dueOn <= '2026-06-22').length,
      overdue: officer.filter((c) => c.overdue).length,
    });
    expect(badge.overdue).toBeGreaterThan(0);
    expect((await get('/api/cases/badge', 'worker')).statusCode).toBe(403);
  });

  it('exports every matching case, not one page, in work order', async () => {
    const csv = await get('/api/cases/export.csv?subdistrictId=yijiangmen');
    const rows = csv.body.replace(/^\uFEFF/, '').trim().split('\n').slice(1);
    const expected = await allPages('subdistrictId=yijiangmen', 'supervisor', 200);
    expect(rows).toHaveLength(60);
    expect(rows.map((row) => row.split(',')[0])).toEqual(expected.map((c) => c.id));
    const overdue = (await get('/api/cases/export.csv?overdue=true')).body.trim().split('\n').slice(1);
    expect(overdue).toHaveLength((await list('?overdue=true')).total);
  });

  it('documents paging, its bounds and the badge in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    const parameters = doc.paths['/api/cases'].get.parameters as { name: string; schema: { maximum?: number } }[];
    expect(parameters.find((p) => p.name === 'limit')!.schema.maximum).toBe(200);
    expect(parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['offset', 'state', 'category', 'communityId', 'dueBefore', 'overdue']));
    expect(Object.keys(doc.paths['/api/cases'].get.responses['200'].content['application/json'].schema.properties)).toEqual(['cases', 'total', 'offset', 'limit', 'nextOffset']);
    expect(doc.paths['/api/cases/badge'].get).toBeDefined();
  });
});

describe('rebuilding the negative list after responses are voided or corrected', () => {
  it('withdraws the items no counted response still stands behind, keeps them in their case, and no longer offers them', async () => {
    const push = async (records: FinalisedRecord[]) => {
      const results = (await post('/api/sync/push', { deviceId: 'device-a', batchId: `b-${records[0]!.id}`, records }, 'worker')).json().results as { status: string }[];
      expect(results.map((r) => r.status)).toEqual(records.map(() => 'accepted'));
    };
    const author = { id: workerId, communityId: 'yijiangmen-c02' };
    const original = questionnaireResponse(author, { sat_ug_noise_fumes: 'very_unsatisfied', grid_visited: false, concerns: ['other'], concerns_other: '广场舞噪音' });
    const voided = questionnaireResponse(author, { sat_ug_environment: 'unsatisfied', grid_visited: false, concerns: ['other'], concerns_other: '垃圾桶满溢' });
    await push([original, voided]);
    expect((await post('/api/rounds/2026-H1/negative-list', {})).statusCode).toBe(200);
    const items = async (query = ''): Promise<NegativeItem[]> => (await get(`/api/rounds/2026-H1/negative-items${query}`)).json().items;
    const noise = (await items()).find((item) => item.text === '广场舞噪音')!;
    const bins = (await items()).find((item) => item.text === '垃圾桶满溢')!;
    expect([noise.withdrawnAt, bins.withdrawnAt]).toEqual([null, null]);
    const created = await post('/api/cases', { itemIds: [noise.id], title: '广场舞噪音', category: 'noise_fumes' });
    expect(created.statusCode).toBe(201);
    const caseId = (created.json().case as Case).id;

    // The resident's answer is corrected (the comment taken back) and another response voided.
    const correction = questionnaireResponse(author, { sat_ug_noise_fumes: 'satisfied', grid_visited: false }, { supersedes: original.id });
    await push([correction]);
    expect((await post(`/api/rounds/2026-H1/responses/${voided.id}/void`, { reason: '重复录入' })).statusCode).toBe(200);
    expect((await post('/api/rounds/2026-H1/negative-list', {})).statusCode).toBe(200);

    const after = await items();
    const withdrawnNoise = after.find((item) => item.id === noise.id)!;
    expect(withdrawnNoise.withdrawnAt).toBe(clock.toISOString());
    expect(after.find((item) => item.id === bins.id)!.withdrawnAt).toBe(clock.toISOString());
    // The dissatisfied answer of the corrected response is withdrawn too; one still standing elsewhere is not.
    expect(after.find((item) => item.id === '2026-H1:yijiangmen-c02:dissatisfied:ug_noise_fumes')!.withdrawnAt).not.toBeNull();
    // The case keeps its item, marked withdrawn; triage no longer offers the other, nor takes it.
    const detail = (await get(`/api/cases/${caseId}`)).json() as CaseDetail;
    expect(detail.items.map((item) => [item.id, item.withdrawnAt])).toEqual([[noise.id, clock.toISOString()]]);
    expect((await items('?untriaged=true')).map((item) => item.id)).not.toContain(bins.id);
    const refused = await post('/api/cases', { itemIds: [bins.id], title: '垃圾桶', category: 'environment_cleanup' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/withdrawn/);
  });
});
