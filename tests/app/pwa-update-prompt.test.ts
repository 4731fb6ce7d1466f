import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import PwaUpdatePrompt from '../../src/app/components/pwa/PwaUpdatePrompt.vue';
import { createAppI18n } from '../../src/app/i18n';
import { updateAvailable } from '../../src/app/pwa/register';

afterEach(() => {
  updateAvailable.value = false;
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
});
