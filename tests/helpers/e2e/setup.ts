import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium, type TestBrowser } from '../../../scripts/harness/browser';
import { startLiveServer, type LiveServer } from '../../../scripts/harness/live-server';
import { measureLayoutShift } from '../../../scripts/harness/page';

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

/** Offline work needs the app's pages cached: wait, as a worker would, for the service worker. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** Whether the element lies wholly inside the viewport, with no scrolling. */
export async function isWithinViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });
}
