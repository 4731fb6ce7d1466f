import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncApi } from '../../../src/app/api/sync';
import { saveFinalised } from '../../../src/app/db/records';
import { startSyncRuntime, type SyncRuntime } from '../../../src/app/sync/runtime';
import { defaultSyncLimits, type PushRequest } from '../../../src/shared/sync';
import { visitRecord } from '../../../scripts/harness/records';
import { eventually } from '../../helpers/app/mount';

/** The server, outside the process: answers every push with "accepted". */
function fakeServer() {
  const api: SyncApi = {
    config: vi.fn(async () => defaultSyncLimits),
    hasBlob: vi.fn(async () => true),
    putBlob: vi.fn(async () => undefined),
    push: vi.fn(async (request: PushRequest) => ({ results: request.records.map((r) => ({ id: r.id, status: 'accepted' as const })), serverTime: new Date().toISOString() })),
    pull: vi.fn(async (checkpoint: string) => ({ changes: [], checkpoint, hasMore: false })),
    reachable: vi.fn(async () => true),
  };
  return api;
}

const events = () => ({ running: vi.fn(), progress: vi.fn(), outcome: vi.fn(), changed: vi.fn() });
let runtime: SyncRuntime | undefined;
afterEach(() => {
  runtime?.stop();
  runtime = undefined;
  vi.restoreAllMocks();
});

describe('the sync runtime', () => {
  it('syncs at start and again when a record is finalised', async () => {
    const api = fakeServer();
    const seen = events();
    runtime = startSyncRuntime(api, seen);
    await eventually(() => expect(seen.outcome).toHaveBeenCalledWith('succeeded', undefined));
    const record = visitRecord({ id: '0190f0a0-0000-7000-8000-000000000001', communityId: 'yijiangmen-c01' });
    await saveFinalised([record]);
    await eventually(() => expect(api.push).toHaveBeenCalledWith(expect.objectContaining({ records: [expect.objectContaining({ id: record.id })] })));
    expect(seen.running).toHaveBeenCalledWith(true);
  });

  it('does not start a run while the browser has no network, and runs when it comes back', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const api = fakeServer();
    const seen = events();
    runtime = startSyncRuntime(api, seen);
    document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.config).not.toHaveBeenCalled();
    expect(seen.running).not.toHaveBeenCalled();
    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await eventually(() => expect(seen.outcome).toHaveBeenCalledWith('succeeded', undefined));
  });

  it('stops listening to the browser once stopped', async () => {
    const api = fakeServer();
    const seen = events();
    runtime = startSyncRuntime(api, seen);
    await eventually(() => expect(seen.outcome).toHaveBeenCalledTimes(1));
    runtime.stop();
    window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.config).toHaveBeenCalledTimes(1);
  });
});
