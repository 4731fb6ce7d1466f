import type { Page } from 'playwright-core';

/** Fills in and sends the sign-in form. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * An init script (`context.addInitScript(measureLayoutShift)`) that sums the layout shifts not caused
 * by the user's input, as Core Web Vitals' CLS does, per document.
 */
export function measureLayoutShift(): void {
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

/** Lets late layout (fonts, lazily loaded parts, pulled data) settle before CLS is read; rounded to 0.001. */
export async function settledLayoutShift(page: Page): Promise<number> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  return Math.round((await layoutShift(page)) * 1000) / 1000;
}

/** Lighthouse's mobile conditions: a 4× slower CPU and a slow 4G link (150 ms, 1.6 Mbit/s down, 750 kbit/s up). */
export async function throttleLikeLighthouseMobile(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
}
