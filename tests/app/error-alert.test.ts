import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { ApiError } from '../../src/app/api/http';
import ErrorAlert from '../../src/app/components/common/ErrorAlert.vue';
import { useAsyncAction } from '../../src/app/composables/useAsyncAction';
import { createAppI18n } from '../../src/app/i18n';

const deviceOffline = () => vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);

afterEach(() => vi.restoreAllMocks());

describe('one way to fail: useAsyncAction and ErrorAlert', () => {
  it('keeps the failure, says it in Chinese with the code behind 详情, and retries the same work', async () => {
    deviceOffline();
    let calls = 0;
    const Page = defineComponent({
      setup() {
        const { pending, error, run, retry } = useAsyncAction();
        void run(async () => {
          calls += 1;
          if (calls === 1) throw new ApiError(0, 'network', 'Failed to fetch');
        });
        return () => h('div', [h('span', { class: 'pending' }, String(pending.value)), h(ErrorAlert, { error: error.value, retry })]);
      },
    });
    const wrapper = mount(Page, { global: { plugins: [createAppI18n('zh-CN')] } });
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toBe('没有网络，联网后自动发送。');
    expect(wrapper.get('details summary').text()).toBe('详情');
    expect(wrapper.get('details code').text()).toBe('错误代码（供技术支持）：network · Failed to fetch');
    await wrapper.get('button.retry').trigger('click');
    await flushPromises();
    expect(calls).toBe(2);
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    expect(wrapper.get('.pending').text()).toBe('false');
  });
});
