import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import type { UserAccount } from '../../src/shared/users';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, stubFetch, workerLogin } from '../helpers/app/network';

afterEach(() => vi.unstubAllGlobals());

const adminLogin = { ...workerLogin, user: { ...workerLogin.user, id: 'admin-1', username: 'demo-admin', name: '演示管理员', role: 'admin' as const, scope: { level: 'district' as const, ids: ['gulou'] } } };
const organisation = {
  subdistricts: [
    { id: 'yijiangmen', nameZh: '挹江门街道', nameEn: 'Yijiangmen' },
    { id: 'xiaguan', nameZh: '下关街道', nameEn: 'Xiaguan' },
  ],
  communities: [
    { id: 'yijiangmen-c01', subdistrictId: 'yijiangmen', nameZh: '挹江门第一社区', nameEn: 'Yijiangmen 1' },
    { id: 'yijiangmen-c02', subdistrictId: 'yijiangmen', nameZh: '挹江门第二社区', nameEn: 'Yijiangmen 2' },
    { id: 'xiaguan-c01', subdistrictId: 'xiaguan', nameZh: '下关第一社区', nameEn: 'Xiaguan 1' },
  ],
  departments: [
    { id: 'urban-management', nameZh: '区城市管理局', nameEn: 'Urban Management', synthetic: true, active: true },
    { id: 'transport', nameZh: '区交通运输局', nameEn: 'Transport', synthetic: true, active: false },
    { id: 'health', nameZh: '区卫生健康委员会', nameEn: 'Health', synthetic: true, active: true },
  ],
};
const account = (overrides: Partial<UserAccount>): UserAccount => ({
  id: 'u-1',
  username: 'demo-worker',
  name: '演示网格员',
  role: 'grid_worker',
  scope: { level: 'community', ids: ['yijiangmen-c01'] },
  createdAt: '2026-03-01T08:00:00.000Z',
  disabledAt: null,
  mustChangePassword: false,
  ...overrides,
});
const admin = account({ id: 'admin-1', username: 'demo-admin', name: '演示管理员', role: 'admin', scope: { level: 'district', ids: ['gulou'] } });

function sent(fetchMock: ReturnType<typeof stubFetch>, call: number): [string, RequestInit] {
  return fetchMock.mock.calls[call] as unknown as [string, RequestInit];
}

function requestBody(fetchMock: ReturnType<typeof stubFetch>, call: number): unknown {
  return JSON.parse(String(sent(fetchMock, call)[1].body));
}

describe('the administrator’s people page', () => {
  it('is reached from the admin home card and lists accounts with role, scope and status', async () => {
    await saveSession(adminLogin);
    // The home's refused-records link asks for its count first; failing, it only leaves the number out.
    stubFetch(new TypeError('Failed to fetch'), jsonResponse(200, { users: [admin, account({ disabledAt: '2026-03-02T08:00:00.000Z' })] }), jsonResponse(200, organisation));
    const { wrapper, router } = await mountApp('/');
    const link = await eventually(() => wrapper.get('section[aria-label="用户与角色"] a'));
    expect(link.text()).toBe('管理用户、角色与管辖范围');
    await router.push(link.attributes('href')!);
    await eventually(() => expect(wrapper.find('tr[data-username="demo-worker"]').exists()).toBe(true));
    const row = wrapper.get('tr[data-username="demo-worker"]');
    expect(row.text()).toContain('网格员');
    expect(row.text()).toContain('社区：挹江门第一社区');
    expect(row.text()).toContain('已停用');
    expect(row.find('button').exists()).toBe(true);
    expect(wrapper.get('tr[data-username="demo-admin"]').text()).toContain('全区：全区（鼓楼区）');
    // An administrator cannot disable themselves from here.
    expect(wrapper.get('tr[data-username="demo-admin"]').findAll('button').map((b) => b.text())).toEqual(['修改', '重置密码']);
    wrapper.unmount();
  }, 30_000);

  it('creates a grid worker: the role decides the scope level, nothing is preselected, and the request carries the chosen communities', async () => {
    await saveSession(adminLogin);
    const created = account({ id: 'u-2', username: 'wang.wei', name: '王伟', scope: { level: 'community', ids: ['yijiangmen-c02', 'xiaguan-c01'] }, mustChangePassword: true });
    const fetchMock = stubFetch(jsonResponse(200, { users: [admin] }), jsonResponse(200, organisation), jsonResponse(201, { user: created }));
    const { wrapper } = await mountApp('/office/people');
    await eventually(() => expect(wrapper.find('tr[data-username="demo-admin"]').exists()).toBe(true));
    await wrapper.get('button.primary').trigger('click');

    const form = wrapper.get('form[aria-label="新建用户"]');
    expect((form.get('#new-user-role').element as HTMLSelectElement).value).toBe('');
    expect(form.text()).toContain('请选择角色');
    await form.get('form button[type="submit"]').trigger('submit');
    await eventually(() => expect(form.get('[role="alert"]').text()).toContain('请选择角色。'));
    expect(fetchMock).toHaveBeenCalledTimes(2);

    await form.get('#new-user-username').setValue('wang.wei');
    await form.get('#new-user-name').setValue('王伟');
    await form.get('#new-user-role').setValue('grid_worker');
    expect(form.text()).toContain('管辖范围（社区）');
    expect(form.findAll('input[type="checkbox"]')).toHaveLength(3);
    expect(form.findAll('input[type="checkbox"]:checked')).toHaveLength(0);
    await form.get('#new-user-yijiangmen-c02').setValue(true);
    await form.get('#new-user-xiaguan-c01').setValue(true);
    await form.get('#new-user-password').setValue('temporary-1');
    await form.trigger('submit');

    await eventually(() => expect(wrapper.find('tr[data-username="wang.wei"]').exists()).toBe(true));
    expect(sent(fetchMock, 2)[0]).toBe('/api/users');
    expect(requestBody(fetchMock, 2)).toEqual({ username: 'wang.wei', name: '王伟', role: 'grid_worker', scope: { level: 'community', ids: ['yijiangmen-c02', 'xiaguan-c01'] }, password: 'temporary-1' });
    expect(wrapper.get('.people-page [role="status"]').text()).toBe('已创建用户 wang.wei。');
    expect(wrapper.get('tr[data-username="wang.wei"]').text()).toContain('待修改密码');
    wrapper.unmount();
  }, 30_000);

  it('searches a long list of communities by name or sub-district, and keeps saying what is chosen while searching', async () => {
    await saveSession(adminLogin);
    const many = {
      ...organisation,
      communities: Array.from({ length: 30 }, (_, n) => {
        const [subdistrictId, nameZh] = n < 15 ? ['yijiangmen', '挹江门'] : ['xiaguan', '下关'];
        return { id: `${subdistrictId}-c${String(n + 1).padStart(2, '0')}`, subdistrictId, nameZh: `${nameZh}第${n + 1}社区`, nameEn: `Community ${n + 1}` };
      }),
    };
    stubFetch(jsonResponse(200, { users: [admin] }), jsonResponse(200, many));
    const { wrapper } = await mountApp('/office/people');
    await eventually(() => expect(wrapper.find('tr[data-username="demo-admin"]').exists()).toBe(true));
    await wrapper.get('button.primary').trigger('click');
    const form = wrapper.get('form[aria-label="新建用户"]');
    await form.get('#new-user-role').setValue('grid_worker');
    expect(form.findAll('.scope-editor input[type="checkbox"]')).toHaveLength(30);
    expect(form.get('.scope-editor .chosen').text()).toBe('还没有选择');

    await form.get('#new-user-xiaguan-c20').setValue(true);
    const search = form.get('#new-user-scope-search');
    await search.setValue('下关街道');
    expect(form.findAll('.scope-editor input[type="checkbox"]')).toHaveLength(15);
    await search.setValue('第3社区');
    expect(form.findAll('.scope-editor input[type="checkbox"]').map((box) => box.attributes('id'))).toEqual(['new-user-yijiangmen-c03']);
    await form.get('#new-user-yijiangmen-c03').setValue(true);
    // The community ticked before the search is still chosen, and said so.
    expect(form.get('.scope-editor .chosen').text()).toBe('已选 2 个：挹江门第3社区、下关第20社区');
    await search.setValue('没有这个');
    expect(form.text()).toContain('没有名称含这些字的单位。');
    wrapper.unmount();
  }, 30_000);

  it('switching the role to a sub-district officer asks for sub-districts instead', async () => {
    await saveSession(adminLogin);
    stubFetch(jsonResponse(200, { users: [admin] }), jsonResponse(200, organisation));
    const { wrapper } = await mountApp('/office/people');
    await eventually(() => expect(wrapper.find('tr[data-username="demo-admin"]').exists()).toBe(true));
    await wrapper.get('button.primary').trigger('click');
    await wrapper.get('#new-user-role').setValue('grid_worker');
    await wrapper.get('#new-user-yijiangmen-c01').setValue(true);
    await wrapper.get('#new-user-role').setValue('subdistrict_officer');
    expect(wrapper.text()).toContain('管辖范围（街道）');
    expect(wrapper.findAll('.scope-editor input[type="checkbox"]').map((box) => box.attributes('id'))).toEqual(['new-user-yijiangmen', 'new-user-xiaguan']);
    expect(wrapper.findAll('.scope-editor input:checked')).toHaveLength(0);
    wrapper.unmount();
  }, 30_000);

  it('a department user’s scope offers the district’s active departments, none ticked, and sends the one chosen', async () => {
    await saveSession(adminLogin);
    const created = account({ id: 'u-3', username: 'zhang.cg', name: '张城管', role: 'department', scope: { level: 'department', ids: ['urban-management'] }, mustChangePassword: true });
    const fetchMock = stubFetch(jsonResponse(200, { users: [admin] }), jsonResponse(200, organisation), jsonResponse(201, { user: created }));
    const { wrapper } = await mountApp('/office/people');
    await eventually(() => expect(wrapper.find('tr[data-username="demo-admin"]').exists()).toBe(true));
    await wrapper.get('button.primary').trigger('click');
    await wrapper.get('#new-user-role').setValue('department');
    expect(wrapper.text()).toContain('管辖范围（职能部门）');
    expect(wrapper.text()).toContain('勾选所属的职能部门');
    // The deactivated department is not offered to a new user.
    expect(wrapper.findAll('.scope-editor input[type="checkbox"]').map((box) => box.attributes('id'))).toEqual(['new-user-urban-management', 'new-user-health']);
    expect(wrapper.findAll('.scope-editor input:checked')).toHaveLength(0);
    await wrapper.get('#new-user-urban-management').setValue(true);
    await wrapper.get('#new-user-username').setValue('zhang.cg');
    await wrapper.get('#new-user-name').setValue('张城管');
    await wrapper.get('#new-user-password').setValue('temporary-1');
    await wrapper.get('form[aria-label="新建用户"]').trigger('submit');
    await eventually(() => expect(wrapper.find('tr[data-username="zhang.cg"]').exists()).toBe(true));
    expect(requestBody(fetchMock, 2)).toMatchObject({ role: 'department', scope: { level: 'department', ids: ['urban-management'] } });
    expect(wrapper.get('tr[data-username="zhang.cg"]').text()).toContain('职能部门：区城市管理局');
    wrapper.unmount();
  }, 30_000);

  it('disables a user after a confirmation and resets a password, sending each to the server', async () => {
    await saveSession(adminLogin);
    const worker = account({});
    const fetchMock = stubFetch(
      jsonResponse(200, { users: [admin, worker] }),
      jsonResponse(200, organisation),
      jsonResponse(200, { user: { ...worker, disabledAt: '2026-03-05T08:00:00.000Z' } }),
      jsonResponse(200, { user: { ...worker, disabledAt: '2026-03-05T08:00:00.000Z', mustChangePassword: true } }),
    );
    const { wrapper } = await mountApp('/office/people');
    await eventually(() => expect(wrapper.find('tr[data-username="demo-worker"]').exists()).toBe(true));
    const buttonNamed = (name: string) => wrapper.get('tr[data-username="demo-worker"]').findAll('button').find((b) => b.text() === name)!;
    await buttonNamed('停用').trigger('click');
    expect(wrapper.text()).toContain('停用 demo-worker？其登录会立即失效，已提交的记录保留。');
    await wrapper.get('button.danger').trigger('click');
    await eventually(() => expect(wrapper.get('tr[data-username="demo-worker"]').text()).toContain('已停用'));
    expect(sent(fetchMock, 2)[0]).toBe('/api/users/u-1/disable');

    await buttonNamed('重置密码').trigger('click');
    await wrapper.get('#reset-u-1').setValue('short');
    await wrapper.get('td.confirm form').trigger('submit');
    await eventually(() => expect(wrapper.get('.people-page [role="alert"]').text()).toContain('临时密码至少 8 个字符。'));
    expect(fetchMock).toHaveBeenCalledTimes(3);
    await wrapper.get('#reset-u-1').setValue('handed-over-1');
    await wrapper.get('td.confirm form').trigger('submit');
    await eventually(() => expect(wrapper.get('.people-page [role="status"]').text()).toBe('已为 demo-worker 重置密码，请把临时密码当面交给本人。'));
    expect(sent(fetchMock, 3)[0]).toBe('/api/users/u-1/password');
    expect(requestBody(fetchMock, 3)).toEqual({ password: 'handed-over-1' });
    wrapper.unmount();
  }, 30_000);
});

describe('a password set by the administrator', () => {
  it('must be changed before anything else; the change is sent and the home page opens', async () => {
    await saveSession({ ...workerLogin, user: { ...workerLogin.user, mustChangePassword: true } });
    const fetchMock = stubFetch(
      jsonResponse(400, { error: { code: 'invalid_credentials', message: 'currentPassword: wrong password' } }),
      jsonResponse(200, { user: workerLogin.user }),
    );
    const { wrapper, router } = await mountApp('/sync');
    expect(router.currentRoute.value.name).toBe('change-password');
    await eventually(() => expect(wrapper.text()).toContain('管理员为您设置了临时密码'));

    await wrapper.get('#current-password').setValue('temporary-1');
    await wrapper.get('#new-password').setValue('my-own-secret');
    await wrapper.get('#repeat-password').setValue('my-own-secreT');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('[role="alert"]').text()).toBe('两次输入的新密码不一致。');
    expect(fetchMock).not.toHaveBeenCalled();

    await wrapper.get('#repeat-password').setValue('my-own-secret');
    await wrapper.get('form').trigger('submit');
    await eventually(() => expect(wrapper.get('[role="alert"]').text()).toBe('当前密码不对，或新密码与当前密码相同。'));
    await wrapper.get('form').trigger('submit');
    await eventually(() => expect(router.currentRoute.value.name).toBe('home'));
    expect(sent(fetchMock, 1)[0]).toBe('/api/auth/password');
    expect(requestBody(fetchMock, 1)).toEqual({ currentPassword: 'temporary-1', newPassword: 'my-own-secret' });
    await eventually(() => expect(wrapper.text()).toContain('网格员工作台'));
    wrapper.unmount();
  }, 30_000);
});
