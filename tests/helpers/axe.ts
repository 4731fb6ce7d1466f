import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One line per violation: the rule, its impact and the first offending elements. */
function describeViolations(results: AxeResults['violations']): string[] {
  return results.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practices) on the page as it is now and fails on any
 * violation. Injected through the DevTools protocol, so the app's Content-Security-Policy, which
 * allows no inline scripts, stays in force for the app itself.
 */
export async function expectAccessible(page: Page, what = page.url()): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return results.violations;
  });
  expect(describeViolations(violations), `accessibility of ${what}`).toEqual([]);
}
