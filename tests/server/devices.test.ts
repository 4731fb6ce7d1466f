import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceReport } from '../../src/shared/devices';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

const now = new Date('2026-04-10T10:00:00.000Z');
const clean: DeviceReport = { deviceId: 'phone-1', appVersion: '1.2.0', persistentStorage: true, freeBytes: 2_000_000_000, unsentByKind: {}, oldestUnsentAt: null, refused: 0 };

function report(app: FastifyInstance, token: string, body: unknown) {
  return app.inject({ method: 'POST', url: '/api/devices/report', headers: { authorization: `Bearer ${token}` }, payload: body as object });
}

async function fleet(app: FastifyInstance) {
  const { body } = await loginAs(app, 'demo-supervisor');
  const response = await app.inject({ method: 'GET', url: '/api/devices', headers: { authorization: `Bearer ${body.token}` } });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('devices in the field', () => {
  it('keeps each device’s last report, with the server time as its last successful sync', async () => {
    let clock = now;
    server = await startTestApp({ now: () => clock, appVersion: '1.2.0' });
    const worker = await loginAs(server.app, 'demo-worker');
    expect((await report(server.app, worker.body.token, { ...clean, unsentByKind: { visit: 2, response: 1 }, oldestUnsentAt: '2026-04-10T09:00:00.000Z' })).statusCode).toBe(204);
    clock = new Date('2026-04-10T11:00:00.000Z');
    expect((await report(server.app, worker.body.token, clean)).statusCode).toBe(204);

    const { devices, currentAppVersion } = await fleet(server.app);
    expect(currentAppVersion).toBe('1.2.0');
    expect(devices).toEqual([
      {
        ...clean,
        unsent: 0,
        lastSyncAt: '2026-04-10T11:00:00.000Z',
        userId: worker.body.user.id,
        username: 'demo-worker',
        userName: '演示网格员',
        role: 'grid_worker',
        scopeIds: ['yijiangmen-c01', 'yijiangmen-c02'],
        warnings: [],
      },
    ]);
  });

  it('warns about records unsent for more than a day, storage that may be evicted, an old app and refused records, those devices first', async () => {
    server = await startTestApp({ now: () => now, appVersion: '1.2.0' });
    const worker = await loginAs(server.app, 'demo-worker');
    const adviser = await loginAs(server.app, 'demo-adviser');
    await report(server.app, worker.body.token, { ...clean, deviceId: 'quiet-phone' });
    await report(server.app, adviser.body.token, {
      ...clean,
      deviceId: 'troubled-tablet',
      appVersion: '1.1.9',
      persistentStorage: false,
      unsentByKind: { deliberation: 3, signature: 4 },
      oldestUnsentAt: '2026-04-09T09:59:00.000Z',
      refused: 1,
    });
    const { devices } = await fleet(server.app);
    expect(devices.map((d: { deviceId: string }) => d.deviceId)).toEqual(['troubled-tablet', 'quiet-phone']);
    expect(devices[0]).toMatchObject({ unsent: 7, unsentByKind: { deliberation: 3, signature: 4 }, warnings: ['unsent_over_a_day', 'storage_not_persistent', 'old_app_version', 'refused_records'] });
    expect(devices[1].warnings).toEqual([]);
  });

  it('lists active field workers whose devices never reported', async () => {
    server = await startTestApp({ now: () => now });
    const worker = await loginAs(server.app, 'demo-worker');
    expect((await fleet(server.app)).neverSynced.map((u: { username: string }) => u.username)).toEqual(['demo-adviser', 'demo-worker']);
    await report(server.app, worker.body.token, clean);
    expect((await fleet(server.app)).neverSynced.map((u: { username: string }) => u.username)).toEqual(['demo-adviser']);
  });

  it('refuses a report it cannot trust and keeps the one it had', async () => {
    server = await startTestApp({ now: () => now });
    const worker = await loginAs(server.app, 'demo-worker');
    await report(server.app, worker.body.token, clean);
    for (const bad of [{ ...clean, unsentByKind: { visit: -1 } }, { ...clean, unsentByKind: { rumour: 1 } }, { ...clean, deviceId: 'x'.repeat(101) }, { ...clean, refused: undefined }]) {
      const response = await report(server.app, worker.body.token, bad);
      expect(response.statusCode).toBe(400);
      expect(Object.keys(response.json())).toEqual(['error']);
    }
    expect((await fleet(server.app)).devices).toHaveLength(1);
    expect((await server.db.selectFrom('device_reports').selectAll().execute())[0]).toMatchObject({ device_id: 'phone-1', unsent: 0 });
  });
});
