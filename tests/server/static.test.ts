import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestServer } from '../helpers/server';

let staticRoot: string;
let server: TestServer;

beforeAll(() => {
  staticRoot = mkdtempSync(join(tmpdir(), 'gulou-static-'));
  mkdirSync(join(staticRoot, 'assets'));
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><link rel="manifest" href="/manifest.webmanifest"><div id="app"></div>');
  writeFileSync(join(staticRoot, 'results.html'), '<!doctype html><div id="results"></div>');
  writeFileSync(join(staticRoot, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(staticRoot, 'assets', 'index-abc123.js'), 'console.log(1);');
});
afterAll(() => rmSync(staticRoot, { recursive: true, force: true }));
afterEach(() => server.close());

describe('serving the PWA', () => {
  it('serves the app shell, the service worker uncached and fingerprinted assets for a year', async () => {
    server = await startTestApp({ demo: false, staticRoot });
    const index = await server.app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('rel="manifest"');

    const sw = await server.app.inject({ method: 'GET', url: '/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');

    const asset = await server.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('answers client-side routes with the app shell, but not missing files or API routes', async () => {
    server = await startTestApp({ demo: false, staticRoot });
    const route = await server.app.inject({ method: 'GET', url: '/login?redirect=%2F' });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<div id="app">');

    expect((await server.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const api = await server.app.inject({ method: 'GET', url: '/api/missing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });

  it('answers /results and its sub-pages with the public page, uncached, never the app shell', async () => {
    server = await startTestApp({ demo: false, staticRoot });
    for (const url of ['/results', '/results/2025-H2/gulou-01']) {
      const page = await server.app.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<div id="results">');
      expect(page.body).not.toContain('<div id="app">');
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    expect((await server.app.inject({ method: 'GET', url: '/resultsx' })).body).toContain('<div id="app">');
  });

  it('answers the API alone when there is no built app', async () => {
    server = await startTestApp({ demo: false, staticRoot: join(staticRoot, 'nowhere') });
    const response = await server.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});
