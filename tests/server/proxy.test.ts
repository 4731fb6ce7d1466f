import { afterEach, describe, expect, it } from 'vitest';
import type { TrustedProxies } from '../../src/server/config';
import { startTestApp, type TestServer } from '../helpers/server';

let server: TestServer;
afterEach(() => server.close());

const proxyAddress = '127.0.0.1';
const clientAddress = '203.0.113.7';

/** A failed sign-in as the proxy forwards it: the client's own header first, the proxy's hop appended last. */
function loginThroughProxy(forgedAddress: string) {
  return server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: proxyAddress,
    headers: { 'x-forwarded-for': `${forgedAddress}, ${clientAddress}` },
    payload: { username: 'demo-worker', password: 'wrong-password' },
  });
}

describe.each<[string, TrustedProxies]>([
  ['a hop count', 1],
  ['the proxy’s address', [proxyAddress]],
])('behind a proxy trusted by %s', (_name, trustProxy) => {
  it('rate-limits and audits the address the proxy saw, whatever the client forges', async () => {
    server = await startTestApp({ trustProxy, loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await loginThroughProxy(`10.9.8.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);

    const audited = await server.db.selectFrom('audit_log').select('details').where('action', '=', 'auth.login_failed').execute();
    expect(audited).toHaveLength(3);
    for (const row of audited) expect(JSON.parse(row.details)).toMatchObject({ ip: clientAddress });
  });
});

describe('without a trusted proxy', () => {
  it('ignores X-Forwarded-For altogether', async () => {
    server = await startTestApp();
    await loginThroughProxy('10.9.8.7');
    const audited = await server.db.selectFrom('audit_log').select('details').where('action', '=', 'auth.login_failed').execute();
    expect(JSON.parse(audited[0]!.details)).toMatchObject({ ip: proxyAddress });
  });
});
