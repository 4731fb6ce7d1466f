import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, type TestBrowser } from '../helpers/browser';
import { startLiveServer, type LiveServer } from '../helpers/live-server';

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

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

describe('the installable app shell', () => {
  it('reopens signed in, offline, after the service worker has taken control', async () => {
    server = await startLiveServer();
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await signIn(page, 'demo-worker', 'demo1234');
    await page.getByRole('heading', { name: '网格员工作台' }).waitFor();

    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    // Offline for real: the browser has no network and the server is gone.
    await context.setOffline(true);
    await server?.close();
    await page.reload();

    await page.getByRole('heading', { name: '网格员工作台' }).waitFor();
    expect(await page.getByText('当前用户：演示网格员（网格员）').isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: '今日走访' }).isVisible()).toBe(true);
    expect(await page.getByText('离线：记录保存在本机').isVisible()).toBe(true);
  });

  it('tells a user who typed a wrong password, in Chinese', async () => {
    server = await startLiveServer();
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await signIn(page, 'demo-worker', 'wrong-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('用户名或密码错误。');
  });
});
