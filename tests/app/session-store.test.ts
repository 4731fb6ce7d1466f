import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSession } from '../../src/app/db/session';
import { useSessionStore } from '../../src/app/stores/session';
import { jsonResponse, stubFetch, workerLogin } from '../helpers/app/network';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.unstubAllGlobals());

describe('session store', () => {
  it('signs in through the API and keeps the session in IndexedDB', async () => {
    const fetchMock = stubFetch(jsonResponse(200, workerLogin));
    const session = useSessionStore();
    await session.signIn({ username: 'demo-worker', password: 'demo1234' });

    expect(fetchMock).toHaveBeenCalledWith('/api/auth/login', expect.objectContaining({ method: 'POST', body: JSON.stringify({ username: 'demo-worker', password: 'demo1234' }) }));
    expect(session.user?.name).toBe('演示网格员');
    expect(await loadSession()).toMatchObject({ token: 'token-of-the-worker', user: { role: 'grid_worker' } });
  });

  it('restores the signed-in user after a reload without any network', async () => {
    stubFetch(jsonResponse(200, workerLogin));
    await useSessionStore().signIn({ username: 'demo-worker', password: 'demo1234' });

    setActivePinia(createPinia());
    const fetchMock = stubFetch();
    const reopened = useSessionStore();
    await reopened.restore();
    expect(reopened.signedIn).toBe(true);
    expect(reopened.user?.username).toBe('demo-worker');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('marks the session expired on a 401 but keeps it stored', async () => {
    stubFetch(jsonResponse(200, workerLogin), jsonResponse(401, { error: { code: 'unauthenticated', message: 'expired' } }));
    const session = useSessionStore();
    await session.signIn({ username: 'demo-worker', password: 'demo1234' });
    await session.verify();
    expect(session.expired).toBe(true);
    expect(await loadSession()).toBeDefined();
  });

  it('stays signed in when the server cannot be reached', async () => {
    stubFetch(jsonResponse(200, workerLogin), new TypeError('Failed to fetch'));
    const session = useSessionStore();
    await session.signIn({ username: 'demo-worker', password: 'demo1234' });
    await session.verify();
    expect(session.expired).toBe(false);
    expect(session.signedIn).toBe(true);
  });

  it('signs out locally even offline', async () => {
    stubFetch(jsonResponse(200, workerLogin), new TypeError('Failed to fetch'));
    const session = useSessionStore();
    await session.signIn({ username: 'demo-worker', password: 'demo1234' });
    await session.signOut();
    expect(session.signedIn).toBe(false);
    expect(await loadSession()).toBeUndefined();
  });

  it('keeps the sign-in key the server gave, also past signing out, and sends it with the next sign-in to that account', async () => {
    const signInKey = 'k'.repeat(43);
    stubFetch(jsonResponse(200, { ...workerLogin, signInKey }), new TypeError('Failed to fetch'));
    const session = useSessionStore();
    await session.signIn({ username: 'demo-worker', password: 'demo1234' });
    await session.signOut();

    const fetchMock = stubFetch(jsonResponse(200, workerLogin), jsonResponse(200, workerLogin));
    await session.signIn({ username: 'demo-worker', password: 'demo1234' });
    await session.signIn({ username: 'demo-adviser', password: 'demo1234' });
    const bodies = (fetchMock.mock.calls as unknown as Array<[string, RequestInit]>).map(([, init]) => JSON.parse(String(init.body)) as Record<string, unknown>);
    expect(bodies.map((body) => body.signInKey)).toEqual([signInKey, undefined]);
  });
});
