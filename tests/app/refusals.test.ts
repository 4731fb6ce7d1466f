import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyPushResults } from '../../src/app/db/outbox';
import { applyPulledChanges } from '../../src/app/db/pulled';
import { saveFinalised } from '../../src/app/db/records';
import { saveSession } from '../../src/app/db/session';
import { satisfactionScale } from '../../src/shared/questionnaire/scale';
import type { RefusalDetail, RefusalOutcome, RefusalSummary } from '../../src/shared/refusals';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { visitRecord } from '../../scripts/harness/records';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, workerLogin } from '../helpers/app/network';

afterEach(() => vi.unstubAllGlobals());

const supervisorLogin = { ...workerLogin, user: { ...workerLogin.user, id: 'sup-1', username: 'demo-supervisor', name: '演示考评办', role: 'supervisor' as const, scope: { level: 'district' as const, ids: ['gulou'] } } };
const organisation = {
  subdistricts: [{ id: 'yijiangmen', nameZh: '挹江门街道', nameEn: 'Yijiangmen' }],
  communities: [{ id: 'yijiangmen-c01', subdistrictId: 'yijiangmen', nameZh: '挹江门第一社区', nameEn: 'Yijiangmen 1' }],
  departments: [],
};
const refusalId = '0190f5f2-7d1a-7000-8000-0000000000a1';
const recordId = '0190f5f2-7d1a-7000-8000-00000000aa01';
const refused: RefusalSummary = {
  id: refusalId,
  status: 'rejected',
  recordId,
  kind: 'visit',
  schemaVersion: 1,
  recordHash: 'a'.repeat(64),
  code: 'invalid',
  message: 'data.roundId: unknown round 2030-H2',
  deviceId: 'phone-of-wang-0001',
  pushedBy: { id: 'w-1', username: 'demo-worker', name: '演示网格员' },
  communityId: 'yijiangmen-c01',
  subdistrictId: 'yijiangmen',
  receivedAt: '2026-04-10T10:00:00.000Z',
  decision: null,
};
const visitData = {
  authorId: 'w-1',
  deviceId: 'phone-of-wang-0001',
  createdAt: '2026-04-10T09:00:00.000Z',
  finalisedAt: '2026-04-10T09:05:00.000Z',
  householdId: '0190f5f2-7d1a-7000-8000-00000000bb01',
  communityId: 'yijiangmen-c01',
  roundId: '2030-H2',
  outcome: 'nobody_home',
};
const detail: RefusalDetail = { ...refused, payload: { id: recordId, kind: 'visit', schemaVersion: 1, hash: 'a'.repeat(64), data: visitData }, payloadChars: 400, conflictsWith: null, corrected: null };

/** The server, outside the app: each request answered by its method and path, and remembered. */
function stubServer(answer: (method: string, path: string, body: unknown) => unknown) {
  const requests: Array<{ method: string; path: string; body: unknown }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      requests.push({ method, path: url, body });
      const answered = answer(method, url, body);
      if (answered === undefined) throw new TypeError('Failed to fetch');
      return jsonResponse(200, answered);
    }),
  );
  return requests;
}

async function openRefused() {
  await saveSession(supervisorLogin);
  const { wrapper } = await mountApp('/office/refusals');
  const row = await eventually(() => wrapper.get(`tr[data-refusal="${refusalId}"]`));
  return { wrapper, row };
}

describe('the office’s refused records', () => {
  it('lists each refused record with the device’s reason, and accepts a corrected version of the field that failed', async () => {
    const accepted: RefusalSummary = { ...refused, decision: { decision: 'accepted', reason: null, correctedRecordId: '0190f5f2-7d1a-7000-8000-00000000cc01', decidedBy: { id: 'sup-1', name: '演示考评办' }, decidedAt: '2026-04-10T11:00:00.000Z' } };
    let decided = false;
    const requests = stubServer((method, path) => {
      if (path === '/api/refusals?state=open') return { refusals: [refused], total: 1 };
      if (path === '/api/organisation') return organisation;
      if (path === `/api/refusals/${refusalId}`) return decided ? { ...detail, ...accepted } : detail;
      if (method === 'POST' && path === `/api/refusals/${refusalId}/accept`) {
        decided = true;
        return { refusal: accepted };
      }
      return undefined;
    });
    const { wrapper, row } = await openRefused();
    expect(row.text()).toContain('演示网格员');
    expect(row.text()).toContain('挹江门第一社区');
    expect(row.text()).toContain('走访记录');
    expect(row.text()).toContain('测评轮次：找不到对应的内容（可能未发布或已删除）');
    expect(row.text()).not.toContain('unknown round');
    expect(wrapper.get('.refusals-page [role="status"]').text()).toBe('符合条件的共 1 条');

    await row.get('button.link').trigger('click');
    const form = await eventually(() => wrapper.get('form.correction'));
    const failed = form.findAll('.field.failed');
    expect(failed.map((field) => field.get('label').text())).toEqual(['测评轮次 出错']);
    expect((form.get('#correction-outcome').element as HTMLSelectElement).selectedOptions[0]!.text).toBe('无人在家');
    expect(form.find('#correction-authorId').exists()).toBe(false);
    await form.get('#correction-roundId').setValue('2026-H1');
    await form.trigger('submit');
    await eventually(() => expect(wrapper.get('.detail .decided').text()).toContain('已接受更正'));
    const accept = requests.find((r) => r.method === 'POST')!;
    expect(accept.path).toBe(`/api/refusals/${refusalId}/accept`);
    expect(accept.body).toEqual({ data: { ...visitData, roundId: '2026-H1' } });
    expect(wrapper.find('form.correction').exists()).toBe(false);
    // Decided, it is no longer 待处理: out of the list, the detail still shows the decision.
    expect(wrapper.find(`tr[data-refusal="${refusalId}"]`).exists()).toBe(false);
    expect(wrapper.get('.refusals-page [role="status"]').text()).toBe('符合条件的共 0 条');
    wrapper.unmount();
  }, 30_000);

  it('dismisses only with a reason', async () => {
    const dismissed: RefusalSummary = { ...refused, decision: { decision: 'dismissed', reason: '重复录入', correctedRecordId: null, decidedBy: { id: 'sup-1', name: '演示考评办' }, decidedAt: '2026-04-10T11:00:00.000Z' } };
    const requests = stubServer((method, path) => {
      if (path === '/api/refusals?state=open') return { refusals: [refused], total: 1 };
      if (path === '/api/organisation') return organisation;
      if (path === `/api/refusals/${refusalId}`) return requests.some((r) => r.method === 'POST') ? { ...detail, ...dismissed } : detail;
      if (method === 'POST' && path === `/api/refusals/${refusalId}/dismiss`) return { refusal: dismissed };
      return undefined;
    });
    const { wrapper, row } = await openRefused();
    await row.get('button.link').trigger('click');
    await (await eventually(() => wrapper.get('button.open-dismiss'))).trigger('click');
    const dialog = wrapper.get('dialog.dismiss-dialog');
    await dialog.get('form').trigger('submit');
    expect(dialog.get('[role="alert"]').text()).toBe('请填写驳回原因。');
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);

    await dialog.get('#dismiss-reason').setValue(' 重复录入 ');
    await dialog.get('form').trigger('submit');
    await eventually(() => expect(wrapper.get('.detail .decided').text()).toContain('已驳回：重复录入'));
    expect(requests.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', path: `/api/refusals/${refusalId}/dismiss`, body: { reason: '重复录入' } }]);
    expect(wrapper.find(`tr[data-refusal="${refusalId}"]`).exists()).toBe(false);
    wrapper.unmount();
  }, 30_000);

  it('speaks Chinese about an officer’s refused report: the reason, the field labels, and the report as chosen', async () => {
    const reportData = {
      authorId: 'o-1',
      deviceId: 'phone-of-li-0001',
      createdAt: '2026-04-10T09:00:00.000Z',
      finalisedAt: '2026-04-10T09:05:00.000Z',
      communityId: 'yijiangmen-c01',
      caseId: '0190f5f2-7d1a-7000-8000-00000000dd01',
      action: 'report_fixed',
      note: ' ',
      photos: [],
    };
    const report: RefusalSummary = { ...refused, kind: 'case_report', message: 'data.note: must say what was done' };
    stubServer((_method, path) => {
      if (path === '/api/refusals?state=open') return { refusals: [report], total: 1 };
      if (path === '/api/organisation') return organisation;
      if (path === `/api/refusals/${refusalId}`) return { ...report, payload: { id: recordId, kind: 'case_report', schemaVersion: 1, hash: 'a'.repeat(64), data: reportData }, payloadChars: 400, conflictsWith: null, corrected: null };
      return undefined;
    });
    const { wrapper, row } = await openRefused();
    expect(row.text()).toContain('说明：请写明做了什么');
    await row.get('button.link').trigger('click');
    const form = await eventually(() => wrapper.get('form.correction'));
    expect(form.findAll('label').map((label) => label.text())).toEqual(['说明 出错', '社区', '案件', '上报内容', '照片']);
    expect((form.get('#correction-action').element as HTMLSelectElement).selectedOptions[0]!.text).toBe('报告已整改');
    expect(wrapper.get('.detail .reason-line').text()).toBe('说明：请写明做了什么');
    expect(form.text()).not.toMatch(/must say|note|communityId|caseId|report_fixed/);
    wrapper.unmount();
  }, 30_000);

  it('corrects a refused response’s answers with the form engine of its questionnaire version', async () => {
    const elderly = defaultQuestionnaires.find((q) => q.id === 'resident-elderly')!;
    const [first, second] = elderly.items.filter((item) => item.kind === 'satisfaction');
    const definition = { ...elderly, items: [first!, second!] };
    const best = satisfactionScale[0]!;
    const answers = { [first!.id]: 'bogus', [second!.id]: best.id };
    const responseData = { ...visitData, questionnaireId: 'resident-elderly', questionnaireVersion: 1, audience: 'elderly', roundId: '2026-H1', channel: 'field', answers };
    delete (responseData as Partial<typeof visitData>).householdId;
    delete (responseData as Partial<typeof visitData>).outcome;
    const response: RefusalSummary = { ...refused, kind: 'response', message: `data.answers.${first!.id}: not_an_option` };
    const responseDetail: RefusalDetail = { ...response, payload: { id: recordId, kind: 'response', schemaVersion: 1, hash: 'a'.repeat(64), data: responseData }, payloadChars: 600, conflictsWith: null, corrected: null };
    const requests = stubServer((method, path) => {
      if (path === '/api/refusals?state=open') return { refusals: [response], total: 1 };
      if (path === '/api/organisation') return organisation;
      if (path === `/api/refusals/${refusalId}`) return responseDetail;
      if (path === '/api/questionnaires/resident-elderly/versions/1') return { summary: { questionnaireId: 'resident-elderly', version: 1, state: 'published', audience: 'elderly', title: elderly.title, items: 2, createdAt: '2026-01-01T00:00:00.000Z', createdBy: null, publishedAt: '2026-01-01T00:00:00.000Z', rounds: ['2026-H1'] }, definition };
      if (method === 'POST') return { refusal: { ...response, decision: { decision: 'accepted', reason: null, correctedRecordId: '0190f5f2-7d1a-7000-8000-00000000cc02', decidedBy: { id: 'sup-1', name: '演示考评办' }, decidedAt: '2026-04-10T11:00:00.000Z' } } };
      return undefined;
    });
    const { wrapper, row } = await openRefused();
    await row.get('button.link').trigger('click');
    const form = await eventually(() => wrapper.get('form.correction .answers'));
    // The answers are the form engine's, not fields.
    expect(wrapper.find(`#correction-answers\\.${first!.id}`).exists()).toBe(false);
    const firstQuestion = form.findAll('fieldset').find((fieldset) => fieldset.text().includes(first!.text.zh))!;
    await firstQuestion.findAll('input[type="radio"]').find((input) => input.attributes('value') === best.id)!.setValue(true);
    await form.findAll('button').find((button) => button.text() === '完成，核对答案')!.trigger('click');
    await eventually(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    const accept = requests.find((r) => r.method === 'POST')!;
    expect(accept.path).toBe(`/api/refusals/${refusalId}/accept`);
    expect((accept.body as { data: { answers: unknown } }).data.answers).toEqual({ [first!.id]: best.id, [second!.id]: best.id });
    wrapper.unmount();
  }, 30_000);

  it('the supervisor’s home says how many refused records wait for a decision', async () => {
    stubServer((_method, path) => (path === '/api/refusals?state=open&limit=1' ? { refusals: [refused], total: 3 } : undefined));
    await saveSession(supervisorLogin);
    const { wrapper } = await mountApp('/');
    const link = await eventually(() => {
      const found = wrapper.get('a.refusals-link');
      expect(found.text()).toBe('处理被退回的记录（3）');
      return found;
    });
    expect(link.attributes('href')).toBe('/office/refusals');
    await flushPromises();
    wrapper.unmount();
  }, 30_000);
});

describe('the device told of the office’s decision', () => {
  it('shows a refused record as handled by the office once, then no longer as a problem', async () => {
    await saveSession(workerLogin);
    const record = visitRecord({ id: workerLogin.user.id, communityId: 'yijiangmen-c01' }, { roundId: '2030-H2' });
    await saveFinalised([record]);
    await applyPushResults([{ id: record.id, status: 'rejected', code: 'invalid', error: 'data.roundId: unknown round 2030-H2' }], new Date().toISOString());
    const outcome: RefusalOutcome = { refusalId, recordId: record.id, recordHash: record.hash, decision: 'dismissed', reason: '该轮次不存在', correctedRecordId: null, decidedAt: '2026-04-10T11:00:00.000Z' };
    await applyPulledChanges([{ seq: 7, kind: 'refusal_outcome', id: refusalId, data: outcome, deleted: false }], '7');

    const first = await mountApp('/sync');
    const handled = await eventually(() => first.wrapper.get('section[aria-label="办公室已处理"]'));
    expect(handled.text()).toContain('走访记录');
    expect(handled.text()).toContain('办公室已驳回：该轮次不存在');
    expect(first.wrapper.get('section[aria-label="需要处理的记录"]').text()).toContain('没有被退回或冲突的记录。');
    first.wrapper.unmount();

    const again = await mountApp('/sync');
    await eventually(() => expect(again.wrapper.get('section[aria-label="需要处理的记录"]').text()).toContain('没有被退回或冲突的记录。'));
    expect(again.wrapper.find('section[aria-label="办公室已处理"]').exists()).toBe(false);
    again.wrapper.unmount();
  }, 30_000);
});
