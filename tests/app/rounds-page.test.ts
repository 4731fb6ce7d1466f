import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import type { RoundDetail, RoundSummary } from '../../src/shared/rounds/api';
import { transitionRound, type RoundAction } from '../../src/shared/rounds/lifecycle';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, workerLogin } from '../helpers/app/network';
import { roundDetail, roundSummary, subdistrictScores } from '../helpers/app/scores';

afterEach(() => vi.unstubAllGlobals());

const supervisorLogin = { ...workerLogin, token: 'token-of-the-supervisor', user: { ...workerLogin.user, role: 'supervisor' as const, scope: { level: 'district' as const, ids: ['gulou'] } } };
const organisation = {
  subdistricts: [{ id: 'yijiangmen', nameZh: '挹江门街道', nameEn: 'Yijiangmen' }],
  communities: [{ id: 'yijiangmen-c01', subdistrictId: 'yijiangmen', nameZh: '挹江门第一社区', nameEn: 'Yijiangmen 1' }],
  departments: [],
};

/**
 * The rounds API as the server keeps it, in memory: the lifecycle rules are the shared ones, so a
 * refused move answers 409 as the server does. Records every write for the assertions.
 */
function fakeRoundsApi(initial: RoundDetail[]) {
  const rounds = new Map(initial.map((round) => [round.id, round]));
  const late = [{ responseId: 'late-1', communityId: 'yijiangmen-c01', audience: 'elderly', channel: 'field', authorName: '王伟', receivedAt: '2026-01-06T09:00:00.000Z', decision: null as 'admitted' | 'excluded' | null }];
  const writes: Array<{ method: string; path: string; body: unknown }> = [];
  const summary = ({ settings: _s, counts: _c, history: _h, ...rest }: RoundDetail): RoundSummary => rest;
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    if (method !== 'GET') writes.push({ method, path, body });
    if (path === '/api/organisation') return jsonResponse(200, organisation);
    if (path === '/api/rounds' && method === 'GET') return jsonResponse(200, { rounds: [...rounds.values()].map(summary) });
    if (path === '/api/rounds' && method === 'POST') {
      const created = roundDetail(roundSummary(body.id, 'draft'));
      rounds.set(body.id, { ...created, counts: { ...created.counts, received: 0, counted: 0, late: 0, lateAdmitted: 0, voided: 0 } });
      return jsonResponse(201, { round: summary(rounds.get(body.id)!) });
    }
    const [, , , roundId, rest, responseId, decisionPath] = path.split('/');
    const round = rounds.get(roundId ?? '');
    if (!round) return jsonResponse(404, { error: { code: 'not_found', message: `no ${path}` } });
    if (rest === undefined) return jsonResponse(200, round);
    if (rest === 'late-responses') return jsonResponse(200, { roundId, responses: late });
    if (rest === 'scores') return jsonResponse(200, subdistrictScores(round.id));
    if (rest === 'responses' && decisionPath === 'late-decision') {
      late.find((response) => response.responseId === responseId)!.decision = body.decision;
      round.counts = { ...round.counts, latePending: late.filter((response) => response.decision === null).length };
      return jsonResponse(200, { responseId, decision: body.decision });
    }
    if (rest === 'settings') {
      Object.assign(round, { settings: body.settings, settingsVersion: round.settingsVersion + 1 });
      return jsonResponse(200, { round: summary(round) });
    }
    if (rest === 'transitions') {
      const outcome = transitionRound(round.state, body.action as RoundAction, body.reason);
      if (!outcome.ok) return jsonResponse(409, { error: { code: 'conflict', message: outcome.message } });
      round.state = outcome.state;
      round.history = [...round.history, { at: '2026-07-01T08:00:00.000Z', userId: 'u', action: body.action, fromState: null, toState: outcome.state, settingsVersion: round.settingsVersion, reason: body.reason ?? null }];
      return jsonResponse(200, { round: summary(round) });
    }
    return jsonResponse(404, { error: { code: 'not_found', message: `no ${path}` } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { rounds, writes };
}

async function click(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], name: string) {
  const button = await eventually(() => {
    const found = wrapper.findAll('button').find((candidate) => candidate.text() === name);
    expect(found, name).toBeDefined();
    return found!;
  });
  await button.trigger('click');
}

describe('the office’s rounds page', { timeout: 30_000 }, () => {
  it('is reached from the supervisor’s home and takes a round from draft to open, with a confirmation, settings editable only before', async () => {
    await saveSession(supervisorLogin);
    const api = fakeRoundsApi([roundDetail(roundSummary('2025-H2', 'published'))]);
    const { wrapper, router } = await mountApp('/');
    const link = await eventually(() => wrapper.get('section[aria-label="结果公开"] a'));
    expect(link.text()).toBe('管理测评轮次与结果发布');
    await router.push(link.attributes('href')!);
    await eventually(() => expect(wrapper.find('tr[data-round="2025-H2"]').text()).toContain('已公布'));
    // Nothing is chosen until the supervisor picks a round.
    expect(wrapper.find('.detail').exists()).toBe(false);

    await wrapper.get('#new-round-id').setValue('2026下半年');
    await wrapper.get('form.create').trigger('submit');
    await eventually(() => expect(wrapper.get('#new-round-problem').text()).toContain('2026-H2'));
    expect(api.writes).toEqual([]);

    await wrapper.get('#new-round-id').setValue('2026-H2');
    await wrapper.get('form.create').trigger('submit');
    await eventually(() => expect(wrapper.get('.detail h2').text()).toBe('2026年下半年：草稿'));
    expect(router.currentRoute.value.query.round).toBe('2026-H2');
    expect(api.writes[0]).toEqual({ method: 'POST', path: '/api/rounds', body: { id: '2026-H2' } });

    // A draft's settings are edited and saved as a new version.
    const minimum = wrapper.get('.detail input[id$="publicMinimumGroupSize"]');
    await minimum.setValue('12');
    await click(wrapper, '保存评分设置');
    await eventually(() => expect(api.rounds.get('2026-H2')!.settings.publicMinimumGroupSize).toBe(12));
    await eventually(() => expect(wrapper.get('[role="status"].status').text()).toBe('评分设置已保存为第 2 版。'));

    // Weights count in proportion: a sum other than 1 is said beside them before saving.
    expect(wrapper.findAll('.detail .shares').map((note) => note.text())).toEqual(['', '']);
    await wrapper.get('.detail input[id$="channel-field"]').setValue('0.7');
    await eventually(() => expect(wrapper.get('.detail .shares').text()).toBe('权重合计 1.1，不是 1：将按比例计算为 入户走访/实地调研 64%、网上评价 36%。'));

    // Opening asks for a confirmation first.
    await click(wrapper, '开始本轮调查');
    expect(api.rounds.get('2026-H2')!.state).toBe('draft');
    await click(wrapper, '确认：开始本轮调查');
    await eventually(() => expect(wrapper.get('.detail h2').text()).toBe('2026年下半年：进行中'));
    expect(wrapper.get('.detail input[id$="publicMinimumGroupSize"]').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('本轮已开始，评分设置已冻结');
    expect(wrapper.findAll('button').some((button) => button.text() === '保存评分设置')).toBe(false);
    expect(wrapper.get('.history').text()).toContain('开始调查');
    wrapper.unmount();
  });

  it('warns before publishing what the public page will withhold, and when it would show no score at all', async () => {
    await saveSession(supervisorLogin);
    // The fixture's 13 sub-districts count 600, 610, … 720 responses.
    const closed = roundDetail(roundSummary('2026-H1', 'closed'));
    const withMinimum = (minimum: number) => ({ ...closed, counts: { ...closed.counts, latePending: 0 }, settings: { ...closed.settings, publicMinimumGroupSize: minimum } });
    fakeRoundsApi([withMinimum(650)]);
    const { wrapper } = await mountApp('/office/rounds?round=2026-H1');
    await click(wrapper, '公布结果');
    await eventually(() => expect(wrapper.get('.confirm [role="alert"]').text()).toBe('注意：13 个街道中有 5 个有效样本少于 650，公开页面不显示它们的得分。'));
    wrapper.unmount();

    fakeRoundsApi([withMinimum(1000)]);
    const again = (await mountApp('/office/rounds?round=2026-H1')).wrapper;
    await click(again, '公布结果');
    await eventually(() => expect(again.get('.confirm [role="alert"]').text()).toBe('注意：13 个街道的有效样本都少于公开最小样本量 1000，公布后公开页面不会显示任何得分。'));
    again.unmount();
  });

  it('holds publishing back until every late questionnaire is decided, naming its community', async () => {
    await saveSession(supervisorLogin);
    const closed = roundDetail(roundSummary('2026-H1', 'closed'));
    const api = fakeRoundsApi([{ ...closed, counts: { ...closed.counts, late: 1, latePending: 1, lateAdmitted: 0 } }]);
    const { wrapper } = await mountApp('/office/rounds?round=2026-H1');
    await eventually(() => expect(wrapper.get('.detail h2').text()).toBe('2026年上半年：已结束'));
    expect(wrapper.text()).toContain('还有 1 份迟到问卷未处理');
    const publish = wrapper.findAll('.next button').find((button) => button.text() === '公布结果')!;
    expect(publish.attributes('disabled')).toBeDefined();

    const row = wrapper.get('tr[data-response="late-1"]');
    expect(row.text()).toContain('挹江门第一社区');
    expect(row.findAll('td').slice(1, 3).map((cell) => cell.text())).toEqual(['老年居民 · 入户走访/实地调研', '王伟']);
    expect(row.text()).toContain('待定');
    await click(wrapper, '计入');
    await eventually(() => expect(wrapper.get('tr[data-response="late-1"]').text()).toContain('已计入'));
    await eventually(() => expect(wrapper.findAll('.next button').find((button) => button.text() === '公布结果')!.attributes('disabled')).toBeUndefined());
    await click(wrapper, '公布结果');
    await click(wrapper, '确认：公布结果');
    await eventually(() => expect(wrapper.get('.detail h2').text()).toBe('2026年上半年：已公布'));
    expect(api.writes.map((write) => write.path)).toEqual(['/api/rounds/2026-H1/responses/late-1/late-decision', '/api/rounds/2026-H1/transitions']);

    // Unpublishing needs a reason: the confirmation stays disabled until one is written.
    await click(wrapper, '撤回公布');
    const confirm = wrapper.findAll('.confirm button').find((button) => button.text() === '确认：撤回公布')!;
    expect(confirm.attributes('disabled')).toBeDefined();
    expect(wrapper.get(`#${confirm.attributes('aria-describedby')}`).text()).toBe('写下撤回原因后才能确认。');
    await wrapper.get('#round-action-reason').setValue('发现录入错误，需要核对');
    await eventually(() => expect(wrapper.find('#round-action-why').exists()).toBe(false));
    await eventually(() => expect(wrapper.findAll('.confirm button').find((button) => button.text() === '确认：撤回公布')!.attributes('disabled')).toBeUndefined());
    await wrapper.get('.confirm').trigger('submit');
    await eventually(() => expect(wrapper.get('.detail h2').text()).toBe('2026年上半年：已结束'));
    expect(api.writes.at(-1)).toEqual({ method: 'POST', path: '/api/rounds/2026-H1/transitions', body: { action: 'unpublish', reason: '发现录入错误，需要核对' } });
    expect(wrapper.get('.history').text()).toContain('原因：发现录入错误，需要核对');
    wrapper.unmount();
  });
});
