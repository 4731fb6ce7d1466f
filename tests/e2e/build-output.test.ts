import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBrowser } from '../../scripts/harness/browser';
import { distDir, startLiveServer, type LiveServer } from '../../scripts/harness/live-server';
import { onlinePageTargetKb, onlinePageWeight } from '../../scripts/bench/online-page';
import { roles } from '../../src/shared/roles';
import { e2eChromium } from '../helpers/e2e/setup';

let server: LiveServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startLiveServer();
  browser = await e2eChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the built PWA as served', () => {
  it('links a manifest with name, theme colour, start_url and 192/512 icons, and serves /sw.js', async () => {
    const index = await (await fetch(server.url)).text();
    expect(index).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);

    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ name: '鼓楼区居民满意度测评', start_url: '/', theme_color: '#b71c1c', display: 'standalone' });
    expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) expect((await fetch(`${server.url}${icon.src}`)).status).toBe(200);

    const sw = await fetch(`${server.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(await sw.text()).toContain('precacheAndRoute');
  });

  it('loads no role page on the sign-in page', async () => {
    const viteManifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string }>;
    const roleChunks = Object.entries(viteManifest)
      .filter(([source]) => source.startsWith('src/app/pages/home/'))
      .map(([, chunk]) => `/${chunk.file}`);
    // One home page per role, each its own chunk.
    expect(roleChunks.length).toBe(roles.length);

    const context = await browser.newContext();
    const page = await context.newPage();
    const loaded: string[] = [];
    page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.waitForLoadState('networkidle');
    await context?.close();

    expect(loaded.some((path) => path.startsWith('/assets/index-'))).toBe(true);
    expect(loaded.filter((path) => roleChunks.includes(path))).toEqual([]);
  });

  it('runs under its Content-Security-Policy without a violation and registers its service worker', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`));
      });
      const answer = await page.goto(`${server.url}/login`);
      expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.getByRole('heading', { name: '登录' }).waitFor();
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(scope).toBe(`${server.url}/`);
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('serves the built JavaScript and CSS precompressed, brotli first', async () => {
    const index = await (await fetch(server.url)).text();
    const assets = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      const brotli = await fetch(`${server.url}${asset}`, { headers: { 'accept-encoding': 'br' } });
      expect(brotli.headers.get('content-encoding')).toBe('br');
      expect(brotli.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const gzip = await fetch(`${server.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers.get('content-encoding')).toBe('gzip');
    }
  });

  it("keeps the residents' questionnaire under its weight budget, with none of the app's, the office's or chart.js's code", async () => {
    const weight = await onlinePageWeight();
    expect(weight.files.map((file) => file.path).every((path) => /^\/assets\/online-/.test(path))).toBe(true);
    expect(weight.loadsFieldApp).toBe(false);
    expect(weight.loadsOfficePages).toBe(false);
    expect(weight.loadsChartJs).toBe(false);
    expect(weight.loadsVueI18n).toBe(false);
    expect(weight.totalGzipKb).toBeLessThan(onlinePageTargetKb);
    // Its service worker comes on the first visit too, and counts within the same budget.
    expect(weight.totalGzipKb + gzipSync(readFileSync(join(distDir, 'online-sw.js'))).length / 1024).toBeLessThan(onlinePageTargetKb);
  });

  it("gives the residents' page a worker of its own that keeps the page's files and nothing of the app's", () => {
    const precached = (worker: string) => [...readFileSync(join(distDir, worker), 'utf8').matchAll(/url:"([^"]+)"/g)].map((match) => match[1]!);
    const residents = precached('online-sw.js');
    expect(residents).toEqual(expect.arrayContaining(['online.html', expect.stringMatching(/^assets\/online-.*\.js$/), expect.stringMatching(/^assets\/online-.*\.css$/)]));
    expect(residents.filter((url) => !/^(?:online\.html|favicon\.svg|assets\/online-)/.test(url))).toEqual([]);
    expect(precached('sw.js').filter((url) => /online/.test(url))).toEqual([]);
  });
});
