import { flushPromises, mount, type ComponentMountingOptions } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { vi } from 'vitest';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import App from '../../../src/app/App.vue';
import { createAppI18n, type Locale } from '../../../src/app/i18n';
import { createAppRouter } from '../../../src/app/router';
import { surveyRoutes } from '../../../src/app/survey-routes';

/** The plugins the app installs, with a fresh Pinia made active so stores used outside components share it. */
function appPlugins(router: Router, locale: Locale) {
  const pinia = createPinia();
  setActivePinia(pinia);
  return [pinia, createAppI18n(locale), router];
}

/** Mounts the whole app at `path` with a memory router, a fresh Pinia and the given locale. */
export async function mountApp(path = '/', locale: Locale = 'zh-CN') {
  const router = createAppRouter(createMemoryHistory());
  const plugins = appPlugins(router, locale);
  await router.push(path);
  await router.isReady();
  const wrapper = mount(App, { global: { plugins }, attachTo: document.body });
  return { wrapper, router };
}

/** Mounts one component with the app's i18n, a fresh Pinia and a router that knows the survey routes. */
export function mountWith<C extends Component>(component: C, options: ComponentMountingOptions<C> & { locale?: Locale } = {}) {
  const { locale = 'zh-CN', ...rest } = options;
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'home', component: { template: '<div />' } }, ...surveyRoutes] });
  return mount(component, { ...rest, attachTo: document.body, global: { plugins: appPlugins(router, locale) } } as ComponentMountingOptions<C>);
}

/**
 * Waits until `check` passes, flushing pending promises before each try. Pages load lazily and read
 * IndexedDB, which on a loaded machine can take seconds: the bound is generous so that a slow run
 * is not taken for a failure, and a real failure still ends the test.
 */
export function eventually<T>(check: () => T | Promise<T>, options: { timeout?: number; interval?: number } = {}): Promise<T> {
  return vi.waitFor(
    async () => {
      await flushPromises();
      return check();
    },
    { timeout: 10_000, interval: 20, ...options },
  );
}
