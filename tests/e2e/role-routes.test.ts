import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { submitSignIn } from '../../scripts/harness/page';
import { roles, type Role } from '../../src/shared/roles';
import { demoPassword, demoUsernames } from '../../src/server/demo/seed';
import { useChromiumAndServer } from '../helpers/e2e/setup';

const e2e = useChromiumAndServer();

const phone = { width: 390, height: 844 };

interface AllowedRoute {
  name: string;
  path: string;
  params: string[];
  openedByAction: boolean;
}

/** The routes the app's own router lets `role` open (the signed-in pages, not the fallbacks). */
async function allowedRoutes(page: Page, role: Role): Promise<AllowedRoute[]> {
  return page.evaluate((role) => {
    type Router = { getRoutes(): Array<{ name?: unknown; path: string; meta: { public?: boolean; roles?: readonly string[]; openedByAction?: boolean } }> };
    const router = (document.querySelector('#app') as unknown as { __vue_app__: { config: { globalProperties: { $router: Router } } } }).__vue_app__.config.globalProperties.$router;
    return router
      .getRoutes()
      .filter((route) => !route.meta.public && (!route.meta.roles || route.meta.roles.includes(role)))
      .filter((route) => route.name !== 'not-for-role')
      .map((route) => ({
        name: String(route.name),
        path: route.path,
        params: [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!),
        openedByAction: route.meta.openedByAction === true,
      }));
  }, role);
}

/** The same-origin links on the page now, each with the route the app's router gives it. */
async function linkedRoutes(page: Page): Promise<Array<{ name: string; href: string }>> {
  return page.evaluate(() => {
    type Router = { resolve(to: string): { name?: unknown; matched: unknown[] } };
    const router = (document.querySelector('#app') as unknown as { __vue_app__: { config: { globalProperties: { $router: Router } } } }).__vue_app__.config.globalProperties.$router;
    return [...document.querySelectorAll<HTMLAnchorElement>('a[href]')]
      .map((anchor) => new URL(anchor.href))
      .filter((url) => url.origin === location.origin)
      .map((url) => ({ name: String(router.resolve(url.pathname + url.search).name), href: url.pathname + url.search }));
  });
}

/** Opens a page and waits until it has drawn what it loads (no request pending for a moment). */
async function open(page: Page, href: string): Promise<void> {
  await page.goto(href, { waitUntil: 'networkidle', timeout: 20_000 });
}

/** How far the page reaches past the screen's right edge, with the innermost elements that do (to say where). */
async function sideways(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow <= 0) return { overflow, culprits: [] };
    const past = (element: Element) => element.getBoundingClientRect().right > window.innerWidth + 0.5;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((element) => past(element) && ![...element.children].some(past))
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
    return { overflow, culprits };
  });
}

/**
 * What scrolls inside the page but neither takes the keyboard's focus itself nor holds anything that
 * does, or takes it without a name: a keyboard could not scroll it, a screen reader not say what it is.
 */
async function unreachableScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const scrolls = (element: Element) => {
      const style = getComputedStyle(element);
      const sideways = /auto|scroll/.test(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
      const down = /auto|scroll/.test(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
      return sideways || down;
    };
    const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    return [...document.body.querySelectorAll('main *')]
      .filter(scrolls)
      .filter((element) => {
        const own = element.matches(focusable);
        if (own) return !element.getAttribute('aria-label') && !element.getAttribute('aria-labelledby');
        return element.querySelector(focusable) === null;
      })
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
  });
}

/**
 * A record's page (a case, a session, a revisit) is linked from its list only when the demo data has
 * such a record: with none, its list page (the nearest visited page whose path starts its own) stands in.
 */
function listOf(route: AllowedRoute, visited: ReadonlySet<string>): string | undefined {
  const fixed = route.path.slice(0, route.path.indexOf('/:'));
  return [...visited].filter((path) => fixed.startsWith(path.split('?')[0]!)).sort((a, b) => b.length - a.length)[0];
}

describe('every page of every role at 390 px', () => {
  it.each(roles)('%s: each page the router allows is linked from home or one level down, none scrolls sideways, and what scrolls inside it is reachable by keyboard', async (role) => {
    const server = await e2e.startServer({ publishedRound: true });
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.setViewportSize(phone);
    await page.goto(`${server.url}/login`);
    await submitSignIn(page, demoUsernames[role], demoPassword);
    await page.getByRole('heading', { name: /工作台/ }).waitFor();
    await page.waitForLoadState('networkidle');

    const allowed = await allowedRoutes(page, role);
    const isAllowed = (name: string) => allowed.some((route) => route.name === name);
    const widths = new Map<string, { overflow: number; culprits: string[] }>([['/', await sideways(page)]]);
    const scrollers = new Map<string, string[]>([['/', await unreachableScrollers(page)]]);
    const hrefOf = new Map<string, string>();
    const note = (links: Array<{ name: string; href: string }>) => links.forEach((link) => hrefOf.has(link.name) || hrefOf.set(link.name, link.href));
    const visit = async (href: string) => {
      await open(page, server.url + href);
      widths.set(href, await sideways(page));
      scrollers.set(href, await unreachableScrollers(page));
      return linkedRoutes(page);
    };
    const fromHome = await linkedRoutes(page);
    note(fromHome);
    const levelTwo: string[] = [];
    for (const link of fromHome) {
      if (widths.has(link.href) || !isAllowed(link.name)) continue;
      const deeper = await visit(link.href);
      note(deeper);
      levelTwo.push(...deeper.filter((next) => isAllowed(next.name)).map((next) => next.href));
    }
    const linkedWithinTwo = new Set(hrefOf.keys());
    // A record's page may sit under another (a community under its sub-district): look one page further for those.
    for (const href of levelTwo) if (!widths.has(href)) note((await visit(href)).filter((link) => allowed.some((route) => route.name === link.name && route.params.length > 0)));

    const visited = new Set(widths.keys());
    const unlinked = allowed
      .filter((route) => route.name !== 'home' && !route.openedByAction)
      .filter((route) => (route.params.length === 0 ? !linkedWithinTwo.has(route.name) : !hrefOf.has(route.name) && listOf(route, visited) === undefined))
      .map((route) => route.name);
    expect(unlinked, `${role}: pages not linked from home or one level down`).toEqual([]);

    for (const route of allowed) {
      const href = hrefOf.get(route.name) ?? route.path.replace(/:(\w+)/g, 'demo-missing');
      if (!widths.has(href)) await visit(href);
    }
    const tooWide = [...widths].filter(([, width]) => width.overflow > 0).map(([href, width]) => `${href} +${width.overflow}px (${width.culprits.join(', ')})`);
    expect(tooWide, `${role}: pages wider than ${phone.width} px`).toEqual([]);
    const unreachable = [...scrollers].filter(([, found]) => found.length > 0).map(([href, found]) => `${href} (${found.join(', ')})`);
    expect(unreachable, `${role}: regions that scroll but a keyboard cannot reach, or that have no name`).toEqual([]);
  }, 300_000);
});
