import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import type { FinalisedRecord } from '../../src/shared/records';
import { roundUnitScores } from '../../src/shared/rounds/scores';
import { scoreRespondent } from '../../src/shared/scoring/respondent';
import { defaultScoringSettings } from '../../src/shared/scoring/settings';
import { cellStatisticsOf } from '../../src/shared/scoring/statistics';
import { questionnaireResponse } from '../../scripts/harness/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
const headers = {} as Record<'worker' | 'officer' | 'supervisor', { authorization: string }>;
let workerId = '';
let supervisorId = '';
const roundId = '2026-H2';

const satisfactionItems = defaultQuestionnaires.find((q) => q.id === 'resident-elderly')!.items.filter((item) => item.kind === 'satisfaction').map((item) => item.id);
const answersAll = (optionId: string) => ({ ...Object.fromEntries(satisfactionItems.map((id) => [id, optionId])), grid_visited: true, concerns: ['ev_charging'] });

async function push(records: FinalisedRecord[]) {
  const response = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: headers.worker, payload: { deviceId: 'device-a', batchId: `b-${records[0]!.id}`, records } });
  expect(response.json().results.map((r: { status: string }) => r.status)).toEqual(records.map(() => 'accepted'));
}

const get = (url: string, as: keyof typeof headers = 'supervisor') => server.app.inject({ method: 'GET', url, headers: headers[as] });
const post = (url: string, payload: unknown, as: keyof typeof headers = 'supervisor') => server.app.inject({ method: 'POST', url, headers: headers[as], payload: payload as object });

/** The shared functions applied directly to the responses, as the server must reproduce them. */
function expectedCommunity(records: FinalisedRecord[]) {
  const settings = { ...defaultScoringSettings(), publicMinimumGroupSize: 5 };
  const definition = defaultQuestionnaires.find((q) => q.id === 'resident-elderly')!;
  const statistics = cellStatisticsOf(records.map((r) => scoreRespondent(definition, r.data.answers as Record<string, string>, settings)));
  return roundUnitScores([{ unitId: 'yijiangmen-c01', name: 'x', subdistrictId: 'yijiangmen', cells: [{ channel: 'field', audience: 'elderly', statistics }] }], settings).units[0]!;
}

beforeAll(async () => {
  server = await startTestApp();
  for (const [key, username] of [['worker', 'demo-worker'], ['officer', 'demo-officer'], ['supervisor', 'demo-supervisor']] as const) {
    const { body } = await loginAs(server.app, username);
    headers[key] = { authorization: `Bearer ${body.token}` };
    if (key === 'worker') workerId = body.user.id;
    if (key === 'supervisor') supervisorId = body.user.id;
  }
});
afterAll(() => server.close());

describe('rounds API contract', () => {
  it('authenticates before reading the body', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/rounds', payload: 'not json', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('documents every rounds, export and public route in the OpenAPI document', async () => {
    const paths = Object.keys((await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/rounds',
        '/api/rounds/{roundId}',
        '/api/rounds/{roundId}/settings',
        '/api/rounds/{roundId}/transitions',
        '/api/rounds/{roundId}/late-responses',
        '/api/rounds/{roundId}/responses/{responseId}/late-decision',
        '/api/rounds/{roundId}/responses/{responseId}/void',
        '/api/rounds/{roundId}/scores',
        '/api/rounds/{roundId}/progress',
        '/api/rounds/trend',
        '/api/rounds/{roundId}/export/responses.{format}',
        '/api/rounds/{roundId}/export/codebook.csv',
        '/api/rounds/{roundId}/export/round.json',
        '/api/rounds/{roundId}/export/scores.{format}',
        '/api/public/rounds',
        '/api/public/rounds/{roundId}/scores',
      ]),
    );
  });
});

describe('rounds, late and void responses, scores, exports and public results', () => {
  const onTime: FinalisedRecord[] = [];
  let late: FinalisedRecord;

  it('lists the demo round 2026-H1 as open with the default settings', async () => {
    const response = await get('/api/rounds/2026-H1');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: '2026-H1', state: 'open', settingsVersion: 1, synthetic: false, settings: defaultScoringSettings() });
  });

  it('creates a draft, versions its settings, freezes them on open and audits every change', async () => {
    expect((await post('/api/rounds', { id: roundId })).statusCode).toBe(201);
    expect((await post('/api/rounds', { id: roundId })).statusCode).toBe(409);
    const settings = { ...defaultScoringSettings(), publicMinimumGroupSize: 5 };
    const edited = await server.app.inject({ method: 'PUT', url: `/api/rounds/${roundId}/settings`, headers: headers.supervisor, payload: { settings } });
    expect(edited.json().round).toMatchObject({ state: 'draft', settingsVersion: 2 });
    expect((await post(`/api/rounds/${roundId}/transitions`, { action: 'publish' })).statusCode).toBe(409);
    expect((await post(`/api/rounds/${roundId}/transitions`, { action: 'open' })).json().round).toMatchObject({ state: 'open', settingsVersion: 2 });
    const frozen = await server.app.inject({ method: 'PUT', url: `/api/rounds/${roundId}/settings`, headers: headers.supervisor, payload: { settings: defaultScoringSettings() } });
    expect(frozen.statusCode).toBe(409);
    const detail = (await get(`/api/rounds/${roundId}`)).json();
    expect(detail.settings.publicMinimumGroupSize).toBe(5);
    expect(detail.history.map((e: { action: string; userId: string; toState: string }) => [e.action, e.userId, e.toState])).toEqual([
      ['create', supervisorId, 'draft'],
      ['settings', supervisorId, 'draft'],
      ['open', supervisorId, 'open'],
    ]);
    const audited = await server.db.selectFrom('audit_log').select(['action', 'user_id']).where('action', 'like', 'round.%').execute();
    expect(audited).toEqual(expect.arrayContaining([{ action: 'round.open', user_id: supervisorId }]));
  });

  it('scores pushed responses as the shared functions do', async () => {
    const author = { id: workerId, communityId: 'yijiangmen-c01' };
    onTime.push(
      questionnaireResponse(author, answersAll('very_satisfied'), { roundId }),
      questionnaireResponse(author, answersAll('satisfied'), { roundId }),
      questionnaireResponse(author, answersAll('fair'), { roundId }),
    );
    await push(onTime);
    const scores = (await get(`/api/rounds/${roundId}/scores?level=community&subdistrictId=yijiangmen`)).json();
    expect(scores).toMatchObject({ roundId, settingsVersion: 2, level: 'community' });
    const unit = scores.units.find((u: { unitId: string }) => u.unitId === 'yijiangmen-c01');
    const expected = expectedCommunity(onTime);
    expect(unit).toMatchObject({ n: 3, cells: expected.cells, dimensions: expected.dimensions, parts: { deduction: 0 } });
    expect(unit.score).toBeCloseTo(expected.score!, 10);
    expect(unit.ciLow).toBeCloseTo(expected.ciLow!, 10);
    expect(scores.units.find((u: { unitId: string }) => u.unitId === 'yijiangmen-c02')).toMatchObject({ n: 0, score: null, reason: 'no_cell_with_two_scores' });
  });

  it('keeps a response that arrives after the close, marked late, until the supervisor admits it', async () => {
    expect((await post(`/api/rounds/${roundId}/transitions`, { action: 'close' })).json().round.state).toBe('closed');
    late = questionnaireResponse({ id: workerId, communityId: 'yijiangmen-c01' }, answersAll('very_satisfied'), { roundId });
    await push([late]);
    expect((await get(`/api/rounds/${roundId}`)).json().counts).toEqual({ received: 4, counted: 3, late: 1, latePending: 1, lateAdmitted: 0, lateExcluded: 0, voided: 0 });
    expect((await post(`/api/rounds/${roundId}/transitions`, { action: 'publish' })).statusCode).toBe(409);
    expect((await get(`/api/rounds/${roundId}/late-responses`)).json().responses).toEqual([expect.objectContaining({ responseId: late.id, audience: late.data.audience, channel: 'field', authorName: expect.any(String), decision: null })]);
    expect((await post(`/api/rounds/${roundId}/responses/${onTime[0]!.id}/late-decision`, { decision: 'admitted' })).statusCode).toBe(409);

    expect((await post(`/api/rounds/${roundId}/responses/${late.id}/late-decision`, { decision: 'admitted' })).statusCode).toBe(200);
    const unit = (await get(`/api/rounds/${roundId}/scores?level=community&subdistrictId=yijiangmen`)).json().units[0];
    expect(unit.n).toBe(4);
    expect(unit.score).toBeCloseTo(expectedCommunity([...onTime, late]).score!, 10);
  });

  it('voids a response with a reason: it stops counting and stays stored', async () => {
    const voidUrl = `/api/rounds/${roundId}/responses/${onTime[2]!.id}/void`;
    expect((await post(voidUrl, { reason: ' ' })).statusCode).toBe(400);
    expect((await post(voidUrl, { reason: 'interviewer filled it in alone' })).statusCode).toBe(200);
    const unit = (await get(`/api/rounds/${roundId}/scores?level=community&subdistrictId=yijiangmen`)).json().units[0];
    expect(unit.n).toBe(3);
    expect(unit.score).toBeCloseTo(expectedCommunity([onTime[0]!, onTime[1]!, late]).score!, 10);
    expect(await server.db.selectFrom('records').select('id').where('id', '=', onTime[2]!.id).executeTakeFirst()).toEqual({ id: onTime[2]!.id });
    expect(await server.db.selectFrom('audit_log').select('user_id').where('action', '=', 'response.void').execute()).toEqual([{ user_id: supervisorId }]);
    expect((await get(`/api/rounds/${roundId}`)).json().counts).toMatchObject({ received: 4, counted: 3, voided: 1, lateAdmitted: 1 });
  });

  it('gives a sub-district officer its own communities only, and the ranking of all 13 sub-districts', async () => {
    const own = await get(`/api/rounds/${roundId}/scores?level=community`, 'officer');
    expect(new Set(own.json().units.map((u: { subdistrictId: string }) => u.subdistrictId))).toEqual(new Set(['yijiangmen']));
    const other = await get(`/api/rounds/${roundId}/scores?level=community&subdistrictId=xiaguan`, 'officer');
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('forbidden');
    expect((await get(`/api/rounds/${roundId}/scores?level=subdistrict`, 'officer')).json().units).toHaveLength(13);
  });

  it('exports every response without address, name, login or device, whether it counts and why not, a pseudonymous worker, a codebook naming every column and code, and the settings', async () => {
    const csv = await get(`/api/rounds/${roundId}/export/responses.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.slice(1).trim().split(/\r?\n/);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 11)).toEqual(['responseId', 'subdistrictId', 'communityId', 'channel', 'audience', 'questionnaireId', 'questionnaireVersion', 'workerId', 'settingsVersion', 'counts', 'notCountedReason']);
    expect(header).toContain('sat_pb_org_service');
    expect(header.some((column) => /author|device|name|address|building|room/i.test(column))).toBe(false);
    const rows = new Map(lines.slice(1).map((line) => [line.split(',')[0]!, line.split(',')]));
    expect([...rows.keys()].sort()).toEqual([...onTime.map((r) => r.id), late.id].sort());
    const column = (name: string) => header.indexOf(name);
    expect(rows.get(onTime[2]!.id)!.slice(column('counts'), column('notCountedReason') + 1)).toEqual(['0', 'voided']);
    expect(rows.get(late.id)!.slice(column('settingsVersion'), column('notCountedReason') + 1)).toEqual(['2', '1', '']);
    expect(rows.get(onTime[0]!.id)![column('sat_pb_org_service')]).toBe('very_satisfied');
    // One worker, one pseudonym within the round, and never the login or the user id.
    const workers = new Set([...rows.values()].map((row) => row[column('workerId')]));
    expect(workers.size).toBe(1);
    expect([...workers][0]).toMatch(/^[0-9a-f]{16}$/);
    expect(csv.body).not.toContain(workerId);
    expect(csv.body).not.toContain('demo-worker');

    const codebook = (await get(`/api/rounds/${roundId}/export/codebook.csv`)).body;
    expect(codebook).toContain('resident-elderly,1,sat_pb_org_service,satisfaction,pb_org_service,party_building,positive,community,very_satisfied,100,');
    expect(codebook).toContain('sat_pb_org_service,satisfaction,pb_org_service,party_building,positive,community,no_opinion,excluded');
    for (const name of header.slice(0, 11)) expect(codebook).toContain(`,,${name},column,`);
    expect(codebook).toContain(',,notCountedReason,column,,,,,voided,,');

    const round = (await get(`/api/rounds/${roundId}/export/round.json`)).json();
    expect(round).toMatchObject({ roundId, settingsVersion: 2, settings: { publicMinimumGroupSize: 5 } });
    expect(round.subdistricts).toHaveLength(13);
    expect(round.subdistricts[0]).toEqual({ subdistrictId: expect.any(String), name: expect.any(String), overdueItems: expect.any(Number), deduction: expect.any(Number) });

    const responses = new ExcelJS.Workbook();
    await responses.xlsx.load((await get(`/api/rounds/${roundId}/export/responses.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect(responses.worksheets.map((sheet) => sheet.name)).toEqual(['responses', 'codebook', 'settings']);
    const settingsRows = responses.getWorksheet('settings')!.getSheetValues().slice(2) as unknown[][];
    expect(settingsRows).toContainEqual([undefined, 'channelWeight', 'field', 0.6, '渠道权重']);
  });

  it('exports the scores as numbers: CSV with both interval bounds, SE and design; XLSX 全部得分 in Chinese, rounded as shown beside full precision, with codes, codebook and settings sheets', async () => {
    const api = (await get(`/api/rounds/${roundId}/scores?level=subdistrict`)).json();
    const apiUnit = api.units.find((u: { unitId: string }) => u.unitId === 'yijiangmen');
    const csv = (await get(`/api/rounds/${roundId}/export/scores.csv?level=subdistrict`)).body.slice(1).trim().split(/\r?\n/);
    const header = csv[0]!.split(',');
    expect(header).toEqual(['level', 'unitId', 'name', 'score', 'n', 'ciLow', 'ciHigh', 'rankBest', 'rankWorst', 'outlier', 'positive', 'special', 'deduction', 'reason', 'se', 'designEffect', 'effectiveN']);
    const line = csv.find((row) => row.startsWith('subdistrict,yijiangmen,'))!.split(',');
    expect(Number(line[header.indexOf('n')])).toBe(apiUnit.n);
    expect(Number(line[header.indexOf('ciLow')])).toBeCloseTo(apiUnit.ciLow, 10);

    const xlsx = await get(`/api/rounds/${roundId}/export/scores.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['全部得分', '代码表', '编码簿', '评分设置']);
    const sheet = workbook.getWorksheet('全部得分')!;
    const columns = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(columns.every((name) => /[\u4e00-\u9fff]/.test(String(name)))).toBe(true);
    const row = (sheet.getSheetValues().slice(2) as unknown[][]).find((values) => values[2] === 'yijiangmen')!;
    const at = (name: string) => row[columns.indexOf(name) + 1];
    expect([at('层级'), at('答卷数'), at('得分（完整精度）')]).toEqual(['subdistrict', apiUnit.n, apiUnit.score]);
    expect(at('得分')).toBe(Math.round(apiUnit.score * 10) / 10);
    expect(at('95%区间下限')).toBe(Math.round(apiUnit.ciLow * 10) / 10);
    expect(typeof at('95%区间上限')).toBe('number');
    expect(workbook.getWorksheet('代码表')!.getSheetValues().slice(2)).toContainEqual([undefined, '层级', 'subdistrict', '街道']);
  });

  it('reports fieldwork against quotas per community and per worker, and the trend across rounds', async () => {
    const author = { id: workerId, communityId: 'yijiangmen-c01' };
    await push([questionnaireResponse(author, answersAll('satisfied')), questionnaireResponse(author, answersAll('fair'))]);
    const progress = (await get('/api/rounds/2026-H1/progress')).json();
    expect(progress.communities).toHaveLength(360);
    expect(progress.communities).toContainEqual({ communityId: 'yijiangmen-c01', communityName: '挹江门示例第01社区', subdistrictId: 'yijiangmen', audience: 'elderly', target: 30, received: 2 });
    expect(progress.workers).toEqual([{ authorId: workerId, name: '演示网格员', received: 2 }]);
    const officers = (await get('/api/rounds/2026-H1/progress', 'officer')).json();
    expect(new Set(officers.communities.map((c: { subdistrictId: string }) => c.subdistrictId))).toEqual(new Set(['yijiangmen']));
    const trend = (await get('/api/rounds/trend')).json().rounds;
    expect(trend.map((r: { roundId: string }) => r.roundId)).toEqual(['2026-H1', roundId]);
    expect(trend[0].units.find((u: { unitId: string }) => u.unitId === 'yijiangmen').n).toBe(2);
  });

  it('publishes: the public sees published rounds only and no group under the minimum size', async () => {
    expect((await server.app.inject({ method: 'GET', url: `/api/public/rounds/${roundId}/scores` })).statusCode).toBe(404);
    expect((await post(`/api/rounds/${roundId}/transitions`, { action: 'publish' })).json().round.state).toBe('published');
    const rounds = (await server.app.inject({ method: 'GET', url: '/api/public/rounds' })).json().rounds;
    expect(rounds.map((r: { id: string }) => r.id)).toEqual([roundId]);
    const scores = (await server.app.inject({ method: 'GET', url: `/api/public/rounds/${roundId}/scores` })).json();
    expect(scores.minimumGroupSize).toBe(5);
    // yijiangmen has 3 counted responses: fewer than 5, so nothing of it is shown but that.
    expect(scores.units.find((u: { unitId: string }) => u.unitId === 'yijiangmen')).toEqual({ unitId: 'yijiangmen', name: expect.any(String), suppressed: true, fewerThan: 5 });
    expect((await post(`/api/rounds/${roundId}/responses/${late.id}/void`, { reason: 'too late' })).statusCode).toBe(409);

    expect((await post(`/api/rounds/${roundId}/transitions`, { action: 'unpublish' })).statusCode).toBe(400);
    expect((await post(`/api/rounds/${roundId}/transitions`, { action: 'unpublish', reason: 'wrong weights' })).json().round.state).toBe('closed');
    expect((await server.app.inject({ method: 'GET', url: `/api/public/rounds/${roundId}/scores` })).statusCode).toBe(404);
    const history = (await get(`/api/rounds/${roundId}`)).json().history;
    expect(history.at(-1)).toMatchObject({ action: 'unpublish', reason: 'wrong weights', userId: supervisorId, fromState: 'published', toState: 'closed' });
  });
});
