import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyPushResults } from '../../../src/app/db/outbox';
import { saveFinalised } from '../../../src/app/db/records';
import { saveSession } from '../../../src/app/db/session';
import { useSyncStore } from '../../../src/app/stores/sync';
import { visitRecord } from '../../../scripts/harness/records';
import { eventually, mountApp } from '../../helpers/app/mount';
import { workerLogin } from '../../helpers/app/network';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const author = { id: workerLogin.user.id, communityId: 'yijiangmen-c01' };
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe('sync status in the app', () => {
  it('says how many records wait and warns when one has waited more than a day', async () => {
    await saveSession(workerLogin);
    await saveFinalised([visitRecord(author, { finalisedAt: daysAgo(3) }), visitRecord(author, { finalisedAt: daysAgo(0) })]);
    const { wrapper } = await mountApp('/');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get('.sync-status').text()).toBe('2 条记录等待同步');
    }, { timeout: 10_000 });
    expect(wrapper.get('.stale').text()).toContain('有记录超过一天未同步');
    wrapper.unmount();
  });

  it('does not warn about records that are younger than a day', async () => {
    await saveSession(workerLogin);
    await saveFinalised([visitRecord(author, { finalisedAt: daysAgo(0.5) })]);
    const { wrapper } = await mountApp('/');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get('.sync-status').text()).toBe('1 条记录等待同步');
    }, { timeout: 10_000 });
    expect(wrapper.find('.stale').exists()).toBe(false);
    wrapper.unmount();
  });

  it('lists refused records with the server’s message on the sync screen, in English too', async () => {
    await saveSession(workerLogin);
    const refused = visitRecord(author);
    await saveFinalised([refused]);
    await applyPushResults([{ id: refused.id, status: 'rejected', error: 'data.communityId: xiaguan-c01 is outside your communities' }], new Date().toISOString());
    const { wrapper } = await mountApp('/sync', 'en');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get('section[aria-label="Records that need attention"]').text()).toContain('Refused · Visits');
    }, { timeout: 10_000 });
    expect(wrapper.text()).toContain('The server refused this record.');
    // The server's own words stay available behind "Details", for whoever helps the worker.
    expect(wrapper.get('section[aria-label="Records that need attention"] details').text()).toContain('data.communityId: xiaguan-c01 is outside your communities');
    // Nothing waits, but a record was refused: the screen must not say all is synced.
    expect(wrapper.text()).not.toContain('Everything is synced');
    expect(wrapper.text()).toContain('1 records were refused by the server');
    wrapper.unmount();
  });

  // Mounts the whole app twice: give it time on a loaded machine.
  it('words a refused record by its code, in Chinese, and the status bar says it was refused', { timeout: 30_000 }, async () => {
    await saveSession(workerLogin);
    const refused = visitRecord(author);
    await saveFinalised([refused]);
    await applyPushResults([{ id: refused.id, status: 'rejected', code: 'invalid', error: 'Invalid input: expected string' }], new Date().toISOString());
    const { wrapper } = await mountApp('/');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get('.sync-status').text()).toBe('1 条记录被服务器退回，请到“数据同步”查看');
    });
    expect(wrapper.text()).not.toContain('所有记录均已同步');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get('section[aria-label="等待同步"]').text()).toContain('1 条记录被服务器退回');
    }, { timeout: 10_000 });
    expect(wrapper.get('section[aria-label="等待同步"]').text()).not.toContain('所有记录都已同步');
    wrapper.unmount();
    const sync = await mountApp('/sync');
    await eventually(async () => {
      await flushPromises();
      expect(sync.wrapper.get('section[aria-label="需要处理的记录"]').text()).toContain('记录内容不符合要求，服务器退回了它。');
    });
    expect(sync.wrapper.get('section[aria-label="需要处理的记录"] details summary').text()).toBe('详情');
    sync.wrapper.unmount();
  });

  it('says it is offline, never "syncing", while the browser has no network', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await saveSession(workerLogin);
    await saveFinalised([visitRecord(author)]);
    const { wrapper } = await mountApp('/');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get('.sync-status').text()).toBe('离线：1 条记录等待同步，联网后自动发送');
    });
    expect(wrapper.find('.sync-bar progress').exists()).toBe(false);
    // 立即同步 cannot send without a network, and says so rather than doing nothing visible.
    await wrapper.get('.sync-bar button').trigger('click');
    expect(wrapper.get('.sync-status').text()).toBe('没有网络，暂时无法同步');
    wrapper.unmount();
  });

  it('says the server does not answer, not "no network", when the browser is online and requests fail', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await saveSession(workerLogin);
    await saveFinalised([visitRecord(author)]);
    const { wrapper } = await mountApp('/sync');
    const sync = useSyncStore();
    sync.start();
    try {
      await eventually(async () => {
        await flushPromises();
        expect(wrapper.get('.sync-status').text()).toBe('服务器没有响应：1 条记录等待同步，稍后自动重试');
      }, { timeout: 10_000 });
      expect(wrapper.get('.sync-page .error').text()).toBe('同步未完成：有网络，但服务器没有响应，稍后会自动重试。');
      expect(wrapper.text()).not.toContain('没有网络');
      expect(wrapper.get('.network').text()).toContain('在线');
    } finally {
      sync.stop();
      wrapper.unmount();
    }
  });
});
