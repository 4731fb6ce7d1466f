import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/shared/hashing';
import { loginAs, startTestApp, type TestServer } from '../helpers/server';

let staticRoot: string;
let server: TestServer;

beforeAll(() => {
  staticRoot = mkdtempSync(join(tmpdir(), 'gulou-headers-'));
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><script type="module" src="/assets/index-abc.js"></script><div id="app"></div>');
});
afterAll(() => rmSync(staticRoot, { recursive: true, force: true }));
afterEach(() => server.close());

/** Parses a Content-Security-Policy into its directives. */
function directives(policy: string | string[] | number | undefined): Record<string, string> {
  return Object.fromEntries(
    String(policy)
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name!, values.join(' ')];
      }),
  );
}

const everyAnswer = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': expect.stringMatching(/^camera=\(self\), microphone=\(\), geolocation=\(\)/),
};

describe('security headers', () => {
  it('a page of the app gets a policy with no inline script, no framing and this origin only', async () => {
    server = await startTestApp({ demo: false, staticRoot });
    const page = await server.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers).toMatchObject(everyAnswer);
    const csp = directives(page.headers['content-security-policy']);
    expect(csp).toMatchObject({ 'default-src': "'self'", 'script-src': "'self'", 'style-src': "'self'", 'frame-ancestors': "'none'", 'object-src': "'none'", 'worker-src': "'self'" });
    expect(JSON.stringify(csp)).not.toContain('unsafe');
    expect(page.headers['strict-transport-security']).toBeUndefined();
  });

  it('API answers, sign-in included, are never stored by a cache', async () => {
    server = await startTestApp();
    const { response: login } = await loginAs(server.app, 'demo-worker');
    expect(login.headers).toMatchObject({ ...everyAnswer, 'cache-control': 'no-store' });
    const failed = await loginAs(server.app, 'demo-worker', 'wrong-password');
    expect(failed.response.headers['cache-control']).toBe('no-store');
    const health = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.headers).toMatchObject({ ...everyAnswer, 'cache-control': 'no-store' });
  });

  it('a blob download may run nothing, even opened directly', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-supervisor');
    const image = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const headers = { authorization: `Bearer ${body.token}` };
    await server.app.inject({ method: 'PUT', url: `/api/blobs/${sha256Hex(image)}`, headers: { ...headers, 'content-type': 'image/png' }, payload: image });
    const download = await server.app.inject({ method: 'GET', url: `/api/blobs/${sha256Hex(image)}`, headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers).toMatchObject({ ...everyAnswer, 'content-type': 'image/png', 'cache-control': 'no-store', 'content-disposition': expect.stringMatching(/^attachment;/) });
    expect(directives(download.headers['content-security-policy'])).toEqual({ 'default-src': "'none'", sandbox: '' });
  });

  it('sends HSTS only when this server serves TLS itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gulou-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
      server = await startTestApp({ demo: false, https: { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) } });
      const health = await server.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
