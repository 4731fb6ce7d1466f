import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import type { CaseDetail } from '../../src/shared/cases/api';
import type { Role } from '../../src/shared/roles';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, workerLogin } from '../helpers/app/network';

const caseId = '0190f0a0-0000-7000-8000-00000000ca5e';
const photo = 'a'.repeat(64);
const scopes: Record<string, { level: 'district' | 'subdistrict' | 'department'; ids: string[] }> = {
  supervisor: { level: 'district', ids: [] },
  admin: { level: 'district', ids: [] },
  subdistrict_officer: { level: 'subdistrict', ids: ['yijiangmen'] },
  department: { level: 'department', ids: ['housing'] },
};
const detail: CaseDetail = {
  case: {
    id: caseId, roundId: '2026-H1', title: '楼道堆物', category: 'environment_cleanup', state: 'escalated', subdistrictId: 'yijiangmen', communityIds: ['yijiangmen-c01'],
    departmentId: 'housing', dueOn: '2026-06-01', overdue: false, itemIds: [], createdAt: '2026-05-01T00:00:00.000Z', updatedAt: '2026-05-03T00:00:00.000Z',
    assignedAt: '2026-05-01T00:00:00.000Z', reportedFixedAt: null, departmentAcceptedAt: null, closedAt: null,
  },
  events: [
    { id: 'e1', caseId, at: '2026-05-02T00:00:00.000Z', userId: 'o1', role: 'subdistrict_officer', action: 'progress', fromState: 'in_progress', toState: 'in_progress', note: '已联系物业', evidence: [photo] },
  ],
  items: [],
};
let wrapper: VueWrapper | undefined;

afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

describe('evidence photos on a case’s timeline', () => {
  it.each(['supervisor', 'admin', 'subdistrict_officer', 'department'] as Role[])('%s sees a thumbnail that opens the photo full size', async (role) => {
    const requested: string[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => `blob:${blob.size}`, revokeObjectURL: () => undefined }));
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const { pathname } = new URL(url, 'http://app.test');
        requested.push(pathname);
        if (pathname === `/api/cases/${caseId}`) return jsonResponse(200, detail);
        if (pathname === '/api/departments') return jsonResponse(200, { departments: [] });
        if (pathname === `/api/blobs/${photo}`) return new Response(new Blob(['jpeg bytes'], { type: 'image/jpeg' }), { status: 200, headers: { 'content-type': 'image/jpeg' } });
        return jsonResponse(404, { error: { code: 'not_found', message: pathname } });
      }),
    );
    await saveSession({ ...workerLogin, user: { ...workerLogin.user, username: `demo-${role}`, role, scope: scopes[role]! } });
    ({ wrapper } = await mountApp(`/office/cases/${caseId}`));
    const thumbnail = await eventually(() => wrapper!.get('.timeline button.thumbnail'));
    expect(thumbnail.get('img').attributes('src')).toBe('blob:10');
    expect(thumbnail.attributes('aria-label')).toBe('查看第1张照片大图');
    expect(requested).toContain(`/api/blobs/${photo}`);
    expect(wrapper.find('.viewer').exists()).toBe(false);
    await thumbnail.trigger('click');
    expect(wrapper.get('.viewer img').attributes('src')).toBe('blob:10');
    await wrapper.get('.viewer button.close').trigger('click');
    expect(wrapper.find('.viewer').exists()).toBe(false);
  });
});
