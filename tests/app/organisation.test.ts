import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import type { CommunityImportReport, Organisation } from '../../src/shared/organisation-editing';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, stubFetch, workerLogin } from '../helpers/app/network';

afterEach(() => vi.unstubAllGlobals());

const adminLogin = { ...workerLogin, user: { ...workerLogin.user, id: 'admin-1', username: 'demo-admin', name: '演示管理员', role: 'admin' as const, scope: { level: 'district' as const, ids: ['gulou'] } } };
const organisation: Organisation = {
  subdistricts: [
    { id: 'yijiangmen', nameZh: '挹江门街道', nameEn: 'Yijiangmen', active: true },
    { id: 'xiaguan', nameZh: '下关街道', nameEn: 'Xiaguan', active: true },
  ],
  communities: [
    { id: 'yijiangmen-c01', subdistrictId: 'yijiangmen', nameZh: '挹江门示例第01社区', nameEn: 'Yijiangmen sample community 01', active: true },
    { id: 'yijiangmen-c02', subdistrictId: 'yijiangmen', nameZh: '挹江门示例第02社区', nameEn: 'Yijiangmen sample community 02', active: true },
    { id: 'xiaguan-c01', subdistrictId: 'xiaguan', nameZh: '下关示例第01社区', nameEn: 'Xiaguan sample community 01', active: true },
  ],
  departments: [
    { id: 'transport', nameZh: '区交通运输局', nameEn: 'District Transport Bureau', synthetic: true, active: true },
    { id: 'health', nameZh: '区卫生健康委员会', nameEn: 'District Health Commission', synthetic: true, active: true },
  ],
};
const renamed = { id: 'yijiangmen-c01', subdistrictId: 'yijiangmen', nameZh: '天妃宫社区', nameEn: 'Tianfeigong', code: '320106002001', active: true };
const afterRename: Organisation = { ...organisation, communities: organisation.communities.map((c) => (c.id === renamed.id ? renamed : c)) };
const none = { count: 0, listed: [] };

function sent(fetchMock: ReturnType<typeof stubFetch>, call: number): [string, RequestInit] {
  return fetchMock.mock.calls[call] as unknown as [string, RequestInit];
}

function requestBody(fetchMock: ReturnType<typeof stubFetch>, call: number): unknown {
  return JSON.parse(String(sent(fetchMock, call)[1].body));
}

describe('the administrator’s organisation page', () => {
  it('is reached from the admin home; nothing is chosen at first; a community edited keeps its id and the list shows the server’s answer', async () => {
    await saveSession(adminLogin);
    // The home's refused-records link asks for its count first; failing, it only leaves the number out.
    const fetchMock = stubFetch(new TypeError('Failed to fetch'), jsonResponse(200, organisation), jsonResponse(200, { community: renamed }), jsonResponse(200, afterRename));
    const { wrapper, router } = await mountApp('/');
    const link = await eventually(() => wrapper.get('section[aria-label="街道与社区"] a'));
    expect(link.text()).toBe('编辑街道、社区与职能部门');
    await router.push(link.attributes('href')!);
    await eventually(() => expect(wrapper.find('button[data-subdistrict="yijiangmen"]').exists()).toBe(true));
    expect(wrapper.text()).toContain('在左侧选择一个街道');
    expect(wrapper.find('button[aria-pressed="true"]').exists()).toBe(false);
    expect(wrapper.get('button[data-subdistrict="yijiangmen"]').text()).toContain('2 个社区');

    await wrapper.get('button[data-subdistrict="yijiangmen"]').trigger('click');
    expect(wrapper.findAll('tr[data-community]').map((row) => row.attributes('data-community'))).toEqual(['yijiangmen-c01', 'yijiangmen-c02']);
    await wrapper.get('tr[data-community="yijiangmen-c01"] button').trigger('click');
    const form = wrapper.get('form[aria-label="修改"]');
    expect(form.find('input[id$="-id"]').exists()).toBe(false);
    await form.get('#community-yijiangmen-c01-zh').setValue('天妃宫社区');
    await form.get('#community-yijiangmen-c01-en').setValue('Tianfeigong');
    await form.get('#community-yijiangmen-c01-code').setValue('320106002001');
    await form.trigger('submit');

    await eventually(() => expect(wrapper.get('.organisation-page > [role="status"]').text()).toBe('已保存“天妃宫社区”。手机下次同步时收到。'));
    expect(sent(fetchMock, 2)[0]).toBe('/api/organisation/communities/yijiangmen-c01');
    expect(sent(fetchMock, 2)[1].method).toBe('PUT');
    expect(requestBody(fetchMock, 2)).toEqual({ subdistrictId: 'yijiangmen', nameZh: '天妃宫社区', nameEn: 'Tianfeigong', code: '320106002001', active: true });
    expect(wrapper.get('tr[data-community="yijiangmen-c01"]').text()).toContain('320106002001');
    expect(wrapper.find('form[aria-label="修改"]').exists()).toBe(false);
    wrapper.unmount();
  }, 30_000);

  it('a server refusal is shown and the form stays open with what was typed', async () => {
    await saveSession(adminLogin);
    stubFetch(jsonResponse(200, organisation), jsonResponse(409, { error: { code: 'conflict', message: 'code: A1 is also the code of yijiangmen-c02' } }));
    const { wrapper } = await mountApp('/office/organisation');
    await eventually(() => expect(wrapper.find('button[data-subdistrict="yijiangmen"]').exists()).toBe(true));
    await wrapper.get('button[data-subdistrict="yijiangmen"]').trigger('click');
    await wrapper.get('tr[data-community="yijiangmen-c01"] button').trigger('click');
    await wrapper.get('#community-yijiangmen-c01-code').setValue('A1');
    await wrapper.get('form[aria-label="修改"]').trigger('submit');
    await eventually(() => expect(wrapper.get('.organisation-page > [role="alert"]').text()).toContain('没有完成'));
    expect((wrapper.get('#community-yijiangmen-c01-code').element as HTMLInputElement).value).toBe('A1');
    wrapper.unmount();
  }, 30_000);

  it('previews a names file with its changes and problems before anything is written, then writes a clean one', async () => {
    await saveSession(adminLogin);
    const change = { line: 2, communityId: 'yijiangmen-c01', subdistrictId: 'yijiangmen', before: { nameZh: '挹江门示例第01社区', nameEn: 'Yijiangmen sample community 01', code: '' }, after: { nameZh: '天妃宫社区', nameEn: '天妃宫社区', code: '' } };
    const withProblems: CommunityImportReport = { rows: 2, changes: [change], unchanged: 0, unknownCommunities: { count: 1, listed: [{ line: 3, community: 'nowhere-c99' }] }, duplicates: none, clashes: { count: 1, listed: [{ line: 4, communityId: 'yijiangmen-c02', field: 'nameZh', value: '天妃宫社区', others: ['yijiangmen-c01'] }] }, invalid: none, written: false };
    const clean: CommunityImportReport = { ...withProblems, rows: 1, unknownCommunities: none, clashes: none };
    const fetchMock = stubFetch(jsonResponse(200, organisation), jsonResponse(200, withProblems), jsonResponse(200, clean), jsonResponse(200, { ...clean, written: true }), jsonResponse(200, afterRename));
    const { wrapper } = await mountApp('/office/organisation');
    await eventually(() => expect(wrapper.find('button[data-subdistrict="yijiangmen"]').exists()).toBe(true));
    const choose = (name: string) => {
      const input = wrapper.get('#community-names-file');
      Object.defineProperty(input.element, 'files', { value: [new File(['id,name\n'], name)], configurable: true });
      return input.trigger('change');
    };

    await choose('names.csv');
    await eventually(() => expect(wrapper.text()).toContain('第 3 行：nowhere-c99'));
    expect(wrapper.text()).toContain('第 4 行：yijiangmen-c02 的名称“天妃宫社区”与同一街道的 yijiangmen-c01 相同');
    expect(wrapper.text()).toContain('没有写入任何修改');
    expect(wrapper.get('.names-import tr[data-community="yijiangmen-c01"]').text()).toContain('天妃宫社区');
    expect(wrapper.find('.names-import button.primary').exists()).toBe(false);
    expect(sent(fetchMock, 1)[0]).toBe('/api/organisation/communities/import?commit=false');
    expect((sent(fetchMock, 1)[1].headers as Record<string, string>)['Content-Type']).toBe('text/csv');

    await choose('names.xlsx');
    const write = await eventually(() => wrapper.get('.names-import button.primary'));
    expect(write.text()).toBe('写入 1 个社区的新名称');
    await write.trigger('click');
    await eventually(() => expect(wrapper.get('.names-import [role="status"]').text()).toBe('已修改 1 个社区的名称。手机下次同步时收到。'));
    expect(sent(fetchMock, 3)[0]).toBe('/api/organisation/communities/import?commit=true');
    expect(sent(fetchMock, 4)[0]).toBe('/api/organisation');
    wrapper.unmount();
  }, 30_000);

  it('deactivates a department, adds one, and lists the server’s state', async () => {
    await saveSession(adminLogin);
    const inactive = { ...organisation, departments: organisation.departments.map((d) => (d.id === 'transport' ? { ...d, active: false } : d)) };
    const added = { ...inactive, departments: [...inactive.departments, { id: 'water', nameZh: '区水务局', nameEn: 'Water Bureau', synthetic: false, active: true }] };
    const fetchMock = stubFetch(
      jsonResponse(200, organisation),
      jsonResponse(200, { departments: inactive.departments }),
      jsonResponse(200, inactive),
      jsonResponse(200, { departments: added.departments.map(({ active: _, ...d }) => d) }),
      jsonResponse(200, added),
    );
    const { wrapper } = await mountApp('/office/organisation');
    const row = await eventually(() => wrapper.get('tr[data-department="transport"]'));
    await row.findAll('button').find((b) => b.text() === '停用')!.trigger('click');
    await eventually(() => expect(wrapper.get('tr[data-department="transport"]').text()).toContain('已停用'));
    expect(sent(fetchMock, 1)[0]).toBe('/api/departments/transport/active');
    expect(requestBody(fetchMock, 1)).toEqual({ active: false });
    expect(wrapper.get('.departments [role="status"]').text()).toBe('已停用“区交通运输局”，不再接收新的转交。');
    expect(wrapper.get('tr[data-department="transport"]').findAll('button').map((b) => b.text())).toEqual(['修改', '启用']);

    await wrapper.get('.departments button.add').trigger('click');
    await wrapper.get('#department-new-id').setValue('water');
    await wrapper.get('#department-new-zh').setValue('区水务局');
    await wrapper.get('#department-new-en').setValue('Water Bureau');
    await wrapper.get('form[aria-label="新增部门"]').trigger('submit');
    await eventually(() => expect(wrapper.find('tr[data-department="water"]').exists()).toBe(true));
    expect(sent(fetchMock, 3)[0]).toBe('/api/departments/water');
    expect(requestBody(fetchMock, 3)).toEqual({ nameZh: '区水务局', nameEn: 'Water Bureau' });
    wrapper.unmount();
  }, 30_000);
});
