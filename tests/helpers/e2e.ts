import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium, type TestBrowser } from './browser';
import { startLiveServer, type LiveServer } from './live-server';

/**
 * The hooks every end-to-end file needs: one Chromium per file; per test, a fresh server and
 * browser contexts, all closed afterwards.
 */
export function useChromiumAndServer() {
  let browser: TestBrowser | undefined;
  let server: LiveServer | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    await server?.close();
  });
  return {
    async startServer(options: Parameters<typeof startLiveServer>[0] = {}): Promise<LiveServer> {
      server = await startLiveServer(options);
      return server;
    },
    /** A phone-sized context whose pages measure their cumulative layout shift (see `layoutShift`). */
    async newContext(): Promise<BrowserContext> {
      if (!browser) throw new Error('Chromium is not running');
      const context = await browser.newContext();
      await context.addInitScript(measureLayoutShift);
      contexts.push(context);
      return context;
    },
  };
}

/** Fills in and sends the sign-in form. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Offline work needs the app's pages cached: wait, as a worker would, for the service worker. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** Sums the layout shifts not caused by the user's input, as Core Web Vitals' CLS does, per document. */
function measureLayoutShift(): void {
  const state = window as unknown as { layoutShift: number };
  state.layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
      if (!entry.hadRecentInput) state.layoutShift += entry.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** The page's cumulative layout shift since it was loaded (a reload starts again at 0). */
export async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);
}

/** Whether the element lies wholly inside the viewport, with no scrolling. */
export async function isWithinViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });
}
