import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import type { Case, CaseList } from '../../src/shared/cases/api';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, workerLogin } from '../helpers/app/network';

let wrapper: VueWrapper | undefined;
const total = 120;
const caseAt = (i: number): Case => ({
  id: `0190f0a0-0000-7000-8000-${String(i).padStart(12, '0')}`,
  roundId: '2026-H1',
  title: `案件${i}`,
  category: 'property_management',
  state: 'in_progress',
  subdistrictId: 'yijiangmen',
  communityIds: ['yijiangmen-c01'],
  departmentId: null,
  dueOn: '2026-06-01',
  overdue: i < 3,
  itemIds: [],
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
  assignedAt: null,
  reportedFixedAt: null,
  departmentAcceptedAt: null,
  closedAt: null,
});

/** The server as far as this page asks it: pages of 120 cases, counts, and the export. */
const requested: string[] = [];
function serve(url: string): Response {
  requested.push(url);
  const { pathname, searchParams } = new URL(url, 'http://app.test');
  if (pathname === '/api/cases') {
    const offset = Number(searchParams.get('offset'));
    const limit = Number(searchParams.get('limit'));
    const cases = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => caseAt(offset + i));
    const page: CaseList = { cases, total, offset, limit, nextOffset: offset + cases.length < total ? offset + cases.length : null };
    return jsonResponse(200, page);
  }
  if (pathname === '/api/cases/counts') return jsonResponse(200, { today: '2026-05-10', counts: [] });
  if (pathname === '/api/cases/export.csv') return new Response('\uFEFFcaseId\n', { status: 200, headers: { 'Content-Type': 'text/csv' } });
  return jsonResponse(404, { error: { code: 'not_found', message: pathname } });
}

beforeEach(async () => {
  requested.length = 0;
  vi.stubGlobal('fetch', vi.fn(async (url: string) => serve(url)));
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:cases', revokeObjectURL: () => undefined }));
  await saveSession({ ...workerLogin, user: { ...workerLogin.user, role: 'supervisor', scope: { level: 'district', ids: ['gulou'] } } });
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const caseRequests = () => requested.filter((url) => url.startsWith('/api/cases?'));

describe('the office case list', () => {
  it('reads a page at a time, says how many match, loads more on request, and sends its filters to the server', async () => {
    ({ wrapper } = await mountApp('/office/cases'));
    await eventually(() => expect(wrapper!.get('.summary').text()).toBe('共120件，已显示50件（逾期和临近期限的在前）'));
    expect(caseRequests()).toEqual(['/api/cases?offset=0&limit=50']);
    expect(wrapper.findAll('tbody tr')).toHaveLength(50);
    expect(wrapper.findAll('tbody tr.overdue')).toHaveLength(3);

    await wrapper.get('.more button').trigger('click');
    await eventually(() => expect(wrapper!.findAll('.case-table tbody tr')).toHaveLength(100));
    expect(caseRequests().at(-1)).toBe('/api/cases?offset=50&limit=50');
    expect(wrapper.get('.more button').text()).toBe('加载更多（还有20件）');
    await wrapper.get('.more button').trigger('click');
    await eventually(() => expect(wrapper!.find('.more button').exists()).toBe(false));
    expect(wrapper.get('.summary').text()).toContain('共120件，已显示120件');

    await wrapper.get('.filters select').setValue('reopened');
    await wrapper.get('.filters input[type="checkbox"]').setValue(true);
    await eventually(() => expect(caseRequests().at(-1)).toBe('/api/cases?state=reopened&overdue=true&offset=0&limit=50'));
    await eventually(() => expect(wrapper!.findAll('.case-table tbody tr')).toHaveLength(50));

    // The export holds every case matching the filters, not the pages read.
    const exportButton = wrapper.findAll('.actions button').find((button) => button.text() === '导出CSV')!;
    await exportButton.trigger('click');
    await eventually(() => expect(requested.at(-1)).toBe('/api/cases/export.csv?state=reopened&overdue=true'));
  });
});
