import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { roundListSchema, roundScoresSchema, type RoundScores } from '../../src/shared/rounds/api';
import { publicRoundListSchema, publicRoundScoresSchema } from '../../src/shared/rounds/public-api';
import { expectAccessible } from '../helpers/e2e/axe';
import { submitSignIn } from '../../scripts/harness/page';
import { useChromiumAndServer } from '../helpers/e2e/setup';

// Its own Chromium: the test reads the XLSX download from disk.
const e2e = useChromiumAndServer({ ownBrowser: true });

/** A JSON API answer fetched inside the page, with the session's token from the app's own request. */
async function apiFromPage<T>(page: Page, path: string, token: string | null, parse: (body: unknown) => T): Promise<T> {
  const body: unknown = await page.evaluate(
    async ({ path, token }) => (await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} })).json(),
    { path, token },
  );
  return parse(body);
}

/** The bearer token the app sends, read off its first scores request. */
async function tokenOf(page: Page, open: () => Promise<unknown>): Promise<string> {
  const [request] = await Promise.all([page.waitForRequest((candidate) => candidate.url().includes('/api/rounds')), open()]);
  return (request.headers().authorization ?? '').replace('Bearer ', '');
}

describe('scores in Chromium', () => {
  it('the supervisor sees the 13 sub-districts ranked with intervals, switches a chart to its table and downloads the XLSX the API backs', async () => {
    const server = await e2e.startServer({ publishedRound: true });
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await submitSignIn(page, 'demo-supervisor', 'demo1234');
    await page.getByRole('heading', { name: '考评办工作台' }).waitFor();
    const token = await tokenOf(page, () => page.getByRole('link', { name: '查看得分与排名' }).click());
    await page.getByRole('heading', { name: '13 个街道排名' }).waitFor();

    const { rounds } = await apiFromPage(page, '/api/rounds', token, (body) => roundListSchema.parse(body));
    const roundId = rounds.find((round) => round.state === 'published')!.id;
    const scores: RoundScores = await apiFromPage(page, `/api/rounds/${roundId}/scores?level=subdistrict`, token, (body) => roundScoresSchema.parse(body));
    expect(scores.units).toHaveLength(13);
    await expectAccessible(page, 'the score dashboard');

    const links = page.getByRole('navigation', { name: '街道' }).getByRole('link');
    expect(await links.count()).toBe(13);
    const best = [...scores.units].sort((a, b) => (b.score ?? -1) - (a.score ?? -1))[0]!;
    expect(await links.first().textContent()).toContain(best.name);

    const ranking = page.getByRole('region', { name: '13 个街道排名' });
    await ranking.getByRole('button', { name: '以表格显示' }).click();
    expect(await ranking.getByRole('button', { name: '以图表显示' }).getAttribute('aria-pressed')).toBe('true');
    expect(await ranking.getByRole('row').count()).toBe(14);
    await expectAccessible(page, 'the ranking as a table');
    for (const unit of scores.units.filter((candidate) => candidate.rankBest !== candidate.rankWorst)) {
      expect(await ranking.getByRole('row', { name: new RegExp(unit.name) }).textContent()).toContain(`${unit.rankBest}–${unit.rankWorst}`);
    }

    const [download] = await Promise.all([page.waitForEvent('download'), ranking.getByRole('button', { name: '下载 Excel（全部得分）' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    const sheetText = sheet.getSheetValues().flat().map(String).join(' ');
    for (const unit of scores.units) {
      expect(sheetText).toContain(unit.name);
      if (unit.score !== null) expect(sheetText).toMatch(new RegExp(unit.score.toFixed(1).replace('.', '\\.')));
    }
    expect(workbook.worksheets.map((candidate) => candidate.name)).toEqual(['全部得分', '代码表', '编码簿', '评分设置']);

    await page.getByRole('button', { name: '下载答卷数据（Excel，含编码簿和评分设置）' }).waitFor();
  });

  it("the officer sees its own sub-district and is kept off another's", async () => {
    const server = await e2e.startServer({ publishedRound: true });
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await submitSignIn(page, 'demo-officer', 'demo1234');
    await page.getByRole('heading', { name: '街道工作人员工作台' }).waitFor();
    await page.getByRole('link', { name: '查看本街道测评结果' }).click();
    await page.getByRole('region', { name: '与上一轮比较' }).waitFor();
    const own = new URL(page.url()).pathname.split('/').at(-1)!;
    const other = own === 'jiangdong' ? 'yijiangmen' : 'jiangdong';
    await page.goto(`${server.url}/office/scores/subdistricts/${other}`);
    await page.getByRole('region', { name: '与上一轮比较' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/office/scores/subdistricts/${own}`);
    expect(await page.getByText(/第 \d+(–\d+)? 名（共 13 个）/).isVisible()).toBe(true);
    await expectAccessible(page, "the officer's sub-district");
  });

  it('the public page, signed out, shows only the published round and hides a group of 9', async () => {
    const server = await e2e.startServer({ publishedRound: true });
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/results`);
    await page.getByRole('heading', { name: '各街道得分与排名' }).waitFor();
    const { rounds } = await apiFromPage(page, '/api/public/rounds', null, (body) => publicRoundListSchema.parse(body));
    expect(rounds.map((round) => round.id)).toEqual(['2025-H2']);
    expect(await page.getByRole('listitem').filter({ hasText: '名' }).count()).toBeGreaterThanOrEqual(13);
    expect(await page.getByText('2026-H1').count()).toBe(0);
    await expectAccessible(page, 'the public ranking');

    // The seed gives one community only 9 responses: its sub-district's page names it without a figure.
    for (const unit of (await apiFromPage(page, '/api/public/rounds/2025-H2/scores?level=subdistrict', null, (body) => publicRoundScoresSchema.parse(body))).units) {
      const communities = await apiFromPage(page, `/api/public/rounds/2025-H2/scores?level=community&subdistrictId=${unit.unitId}`, null, (body) => publicRoundScoresSchema.parse(body));
      const hidden = communities.units.find((community) => community.suppressed);
      if (!hidden) continue;
      await page.goto(`${server.url}/results/2025-H2/${unit.unitId}`);
      const row = page.locator('.unit-row', { hasText: hidden.name });
      await row.waitFor();
      expect(await row.textContent()).toContain(`样本少于 ${communities.minimumGroupSize} 份，不公布`);
      expect(await row.textContent()).not.toMatch(/\d+\.\d/);
      await expectAccessible(page, 'the public sub-district page');
      return;
    }
    throw new Error('no community under the minimum group size in the published round');
  });
});
