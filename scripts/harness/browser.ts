import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; nothing here downloads a browser of its own. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface TestBrowser {
  browser: Browser;
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

function launchOptions() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return { executablePath: chromiumPath, headless: true, args: chromiumArgs };
}

function testBrowser(browser: Browser): TestBrowser {
  return {
    browser,
    // A phone: the screen a grid worker holds in a stairwell.
    newContext: () => browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } }),
    close: () => browser.close(),
  };
}

/** Headless Chromium; Playwright gives every launch a fresh, throw-away profile directory. */
export async function launchChromium(): Promise<TestBrowser> {
  return testBrowser(await chromium.launch(launchOptions()));
}

/**
 * One headless Chromium (same flags and throw-away profile as `launchChromium`) that several test
 * files reach through `connectChromium(wsEndpoint)`, so each file no longer starts a browser.
 */
export async function launchChromiumServer(): Promise<{ wsEndpoint: string; close(): Promise<void> }> {
  const server = await chromium.launchServer(launchOptions());
  return { wsEndpoint: server.wsEndpoint(), close: () => server.close() };
}

/** The Chromium of `launchChromiumServer`; `close()` disconnects and closes this connection's contexts only. */
export async function connectChromium(wsEndpoint: string): Promise<TestBrowser> {
  return testBrowser(await chromium.connect(wsEndpoint));
}
