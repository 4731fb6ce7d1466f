import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, type TestBrowser } from '../helpers/browser';
import { startLiveServer, type LiveServer } from '../helpers/live-server';
import { readDeviceStore } from '../helpers/survey-browser';

let browser: TestBrowser;
let server: LiveServer;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());
afterEach(async () => {
  await context?.close();
  await server?.close();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.getByLabel('用户名').fill('demo-worker');
  await page.getByLabel('密码').fill('demo1234');
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.community', { hasText: '挹江门示例第02社区' }).getByRole('link', { name: '入户登记（6户）' }).waitFor({ timeout: 30_000 });
}

describe('finalised survey records and the server', () => {
  it('are accepted by the server: a signed work-unit questionnaire, its image and its visit', async () => {
    server = await startLiveServer();
    context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page);
    await page.locator('.community', { hasText: '挹江门示例第02社区' }).getByRole('link', { name: '入户登记（6户）' }).click();
    await page.getByRole('link', { name: '走访 2栋1单元301室' }).click();
    await page.getByRole('button', { name: '开始问卷' }).click();
    await page.getByRole('checkbox', { name: '受访者已知情并同意参加' }).check();
    await page.getByRole('radio', { name: /驻区单位/ }).check();
    await page.getByRole('button', { name: '开始答题' }).click();

    // The work-unit questionnaire is on one page: answer every satisfaction question, say no grid worker came.
    await page.getByRole('heading', { name: '驻区单位满意度问卷' }).waitFor();
    expect(await page.getByRole('checkbox', { name: /老年模式/ }).isChecked()).toBe(false);
    const satisfied = page.getByRole('radio', { name: '满意', exact: true });
    for (let n = 0, count = await satisfied.count(); n < count; n += 1) await satisfied.nth(n).check();
    await page.getByRole('group', { name: /网格员或社区工作人员是否走访过贵单位/ }).getByRole('radio', { name: '否' }).check();
    await page.getByRole('textbox', { name: /意见建议/ }).fill('希望增加停车位');
    await page.getByRole('button', { name: '完成，核对答案' }).click();
    await page.getByRole('button', { name: '核对无误，请受访者签名' }).click();

    const pad = page.getByRole('img', { name: '受访者签名板' });
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 40);
    await page.mouse.down();
    for (let x = 20; x <= 220; x += 20) await page.mouse.move(box.x + x, box.y + 40 + (x % 40));
    await page.mouse.up();
    await page.getByRole('button', { name: '确认签名并保存' }).click();
    await page.getByText('问卷和签名已保存在本机，等待同步。').waitFor();

    await page.getByRole('button', { name: '立即同步' }).click();
    await page.getByRole('region', { name: '等待同步' }).getByText('所有记录都已同步').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: '查看已完成的问卷（1份）' }).click();
    const row = page.locator('[data-response-row]');
    await row.getByText('已同步').waitFor();
    expect(await row.textContent()).toContain('已签名');

    const store = await readDeviceStore(page);
    expect(store.records.map((record) => [record.kind, record.syncState]).sort()).toEqual([
      ['response', 'synced'],
      ['signature', 'synced'],
      ['visit', 'synced'],
    ]);
    expect(store.blobs.map((blob) => blob.uploadState)).toEqual(['uploaded']);
  });
});
