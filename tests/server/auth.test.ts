import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { createPasswordSlots } from '../../src/server/auth/password-slots';
import { hashToken } from '../../src/server/tokens';
import { demoPassword } from '../../src/server/demo/seed';
import { loginAs, startTestApp, type TestServer } from '../helpers/server';

let server: TestServer;
afterEach(() => server.close());

describe('POST /api/auth/login', () => {
  it('returns a bearer token and the user with role and scope', async () => {
    server = await startTestApp();
    const { response, body } = await loginAs(server.app, 'demo-worker');
    expect(response.statusCode).toBe(200);
    expect(body.token).toMatch(/^[\w-]{40,}$/);
    expect(body.user).toMatchObject({
      username: 'demo-worker',
      name: '演示网格员',
      role: 'grid_worker',
      scope: { level: 'community', ids: ['yijiangmen-c01', 'yijiangmen-c02'] },
    });
    expect(JSON.stringify(body)).not.toContain('scrypt');
  });

  it('stores only the hash of the token', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-officer');
    const rows = await server.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toEqual([hashToken(body.token)]);
  });

  it('gives a wrong password and an unknown user the same 401 body', async () => {
    server = await startTestApp();
    const wrongPassword = await loginAs(server.app, 'demo-worker', 'not-the-password');
    const unknownUser = await loginAs(server.app, 'nobody-here', 'not-the-password');
    expect(wrongPassword.response.statusCode).toBe(401);
    expect(unknownUser.response.statusCode).toBe(401);
    expect(wrongPassword.response.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong username or password' } });
    expect(unknownUser.response.body).toBe(wrongPassword.response.body);
  });

  it('rejects a body without a password with 400 naming the field', async () => {
    server = await startTestApp();
    const response = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-worker' } });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain('password');
  });

  it('rate-limits repeated attempts with a 429 error body and Retry-After', async () => {
    server = await startTestApp({ loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await loginAs(server.app, 'demo-worker', 'wrong-password')).response.statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await loginAs(server.app, 'demo-worker', 'wrong-password');
    expect(limited.response.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(limited.response.headers['retry-after'])).toBeGreaterThan(0);
    // Another username from the same address is counted separately.
    expect((await loginAs(server.app, 'demo-adviser')).response.statusCode).toBe(200);
  });
});

describe('login limits against spraying and floods', () => {
  it('limits failed sign-ins per address across usernames, before reading the body', async () => {
    server = await startTestApp({ loginAddressLimit: { max: 4, timeWindowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await loginAs(server.app, `sprayed-name-${i}`, 'wrong-password')).response.statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const limited = await loginAs(server.app, 'demo-worker');
    expect(limited.response.statusCode).toBe(429);
    expect(limited.response.json().error.code).toBe('rate_limited');
    expect(Number(limited.response.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    const elsewhere = await server.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.4', payload: { username: 'demo-worker', password: demoPassword } });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('counts successful sign-ins from one address (an office) only per username', async () => {
    server = await startTestApp({ loginAddressLimit: { max: 2, timeWindowMs: 60_000 } });
    for (const username of ['demo-worker', 'demo-adviser', 'demo-officer', 'demo-supervisor']) {
      expect((await loginAs(server.app, username)).response.statusCode).toBe(200);
    }
  });

  it('audits a failed sign-in with the username and address', async () => {
    server = await startTestApp();
    await loginAs(server.app, 'demo-worker', 'wrong-password');
    await loginAs(server.app, 'nobody-here', 'wrong-password');
    const rows = await server.db.selectFrom('audit_log').select(['user_id', 'details']).where('action', '=', 'auth.login_failed').orderBy('id').execute();
    const worker = await server.db.selectFrom('users').select('id').where('username', '=', 'demo-worker').executeTakeFirstOrThrow();
    expect(rows.map((row) => ({ userId: row.user_id, ...JSON.parse(row.details) }))).toEqual([
      { userId: worker.id, username: 'demo-worker', ip: '127.0.0.1' },
      { userId: null, username: 'nobody-here', ip: '127.0.0.1' },
    ]);
  });

  it('answers 503 with Retry-After when every password-hashing slot and the line are taken, then recovers', async () => {
    const passwordSlots = createPasswordSlots({ concurrent: 1, waiting: 0 });
    server = await startTestApp({ passwordSlots });
    const release = await passwordSlots.acquire()!;
    const busy = await loginAs(server.app, 'demo-worker');
    expect(busy.response.statusCode).toBe(503);
    expect(busy.response.json().error.code).toBe('unavailable');
    expect(busy.response.headers['retry-after']).toBe('1');
    release();
    expect((await loginAs(server.app, 'demo-worker')).response.statusCode).toBe(200);
  });
});

describe('login rate limit shared by every server process', () => {
  it('counts attempts made through two app instances on one database, and forgets them after the window', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    server = await startTestApp({ now: () => now, loginRateLimit: { max: 2, timeWindowMs: 60_000 } });
    const other = await buildApp({ db: server.db, now: () => now, loginRateLimit: { max: 2, timeWindowMs: 60_000 } });
    try {
      expect((await loginAs(server.app, 'demo-worker', 'wrong-password')).response.statusCode).toBe(401);
      expect((await loginAs(other, 'demo-worker', 'wrong-password')).response.statusCode).toBe(401);
      const limited = await loginAs(other, 'demo-worker', 'wrong-password');
      expect(limited.response.statusCode).toBe(429);
      expect((await loginAs(server.app, 'demo-worker')).response.statusCode).toBe(429);
      now = new Date('2026-03-01T08:01:01Z');
      expect((await loginAs(server.app, 'demo-worker')).response.statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('bearer tokens', () => {
  it('GET /api/auth/me answers the token’s user, 401 without one', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-supervisor');
    const me = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'demo-supervisor', role: 'supervisor', scope: { level: 'district', ids: ['gulou'] } });

    const anonymous = await server.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthenticated');
  });

  it('logout revokes the token', async () => {
    server = await startTestApp();
    const { body } = await loginAs(server.app, 'demo-admin');
    const headers = { authorization: `Bearer ${body.token}` };
    expect((await server.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
    expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('an expired token is refused', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    server = await startTestApp({ now: () => now, sessionLifetimeMs: 60_000 });
    const { body } = await loginAs(server.app, 'demo-worker');
    const headers = { authorization: `Bearer ${body.token}` };
    expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    now = new Date('2026-03-01T08:01:01Z');
    expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });
});
