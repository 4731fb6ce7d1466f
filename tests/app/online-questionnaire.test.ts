import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOnlineI18n } from '../../src/app/online/locale';
import OnlineQuestionnairePage from '../../src/app/pages/online/OnlineQuestionnairePage.vue';
import type { OnlineSurvey } from '../../src/shared/online';
import type { QuestionItem, QuestionnaireDefinition } from '../../src/shared/questionnaire/definition';
import { eventually } from '../helpers/app/mount';
import { jsonResponse, stubFetch } from '../helpers/app/network';

const roundId = '2026-H1';
const communityId = 'yijiangmen-c01';

function satisfaction(id: string, zh: string): QuestionItem {
  return { id, kind: 'satisfaction', text: { zh, en: id }, indicatorId: 'pb_org_service', evaluation: 'positive', level: 'community', constraints: { required: true } };
}

function questionnaire(audience: QuestionnaireDefinition['audience'], items: QuestionItem[], elderlyMode?: boolean): QuestionnaireDefinition {
  return { id: `online-${audience.replace('_', '-')}`, version: 1, audience, title: { zh: `${audience} 问卷`, en: `${audience} questionnaire` }, items, ...(elderlyMode ? { elderlyMode } : {}) };
}

function survey(overrides: Partial<OnlineSurvey> = {}): OnlineSurvey {
  return {
    roundId,
    open: true,
    community: { id: communityId, subdistrictId: 'yijiangmen', nameZh: '挹江门第一社区', nameEn: 'Yijiangmen 1' },
    questionnaires: [
      questionnaire('adult', [satisfaction('sat_pb_org_service', '您对社区党组织的服务满意吗？')]),
      questionnaire('elderly', [satisfaction('sat_pb_org_service', '您对社区党组织的服务满意吗？'), satisfaction('sat_env', '您对小区环境满意吗？')], true),
      questionnaire('work_unit', [satisfaction('sat_pb_org_service', '贵单位对社区服务满意吗？')]),
    ],
    minimumAnsweringMs: 0,
    ...overrides,
  };
}

function mountPage() {
  setActivePinia(createPinia());
  return mount(OnlineQuestionnairePage, { props: { roundId, communityId }, attachTo: document.body, global: { plugins: [createOnlineI18n('zh-CN')] } });
}

/** The body of the n-th request sent, parsed. */
function sentBody(fetchMock: ReturnType<typeof stubFetch>, n: number): Record<string, unknown> {
  const init = (fetchMock.mock.calls as unknown as Array<[string, RequestInit]>)[n]![1];
  return JSON.parse(String(init.body)) as Record<string, unknown>;
}

async function answerAdultQuestionnaire(wrapper: ReturnType<typeof mountPage>): Promise<void> {
  await eventually(() => expect(wrapper.find('[data-audience="adult"]').exists()).toBe(true));
  await wrapper.get('[data-audience="adult"]').trigger('click');
  await eventually(() => expect(wrapper.find('input[value="satisfied"]').exists()).toBe(true));
  await wrapper.get('input[value="satisfied"]').setValue(true);
  await wrapper.get('.form-runner .steps button.primary').trigger('click');
  await eventually(() => expect(wrapper.find('.submit-bar button').exists()).toBe(true));
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the resident’s online questionnaire', () => {
  it('promises the time its longest questionnaire takes, from the questions themselves', async () => {
    const nineteen = Array.from({ length: 19 }, (_, index) => satisfaction(`sat_${index}`, `第 ${index + 1} 个问题`));
    stubFetch(jsonResponse(200, survey({ questionnaires: [questionnaire('adult', nineteen.slice(0, 6)), questionnaire('elderly', nineteen, true)] })));
    const wrapper = mountPage();
    await eventually(() => expect(wrapper.findAll('[data-audience]')).toHaveLength(2));
    // 19 questions read and tapped at 10 s each: 3 min 10 s, promised as 4 minutes.
    expect(wrapper.get('.intro').text()).toBe('本问卷不记录您的姓名、电话和住址，约需 4 分钟。每部手机每轮只能为一个社区提交一次。');
    wrapper.unmount();
  });

  it('asks who is answering, with nothing chosen, and then shows that audience’s questionnaire', async () => {
    const fetchMock = stubFetch(jsonResponse(200, survey()));
    const wrapper = mountPage();
    await eventually(() => expect(wrapper.findAll('[data-audience]')).toHaveLength(3));
    expect((fetchMock.mock.calls as unknown as Array<[string]>)[0]![0]).toBe(`/api/online/rounds/${roundId}/communities/${communityId}`);
    expect(wrapper.text()).toContain('请选择您的身份');
    expect(wrapper.findAll('[data-audience]').map((b) => b.find('.label').text())).toEqual(['中青年居民', '老年居民', '驻区单位']);
    expect(wrapper.find('.form-runner').exists()).toBe(false);

    await wrapper.get('[data-audience="work_unit"]').trigger('click');
    await eventually(() => expect(wrapper.find('.form-runner').exists()).toBe(true));
    expect(wrapper.get('h1').text()).toBe('work_unit 问卷');
    expect(wrapper.text()).toContain('贵单位对社区服务满意吗？');
    expect(wrapper.find('.form-runner.large').exists()).toBe(false);
    expect((wrapper.get('.elderly-toggle input').element as HTMLInputElement).checked).toBe(false);
    wrapper.unmount();
  });

  it('opens the elderly questionnaire in elderly mode (one large question per screen), which the resident can turn off, and keeps the answers on the phone', async () => {
    stubFetch(jsonResponse(200, survey()), jsonResponse(200, survey()));
    const wrapper = mountPage();
    await eventually(() => expect(wrapper.find('[data-audience="elderly"]').exists()).toBe(true));
    await wrapper.get('[data-audience="elderly"]').trigger('click');
    await eventually(() => expect(wrapper.find('.form-runner.large').exists()).toBe(true));
    expect((wrapper.get('.elderly-toggle input').element as HTMLInputElement).checked).toBe(true);
    expect(wrapper.text()).toContain('第 1 题，共 2 题');
    expect(wrapper.text()).not.toContain('您对小区环境满意吗？');
    await wrapper.get('input[value="very_satisfied"]').setValue(true);

    await wrapper.get('.elderly-toggle input').setValue(false);
    await eventually(() => expect(wrapper.find('.form-runner.large').exists()).toBe(false));
    expect(wrapper.text()).toContain('您对小区环境满意吗？');
    wrapper.unmount();

    // Reopened (a reload, or the phone's browser came back): the same audience, mode and answer.
    const again = mountPage();
    await eventually(() => expect(again.find('.form-runner').exists()).toBe(true));
    expect(again.find('.form-runner.large').exists()).toBe(false);
    expect((again.get('input[value="very_satisfied"]').element as HTMLInputElement).checked).toBe(true);
    again.unmount();
  });

  it('submits once with a random device token and no honeypot value, then thanks the resident, also after a reload', async () => {
    const fetchMock = stubFetch(jsonResponse(200, survey()));
    const wrapper = mountPage();
    await answerAdultQuestionnaire(wrapper);
    expect(wrapper.text()).toContain('您对社区党组织的服务满意吗？');
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { submissionId: '01890a5d-ac96-774b-bcce-b302099a8060', status: 'accepted' }));
    await wrapper.get('.submit-bar button').trigger('click');
    await eventually(() => expect(wrapper.text()).toContain('提交成功，感谢您的参与！'));
    expect(wrapper.text()).toContain('挹江门第一社区');

    const [url, init] = (fetchMock.mock.calls as unknown as Array<[string, RequestInit]>)[1]!;
    expect(url).toBe(`/api/online/rounds/${roundId}/communities/${communityId}/responses`);
    expect(init.method).toBe('POST');
    const body = sentBody(fetchMock, 1);
    expect(body).toMatchObject({ questionnaireId: 'online-adult', questionnaireVersion: 1, answers: { sat_pb_org_service: 'satisfied' } });
    expect(body.deviceToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body).not.toHaveProperty('website');
    expect(new Headers(init.headers).get('authorization')).toBeNull();
    wrapper.unmount();

    const again = mountPage();
    await eventually(() => expect(again.text()).toContain('提交成功，感谢您的参与！'));
    expect(fetchMock).toHaveBeenCalledTimes(2);
    again.unmount();
  });

  it('keeps the answers while offline and sends the same submission when the network returns', async () => {
    const fetchMock = stubFetch(jsonResponse(200, survey()));
    const wrapper = mountPage();
    await answerAdultQuestionnaire(wrapper);
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await wrapper.get('.submit-bar button').trigger('click');
    await eventually(() => expect(wrapper.text()).toContain('答案已保存在手机上'));

    fetchMock.mockResolvedValueOnce(jsonResponse(201, { submissionId: '01890a5d-ac96-774b-bcce-b302099a8061', status: 'accepted' }));
    window.dispatchEvent(new Event('online'));
    await eventually(() => expect(wrapper.text()).toContain('提交成功，感谢您的参与！'));
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(sentBody(fetchMock, 2)).toEqual(sentBody(fetchMock, 1));
    wrapper.unmount();
  });

  it('waits to resend as the sync engine does: its jittered backoff, not a fixed 2 s', async () => {
    const fetchMock = stubFetch(jsonResponse(200, survey()));
    const wrapper = mountPage();
    await answerAdultQuestionnaire(wrapper);
    vi.spyOn(Math, 'random').mockReturnValue(0.25);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await wrapper.get('.submit-bar button').trigger('click');
    await eventually(() => expect(wrapper.text()).toContain('答案已保存在手机上'));
    // backoffDelay(0, 0.25): a quarter of the first second.
    expect(timers).toHaveBeenCalledWith(expect.any(Function), 250);
    vi.restoreAllMocks();
    wrapper.unmount();
  });

  it('says kindly that the round has closed, and shows no questionnaire', async () => {
    stubFetch(jsonResponse(200, survey({ open: false, questionnaires: [] })));
    const wrapper = mountPage();
    await eventually(() => expect(wrapper.text()).toContain('本轮评价已经结束'));
    expect(wrapper.text()).toContain('2026年上半年的网上评价已截止');
    expect(wrapper.get('a').attributes('href')).toBe('/results');
    expect(wrapper.find('[data-audience]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('says so when the round closed while the answers waited, or when this phone has already answered', async () => {
    const closing = stubFetch(jsonResponse(200, survey()));
    const wrapper = mountPage();
    await answerAdultQuestionnaire(wrapper);
    closing.mockResolvedValueOnce(jsonResponse(409, { error: { code: 'round_closed', message: 'closed' } }));
    await wrapper.get('.submit-bar button').trigger('click');
    await eventually(() => expect(wrapper.text()).toContain('本轮评价已经结束'));
    wrapper.unmount();
    localStorage.clear();

    const answered = stubFetch(jsonResponse(200, survey()));
    const second = mountPage();
    await answerAdultQuestionnaire(second);
    answered.mockResolvedValueOnce(jsonResponse(409, { error: { code: 'already_answered', message: 'already' } }));
    await second.get('.submit-bar button').trigger('click');
    await eventually(() => expect(second.text()).toContain('这部手机已经提交过了'));
    second.unmount();
  });

  it('asks a resident who answered faster than the round allows to check the answers, sending nothing', async () => {
    const fetchMock = stubFetch(jsonResponse(200, survey({ minimumAnsweringMs: 600_000 })));
    const wrapper = mountPage();
    await answerAdultQuestionnaire(wrapper);
    await wrapper.get('.submit-bar button').trigger('click');
    await eventually(() => expect(wrapper.text()).toMatch(/您答得比较快，请再花 \d+ 秒核对一下答案后提交。/));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    wrapper.unmount();
  });

  it('sends the ticket of the page first opened, also when a reload mid-answer brings a newer one', async () => {
    const firstTicket = `${Date.parse('2026-03-02T09:00:00Z')}.${'a'.repeat(43)}`;
    const laterTicket = `${Date.parse('2026-03-02T09:02:00Z')}.${'b'.repeat(43)}`;
    stubFetch(jsonResponse(200, survey({ pageTicket: firstTicket })));
    const wrapper = mountPage();
    await eventually(() => expect(wrapper.find('[data-audience="adult"]').exists()).toBe(true));
    await wrapper.get('[data-audience="adult"]').trigger('click');
    await eventually(() => expect(wrapper.find('input[value="satisfied"]').exists()).toBe(true));
    wrapper.unmount();

    const fetchMock = stubFetch(jsonResponse(200, survey({ pageTicket: laterTicket })));
    const reloaded = mountPage();
    await eventually(() => expect(reloaded.find('input[value="satisfied"]').exists()).toBe(true));
    await reloaded.get('input[value="satisfied"]').setValue(true);
    await reloaded.get('.form-runner .steps button.primary').trigger('click');
    await eventually(() => expect(reloaded.find('.submit-bar button').exists()).toBe(true));
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { submissionId: '01890a5d-ac96-774b-bcce-b302099a8060', status: 'accepted' }));
    await reloaded.get('.submit-bar button').trigger('click');
    await eventually(() => expect(reloaded.text()).toContain('提交成功，感谢您的参与！'));
    expect(sentBody(fetchMock, 1).pageTicket).toBe(firstTicket);
    reloaded.unmount();
  });
});
