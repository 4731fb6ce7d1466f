import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import { roles, type Role } from '../../src/shared/roles';
import { eventually, mountApp } from '../helpers/app/mount';
import { workerLogin } from '../helpers/app/network';

/** The client's role × route matrix: which signed-in roles may open each page. */
const everyone = roles;
const clientRoutes: Array<{ path: string; allowed: readonly Role[] }> = [
  { path: '/', allowed: everyone },
  { path: '/sync', allowed: everyone },
  { path: '/survey/communities/yijiangmen-c01', allowed: ['grid_worker'] },
  { path: '/survey/households/0190f0a0-0000-7000-8000-00000000000a', allowed: ['grid_worker'] },
  { path: '/survey/drafts/0190f0a0-0000-7000-8000-00000000000b', allowed: ['grid_worker'] },
  { path: '/survey/responses', allowed: ['grid_worker'] },
  { path: '/import', allowed: ['supervisor', 'admin'] },
];

const cases = clientRoutes.flatMap(({ path, allowed }) => roles.map((role) => [path, role, allowed.includes(role)] as const));

describe('client routes by role', () => {
  it.each(cases)('%s as %s: allowed %s', async (path, role, allowed) => {
    await saveSession({ ...workerLogin, user: { ...workerLogin.user, role } });
    const { router, wrapper } = await mountApp(path);
    expect(router.currentRoute.value.name === 'not-for-role').toBe(!allowed);
    if (allowed) expect(router.currentRoute.value.fullPath).toBe(path);
    wrapper.unmount();
  });

  it('tells a legal adviser whose page the survey is and where to go instead', async () => {
    await saveSession({ ...workerLogin, user: { ...workerLogin.user, role: 'legal_adviser' } });
    const { wrapper } = await mountApp('/survey/communities/yijiangmen-c01');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get('h1').text()).toBe('这个页面不是给您的角色用的');
    });
    expect(wrapper.text()).toContain('这是网格员使用的页面，您当前的身份是法律顾问。');
    expect(wrapper.get('main a[href="/"]').text()).toBe('回到我的工作台');
    wrapper.unmount();
  });

  it('says that the import is not for a grid worker rather than landing on home', async () => {
    await saveSession(workerLogin);
    const { wrapper, router } = await mountApp('/import', 'en');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get('h1').text()).toBe('This page is not for your role');
    });
    expect(router.currentRoute.value.name).toBe('not-for-role');
    expect(wrapper.text()).toContain('This page is for the Evaluation office or Administrator; you are signed in as Grid worker.');
    wrapper.unmount();
  });
});
