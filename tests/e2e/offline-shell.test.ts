import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e/axe';
import { submitSignIn } from '../../scripts/harness/page';
import { useChromiumAndServer, waitForServiceWorker } from '../helpers/e2e/setup';

const e2e = useChromiumAndServer();

describe('the installable app shell', () => {
  it('reopens signed in, offline, after the service worker has taken control', async () => {
    const server = await e2e.startServer();
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await expectAccessible(page, 'the sign-in page');
    await submitSignIn(page, 'demo-worker', 'demo1234');
    await page.getByRole('heading', { name: '网格员工作台' }).waitFor();

    await waitForServiceWorker(page);

    // Offline for real: the browser has no network and the server is gone.
    await context.setOffline(true);
    await server.close();
    await page.reload();

    await page.getByRole('heading', { name: '网格员工作台' }).waitFor();
    // The day's card is drawn once the device's own records are read: wait for it, do not race it.
    const today = page.getByRole('region', { name: '今日走访' });
    await today.waitFor({ timeout: 10_000 });
    expect(await today.isVisible()).toBe(true);
    // Chromium 150's offline emulation no longer reaches a reloaded document's navigator.onLine (a phone
    // without signal does report it): apply it once more, as the radio going down would, and let the bar follow.
    await context.setOffline(false);
    await context.setOffline(true);
    await page.locator('header .network.offline').waitFor({ timeout: 10_000 });
    // A short word on the bar, the whole sentence for screen readers.
    expect(await page.locator('header .network [aria-hidden="true"]').textContent()).toBe('离线');
    expect(await page.locator('header [role="status"]').textContent()).toContain('离线：记录保存在本机');
    await page.getByText('我的', { exact: true }).click();
    expect(await page.getByText('当前用户：演示网格员（网格员）').isVisible()).toBe(true);
    await expectAccessible(page, 'the home page offline, its menu open');
  });

  it('retries a first install that failed on a missing file, says so meanwhile, and ends ready offline', async () => {
    const server = await e2e.startServer();
    const context = await e2e.newContext();
    // The site rebuilt during the first install: the worker's first fetch of one precached file finds nothing.
    const workerFetches: string[] = [];
    let failedFile: string | undefined;
    await context.route('**/*', async (route) => {
      const request = route.request();
      if (request.serviceWorker() === null) return route.continue();
      const url = new URL(request.url()).pathname;
      workerFetches.push(url);
      if (failedFile === undefined && url.startsWith('/assets/')) {
        failedFile = url;
        return route.fulfill({ status: 404, body: 'rebuilt meanwhile' });
      }
      return route.continue();
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: '登录' }).waitFor();

    await page.getByText('离线使用还没准备好，正在重试，请保持联网。').waitFor({ timeout: 30_000 });
    expect(failedFile).toBeDefined();
    await page.getByText('应用已可离线使用。').waitFor({ timeout: 60_000 });
    await waitForServiceWorker(page);
    // The file that failed was fetched again by the second install.
    expect(workerFetches.filter((url) => url === failedFile).length).toBeGreaterThanOrEqual(2);

    // And the app does open offline now.
    await context.setOffline(true);
    await server.close();
    await page.reload();
    await page.getByRole('heading', { name: '登录' }).waitFor();
  });

  it('tells a user who typed a wrong password, in Chinese', async () => {
    const server = await e2e.startServer();
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await submitSignIn(page, 'demo-worker', 'wrong-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('用户名或密码错误。');
    await expectAccessible(page, 'the sign-in page with its error');
  });
});
