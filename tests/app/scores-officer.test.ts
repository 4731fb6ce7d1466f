import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import { eventually, mountApp } from '../helpers/app/mount';
import { workerLogin } from '../helpers/app/network';
import { communityScores, roundDetail, roundSummary, stubApi, subdistrictScores } from '../helpers/app/scores';

vi.mock('vue-chartjs', () => ({ Chart: { name: 'Chart', render: () => null } }));

const officerLogin = { ...workerLogin, token: 'token-of-the-officer', user: { ...workerLogin.user, role: 'subdistrict_officer' as const, scope: { level: 'subdistrict' as const, ids: ['zhongyangmen'] } } };
const rounds = [roundSummary('2025-H2', 'published'), roundSummary('2025-H1', 'published')];

function api() {
  return stubApi({
    '/api/rounds': { rounds },
    '/api/rounds/2025-H2': roundDetail(rounds[0]!),
    '/api/rounds/2025-H2/scores?level=subdistrict': subdistrictScores('2025-H2'),
    '/api/rounds/2025-H1/scores?level=subdistrict': subdistrictScores('2025-H1', 2),
    '/api/rounds/2025-H2/scores?level=community&subdistrictId=zhongyangmen': communityScores('2025-H2', 'zhongyangmen'),
  });
}

beforeEach(() => saveSession(officerLogin));
afterEach(() => vi.unstubAllGlobals());

describe("the officer's own sub-district", { timeout: 20_000 }, () => {
  it('shows its score, rank interval among the 13, change since the last round, weakest indicators and communities', async () => {
    api();
    const { wrapper } = await mountApp('/office/scores/subdistricts/zhongyangmen');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.findAll('nav[aria-label="各社区得分"] a')).toHaveLength(3);
      expect(wrapper.text()).toContain('上一轮（2025年上半年）');
    }, { timeout: 10_000 });
    expect(wrapper.get('h1').text()).toBe('中央门街道');
    // The header counts the sub-district's responses, not the district's.
    expect(wrapper.get('.round-header .facts').text()).toContain('本街道有效样本 640 份');
    expect(wrapper.get('.round-header .facts').text()).not.toMatch(/^有效样本/);
    const summary = wrapper.get('section[aria-label="中央门街道"]').text();
    expect(summary).toContain('92.6');
    expect(summary).toContain('[90.4, 94.8]');
    expect(summary).toContain('n = 640');
    expect(summary).toContain('第 3–6 名（共 13 个）');
    expect(summary).toContain('与 4 个单位并列');
    const change = wrapper.get('section[aria-label="与上一轮比较"]').text();
    expect(change).toContain('上一轮（2025年上半年）：94.6 [92.4, 96.8] n=640');
    expect(change).toContain('变化 -2.0 分');
    const weakest = wrapper.findAll('section[aria-labelledby]').find((section) => section.get('h2').text() === '得分最低的指标')!;
    expect(weakest.findAll('tbody tr').map((row) => row.find('td').text())).toEqual(['停车与充电设施', '环境卫生整治', '老旧小区出新']);
    expect(wrapper.text()).toContain('返回');
    expect(wrapper.text()).not.toContain('返回全区');
    wrapper.unmount();
  });

  it("is sent to its own sub-district from another's page, and never asks for another's communities", async () => {
    const fetchMock = api();
    const { wrapper, router } = await mountApp('/office/scores/subdistricts/jiangdong');
    expect(router.currentRoute.value.params.subdistrictId).toBe('zhongyangmen');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.findAll('nav[aria-label="各社区得分"] a')).toHaveLength(3);
    }, { timeout: 10_000 });
    const communityRequests = fetchMock.mock.calls.map(([url]) => String(url)).filter((url) => url.includes('level=community'));
    expect(communityRequests).toEqual(['/api/rounds/2025-H2/scores?level=community&subdistrictId=zhongyangmen']);
    await router.push('/office/scores');
    expect(router.currentRoute.value.name).toBe('not-for-role');
    wrapper.unmount();
  });
});
