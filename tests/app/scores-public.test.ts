import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import ResultsApp from '../../src/app/results/ResultsApp.vue';
import { resultsRoutes } from '../../src/app/results/routes';
import { setResultsLocale } from '../../src/app/results/text';
import type { RoundScores } from '../../src/shared/rounds/api';
import { communityScores, publicScores, stubApi, subdistrictScores } from '../helpers/app/scores';
import { eventually } from '../helpers/app/mount';

const published = { id: '2025-H2', startsOn: '2025-07-01', endsOn: '2025-12-31', publishedAt: '2026-01-20T08:00:00.000Z', synthetic: true };

/** Yijiangmen's communities: one of 64 respondents, one of 9 (under the minimum of 10), one too small to estimate. */
function communities(): RoundScores {
  const scores = communityScores('2025-H2', 'yijiangmen');
  return { ...scores, units: scores.units.map((unit) => (unit.unitId.endsWith('c02') ? { ...unit, n: 9 } : unit)) };
}

function api() {
  return stubApi({
    '/api/public/rounds': { rounds: [published] },
    '/api/public/rounds/2025-H2/scores?level=subdistrict': publicScores(subdistrictScores('2025-H2')),
    '/api/public/rounds/2025-H2/scores?level=community&subdistrictId=yijiangmen': publicScores(communities()),
  });
}

async function mountResults(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: resultsRoutes });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(ResultsApp, { global: { plugins: [createPinia(), router] }, attachTo: document.body });
  return { wrapper, router };
}

afterEach(() => {
  vi.unstubAllGlobals();
  setResultsLocale('zh-CN');
});

describe('public results page', () => {
  it('ranks the published round without signing in, with rank intervals, ties and the method', async () => {
    const fetchMock = api();
    const { wrapper } = await mountResults('/results');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.findAll('ol.ranking li')).toHaveLength(13);
    });
    expect(wrapper.get('h1').text()).toBe('各街道得分与排名');
    // The round as people say it, not its id.
    expect(wrapper.get('p.round').text()).toBe('测评轮次：2025年下半年');
    const rows = wrapper.findAll('ol.ranking li');
    expect(rows[0]!.text()).toContain('第 1 名挹江门街道97.2');
    expect(rows[4]!.text()).toContain('第 3–6 名并列中央门街道92.6');
    expect(rows[4]!.text()).toContain('95% 区间 90.4–94.8 · 640 份问卷');
    expect(rows[12]!.text()).toContain('小市街道');
    expect(wrapper.text()).toContain('演示数据');
    expect(wrapper.get('section.method').text()).toContain('问卷少于 10 份的群体不公布结果');
    for (const [, init] of fetchMock.mock.calls) expect((init?.headers as Record<string, string>).Authorization).toBeUndefined();
    wrapper.unmount();
  });

  it("shows a sub-district's page and hides a community of 9 behind “fewer than 10”", async () => {
    api();
    const { wrapper } = await mountResults('/results/2025-H2/yijiangmen');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.text()).toContain('第二社区');
    });
    expect(wrapper.get('h1').text()).toBe('挹江门街道');
    expect(wrapper.get('.facts').text()).toMatch(/^2025年下半年 · /);
    const rows = wrapper.findAll('.unit-row').map((row) => row.text());
    const small = rows.find((row) => row.includes('第二社区'))!;
    expect(small).toContain('样本少于 10 份，不公布');
    expect(small).not.toMatch(/\d+\.\d/);
    expect(small).not.toContain('份问卷');
    expect(rows.find((row) => row.includes('第一社区'))).toContain('91.5');
    expect(rows.find((row) => row.includes('第三社区'))).toContain('样本少于 10 份，不公布');
    wrapper.unmount();
  });

  it('switches to English on request', async () => {
    api();
    const { wrapper } = await mountResults('/results');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.findAll('ol.ranking li')).toHaveLength(13);
    });
    await wrapper.get('header button').trigger('click');
    expect(wrapper.get('h1').text()).toBe('Sub-district scores and ranks');
    expect(wrapper.get('p.round').text()).toBe('Round: second half of 2025');
    expect(wrapper.findAll('ol.ranking li')[4]!.text()).toContain('Rank 3–6tied');
    wrapper.unmount();
  });
});
