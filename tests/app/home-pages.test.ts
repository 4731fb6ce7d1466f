import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import type { Role } from '../../src/shared/roles';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, stubFetch, workerLogin } from '../helpers/app/network';
import { stubApi } from '../helpers/app/scores';

afterEach(() => vi.unstubAllGlobals());

/** Each role's home, with a card that has nothing to show on a fresh device (null: every card leads somewhere). */
const expectations: Array<[Role, string, string | null]> = [
  ['grid_worker', '网格员工作台', '待回访'],
  ['legal_adviser', '法律顾问工作台', '等待同步'],
  ['subdistrict_officer', '街道工作人员工作台', null],
  ['supervisor', '考评办工作台', null],
  ['admin', '管理员工作台', null],
];

describe('home page per role', { timeout: 20_000 }, () => {
  it.each(expectations)('a signed-in %s sees its own home page', async (role, heading, section) => {
    await saveSession({ ...workerLogin, user: { ...workerLogin.user, role } });
    const { wrapper } = await mountApp('/');
    await eventually(() => {
      expect(wrapper.get('h1').text()).toBe(heading);
      if (section) expect(wrapper.get(`section[aria-label="${section}"]`).text()).toContain('暂无内容');
      else expect(wrapper.text()).not.toContain('暂无内容');
    }, { timeout: 10_000 });
    wrapper.unmount();
    // The first page drawn pays for compiling the lazy chunks, seconds on a loaded machine.
  }, 20_000);

  it('leads the admin from its home to the questionnaires', async () => {
    await saveSession({ ...workerLogin, user: { ...workerLogin.user, role: 'admin' } });
    const { wrapper } = await mountApp('/');
    await eventually(() => expect(wrapper.get('section[aria-label="问卷模板"] a').attributes('href')).toBe('/office/questionnaires'));
    expect(wrapper.get('section[aria-label="问卷模板"] a').text()).toBe('管理问卷模板');
    wrapper.unmount();
  });

  it.each([
    ['supervisor' as const, '得分与排名', '查看得分与排名', '/office/scores'],
    ['subdistrict_officer' as const, '本街道测评结果', '查看本街道测评结果', '/office/scores/subdistricts/yijiangmen'],
    ['legal_adviser' as const, '援法议事记录', '查看援法议事记录', '/deliberation'],
  ])('the %s home links its score card to the score pages', async (role, section, link, path) => {
    await saveSession({ ...workerLogin, user: { ...workerLogin.user, role, scope: role === 'supervisor' ? { level: 'district', ids: ['gulou'] } : { level: 'subdistrict', ids: ['yijiangmen'] } } });
    const { wrapper } = await mountApp('/');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.find(`section[aria-label="${section}"] .entries a`).exists()).toBe(true);
    }, { timeout: 10_000 });
    const anchor = wrapper.get(`section[aria-label="${section}"] .entries a`);
    expect(anchor.text()).toBe(link);
    expect(anchor.attributes('href')).toBe(path);
    wrapper.unmount();
  });

  it.each([
    ['subdistrict_officer' as const, { level: 'subdistrict' as const, ids: ['yijiangmen'] }, '负面评价清单', { new: 2, dueSoon: 1, overdue: 1 }, '2件新案件，1件即将到期，1件已逾期'],
    ['department' as const, { level: 'department' as const, ids: ['urban-management'] }, '吹哨报到案件', { new: 1, dueSoon: 0, overdue: 0 }, '1件新案件，0件即将到期，0件已逾期'],
  ])('the %s home shows the server’s badge of new, due-soon and overdue cases', async (role, scope, section, counts, text) => {
    // The counting itself is the shared caseBadge (tests/shared/cases-badges.test.ts), run by the server.
    const fetchMock = stubFetch(jsonResponse(200, { today: '2026-05-10', ...counts }));
    await saveSession({ ...workerLogin, user: { ...workerLogin.user, role, scope } });
    const { wrapper } = await mountApp('/');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get(`section[aria-label="${section}"] .counts`).text()).toContain(text);
    }, { timeout: 10_000 });
    expect((fetchMock.mock.calls as unknown as [string][])[0]![0]).toBe('/api/cases/badge');
    expect(wrapper.get(`section[aria-label="${section}"] a`).attributes('href')).toBe('/office/cases');
    wrapper.unmount();
  });

  it.each([
    ['supervisor' as const, { level: 'district' as const, ids: ['gulou'] }, '整改跟踪', '在办 5 件（已派发、整改中、重新整改或已吹哨，其中已逾期 2 件）；已报整改、待居民确认 3 件；居民已确认 7 件。'],
    ['subdistrict_officer' as const, { level: 'subdistrict' as const, ids: ['yijiangmen'] }, '整改进展', '在办 4 件（已派发、整改中、重新整改或已吹哨，其中已逾期 2 件）；已报整改、待居民确认 1 件；居民已确认 6 件。'],
  ])('the %s home sums where rectification stands over the sub-districts the server answers with', async (role, scope, section, text) => {
    // The server answers each role with its own sub-districts only (tests/server/cases.test.ts).
    const rows = role === 'supervisor'
      ? [{ subdistrictId: 'yijiangmen', open: 4, overdue: 2, fixed: 1, confirmed: 6 }, { subdistrictId: 'xiaguan', open: 1, overdue: 0, fixed: 2, confirmed: 1 }]
      : [{ subdistrictId: 'yijiangmen', open: 4, overdue: 2, fixed: 1, confirmed: 6 }];
    const fetchMock = stubApi({ '/api/cases/counts': { today: '2026-05-10', counts: rows }, '/api/cases/badge': { today: '2026-05-10', new: 0, dueSoon: 0, overdue: 0 } });
    await saveSession({ ...workerLogin, user: { ...workerLogin.user, role, scope } });
    const { wrapper } = await mountApp('/');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get(`section[aria-label="${section}"] .counts`).text()).toBe(text);
    }, { timeout: 10_000 });
    expect(wrapper.get(`section[aria-label="${section}"] .counts`).classes()).toContain('alarm');
    expect(wrapper.get(`section[aria-label="${section}"] a`).attributes('href')).toBe('/office/cases');
    expect((fetchMock.mock.calls as unknown as [string][]).map(([url]) => url)).toContain('/api/cases/counts');
    wrapper.unmount();
  });

  it('shows unknown paths as not found and sends a signed-out visitor to sign in', async () => {
    const { router, wrapper } = await mountApp('/somewhere/deep');
    expect(router.currentRoute.value.name).toBe('not-found');
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('login');
    wrapper.unmount();
  });
});
