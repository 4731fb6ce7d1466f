import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent } from 'vue';
import { saveSession } from '../../src/app/db/session';
import { outlierColours } from '../../src/app/components/scores/chart-setup';
import { referenceSubdistricts } from '../../src/shared/organisation';
import type { RoundScores } from '../../src/shared/rounds/api';
import { roundUnitScores } from '../../src/shared/rounds/scores';
import { defaultScoringSettings, emptyCellStatistics, type CellStatistics } from '../../src/shared/scoring';
import { eventually, mountApp } from '../helpers/app/mount';
import { workerLogin } from '../helpers/app/network';
import { communityScores, roundDetail, roundSummary, stubApi, subdistrictScores } from '../helpers/app/scores';

// happy-dom has no canvas: charts are drawn in Chromium (tests/e2e/scores.test.ts); here their tables, and the data handed to the chart, are checked.
vi.mock('vue-chartjs', () => ({ Chart: defineComponent({ name: 'ChartStub', props: { type: { type: String, required: true }, data: { type: Object, required: true }, options: { type: Object, required: true } }, render: () => null }) }));

const supervisorLogin = { ...workerLogin, token: 'token-of-the-supervisor', user: { ...workerLogin.user, role: 'supervisor' as const, scope: { level: 'district' as const, ids: ['gulou'] } } };
const rounds = [roundSummary('2026-H1', 'open'), roundSummary('2025-H2', 'published'), roundSummary('2025-H1', 'published')];
const xlsx = new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

function api() {
  return stubApi({
    '/api/rounds': { rounds },
    '/api/rounds/2025-H2': roundDetail(rounds[1]!),
    '/api/rounds/2025-H2/scores?level=subdistrict': subdistrictScores('2025-H2'),
    '/api/rounds/2025-H1/scores?level=subdistrict': subdistrictScores('2025-H1', -1.5),
    '/api/rounds/2025-H2/scores?level=community&subdistrictId=yijiangmen': communityScores('2025-H2', 'yijiangmen'),
    '/api/rounds/2025-H2/export/scores.xlsx': xlsx,
    '/api/rounds/2025-H2/export/responses.xlsx': xlsx,
  });
}

async function openAt(path: string): Promise<VueWrapper> {
  const { wrapper } = await mountApp(path);
  await eventually(async () => {
    await flushPromises();
    expect(wrapper.find('section[aria-labelledby]').exists()).toBe(true);
  }, { timeout: 10_000 });
  return wrapper;
}

function card(wrapper: VueWrapper, title: string) {
  const section = wrapper.findAll('section[aria-labelledby]').find((candidate) => candidate.find('h2').text() === title);
  if (!section) throw new Error(`no card "${title}"`);
  return section;
}

beforeEach(async () => {
  await saveSession(supervisorLogin);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A cell known by n, mean and SD: Σs² = (n−1)sd² + (Σs)²/n. */
function cellOf(n: number, mean: number, sd: number): CellStatistics {
  return { ...emptyCellStatistics(), respondents: n, overall: { n, sum: n * mean, sumSq: (n - 1) * sd * sd + n * mean * mean } };
}

/** The 13 sub-districts scored by the shared functions: most near 95, two far below and one far above. */
function computedScores(): RoundScores {
  const offsets = [0, 0.3, -0.4, 0.5, -0.2, 0.1, -0.6, 0.4, -0.1, 0.2, -6, -3.5, 4];
  const units = referenceSubdistricts.map((subdistrict, index) => ({
    unitId: subdistrict.id,
    name: subdistrict.nameZh,
    subdistrictId: subdistrict.id,
    cells: [
      { channel: 'field' as const, audience: 'elderly' as const, statistics: cellOf(150 + index * 10, 93 + offsets[index]!, 9) },
      { channel: 'online' as const, audience: 'adult' as const, statistics: cellOf(500, 97 + offsets[index]! / 2, 6) },
    ],
  }));
  const { funnel, units: scored } = roundUnitScores(units, defaultScoringSettings());
  return { roundId: '2025-H2', settingsVersion: 1, level: 'subdistrict', synthetic: true, funnel, units: scored };
}

describe('supervisor dashboard', { timeout: 20_000 }, () => {
  it('opens the newest published round and ranks the 13 sub-districts best first, with rank intervals and ties', async () => {
    const fetchMock = api();
    const wrapper = await openAt('/office/scores');
    expect(wrapper.get('h1').text()).toBe('得分与排名');
    expect(wrapper.get('select').element.value).toBe('2025-H2');
    expect(wrapper.text()).toContain('演示数据');
    expect(wrapper.text()).toContain('有效样本 35,000 份');

    const links = wrapper.get('nav[aria-label="街道"]').findAll('a');
    expect(links).toHaveLength(13);
    expect(links.map((link) => link.text())).toEqual([
      '挹江门街道1', '江东街道2–4', '凤凰街道2–6', '热河南路街道2–6', '中央门街道3–6', '建宁路街道3–6', '下关街道7', '幕府山街道8', '宝塔桥街道9', '湖南路街道10', '宁海路街道11', '华侨路街道12', '小市街道13',
    ]);
    expect(links[0]!.attributes('href')).toBe('/office/scores/subdistricts/yijiangmen?round=2025-H2');
    const authorisations = fetchMock.mock.calls.map(([, init]) => (init?.headers as Record<string, string>).Authorization);
    expect(new Set(authorisations)).toEqual(new Set(['Bearer token-of-the-supervisor']));
    wrapper.unmount();
  });

  it('switches the ranking chart to its table, with every score beside its interval and n', async () => {
    api();
    const wrapper = await openAt('/office/scores');
    const ranking = card(wrapper, '13 个街道排名');
    const toggle = ranking.get('button[aria-pressed]');
    expect(toggle.attributes('aria-pressed')).toBe('false');
    expect(ranking.find('table').exists()).toBe(false);
    await toggle.trigger('click');
    expect(toggle.attributes('aria-pressed')).toBe('true');
    expect(toggle.text()).toBe('以图表显示');
    const rows = ranking.findAll('tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()));
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual(['1', '挹江门街道', '97.2', '[96.6, 97.8]', '600', '1.50', '400', '0.0', '']);
    // The design effect and effective n say what they mean on hover, in the page's language.
    const designHeader = ranking.findAll('thead th').find((th) => th.text() === '设计效应')!;
    expect(designHeader.attributes('title')).toContain('有效样本量 = 样本量 ÷ 设计效应');
    expect(rows[4]!.slice(0, 2)).toEqual(['3–6', '中央门街道']);
    expect(rows[12]!.at(-1)).toBe('显著低于全区');
    wrapper.unmount();
  });

  it('names the funnel plot outliers and shows the heat tables with intervals and n', async () => {
    api();
    const wrapper = await openAt('/office/scores');
    expect(card(wrapper, '漏斗图').text()).toContain('离群：小市街道（显著低于全区）');
    const dimensions = card(wrapper, '维度 × 街道');
    expect(dimensions.get('thead').text()).toContain('党建引领');
    expect(dimensions.findAll('tbody tr')[0]!.text()).toBe('挹江门街道97.2[96.6, 97.8] n=600');
    expect(card(wrapper, '历次测评趋势').find('button[aria-pressed]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('draws hot-issue shares on an axis from 0 marked in %, and scores on one that starts near their lowest interval', async () => {
    const scores = subdistrictScores('2025-H2');
    const hotIssues = [{ choiceId: 'environment_cleanup', trials: 600, hits: 30, share: 0.05, ciLow: 0.034, ciHigh: 0.07 }];
    stubApi({ '/api/rounds': { rounds }, '/api/rounds/2025-H2': roundDetail(rounds[1]!), '/api/rounds/2025-H2/scores?level=subdistrict': { ...scores, units: scores.units.map((unit) => ({ ...unit, hotIssues })) } });
    const wrapper = await openAt('/office/scores');
    type Axis = { min: number; max: number; ticks?: { callback: (value: number) => string } };
    const axisOf = (title: string) => (card(wrapper, title).findComponent({ name: 'ChartStub' }).props('options') as { scales: { x: Axis } }).scales.x;
    const shares = axisOf('居民最关心的问题');
    expect([shares.min, shares.max, shares.ticks?.callback(20)]).toEqual([0, 100, '20%']);
    const ranking = axisOf('13 个街道排名');
    expect(ranking.min).toBeGreaterThan(0);
    expect(ranking.ticks).toBeUndefined();
    wrapper.unmount();
  });

  it('shows online and field side by side with the combined score and the round’s channel weights', async () => {
    api();
    const wrapper = await openAt('/office/scores');
    const channels = card(wrapper, '网上评价与入户走访对照');
    expect(channels.text()).toContain('入户 0.6，网上 0.4');
    expect(channels.findAll('thead th').map((th) => th.text())).toEqual(['街道', '入户走访/实地调研', '网上评价', '综合得分']);
    expect(channels.findAll('tbody tr')[0]!.findAll('td').map((td) => td.text())).toEqual(['挹江门街道', '97.2 [96.6, 97.8] n=600', '98.2 [96.6, 97.8] n=40', '97.2 [96.6, 97.8] n=600']);
    wrapper.unmount();
  });

  it('downloads the round XLSX export with the supervisor token', async () => {
    const fetchMock = api();
    const createObjectURL = vi.fn((_file: Blob) => 'blob:scores');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const wrapper = await openAt('/office/scores');
    await card(wrapper, '13 个街道排名').findAll('button').find((button) => button.text() === '下载 Excel（全部得分）')!.trigger('click');
    await eventually(() => expect(createObjectURL).toHaveBeenCalled());
    const exportCall = fetchMock.mock.calls.find(([url]) => String(url).endsWith('/export/scores.xlsx'));
    expect(exportCall?.[0]).toBe('/api/rounds/2025-H2/export/scores.xlsx');
    expect((exportCall?.[1]?.headers as Record<string, string>).Authorization).toBe('Bearer token-of-the-supervisor');
    const saved = createObjectURL.mock.calls[0]![0] as Blob;
    expect(new Uint8Array(await saved.arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
    wrapper.unmount();
  });

  it("downloads the round's response-level export (codebook and settings as sheets) from a button on the dashboard", async () => {
    const fetchMock = api();
    const createObjectURL = vi.fn((_file: Blob) => 'blob:responses');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const wrapper = await openAt('/office/scores');
    const button = wrapper.findAll('button').find((candidate) => candidate.text() === '下载答卷数据（Excel，含编码簿和评分设置）')!;
    await button.trigger('click');
    await eventually(() => expect(createObjectURL).toHaveBeenCalled());
    const exportCall = fetchMock.mock.calls.find(([url]) => String(url).endsWith('/export/responses.xlsx'));
    expect(exportCall?.[0]).toBe('/api/rounds/2025-H2/export/responses.xlsx');
    expect((exportCall?.[1]?.headers as Record<string, string>).Authorization).toBe('Bearer token-of-the-supervisor');
    wrapper.unmount();
  });

  it("prints the report with the round's own weights in the method and a page per sub-district", async () => {
    const detail = roundDetail(rounds[1]!);
    stubApi({
      '/api/rounds': { rounds },
      '/api/rounds/2025-H2': { ...detail, settings: { ...detail.settings, channelWeights: { field: 0.7, online: 0.3 } } },
      '/api/rounds/2025-H2/scores?level=subdistrict': subdistrictScores('2025-H2'),
    });
    const wrapper = await openAt('/office/scores/report?round=2025-H2');
    expect(wrapper.get('h1').text()).toBe('测评结果报告 · 2025年下半年');
    expect(wrapper.get('section.method').text()).toContain('实地 0.7 / 网上 0.3');
    const pages = wrapper.findAll('section.unit-page > h2').map((heading) => heading.text());
    expect(pages).toHaveLength(13);
    expect(pages[0]).toBe('挹江门街道：详细结果');
    expect(pages[12]).toBe('小市街道：详细结果');
    wrapper.unmount();
  });

  it('explains the design-based method in Chinese, the uncertainty of each rank, and the change since the previous round with its interval', async () => {
    api();
    const wrapper = await openAt('/office/scores/report?round=2025-H2');
    const method = wrapper.get('section.method').text();
    expect(method).toContain('把每个社区当作一“群”');
    expect(method).toContain('有效样本量');
    expect(method).toContain('尚未纳入本报告');
    const ranks = wrapper.findAll('section.uncertainty li').map((item) => item.text());
    expect(ranks).toHaveLength(13);
    expect(ranks[0]).toMatch(/^挹江门街道：第 1(–\d+)? 名，与其他 \d+ 个街道的名次区间重叠$/);
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get('section.changes').text()).toContain('与上一轮（2025年上半年）相比');
    });
    const first = wrapper.findAll('section.changes tbody tr')[0]!.findAll('td').map((cell) => cell.text());
    // 97.2 (SE 0.3) against 95.7 (SE 0.3): +1.5 ± 1.96·√0.18 = [+0.7, +2.3], a rise.
    expect(first).toEqual(['挹江门街道', '95.7', '97.2', '+1.5', '[+0.7, +2.3]', '上升']);
    wrapper.unmount();
  });

  it('drills down to a sub-district and shows a community with too few responses as such', async () => {
    api();
    const wrapper = await openAt('/office/scores/subdistricts/yijiangmen?round=2025-H2');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.findAll('nav[aria-label="各社区得分"] a').map((link) => link.text())).toEqual(['第一社区1–2', '第二社区1–2', '第三社区样本过少，无法估计']);
    });
    expect(wrapper.get('h1').text()).toBe('挹江门街道');
    expect(wrapper.text()).toContain('第 1 名（共 13 个）');
    wrapper.unmount();
  });

  it('shows fieldwork against quotas per community and per worker while the round is open, and not once it is closed', async () => {
    const progress = {
      roundId: '2026-H1',
      communities: [
        { communityId: 'yijiangmen-c01', communityName: '挹江门示例第01社区', subdistrictId: 'yijiangmen', audience: 'elderly', target: 30, received: 12 },
        { communityId: 'yijiangmen-c01', communityName: '挹江门示例第01社区', subdistrictId: 'yijiangmen', audience: 'adult', target: 25, received: 25 },
        { communityId: 'yijiangmen-c01', communityName: '挹江门示例第01社区', subdistrictId: 'yijiangmen', audience: 'work_unit', target: 10, received: 0 },
      ],
      workers: [
        { authorId: 'w1', name: '演示网格员', received: 30 },
        { authorId: 'w2', name: null, received: 7 },
        { authorId: 'w3', name: '第二网格员', received: 31 },
      ],
    };
    const fetchMock = stubApi({
      '/api/rounds': { rounds },
      '/api/rounds/2026-H1': roundDetail(rounds[0]!),
      '/api/rounds/2026-H1/scores?level=subdistrict': subdistrictScores('2026-H1'),
      '/api/rounds/2026-H1/progress': progress,
      '/api/rounds/2025-H2': roundDetail(rounds[1]!),
      '/api/rounds/2025-H2/scores?level=subdistrict': subdistrictScores('2025-H2'),
      '/api/rounds/2025-H1/scores?level=subdistrict': subdistrictScores('2025-H1', -1.5),
    });
    const wrapper = await openAt('/office/scores?round=2026-H1');
    const communities = await eventually(() => card(wrapper, '调查进度（对照配额）'));
    expect(communities.findAll('th').map((th) => th.text())).toEqual(['街道', '社区', '老年居民群体', '中青年居民群体', '驻区单位', '合计']);
    expect(communities.get('tbody tr').findAll('td').map((td) => td.text())).toEqual(['挹江门街道', '挹江门示例第01社区', '12 / 30', '25 / 25', '0 / 10', '37 / 65']);
    const workers = card(wrapper, '各网格员完成情况');
    expect(workers.findAll('tbody tr').map((row) => row.text())).toEqual(['第二网格员31', '演示网格员30', '（账号已删除）7']);
    // An open round's scores are partial: the page opens on its fieldwork, the scores after it.
    expect(wrapper.findAll('section[aria-labelledby] h2').map((h2) => h2.text()).slice(0, 3)).toEqual(['调查进度（对照配额）', '各网格员完成情况', '13 个街道排名']);
    wrapper.unmount();

    // A published round has no fieldwork to follow: no progress request, no progress card.
    const published = await openAt('/office/scores?round=2025-H2');
    await eventually(() => expect(published.findAll('section[aria-labelledby] h2').map((h2) => h2.text())).toContain('历次测评趋势'));
    expect(published.findAll('section[aria-labelledby] h2').map((h2) => h2.text())).not.toContain('调查进度（对照配额）');
    expect(published.get('section[aria-labelledby] h2').text()).toBe('13 个街道排名');
    expect(fetchMock.mock.calls.filter(([url]) => String(url).endsWith('/2025-H2/progress'))).toHaveLength(0);
    published.unmount();
  });
});

describe('rounds in their date order', { timeout: 20_000 }, () => {
  // The server once listed rounds oldest first, and the pages took the first as the newest.
  const oldestFirst = [roundSummary('2025-H1', 'published'), roundSummary('2025-H2', 'published'), roundSummary('2026-H1', 'published')];
  function datedApi() {
    return stubApi({
      '/api/rounds': { rounds: oldestFirst },
      '/api/rounds/2026-H1': roundDetail(oldestFirst[2]!),
      '/api/rounds/2025-H2': roundDetail(oldestFirst[1]!),
      '/api/rounds/2026-H1/scores?level=subdistrict': subdistrictScores('2026-H1', 1),
      '/api/rounds/2025-H2/scores?level=subdistrict': subdistrictScores('2025-H2'),
      '/api/rounds/2025-H1/scores?level=subdistrict': subdistrictScores('2025-H1', -1.5),
      '/api/rounds/2025-H2/scores?level=community&subdistrictId=yijiangmen': communityScores('2025-H2', 'yijiangmen'),
    });
  }

  it('opens on the newest published round, lists rounds newest first and draws the trend oldest to newest, named in Chinese', async () => {
    datedApi();
    const wrapper = await openAt('/office/scores');
    expect(wrapper.get('select').element.value).toBe('2026-H1');
    expect(wrapper.findAll('select option').map((option) => option.text())).toEqual(['2026年上半年（已公布）', '2025年下半年（已公布）', '2025年上半年（已公布）']);
    await eventually(async () => {
      await flushPromises();
      const trend = wrapper.findAllComponents({ name: 'ChartStub' }).find((chart) => chart.props('type') === 'lineWithErrorBars');
      expect((trend?.props('data') as { labels: string[] } | undefined)?.labels).toEqual(['2025年上半年', '2025年下半年', '2026年上半年']);
    });
    const trendCard = card(wrapper, '历次测评趋势');
    await trendCard.get('button[aria-pressed]').trigger('click');
    expect(trendCard.findAll('thead th').map((th) => th.text()).slice(1)).toEqual(['2025年上半年', '2025年下半年', '2026年上半年']);
    wrapper.unmount();
  });

  it('compares a sub-district with the round truly before it', async () => {
    datedApi();
    const wrapper = await openAt('/office/scores/subdistricts/yijiangmen?round=2025-H2');
    const change = await eventually(() => wrapper.get('section[aria-label="与上一轮比较"]'));
    expect(change.text()).toContain('上一轮（2025年上半年）');
    expect(change.text()).not.toContain('2026年上半年');
    wrapper.unmount();
  });
});

describe('the funnel plot is one computation', { timeout: 40_000 }, () => {
  it('flags, in the chart, its table view and its caption, exactly the units drawn beyond the 99.8% limits', async () => {
    const scores = computedScores();
    stubApi({ '/api/rounds': { rounds }, '/api/rounds/2025-H2': roundDetail(rounds[1]!), '/api/rounds/2025-H2/scores?level=subdistrict': scores });
    const wrapper = await openAt('/office/scores');
    const funnel = card(wrapper, '漏斗图');
    const data = funnel.findComponent({ name: 'ChartStub' }).props('data') as { datasets: { data: { x: number; y: number }[]; backgroundColor?: string[] }[] };
    const [points, , , , outerLow, outerHigh] = data.datasets;
    const limitAt = (line: typeof outerLow, x: number) => line!.data.find((position) => position.x === x)!.y;
    const beyond = points!.data.map((point) => point.y < limitAt(outerLow, point.x) || point.y > limitAt(outerHigh, point.x));
    const byPoint = points!.data.map((point) => scores.units.find((unit) => unit.funnel?.x === point.x && unit.funnel.score === point.y)!);
    const drawnBeyond = byPoint.filter((_, index) => beyond[index]).map((unit) => unit.name);
    // Not vacuous: some units lie beyond the limits and most do not.
    expect(drawnBeyond.length).toBeGreaterThan(0);
    expect(drawnBeyond.length).toBeLessThan(points!.data.length);
    expect(byPoint.filter((unit) => unit.outlier !== null).map((unit) => unit.name)).toEqual(drawnBeyond);
    expect(points!.backgroundColor!.map((colour) => colour !== outlierColours.none)).toEqual(beyond);
    for (const name of drawnBeyond) expect(funnel.get('.outliers').text()).toContain(name);
    expect(funnel.get('.outliers').text().split('、')).toHaveLength(drawnBeyond.length);
    expect(funnel.text()).toMatch(/过度离散：φ = \d+\.\d\d，τ² = \d+\.\d\d/);

    await funnel.get('button[aria-pressed]').trigger('click');
    const rows = funnel.findAll('tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()));
    expect(rows).toHaveLength(13);
    expect(rows.filter((row) => row.at(-1) !== '').map((row) => row[0])).toEqual(expect.arrayContaining(drawnBeyond));
    expect(rows.filter((row) => row.at(-1) !== '')).toHaveLength(drawnBeyond.length);
    wrapper.unmount();
  });
});
