import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import App from '../../src/app/App.vue';
import { createAppI18n, type Locale } from '../../src/app/i18n';
import { createAppRouter } from '../../src/app/router';
import type { LoginResponse } from '../../src/shared/auth';

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

/** Mounts the whole app at `path` with a memory router, a fresh Pinia and the given locale. */
export async function mountApp(path = '/', locale: Locale = 'zh-CN') {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  await router.isReady();
  const wrapper = mount(App, { global: { plugins: [pinia, createAppI18n(locale), router] }, attachTo: document.body });
  return { wrapper, router };
}
