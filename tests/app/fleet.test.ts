import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import { buildUnsentFile } from '../../src/app/sync/export-file';
import type { Fleet, FleetDevice } from '../../src/shared/devices';
import { defaultSyncLimits } from '../../src/shared/sync';
import { responseRecord, visitRecord } from '../../scripts/harness/records';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, stubFetch, workerLogin } from '../helpers/app/network';

afterEach(() => vi.unstubAllGlobals());

const supervisorLogin = { ...workerLogin, user: { ...workerLogin.user, id: 'sup-1', username: 'demo-supervisor', name: '演示考评办', role: 'supervisor' as const, scope: { level: 'district' as const, ids: ['gulou'] } } };
const organisation = {
  subdistricts: [{ id: 'yijiangmen', nameZh: '挹江门街道', nameEn: 'Yijiangmen' }],
  communities: [
    { id: 'yijiangmen-c01', subdistrictId: 'yijiangmen', nameZh: '挹江门第一社区', nameEn: 'Yijiangmen 1' },
    { id: 'yijiangmen-c02', subdistrictId: 'yijiangmen', nameZh: '挹江门第二社区', nameEn: 'Yijiangmen 2' },
  ],
  departments: [],
};
const device = (overrides: Partial<FleetDevice>): FleetDevice => ({
  deviceId: 'aaaaaaaa-phone',
  appVersion: '0.1.0',
  persistentStorage: true,
  freeBytes: 3_200_000_000,
  unsentByKind: {},
  oldestUnsentAt: null,
  refused: 0,
  userId: 'w-1',
  username: 'demo-worker',
  userName: '演示网格员',
  role: 'grid_worker',
  scopeIds: ['yijiangmen-c01'],
  lastSyncAt: '2026-04-10T10:00:00.000Z',
  unsent: 0,
  warnings: [],
  ...overrides,
});
const fleet: Fleet = {
  currentAppVersion: '0.2.0',
  devices: [
    device({ deviceId: 'bbbbbbbb-tablet', userName: '演示法律顾问', role: 'legal_adviser', scopeIds: ['yijiangmen-c02'], appVersion: '0.1.0', persistentStorage: false, unsentByKind: { deliberation: 2, signature: 3 }, unsent: 5, oldestUnsentAt: '2026-04-08T09:00:00.000Z', warnings: ['unsent_over_a_day', 'storage_not_persistent', 'old_app_version'] }),
    device({ appVersion: '0.2.0' }),
  ],
  neverSynced: [{ userId: 'w-2', username: 'li.na', userName: '李娜', role: 'grid_worker', scopeIds: ['yijiangmen-c02'] }],
};

describe('the supervisor’s devices and imports', () => {
  it('the supervisor home leads to the fleet view, the import of exported files, the household register, the quotas and the refused records', async () => {
    await saveSession(supervisorLogin);
    const { wrapper } = await mountApp('/');
    const links = await eventually(() => {
      const found = wrapper.findAll('section[aria-label="外业设备与导入"] a');
      expect(found).toHaveLength(5);
      return found;
    });
    expect(links.map((link) => [link.text(), link.attributes('href')])).toEqual([
      ['查看外业设备同步情况', '/office/devices'],
      ['导入设备导出的记录', '/import'],
      ['导入住户名册、分配楼栋', '/office/households'],
      ['设置各社区的样本配额', '/office/quotas'],
      // Offline, the count of refused records is unknown: the link still leads there.
      ['处理被退回的记录', '/office/refusals'],
    ]);
    wrapper.unmount();
  }, 30_000);

  it('shows each device’s last sync, what it holds and its warnings in Chinese, and can show only those that need attention', async () => {
    await saveSession(supervisorLogin);
    const fetchMock = stubFetch(jsonResponse(200, fleet), jsonResponse(200, organisation));
    const { wrapper } = await mountApp('/office/devices');
    await eventually(() => expect(wrapper.find('tr[data-device="bbbbbbbb-tablet"]').exists()).toBe(true));
    expect(fetchMock.mock.calls.map((call) => (call as unknown as [string])[0])).toEqual(['/api/devices', '/api/organisation']);
    expect(wrapper.get('.fleet-page [role="status"]').text()).toBe('共 2 台设备，1 台需要关注，5 条记录尚未同步。 当前应用版本：0.2.0');
    const troubled = wrapper.get('tr[data-device="bbbbbbbb-tablet"]');
    expect(troubled.text()).toContain('挹江门第二社区');
    expect(troubled.text()).toContain('签名 3 · 援法议事 2');
    expect(troubled.findAll('.warnings li').map((li) => li.text())).toEqual(['超过一天未同步', '存储可能被清除', '应用版本过旧']);
    expect(troubled.text()).toContain('可能被清除');
    const quiet = wrapper.get('tr[data-device="aaaaaaaa-phone"]');
    expect(quiet.text()).toContain('正常');
    expect(quiet.text()).toContain('挹江门第一社区');
    expect(wrapper.get('section.never').text()).toContain('李娜（网格员 · 挹江门第二社区）');

    await wrapper.get('.filter input').setValue(true);
    expect(wrapper.findAll('tbody tr').map((row) => row.attributes('data-device'))).toEqual(['bbbbbbbb-tablet']);
    wrapper.unmount();
  }, 30_000);

  it('the import shows who exported what before sending anything, then what was new', async () => {
    await saveSession(supervisorLogin);
    const author = { id: workerLogin.user.id, communityId: 'yijiangmen-c01' };
    const records = [visitRecord(author), visitRecord(author), responseRecord(author)];
    const file = await buildUnsentFile({ records, blobs: [], deviceId: 'phone-of-wang', exportedBy: 'wang.wei', now: new Date('2026-04-09T08:30:00.000Z') });
    const fetchMock = stubFetch(
      jsonResponse(200, defaultSyncLimits),
      jsonResponse(200, { results: [{ id: records[0]!.id, status: 'accepted' }, { id: records[1]!.id, status: 'duplicate' }, { id: records[2]!.id, status: 'accepted' }], serverTime: '2026-04-10T10:00:00.000Z' }),
    );
    const { wrapper } = await mountApp('/import');
    const input = await eventually(() => wrapper.get('#import-file'));
    Object.defineProperty(input.element, 'files', { value: [new File([JSON.stringify(file)], 'unsent.json', { type: 'application/json' })] });
    await input.trigger('change');
    const before = await eventually(() => wrapper.get('section[aria-label="文件内容（尚未导入）"]'));
    expect(before.text()).toContain('wang.wei');
    expect(before.text()).toContain('phone-of-wang');
    expect(before.text()).toContain('记录 3 条');
    expect(before.text()).toContain('走访记录 2 · 问卷 1');
    expect(fetchMock).not.toHaveBeenCalled();

    await before.get('button').trigger('click');
    const after = await eventually(() => wrapper.get('section[aria-label="导入结果"]'));
    await flushPromises();
    expect(after.text()).toContain('导入完成：新增 2，已存在 1，冲突 0，退回 0，上传图片 0。');
    expect(after.text()).toContain('本次新增：走访记录 1 · 问卷 1');
    expect(wrapper.find('section[aria-label="文件内容（尚未导入）"]').exists()).toBe(false);
    expect(wrapper.get('section[aria-label="文件内容（已导入）"] h2').text()).toBe('文件内容（已导入）');
    const pushed = JSON.parse(String((fetchMock.mock.calls[1] as unknown as [string, RequestInit])[1].body));
    expect(pushed).toMatchObject({ deviceId: 'phone-of-wang', records: records.map((r) => ({ id: r.id, hash: r.hash })) });
    wrapper.unmount();
  }, 30_000);
});
