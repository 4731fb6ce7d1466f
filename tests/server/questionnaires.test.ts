import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { finaliseRecord, type FinalisedRecord } from '../../src/shared/records';
import type { QuestionnaireDefinition } from '../../src/shared/questionnaire/definition';
import type { Change, PullResponse } from '../../src/shared/sync';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { loginAs, pushRecords, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

const elderlyV1 = defaultQuestionnaires.find((q) => q.id === 'resident-elderly')!;

/** Version 2 of the elderly questionnaire: the first question reworded. */
function elderlyV2(): QuestionnaireDefinition {
  const definition = structuredClone(elderlyV1);
  definition.version = 2;
  definition.items[0] = { ...definition.items[0]!, text: { zh: '社区党组织为居民办实事，您满意吗？', en: 'Does the community Party organisation get things done? Satisfied?' } };
  return definition;
}

async function as(username: string) {
  const { body } = await loginAs(server.app, username);
  return { token: body.token, userId: body.user.id };
}

function saveDraft(token: string, definition: unknown, questionnaireId = 'resident-elderly') {
  return server.app.inject({ method: 'POST', url: `/api/questionnaires/${questionnaireId}/versions`, headers: { authorization: `Bearer ${token}` }, payload: { definition } });
}

function publish(token: string, version: number, roundId?: string) {
  return server.app.inject({ method: 'POST', url: `/api/questionnaires/resident-elderly/versions/${version}/publish`, headers: { authorization: `Bearer ${token}` }, payload: roundId ? { roundId } : {} });
}

function getVersion(token: string, version: number) {
  return server.app.inject({ method: 'GET', url: `/api/questionnaires/resident-elderly/versions/${version}`, headers: { authorization: `Bearer ${token}` } });
}

async function pullAll(token: string): Promise<Change[]> {
  const changes: Change[] = [];
  let checkpoint = '0';
  for (;;) {
    const page = (await server.app.inject({ method: 'GET', url: `/api/sync/pull?checkpoint=${checkpoint}&limit=1000`, headers: { authorization: `Bearer ${token}` } })).json() as PullResponse;
    changes.push(...page.changes);
    checkpoint = page.checkpoint;
    if (!page.hasMore) return changes;
  }
}

/** The latest pulled state of each entity of `kind`, by id. */
function latest(changes: Change[], kind: string): Map<string, Change['data']> {
  return new Map(changes.filter((change) => change.kind === kind).map((change) => [change.id, change.data]));
}

function elderlyResponse(userId: string, version: number): FinalisedRecord {
  return finaliseRecord('response', crypto.randomUUID().replace(/^(.{14})./, '$17'), {
    authorId: userId,
    deviceId: 'device-a',
    createdAt: '2026-03-02T09:00:00.000Z',
    finalisedAt: '2026-03-02T09:10:00.000Z',
    questionnaireId: 'resident-elderly',
    questionnaireVersion: version,
    audience: 'elderly',
    communityId: 'yijiangmen-c01',
    roundId: '2026-H1',
    channel: 'field',
    answers: { sat_pb_org_service: 'satisfied' },
  });
}

describe('questionnaire versions', () => {
  it('holds the demo templates as published version 1, used by round 2026-H1', async () => {
    server = await startTestApp();
    const { token } = await as('demo-supervisor');
    const list = await server.app.inject({ method: 'GET', url: '/api/questionnaires', headers: { authorization: `Bearer ${token}` } });
    expect(list.statusCode).toBe(200);
    expect(list.json().versions.map((v: { questionnaireId: string; version: number; state: string; rounds: string[] }) => [v.questionnaireId, v.version, v.state, v.rounds])).toEqual([
      ['resident-adult', 1, 'published', ['2026-H1']],
      ['resident-elderly', 1, 'published', ['2026-H1']],
      ['work-unit', 1, 'published', ['2026-H1']],
    ]);
    const detail = await getVersion(token, 1);
    expect(detail.json().definition).toEqual(elderlyV1);
    const worker = await as('demo-worker');
    expect(latest(await pullAll(worker.token), 'round').get('2026-H1')?.questionnaires).toEqual(['resident-adult@1', 'resident-elderly@1', 'work-unit@1']);
  });

  it('keeps a draft from devices until it is published into the round, and never changes a published version', async () => {
    server = await startTestApp();
    const admin = await as('demo-admin');
    const worker = await as('demo-worker');

    const created = await saveDraft(admin.token, elderlyV2());
    expect(created.statusCode).toBe(201);
    expect(created.json().version).toMatchObject({ questionnaireId: 'resident-elderly', version: 2, state: 'draft', rounds: [] });
    // Saving the draft again replaces it.
    const edited = elderlyV2();
    edited.title = { zh: '老年居民满意度问卷（第二版）', en: 'Elderly residents, second edition' };
    expect((await saveDraft(admin.token, edited)).statusCode).toBe(200);
    expect((await getVersion(admin.token, 2)).json().definition.title.zh).toBe('老年居民满意度问卷（第二版）');

    // A draft is not for devices, and a response naming it is refused.
    expect(latest(await pullAll(worker.token), 'questionnaire').has('resident-elderly@2')).toBe(false);
    const early = await pushRecords(server.app, worker.token, [elderlyResponse(worker.userId, 2)], 'early');
    expect(early.results[0]).toMatchObject({ status: 'rejected', error: expect.stringContaining('no published questionnaire resident-elderly@2') });

    const published = await publish(admin.token, 2, '2026-H1');
    expect(published.statusCode).toBe(200);
    expect(published.json().version).toMatchObject({ version: 2, state: 'published', rounds: ['2026-H1'], publishedAt: expect.any(String) });

    const pulled = await pullAll(worker.token);
    const questionnaires = latest(pulled, 'questionnaire');
    expect(questionnaires.get('resident-elderly@2')).toEqual(edited);
    expect(questionnaires.get('resident-elderly@1')).toEqual(elderlyV1);
    expect(latest(pulled, 'round').get('2026-H1')?.questionnaires).toEqual(['resident-adult@1', 'resident-elderly@2', 'work-unit@1']);

    // Both versions take responses: a draft started on version 1 is finished on version 1.
    const late = await pushRecords(server.app, worker.token, [elderlyResponse(worker.userId, 1), elderlyResponse(worker.userId, 2)], 'both');
    expect(late.results.map((result) => result.status)).toEqual(['accepted', 'accepted']);

    // Published versions never change: saving one again is refused and names the next version.
    for (const version of [1, 2]) {
      const again = await saveDraft(admin.token, { ...edited, version });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toBe(`version ${version} is published and never changes: save the edit as version 3`);
    }
    expect((await getVersion(admin.token, 2)).json().definition).toEqual(edited);
    expect((await getVersion(admin.token, 1)).json().definition).toEqual(elderlyV1);
  });

  it('refuses a skipped version number, another audience and a path that names another questionnaire', async () => {
    server = await startTestApp();
    const admin = await as('demo-admin');
    const skipped = await saveDraft(admin.token, { ...elderlyV2(), version: 3 });
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json().error.message).toBe('version 3 is not the next one: save the edit as version 2');
    const audience = await saveDraft(admin.token, { ...elderlyV2(), audience: 'adult' });
    expect(audience.statusCode).toBe(409);
    expect(audience.json().error.message).toContain('a new audience needs a new questionnaire id');
    const path = await saveDraft(admin.token, elderlyV2(), 'work-unit');
    expect(path.statusCode).toBe(400);
    expect(path.json().error.message).toBe('definition.id: resident-elderly is not work-unit');
    const list = (await server.app.inject({ method: 'GET', url: '/api/questionnaires', headers: { authorization: `Bearer ${admin.token}` } })).json();
    expect(list.versions).toHaveLength(3);
  });

  it('says what is wrong with an invalid definition and stores nothing', async () => {
    server = await startTestApp();
    const admin = await as('demo-admin');
    const backwards = elderlyV2();
    // The grid-visit satisfaction item moved before the question it depends on.
    const gate = backwards.items.findIndex((item) => item.id === 'grid_visited');
    const [dependent] = backwards.items.splice(gate + 1, 1);
    backwards.items.unshift(dependent!);
    const response = await saveDraft(admin.token, backwards);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('item "sat_sd_grid_visits" depends on "grid_visited", which is not an earlier item');

    const tooMany = elderlyV2();
    tooMany.items = Array.from({ length: 501 }, (_, i) => ({ ...elderlyV1.items.at(-1)!, id: `comment_${i}`, relevant: undefined }));
    const bounded = await saveDraft(admin.token, tooMany);
    expect(bounded.statusCode).toBe(400);
    expect(bounded.json().error.message).toMatch(/items.*500/);
    expect((await getVersion(admin.token, 2)).statusCode).toBe(404);
  });

  it('publishes into an open round only, all or nothing', async () => {
    server = await startTestApp();
    const admin = await as('demo-admin');
    expect((await saveDraft(admin.token, elderlyV2())).statusCode).toBe(201);
    const transition = await server.app.inject({ method: 'POST', url: '/api/rounds/2026-H1/transitions', headers: { authorization: `Bearer ${admin.token}` }, payload: { action: 'close' } });
    expect(transition.statusCode).toBe(200);
    const refused = await publish(admin.token, 2, '2026-H1');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('a closed round keeps the questionnaires it used');
    expect((await getVersion(admin.token, 2)).json().summary).toMatchObject({ state: 'draft', publishedAt: null, rounds: [] });
    expect((await publish(admin.token, 2)).json().version).toMatchObject({ state: 'published', rounds: [] });
    expect((await publish(admin.token, 9)).statusCode).toBe(404);
  });
});

describe('questionnaire XLSX files', () => {
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  function importFile(token: string, bytes: Buffer) {
    return server.app.inject({ method: 'POST', url: '/api/questionnaires/import', headers: { authorization: `Bearer ${token}`, 'content-type': xlsx }, payload: bytes });
  }

  it('exports a version laid out like XLSForm and imports it back as the same definition', async () => {
    server = await startTestApp();
    const admin = await as('demo-admin');
    for (const definition of defaultQuestionnaires) {
      const exported = await server.app.inject({ method: 'GET', url: `/api/questionnaires/${definition.id}/versions/1/xlsx`, headers: { authorization: `Bearer ${admin.token}` } });
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe(xlsx);
      expect(exported.headers['content-disposition']).toBe(`attachment; filename="${definition.id}-v1.xlsx"`);
      const imported = await importFile(admin.token, exported.rawPayload);
      expect(imported.statusCode).toBe(200);
      expect(imported.json().definition).toEqual(definition);
    }
    const workbook = new ExcelJS.Workbook();
    const file = await server.app.inject({ method: 'GET', url: '/api/questionnaires/resident-elderly/versions/1/xlsx', headers: { authorization: `Bearer ${admin.token}` } });
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['survey', 'choices', 'settings']);
    const survey = workbook.getWorksheet('survey')!;
    expect(survey.getRow(1).values).toEqual(expect.arrayContaining(['type', 'name', 'label::Chinese (zh)', 'relevant', 'dimension', 'indicator', 'evaluation', 'level']));
    expect(survey.getRow(2).getCell(1).text).toBe('select_one satisfaction');
  });

  it('lists the problems of a file by sheet and row, and refuses what is not a questionnaire workbook', async () => {
    server = await startTestApp();
    const admin = await as('demo-admin');
    const exported = await server.app.inject({ method: 'GET', url: '/api/questionnaires/resident-elderly/versions/1/xlsx', headers: { authorization: `Bearer ${admin.token}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    workbook.getWorksheet('survey')!.getRow(3).getCell(1).value = 'geopoint';
    workbook.getWorksheet('settings')!.getRow(2).getCell(5).value = 'children';
    const broken = await importFile(admin.token, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toBe('settings row 2: audience must be one of elderly, adult, work_unit; survey row 3: type "geopoint" is not one we read (select_one, select_multiple, integer, decimal, text)');
    // Every problem, machine-readable by sheet, row, column and reason, for the app to say in words.
    expect(broken.json().problems.map((p: { sheet: string; row: number; column?: string; reason: string; value?: string }) => [p.sheet, p.row, p.column, p.reason, p.value])).toEqual([
      ['settings', 2, 'audience', 'invalid_value', 'children'],
      ['survey', 3, 'type', 'unknown_type', 'geopoint'],
    ]);

    workbook.removeWorksheet(workbook.getWorksheet('choices')!.id);
    const missing = await importFile(admin.token, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(missing.json().error.message).toBe('the workbook needs the sheets survey, choices and settings; missing: choices');
    expect(missing.json()).toMatchObject({ file: 'sheets_missing', missingSheets: ['choices'], problems: [] });
    const notXlsx = await importFile(admin.token, Buffer.from('type,name\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.message).toBe('the file is not an XLSX workbook');
    expect(notXlsx.json().file).toBe('not_xlsx');
  });
});
