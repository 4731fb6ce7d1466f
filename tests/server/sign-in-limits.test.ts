import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { createPasswordSlots } from '../../src/server/auth/password-slots';
import type { Database } from '../../src/server/db/database';
import { demoPassword } from '../../src/server/demo/seed';
import { accountDelayMs } from '../../src/server/routes/auth';
import { startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
const opened: { app?: FastifyInstance; db?: Database }[] = [];
afterEach(async () => {
  for (const { app, db } of opened.splice(0)) {
    await app?.close();
    await db?.destroy();
  }
  await server.close();
});

const attackers = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5', '198.51.100.6'];

function signIn(app: FastifyInstance, from: string, password: string, signInKey?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: from,
    payload: { username: 'demo-worker', password, ...(signInKey ? { signInKey } : {}) },
  });
}

/** Ten wrong passwords from each attacking address, in turn, as a spread-out guessing run would. */
async function guessFromEveryAddress(app: FastifyInstance, perAddress = 10): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < perAddress; i++) {
    for (const address of attackers) statuses.push((await signIn(app, address, `guess-${i}-${address}`)).statusCode);
  }
  return statuses;
}

describe('failed sign-ins per account, from any address', () => {
  it('slows down guessing spread over six addresses instead of answering 401 sixty times', async () => {
    server = await startTestApp({ now: () => new Date('2026-03-01T08:00:00Z') });
    const statuses = await guessFromEveryAddress(server.app);
    // Ten failures are free; the eleventh starts a wait during which no password is checked.
    expect(statuses.filter((status) => status === 401)).toHaveLength(11);
    expect(statuses.slice(11).every((status) => status === 429)).toBe(true);
    const slowed = await signIn(server.app, attackers[0]!, 'another-guess');
    expect(slowed.json().error.code).toBe('rate_limited');
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('waits twice as long after each further failure, never longer than the cap', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    server = await startTestApp({ now: () => now, loginAccountLimit: { freeFailures: 2, timeWindowMs: 3_600_000, maxDelayMs: 8_000 } });
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const address = attackers[i % attackers.length]!;
      expect((await signIn(server.app, address, 'wrong-password')).statusCode).toBe(401);
      const refused = await signIn(server.app, address, 'wrong-password');
      if (refused.statusCode === 429) {
        const wait = Number(refused.headers['retry-after']);
        waits.push(wait);
        now = new Date(now.getTime() + wait * 1000);
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 8, 8]);
    expect([3, 4, 5, 6, 7, 8, 9].map((failures) => accountDelayMs(failures, { freeFailures: 2, timeWindowMs: 1, maxDelayMs: 8_000 }))).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000,
    ]);
  });

  it('never slows down a device that signed in to the account before, so an attacker cannot lock its worker out', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    server = await startTestApp({ now: () => now });
    const first = await signIn(server.app, '203.0.113.9', demoPassword);
    expect(first.statusCode).toBe(200);
    const { signInKey } = first.json() as { signInKey: string };
    expect(signInKey).toMatch(/^[\w-]{40,}$/);
    const stored = await server.db.selectFrom('sign_in_keys').select('key_hash').execute();
    expect(stored.map((row) => row.key_hash)).not.toContain(signInKey);

    await guessFromEveryAddress(server.app);
    // Her phone, on a new address in the stairwell, signs in at once, keeping its key.
    const phone = await signIn(server.app, '203.0.113.77', demoPassword, signInKey);
    expect(phone.statusCode).toBe(200);
    expect(phone.json().signInKey).toBe(signInKey);
    // A new phone waits, but is not locked out: after the wait its right password gets through.
    const newPhone = await signIn(server.app, '203.0.113.78', demoPassword);
    expect(newPhone.statusCode).toBe(429);
    const wait = Number(newPhone.headers['retry-after']);
    expect(wait).toBeLessThanOrEqual(60);
    now = new Date(now.getTime() + wait * 1000);
    expect((await signIn(server.app, '203.0.113.78', demoPassword)).statusCode).toBe(200);
  });

  it('does not take a key of another account as proof', async () => {
    server = await startTestApp({ now: () => new Date('2026-03-01T08:00:00Z') });
    const adviser = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-adviser', password: demoPassword } });
    const adviserKey = (adviser.json() as { signInKey: string }).signInKey;
    await guessFromEveryAddress(server.app, 2);
    expect((await signIn(server.app, '203.0.113.79', demoPassword, adviserKey)).statusCode).toBe(429);
  });

  it('counts failures made through two server processes on one database together', async () => {
    const now = () => new Date('2026-03-01T08:00:00Z');
    const limits = { now, loginAccountLimit: { freeFailures: 4, timeWindowMs: 60_000, maxDelayMs: 60_000 } };
    server = await startTestApp(limits);
    const db = await server.connectAgain();
    const other = await buildApp({ db, ...limits });
    opened.push({ app: other, db });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await signIn(i % 2 === 0 ? server.app : other, attackers[i]!, 'wrong-password')).statusCode);
    }
    statuses.push((await signIn(other, attackers[4]!, 'wrong-password')).statusCode);
    statuses.push((await signIn(server.app, attackers[5]!, 'wrong-password')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('only failed credentials count', () => {
  it('does not count sign-ins answered 503 while the password checks were busy', async () => {
    const passwordSlots = createPasswordSlots({ concurrent: 1, waiting: 0 });
    server = await startTestApp({ passwordSlots, loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const release = await passwordSlots.acquire()!;
    for (let i = 0; i < 12; i++) expect((await signIn(server.app, '203.0.113.5', demoPassword)).statusCode).toBe(503);
    release();
    expect((await signIn(server.app, '203.0.113.5', demoPassword)).statusCode).toBe(200);
  });

  it('does not count successful sign-ins of one user from one address', async () => {
    server = await startTestApp({ loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    for (let i = 0; i < 6; i++) expect((await signIn(server.app, '203.0.113.6', demoPassword)).statusCode).toBe(200);
    expect((await server.db.selectFrom('rate_limits').select('key').execute()).map((row) => row.key)).toEqual([]);
  });
});
