import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, stubFetch, workerLogin } from '../helpers/app/network';

afterEach(() => vi.unstubAllGlobals());

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], username: string, password: string) {
  await wrapper.get('#login-username').setValue(username);
  await wrapper.get('#login-password').setValue(password);
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('sign-in page', () => {
  it('sends the credentials and opens the worker home page', async () => {
    const fetchMock = stubFetch(jsonResponse(200, workerLogin));
    const { wrapper, router } = await mountApp('/');
    expect(router.currentRoute.value.name).toBe('login');
    expect(wrapper.get('label[for="login-username"]').text()).toBe('用户名');

    await fillAndSubmit(wrapper, ' demo-worker ', 'demo1234');
    // The role page is a lazily loaded chunk: allow a loaded machine time to import it.
    await eventually(() => expect(wrapper.text()).toContain('网格员工作台'), { timeout: 10_000 });
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/login', expect.objectContaining({ body: JSON.stringify({ username: 'demo-worker', password: 'demo1234' }) }));
    expect(router.currentRoute.value.path).toBe('/');
    await eventually(() => expect(wrapper.text()).toContain('今日走访'));
    wrapper.unmount();
  });

  it('shows the server’s refusal in Chinese and clears the password', async () => {
    stubFetch(jsonResponse(401, { error: { code: 'invalid_credentials', message: 'Wrong username or password' } }));
    const { wrapper } = await mountApp('/login');
    await fillAndSubmit(wrapper, 'demo-worker', 'wrong');
    expect(wrapper.get('[role="alert"]').text()).toBe('用户名或密码错误。');
    expect((wrapper.get('#login-password').element as HTMLInputElement).value).toBe('');
    wrapper.unmount();
  });

  it('explains in English that the server does not answer and the first sign-in needs it', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    const { wrapper } = await mountApp('/login', 'en');
    expect(wrapper.get('button[type="submit"]').text()).toBe('Sign in');
    await fillAndSubmit(wrapper, 'demo-worker', 'demo1234');
    expect(wrapper.get('[role="alert"]').text()).toContain('The server does not answer. The first sign-in needs the server');
    wrapper.unmount();
  });

  it('asks for both fields before calling the server', async () => {
    const fetchMock = stubFetch();
    const { wrapper } = await mountApp('/login');
    await fillAndSubmit(wrapper, '', '');
    expect(wrapper.get('[role="alert"]').text()).toBe('请填写用户名和密码。');
    expect(fetchMock).not.toHaveBeenCalled();
    wrapper.unmount();
  });

  it('switches the whole interface to English and remembers the choice', async () => {
    stubFetch();
    const { wrapper } = await mountApp('/login');
    await wrapper.get('.language-switch').trigger('click');
    expect(wrapper.get('h1').text()).toBe('Sign in');
    expect(localStorage.getItem('locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    wrapper.unmount();
  });
});
