import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { layoutShift, settledLayoutShift, submitSignIn } from '../../scripts/harness/page';
import { useChromiumAndServer } from '../helpers/e2e/setup';

const e2e = useChromiumAndServer();

/** Closes and publishes the demo's open round 2026-H1 through the API, as the supervisor. */
async function publishOpenRound(serverUrl: string): Promise<void> {
  const login = await fetch(`${serverUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-supervisor', password: 'demo1234' }) });
  const { token } = (await login.json()) as { token: string };
  for (const action of ['close', 'publish']) {
    const answer = await fetch(`${serverUrl}/api/rounds/2026-H1/transitions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ action }) });
    expect(answer.status).toBe(200);
  }
}

const roundInAddress = (page: Page) => new URL(page.url()).searchParams.get('round');

describe('the public results page in Chromium at 390×844', () => {
  it('holds the ranking’s place while it loads (CLS < 0.05), puts the round in the address and ranks communities among those shown', async () => {
    const server = await e2e.startServer({ publishedRound: true });
    const page = await (await e2e.newContext()).newPage();
    // The figures arrive only once the page has drawn itself without them, as on a slow link.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/public/rounds/*/scores*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}/results`);
    await page.getByRole('status').filter({ hasText: '正在加载' }).waitFor();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await layoutShift(page)).toBe(0);
    release();
    await page.locator('ol.ranking .unit-row').first().waitFor();
    expect(await settledLayoutShift(page)).toBeLessThan(0.05);
    expect(roundInAddress(page)).toBe('2025-H2');

    // A linked result opens on its round; the sub-district page leads back to it.
    await page.goto(`${server.url}/results?round=2025-H2`);
    await page.getByText('测评轮次：2025年下半年').waitFor();
    await page.locator('ol.ranking a').filter({ hasText: '挹江门街道' }).click();
    const rows = page.locator('section').filter({ hasText: '各社区得分' }).locator('.unit-row');
    await rows.filter({ hasText: '不公布' }).first().waitFor();
    const shown = await rows.filter({ hasNotText: '不公布' }).count();
    const ranks = (await rows.locator('.rank').allTextContents()).flatMap((text) => [...text.matchAll(/\d+/g)].map((match) => Number(match[0])));
    expect(Math.max(...ranks)).toBeLessThanOrEqual(shown);
    await page.getByRole('link', { name: '返回全部街道' }).click();
    await page.getByText('测评轮次').first().waitFor();
    expect(roundInAddress(page)).toBe('2025-H2');
  });

  it('opens on the newest published round once 2026-H1 is published, and the dashboard compares it with 2025年下半年', async () => {
    const server = await e2e.startServer({ publishedRound: true });
    await publishOpenRound(server.url);
    const page = await (await e2e.newContext()).newPage();
    await page.goto(`${server.url}/results`);
    const chooser = page.getByLabel('测评轮次');
    await chooser.waitFor();
    expect(await chooser.inputValue()).toBe('2026-H1');
    expect(await chooser.locator('option').allTextContents()).toEqual(['2026年上半年', '2025年下半年']);
    expect(roundInAddress(page)).toBe('2026-H1');
    await chooser.selectOption('2025-H2');
    await page.waitForURL(/round=2025-H2/);
    await page.getByText('演示数据').waitFor();

    await page.goto(`${server.url}/login`);
    await submitSignIn(page, 'demo-officer', 'demo1234');
    await page.getByRole('link', { name: '查看本街道测评结果' }).click();
    const change = page.getByRole('region', { name: '与上一轮比较' });
    await change.waitFor();
    expect(await page.getByLabel('测评轮次').inputValue()).toBe('2026-H1');
    expect(await change.textContent()).toContain('上一轮（2025年下半年）');
  });
});
