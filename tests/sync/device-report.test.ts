import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/app/api/http';
import { deviceId } from '../../src/app/db/device';
import { saveFinalised } from '../../src/app/db/records';
import { runSync } from '../../src/app/sync/engine';
import { currentAppVersion, type Fleet } from '../../src/shared/devices';
import { visitRecord } from '../../scripts/harness/records';
import { startLiveServer, type LiveServer } from '../../scripts/harness/live-server';
import { deviceApi, signIn } from '../../scripts/harness/sync-device';

let server: LiveServer;
afterEach(() => server.close());

async function fleet(): Promise<Fleet> {
  const { token } = await signIn(server.url, 'demo-supervisor');
  const response = await fetch(`${server.url}/api/devices`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as Fleet;
}

describe('the device reports what it holds at every sync', () => {
  it('after a sync the office sees the device with nothing unsent, its refused record and its app version', async () => {
    server = await startLiveServer({ app: false });
    const { token, userId } = await signIn(server.url);
    const outside = visitRecord({ id: userId, communityId: 'xiaguan-c01' });
    await saveFinalised([visitRecord({ id: userId, communityId: 'yijiangmen-c01' }), outside]);
    expect((await fleet()).devices).toEqual([]);

    await runSync(deviceApi(server.url, token));

    const { devices, neverSynced } = await fleet();
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ deviceId: await deviceId(), username: 'demo-worker', appVersion: currentAppVersion, unsent: 0, unsentByKind: {}, oldestUnsentAt: null, refused: 1, warnings: ['refused_records'] });
    expect(Date.now() - Date.parse(devices[0]!.lastSyncAt)).toBeLessThan(60_000);
    expect(neverSynced.map((user) => user.username)).toEqual(['demo-adviser']);
  });

  it('a server that does not take reports costs the sync nothing', async () => {
    server = await startLiveServer({ app: false });
    const { token, userId } = await signIn(server.url);
    await saveFinalised([visitRecord({ id: userId, communityId: 'yijiangmen-c01' })]);
    const api = { ...deviceApi(server.url, token), reportDevice: () => Promise.reject(new ApiError(404, 'not_found', 'Route POST:/api/devices/report not found')) };
    await expect(runSync(api)).resolves.toMatchObject({ accepted: 1 });
  });
});
