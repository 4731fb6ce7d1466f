import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createAppI18n, type Locale } from '../../src/app/i18n';
import { surveyRoutes } from '../../src/app/survey-routes';

/** Mounts one component with the app's i18n, a fresh Pinia and a router that knows the survey routes. */
export function mountWith<C extends Component>(component: C, options: ComponentMountingOptions<C> & { locale?: Locale } = {}) {
  const { locale = 'zh-CN', ...rest } = options;
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'home', component: { template: '<div />' } }, ...surveyRoutes] });
  return mount(component, { ...rest, attachTo: document.body, global: { plugins: [pinia, createAppI18n(locale), router] } } as ComponentMountingOptions<C>);
}
