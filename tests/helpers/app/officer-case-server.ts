import type { CaseDetail } from '../../../src/shared/cases/api';
import type { CaseState } from '../../../src/shared/cases/machine';
import type { FinalisedRecord } from '../../../src/shared/records';
import { jsonResponse, workerLogin } from './network';

export const caseId = '0190f0a0-0000-7000-8000-00000000ca5e';
export const officer = { ...workerLogin, user: { ...workerLogin.user, username: 'demo-officer', role: 'subdistrict_officer' as const, scope: { level: 'subdistrict' as const, ids: ['yijiangmen'] } } };

/** The server, reachable or not: one assigned case, and the sync endpoints the engine calls. */
export const server = { online: true, state: 'in_progress' as CaseState, pushed: [] as FinalisedRecord[], blobs: new Set<string>() };

export function resetServer(): void {
  Object.assign(server, { online: true, state: 'in_progress', pushed: [], blobs: new Set() });
}

const detail = (): CaseDetail => ({
  case: {
    id: caseId, roundId: '2026-H1', title: '楼道堆物', category: 'environment_cleanup', state: server.state, subdistrictId: 'yijiangmen', communityIds: ['yijiangmen-c01'],
    departmentId: null, dueOn: '2026-06-01', overdue: false, itemIds: [], createdAt: '2026-05-01T00:00:00.000Z', updatedAt: '2026-05-01T00:00:00.000Z',
    assignedAt: '2026-05-01T00:00:00.000Z', reportedFixedAt: null, departmentAcceptedAt: null, closedAt: null,
  },
  events: [],
  items: [],
});

/** A fetch for `vi.stubGlobal`: an accepted case report moves the case to reported_fixed. */
export async function answer(url: string, init: RequestInit = {}): Promise<Response> {
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
