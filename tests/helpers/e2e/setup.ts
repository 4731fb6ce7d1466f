import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { connectChromium, launchChromium, type TestBrowser } from '../../../scripts/harness/browser';
import { startLiveServer, type LiveServer } from '../../../scripts/harness/live-server';
import { measureLayoutShift } from '../../../scripts/harness/page';

/**
 * The project's one Chromium (tests/helpers/e2e/global-setup.ts), or a browser of the file's own
 * without it or with `own` (a download's file is only at hand to the process that launched the browser).
 */
export function e2eChromium(options: { own?: boolean } = {}): Promise<TestBrowser> {
  const endpoint = inject('chromiumEndpoint');
  return endpoint && !options.own ? connectChromium(endpoint) : launchChromium();
}

/**
 * The hooks every end-to-end file needs: a connection to the project's Chromium per file; per test,
 * a fresh server (with the published round, a copy of the database seeded once) and browser
 * contexts, all closed afterwards.
 */
export function useChromiumAndServer(options: { ownBrowser?: boolean } = {}) {
  let browser: TestBrowser | undefined;
  let server: LiveServer | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await e2eChromium({ own: options.ownBrowser });
  });
  afterAll(() => browser?.close());
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    await server?.close();
  });
  return {
    async startServer(options: Parameters<typeof startLiveServer>[0] = {}): Promise<LiveServer> {
      const seededFrom = options.publishedRound ? inject('publishedDemoSqliteFile') : undefined;
      server = await startLiveServer({ ...options, ...(seededFrom ? { seededFrom } : {}) });
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
