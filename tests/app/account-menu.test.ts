import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveFinalised } from '../../src/app/db/records';
import { loadSession, saveSession } from '../../src/app/db/session';
import { visitRecord } from '../../scripts/harness/records';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, workerLogin } from '../helpers/app/network';

afterEach(() => vi.unstubAllGlobals());

const author = { id: workerLogin.user.id, communityId: 'yijiangmen-c01' };

// Sync and sign-out talk to the server; the network is outside the app and answers as scripted.
function stubServer() {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.endsWith('/api/auth/logout')) return new Response(null, { status: 204 });
    if (url.endsWith('/api/auth/me')) return jsonResponse(200, workerLogin.user);
    throw new TypeError('Failed to fetch');
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function openMenu(wrapper: VueWrapper) {
  await eventually(async () => {
    await flushPromises();
    expect(wrapper.find('.account-menu summary').exists()).toBe(true);
  });
  const details = wrapper.get('.account-menu').element as HTMLDetailsElement;
  details.open = true;
  details.dispatchEvent(new Event('toggle'));
  await flushPromises();
}

const button = (wrapper: VueWrapper, name: string) => wrapper.findAll('.account-menu button').find((b) => b.text() === name);

describe('account menu', () => {
  it('keeps sign-out and the language inside a menu, not on the bar', async () => {
    stubServer();
    await saveSession(workerLogin);
    const { wrapper } = await mountApp('/');
    await openMenu(wrapper);
    expect(wrapper.get('.account-menu summary').text()).toBe('我的');
    expect(wrapper.get('.account-menu .who').text()).toBe('当前用户：演示网格员（网格员）');
    expect(wrapper.findAll('header > button').map((b) => b.text())).toEqual([]);
    expect(button(wrapper, 'English')).toBeDefined();
    wrapper.unmount();
  });

  it('asks before signing out while records are unsent, and stays when told to', async () => {
    stubServer();
    await saveSession(workerLogin);
    await saveFinalised([visitRecord(author), visitRecord(author)]);
    const { wrapper, router } = await mountApp('/');
    await openMenu(wrapper);
    await button(wrapper, '退出登录')!.trigger('click');
    const dialog = await eventually(() => wrapper.get('[role="alertdialog"]'));
    expect(dialog.text()).toContain('确定要退出登录吗？');
    expect(dialog.text()).toContain('还有 2 条记录没有发送到服务器');
    await button(wrapper, '不退出')!.trigger('click');
    await flushPromises();
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false);
    expect(await loadSession()).toBeDefined();
    expect(router.currentRoute.value.name).toBe('home');

    await button(wrapper, '退出登录')!.trigger('click');
    await eventually(() => expect(button(wrapper, '仍然退出')).toBeDefined());
    await button(wrapper, '仍然退出')!.trigger('click');
    await eventually(() => expect(router.currentRoute.value.name).toBe('login'), { timeout: 5000 });
    expect(await loadSession()).toBeUndefined();
    wrapper.unmount();
  });

  it('asks before signing out while offline, even with nothing unsent', async () => {
    stubServer();
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await saveSession(workerLogin);
    const { wrapper } = await mountApp('/');
    await openMenu(wrapper);
    await button(wrapper, '退出登录')!.trigger('click');
    await eventually(() => expect(wrapper.get('[role="alertdialog"]').text()).toContain('现在没有网络，退出后要联网才能重新登录。'));
    vi.restoreAllMocks();
    wrapper.unmount();
  });

  it('signs out at once when nothing waits and the phone is online', async () => {
    const fetchMock = stubServer();
    await saveSession(workerLogin);
    const { wrapper, router } = await mountApp('/');
    await openMenu(wrapper);
    await button(wrapper, '退出登录')!.trigger('click');
    await eventually(() => expect(router.currentRoute.value.name).toBe('login'), { timeout: 5000 });
    expect(fetchMock.mock.calls.some(([url]) => String(url).endsWith('/api/auth/logout'))).toBe(true);
    wrapper.unmount();
  });

  it('closes on Esc and gives the focus back to 我的', async () => {
    stubServer();
    await saveSession(workerLogin);
    const { wrapper } = await mountApp('/');
    await openMenu(wrapper);
    const details = wrapper.get('.account-menu').element as HTMLDetailsElement;
    expect(details.open).toBe(true);
    await button(wrapper, '退出登录')!.trigger('keydown', { key: 'Escape' });
    expect(details.open).toBe(false);
    expect(document.activeElement).toBe(wrapper.get('.account-menu summary').element);
    wrapper.unmount();
  });
});
