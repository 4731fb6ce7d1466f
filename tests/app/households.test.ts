import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import type { RegisterImportReport } from '../../src/shared/households';
import { eventually, mountApp } from '../helpers/app/mount';
import { stubApi } from '../helpers/app/scores';
import { jsonResponse, stubFetch, workerLogin } from '../helpers/app/network';

afterEach(() => vi.unstubAllGlobals());

const supervisorLogin = { ...workerLogin, user: { ...workerLogin.user, id: 'sup-1', username: 'demo-supervisor', role: 'supervisor' as const, scope: { level: 'district' as const, ids: ['gulou'] } } };
const organisation = { subdistricts: [{ id: 'yijiangmen', nameZh: '挹江门街道', nameEn: 'Yijiangmen' }], communities: [{ id: 'yijiangmen-c01', subdistrictId: 'yijiangmen', nameZh: '挹江门第一社区', nameEn: 'Yijiangmen 1' }], departments: [] };
const rounds = { rounds: [{ id: '2026-H1', startsOn: '2026-01-01', endsOn: '2026-06-30', state: 'open', synthetic: false, settingsVersion: 1, openedAt: '2026-01-01T00:00:00.000Z', closedAt: null, publishedAt: null }] };
const none = { count: 0, listed: [] };
const cleanReport: RegisterImportReport = { rows: 200, newHouseholds: 200, alreadyRegistered: 0, duplicates: none, unknownCommunities: none, invalid: none, written: false };

function chooseFile(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], name: string) {
  const input = wrapper.get('#register-file');
  Object.defineProperty(input.element, 'files', { value: [new File(['community,building,unit,room\n'], name)] });
  return input.trigger('change');
}

function sent(fetchMock: ReturnType<typeof stubFetch>, call: number): [string, RequestInit] {
  return fetchMock.mock.calls[call] as unknown as [string, RequestInit];
}

describe('the household register page', () => {
  it('lists a file’s problems by line and offers nothing to write', async () => {
    await saveSession(supervisorLogin);
    const report = { ...cleanReport, rows: 3, newHouseholds: 1, duplicates: { count: 1, listed: [{ line: 3, firstLine: 2, address: 'yijiangmen-c01 1-1-101' }] }, unknownCommunities: { count: 1, listed: [{ line: 4, community: '无名社区' }] } };
    const fetchMock = stubFetch(jsonResponse(200, organisation), jsonResponse(200, rounds), jsonResponse(200, report));
    const { wrapper } = await mountApp('/office/households');
    await eventually(() => expect(wrapper.find('#assign-community option[value="yijiangmen-c01"]').exists()).toBe(true));
    await chooseFile(wrapper, 'register.csv');
    await eventually(() => expect(wrapper.text()).toContain('第 3 行与第 2 行重复：yijiangmen-c01 1-1-101'));
    expect(wrapper.text()).toContain('第 4 行：无名社区');
    expect(wrapper.text()).toContain('没有写入任何住户');
    expect(wrapper.find('.report button').exists()).toBe(false);
    const [url, init] = sent(fetchMock, 2);
    expect(url).toBe('/api/households/import?commit=false');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('text/csv');
    wrapper.unmount();
  }, 30_000);

  it('writes a clean file after the check, then assigns a building to a worker', async () => {
    await saveSession(supervisorLogin);
    const fetchMock = stubFetch(
      jsonResponse(200, organisation),
      jsonResponse(200, rounds),
      jsonResponse(200, cleanReport),
      jsonResponse(200, { ...cleanReport, written: true }),
      jsonResponse(200, { workers: [{ username: 'wang.wei', name: '王伟' }] }),
      jsonResponse(200, { assigned: 20, reassigned: 0 }),
    );
    const { wrapper } = await mountApp('/office/households');
    await eventually(() => expect(wrapper.find('#assign-round option[value="2026-H1"]').exists()).toBe(true));
    expect((wrapper.get('#assign-round').element as HTMLSelectElement).value).toBe('');
    await chooseFile(wrapper, 'register.xlsx');
    const write = await eventually(() => wrapper.get('.report button'));
    expect(write.text()).toBe('写入 200 户');
    expect((sent(fetchMock, 2)[1].headers as Record<string, string>)['Content-Type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await write.trigger('click');
    await eventually(() => expect(wrapper.get('.households-page [role="status"]').text()).toBe('已写入 200 户。'));
    expect(sent(fetchMock, 3)[0]).toBe('/api/households/import?commit=true');

    await wrapper.get('#assign-round').setValue('2026-H1');
    await wrapper.get('#assign-community').setValue('yijiangmen-c01');
    await wrapper.get('#assign-building').setValue('3');
    // The worker is picked by name from the community's grid workers, none chosen at first.
    await eventually(() => expect(wrapper.find('#assign-worker option[value="wang.wei"]').exists()).toBe(true));
    expect(sent(fetchMock, 4)[0]).toBe('/api/households/workers?communityId=yijiangmen-c01');
    expect((wrapper.get('#assign-worker').element as HTMLSelectElement).value).toBe('');
    expect(wrapper.get('#assign-worker option[value="wang.wei"]').text()).toBe('王伟（wang.wei）');
    await wrapper.get('#assign-worker').setValue('wang.wei');
    await wrapper.get('form.assign').trigger('submit');
    await eventually(() => expect(wrapper.get('.households-page [role="status"]').text()).toContain('已分配 20 户'));
    expect(sent(fetchMock, 5)[0]).toBe('/api/assignments/building');
    expect(JSON.parse(String(sent(fetchMock, 5)[1].body))).toEqual({ roundId: '2026-H1', communityId: 'yijiangmen-c01', building: '3', assignedTo: 'wang.wei' });
    wrapper.unmount();
  }, 30_000);
});

describe('single households and quotas', () => {
  const doors = [
    { id: 'door-1', building: '5', unit: '1', room: '101', assignedToName: '演示网格员' },
    { id: 'door-2', building: '5', unit: '1', room: '102', assignedToName: null },
  ];

  it('lists a building’s doors with the community and who has each, and assigns the ticked ones', async () => {
    await saveSession(supervisorLogin);
    const fetchMock = stubFetch(
      jsonResponse(200, organisation),
      jsonResponse(200, rounds),
      jsonResponse(200, { workers: [{ username: 'wang.wei', name: '王伟' }] }),
      jsonResponse(200, { households: doors }),
      jsonResponse(200, { assigned: 1, reassigned: 1 }),
      jsonResponse(200, { households: [{ ...doors[0], assignedToName: '王伟' }, doors[1]] }),
    );
    const { wrapper } = await mountApp('/office/households');
    await eventually(() => expect(wrapper.find('#assign-round option[value="2026-H1"]').exists()).toBe(true));
    await wrapper.get('#assign-round').setValue('2026-H1');
    await wrapper.get('#assign-community').setValue('yijiangmen-c01');
    await wrapper.get('#assign-building').setValue('5');
    await eventually(() => expect(wrapper.find('#assign-worker option[value="wang.wei"]').exists()).toBe(true));
    await wrapper.get('#assign-worker').setValue('wang.wei');
    await wrapper.findAll('.assign-actions button').find((b) => b.text() === '列出住户（可按楼栋）')!.trigger('click');
    await eventually(() => expect(wrapper.find('.doors').exists()).toBe(true));
    expect(sent(fetchMock, 3)[0]).toBe('/api/households?roundId=2026-H1&communityId=yijiangmen-c01&building=5');
    expect(wrapper.get('.doors legend').text()).toBe('挹江门第一社区的住户（2 户）');
    expect(wrapper.get('[data-door="door-1"]').text()).toContain('5栋1单元101');
    expect(wrapper.get('[data-door="door-1"]').text()).toContain('演示网格员');
    expect(wrapper.findAll('.doors input:checked')).toHaveLength(0);
    const assignChosen = wrapper.get('.doors button.primary');
    expect(assignChosen.attributes('disabled')).toBeDefined();
    expect(wrapper.get(`#${assignChosen.attributes('aria-describedby')}`).text()).toBe('先在上面勾选要分配的住户。');

    await wrapper.get('[data-door="door-1"] input').setValue(true);
    expect(wrapper.find('.doors .disabled-reason').exists()).toBe(false);
    expect(assignChosen.text()).toBe('把选中的 1 户分配给网格员');
    await assignChosen.trigger('click');
    await eventually(() => expect(wrapper.get('.households-page [role="status"]').text()).toContain('已分配 1 户，其中 1 户从其他网格员转来'));
    expect(sent(fetchMock, 4)[0]).toBe('/api/assignments/households');
    expect(JSON.parse(String(sent(fetchMock, 4)[1].body))).toEqual({ roundId: '2026-H1', communityId: 'yijiangmen-c01', assignedTo: 'wang.wei', householdIds: ['door-1'] });
    expect(wrapper.get('[data-door="door-1"]').text()).toContain('王伟');
    wrapper.unmount();
  }, 30_000);

  it('the quota page is reached from the supervisor’s home; a changed row is saved per audience', async () => {
    await saveSession(supervisorLogin);
    const quotas = ['elderly', 'adult', 'work_unit'].map((audience, i) => ({ roundId: '2026-H1', communityId: 'yijiangmen-c01', audience, target: [30, 25, 10][i] }));
    // Answered by path: the home's cards make requests of their own before the quota page's.
    const fetchMock = stubApi({ '/api/organisation': organisation, '/api/rounds': rounds, '/api/quotas?roundId=2026-H1': { quotas }, '/api/quotas': { quota: { ...quotas[1], target: 40 } } });
    const { wrapper, router } = await mountApp('/');
    const link = await eventually(() => wrapper.get('a[href="/office/quotas"]'));
    expect(link.text()).toBe('设置各社区的样本配额');
    await router.push(link.attributes('href')!);
    await eventually(() => expect(wrapper.find('#quota-round option[value="2026-H1"]').exists()).toBe(true));
    expect((wrapper.get('#quota-round').element as HTMLSelectElement).value).toBe('');
    expect(wrapper.find('table').exists()).toBe(false);
    await wrapper.get('#quota-round').setValue('2026-H1');
    await eventually(() => expect((wrapper.get('tr[data-community="yijiangmen-c01"] input[data-audience="adult"]').element as HTMLInputElement).value).toBe('25'));
    const save = wrapper.get('tr[data-community="yijiangmen-c01"] button');
    expect(save.attributes('disabled')).toBeDefined();
    await wrapper.get('tr[data-community="yijiangmen-c01"] input[data-audience="adult"]').setValue('40');
    await save.trigger('click');
    await eventually(() => expect(wrapper.get('.quotas-page [role="status"]').text()).toBe('已保存 挹江门第一社区 的配额。'));
    const quotaCalls = (fetchMock.mock.calls as unknown as Array<[string, RequestInit | undefined]>).filter(([url]) => url.startsWith('/api/quotas'));
    expect(quotaCalls.map(([url, init]) => [url, init?.method ?? 'GET'])).toEqual([['/api/quotas?roundId=2026-H1', 'GET'], ['/api/quotas', 'PUT']]);
    expect(JSON.parse(String(quotaCalls[1]![1]!.body))).toEqual({ roundId: '2026-H1', communityId: 'yijiangmen-c01', audience: 'adult', target: 40 });
    expect(wrapper.get('tr[data-community="yijiangmen-c01"] button').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  }, 30_000);
});
