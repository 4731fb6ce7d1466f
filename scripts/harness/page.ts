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
