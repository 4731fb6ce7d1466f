import { flushPromises, mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PwaUpdatePrompt from '../../src/app/components/pwa/PwaUpdatePrompt.vue';
import { createAppI18n } from '../../src/app/i18n';
import { followFirstInstall, offlineState, updateAvailable } from '../../src/app/pwa/register';

afterEach(() => {
  updateAvailable.value = false;
  offlineState.value = 'settled';
});

describe('update prompt', () => {
  it('stays hidden until a new version waits', () => {
    const wrapper = mount(PwaUpdatePrompt, { global: { plugins: [createAppI18n('zh-CN')] } });
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
  });

  it('offers the update and lets the user postpone it without reloading', async () => {
    updateAvailable.value = true;
    const wrapper = mount(PwaUpdatePrompt, { global: { plugins: [createAppI18n('zh-CN')] } });
    expect(wrapper.get('[role="status"]').text()).toContain('有新版本可用');
    const later = wrapper.findAll('button').find((b) => b.text() === '稍后');
    await later!.trigger('click');
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
  });

  it('retries a first install that failed, and says so until the app is ready offline', async () => {
    /** A registration whose installing worker the test moves through its states. */
    function fakeRegistration() {
      const worker = Object.assign(new EventTarget(), { state: 'installing' as ServiceWorkerState });
      const registration = Object.assign(new EventTarget(), { active: null as unknown, installing: worker as unknown, waiting: null });
      const settle = (state: ServiceWorkerState) => {
        worker.state = state;
        if (state === 'activated') registration.active = worker;
        worker.dispatchEvent(new Event('statechange'));
      };
      return { registration: registration as unknown as ServiceWorkerRegistration, settle };
    }
    const first = fakeRegistration();
    const second = fakeRegistration();
    const timers: Array<() => void> = [];
    const register = vi.fn(async () => second.registration);
    offlineState.value = 'preparing';
    const wrapper = mount(PwaUpdatePrompt, { global: { plugins: [createAppI18n('zh-CN')] } });
    followFirstInstall(first.registration, register, { random: () => 0.5, setTimer: (callback) => timers.push(callback) });
    expect(wrapper.get('[role="status"]').text()).toBe('正在准备离线使用，完成前请保持联网…');

    first.settle('redundant');
    await nextTick();
    expect(wrapper.get('[role="status"]').text()).toBe('离线使用还没准备好，正在重试，请保持联网。');
    expect(timers).toHaveLength(1);
    timers[0]!();
    await vi.waitFor(() => expect(register).toHaveBeenCalledOnce());
    await flushPromises();
    second.settle('activated');
    await nextTick();
    expect(wrapper.get('[role="status"]').text()).toContain('应用已可离线使用。');
    await wrapper.findAll('button').find((b) => b.text() === '知道了')!.trigger('click');
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
  });

  it('lets "ready offline" go by itself after a while', async () => {
    const timers: Array<() => void> = [];
    const active = Object.assign(new EventTarget(), { active: {}, installing: null, waiting: null }) as unknown as ServiceWorkerRegistration;
    offlineState.value = 'preparing';
    const wrapper = mount(PwaUpdatePrompt, { global: { plugins: [createAppI18n('zh-CN')] } });
    followFirstInstall(active, vi.fn(), { random: () => 0.5, setTimer: (callback) => timers.push(callback) });
    await nextTick();
    expect(wrapper.get('[role="status"]').text()).toContain('应用已可离线使用。');
    expect(timers).toHaveLength(1);
    timers[0]!();
    await nextTick();
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
  });
});
