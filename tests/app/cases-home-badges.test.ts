import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { saveSession } from '../../src/app/db/session';
import type { CaseBadge, CaseCounts } from '../../src/shared/cases/api';
import { eventually, mountApp } from '../helpers/app/mount';
import { jsonResponse, workerLogin } from '../helpers/app/network';

const officer = { ...workerLogin, user: { ...workerLogin.user, username: 'demo-officer', role: 'subdistrict_officer' as const, scope: { level: 'subdistrict' as const, ids: ['yijiangmen'] } } };
/** What the server counts now: one case, just assigned (已派发). */
const server = { badge: { today: '2026-05-10', new: 1, dueSoon: 0, overdue: 0 } as CaseBadge, counts: [] as CaseCounts[] };
let wrapper: VueWrapper | undefined;

beforeEach(async () => {
  server.badge = { today: '2026-05-10', new: 1, dueSoon: 0, overdue: 0 };
  server.counts = [{ subdistrictId: 'yijiangmen', open: 1, overdue: 0, fixed: 0, confirmed: 0 }];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const { pathname } = new URL(url, 'http://app.test');
      if (pathname === '/api/cases/badge') return jsonResponse(200, server.badge);
      if (pathname === '/api/cases/counts') return jsonResponse(200, { today: '2026-05-10', counts: server.counts });
      return jsonResponse(404, { error: { code: 'not_found', message: pathname } });
    }),
  );
  await saveSession(officer);
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const badge = () => wrapper!.get('section[aria-label="负面评价清单"] .counts');
const summary = () => wrapper!.get('section[aria-label="整改进展"] .counts');

describe('the officer’s home badges', () => {
  it('say each number once, and name an assigned case as open, not as being rectified', async () => {
    ({ wrapper } = await mountApp('/'));
    await eventually(async () => {
      await flushPromises();
      expect(badge().text()).toBe('1件新案件，0件即将到期，0件已逾期');
    }, { timeout: 10_000 });
    await eventually(() => expect(summary().text()).toBe('在办 1 件（已派发、整改中、重新整改或已吹哨，其中已逾期 0 件）；已报整改、待居民确认 0 件；居民已确认 0 件。'));
    expect(summary().text()).not.toContain('整改中 1 件');
  });

  it('say so in words when nothing waits, never "0 0件新案件"', async () => {
    server.badge = { today: '2026-05-10', new: 0, dueSoon: 0, overdue: 0 };
    ({ wrapper } = await mountApp('/'));
    await eventually(async () => {
      await flushPromises();
      expect(badge().text()).toBe('暂无待办案件');
    }, { timeout: 10_000 });
  });

  it('follow the sync: when this device’s records change (a report delivered), both are read again', async () => {
    ({ wrapper } = await mountApp('/'));
    await eventually(async () => {
      await flushPromises();
      expect(badge().text()).toBe('1件新案件，0件即将到期，0件已逾期');
    }, { timeout: 10_000 });
    // The officer's report reached the server: the case is reported fixed there.
    server.badge = { today: '2026-05-10', new: 0, dueSoon: 0, overdue: 0 };
    server.counts = [{ subdistrictId: 'yijiangmen', open: 0, overdue: 0, fixed: 1, confirmed: 0 }];
    await appDatabase().records.put({ id: 'r1', kind: 'case_report', schemaVersion: 1, hash: 'h', data: {}, finalisedAt: '2026-05-10T01:00:00.000Z', syncState: 'synced', origin: 'local' });
    await eventually(() => expect(badge().text()).toBe('暂无待办案件'));
    await eventually(() => expect(summary().text()).toContain('已报整改、待居民确认 1 件'));
  });
});
