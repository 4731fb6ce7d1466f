import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { saveSession } from '../../src/app/db/session';
import { useSyncStore } from '../../src/app/stores/sync';
import type { CaseDetail } from '../../src/shared/cases/api';
import type { CaseState } from '../../src/shared/cases/machine';
import { validateRecord, type FinalisedRecord } from '../../src/shared/records';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, workerLogin } from '../helpers/app/network';

vi.mock('compressorjs', () => import('../helpers/app/photos-fake-compressor'));

const caseId = '0190f0a0-0000-7000-8000-00000000ca5e';
const officer = { ...workerLogin, user: { ...workerLogin.user, username: 'demo-officer', role: 'subdistrict_officer' as const, scope: { level: 'subdistrict' as const, ids: ['yijiangmen'] } } };
let wrapper: VueWrapper | undefined;

/** The server, reachable or not: the case, and the sync endpoints the engine calls. */
const server = { online: true, state: 'in_progress' as CaseState, pushed: [] as FinalisedRecord[], blobs: new Set<string>() };
const detail = (): CaseDetail => ({
  case: {
    id: caseId, roundId: '2026-H1', title: '楼道堆物', category: 'environment_cleanup', state: server.state, subdistrictId: 'yijiangmen', communityIds: ['yijiangmen-c01'],
    departmentId: null, dueOn: '2026-06-01', overdue: false, itemIds: [], createdAt: '2026-05-01T00:00:00.000Z', updatedAt: '2026-05-01T00:00:00.000Z',
    assignedAt: '2026-05-01T00:00:00.000Z', reportedFixedAt: null, departmentAcceptedAt: null, closedAt: null,
  },
  events: [],
  items: [],
});

async function answer(url: string, init: RequestInit = {}): Promise<Response> {
  if (!server.online) throw new TypeError('Failed to fetch');
  const { pathname } = new URL(url, 'http://app.test');
  const method = init.method ?? 'GET';
  if (pathname === `/api/cases/${caseId}`) return jsonResponse(200, detail());
  if (pathname === '/api/departments') return jsonResponse(200, { departments: [] });
  if (pathname === '/api/sync/config') return jsonResponse(200, { maxRecordsPerBatch: 100, maxBytesPerRequest: 5_000_000, maxBlobBytes: 5_000_000, maxPullLimit: 500 });
  if (pathname.startsWith('/api/blobs/')) {
    const hash = pathname.slice('/api/blobs/'.length);
    if (method === 'HEAD') return new Response(null, { status: server.blobs.has(hash) ? 200 : 404 });
    // The server checks that the bytes hash to the name (tests/server/blobs.test.ts); here, that the photo went first.
    server.blobs.add(hash);
    return new Response(null, { status: 201 });
  }
  if (pathname === '/api/sync/push') {
    const { records } = JSON.parse(String(init.body)) as { records: FinalisedRecord[] };
    server.pushed.push(...records);
    if (records.some((record) => record.kind === 'case_report')) server.state = 'reported_fixed';
    return jsonResponse(200, { results: records.map((record) => ({ id: record.id, status: 'accepted' })), serverTime: new Date().toISOString() });
  }
  if (pathname === '/api/sync/pull') return jsonResponse(200, { changes: [], checkpoint: '0', hasMore: false });
  if (pathname === '/api/devices/report' || pathname === '/api/health') return jsonResponse(200, {});
  return jsonResponse(404, { error: { code: 'not_found', message: pathname } });
}

beforeEach(async () => {
  Object.assign(server, { online: true, state: 'in_progress', pushed: [], blobs: new Set() });
  vi.stubGlobal('fetch', vi.fn(answer));
  await saveSession(officer);
});
afterEach(() => {
  useSyncStore().stop();
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const waiting = () => wrapper!.find('section.waiting');

describe('an officer’s report made offline', () => {
  it('is kept on the device with its photo, survives a reload as "waiting to sync", and is delivered once when back online', async () => {
    ({ wrapper } = await mountApp(`/office/cases/${caseId}`));
    await eventually(() => expect(wrapper!.get('.facts .state').text()).toBe('整改中'));
    // The signal goes; the officer reports the rectification with a photo.
    server.online = false;
    useSyncStore().start();
    const fixed = wrapper.findAll('input[type="radio"]').find((radio) => radio.element.parentElement!.textContent!.trim() === '报告已整改')!;
    await fixed.setValue(true);
    await wrapper.get('textarea').setValue('已清理楼道堆物');
    const input = wrapper.get('input[data-source="gallery"]');
    Object.defineProperty(input.element, 'files', { value: [new File(['after'], 'after.jpg', { type: 'image/jpeg' })] });
    await input.trigger('change');
    await eventually(() => expect(wrapper!.find('.photo-picker img, img').exists()).toBe(true));
    await wrapper.get('form.step').trigger('submit');
    await eventually(() => expect(waiting().text()).toContain('已保存在本机，联网后自动发送'));
    expect(waiting().text()).toContain('报告已整改');
    expect(waiting().text()).toContain('附照片1张');
    // Nothing reached the server; the next step waits for this one.
    expect(server.pushed).toEqual([]);
    expect(wrapper.find('form.step').exists()).toBe(false);

    const stored = await appDatabase().records.where('kind').equals('case_report').toArray();
    expect(stored.map((record) => record.syncState)).toEqual(['pending']);
    const photoHash = (stored[0]!.data.photos as { blobHash: string }[])[0]!.blobHash;
    expect((await appDatabase().blobs.get(photoHash))?.uploadState).toBe('pending');

    // The page is reloaded while still offline: the report is there, waiting.
    useSyncStore().stop();
    wrapper.unmount();
    ({ wrapper } = await mountApp(`/office/cases/${caseId}`));
    await eventually(() => expect(waiting().text()).toContain('已清理楼道堆物'));
    expect(waiting().text()).toContain('已保存在本机，联网后自动发送');

    // Back online: the photo goes first, then the record, once; the case shows the new state.
    server.online = true;
    useSyncStore().start();
    await eventually(() => expect(server.pushed.filter((record) => record.kind === 'case_report')).toHaveLength(1));
    await eventually(() => expect(waiting().exists()).toBe(false));
    await eventually(() => expect(wrapper!.get('.facts .state').text()).toBe('已报整改'));
    const [sent] = server.pushed;
    expect(validateRecord(sent!)).toBeUndefined();
    expect(sent!.data).toMatchObject({ caseId, communityId: 'yijiangmen-c01', action: 'report_fixed', note: '已清理楼道堆物', authorId: officer.user.id, photos: [{ blobHash: photoHash }] });
    expect(server.blobs.has(photoHash)).toBe(true);
    await useSyncStore().syncNow();
    expect(server.pushed).toHaveLength(1);
    expect((await appDatabase().records.get(sent!.id))?.syncState).toBe('synced');
  }, 60_000);
});
