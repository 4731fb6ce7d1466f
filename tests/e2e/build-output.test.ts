import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type TestBrowser } from '../helpers/browser';
import { distDir, startLiveServer, type LiveServer } from '../helpers/live-server';

let server: LiveServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startLiveServer();
  browser = await launchChromium();
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
    expect(roleChunks.length).toBe(5);

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
});
