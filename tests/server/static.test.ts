import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestServer } from '../helpers/server/server';

let staticRoot: string;
const assetSource = `console.log(${JSON.stringify('压缩'.repeat(200))});`;
let server: TestServer;

beforeAll(() => {
  staticRoot = mkdtempSync(join(tmpdir(), 'gulou-static-'));
  mkdirSync(join(staticRoot, 'assets'));
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><link rel="manifest" href="/manifest.webmanifest"><div id="app"></div>');
  writeFileSync(join(staticRoot, 'results.html'), '<!doctype html><div id="results"></div>');
  writeFileSync(join(staticRoot, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(staticRoot, 'assets', 'index-abc123.js'), assetSource);
  // What the build's compression plugin writes beside each text asset.
  writeFileSync(join(staticRoot, 'assets', 'index-abc123.js.br'), brotliCompressSync(assetSource));
  writeFileSync(join(staticRoot, 'assets', 'index-abc123.js.gz'), gzipSync(assetSource));
  writeFileSync(join(staticRoot, 'assets', 'index-abc123.js.map'), '{"version":3,"sources":["src/app/secret.ts"]}');
  writeFileSync(join(staticRoot, 'index.html.br'), brotliCompressSync(readFileSync(join(staticRoot, 'index.html'))));
  writeFileSync(join(staticRoot, 'sw.js.br'), brotliCompressSync(readFileSync(join(staticRoot, 'sw.js'))));
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

  it('serves hashed assets precompressed (brotli, else gzip) and cached for a year; the shell and service worker stay revalidated', async () => {
    server = await startTestApp({ demo: false, staticRoot });
    const brotli = await server.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(brotli.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(assetSource);
    expect(brotli.rawPayload.length).toBeLessThan(assetSource.length / 4);

    const gzip = await server.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(assetSource);

    const plain = await server.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(assetSource);

    for (const url of ['/', '/index.html', '/sw.js']) {
      const response = await server.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('never serves source maps', async () => {
    server = await startTestApp({ demo: false, staticRoot });
    const map = await server.app.inject({ method: 'GET', url: '/assets/index-abc123.js.map' });
    expect(map.statusCode).toBe(404);
    expect(map.body).not.toContain('secret.ts');
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
