import { vi } from 'vitest';
import type { LoginResponse } from '../../../src/shared/auth';

/** The server's answer to the demo worker's sign-in. */
export const workerLogin: LoginResponse = {
  token: 'token-of-the-worker',
  expiresAt: '2026-12-31T00:00:00.000Z',
  user: {
    id: '0190f0a0-0000-7000-8000-000000000001',
    username: 'demo-worker',
    name: '演示网格员',
    role: 'grid_worker',
    scope: { level: 'community', ids: ['yijiangmen-c01'] },
  },
};

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Replaces the network (outside the app's process boundary) with scripted answers. */
export function stubFetch(...answers: Array<Response | Error>) {
  const fetchMock = vi.fn(async () => {
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return next;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
