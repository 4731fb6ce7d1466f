import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { visitRecord } from '../../scripts/harness/records';
import { loginAs, pushRecords, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

const newWorker = { username: 'wang.wei', name: '王伟', role: 'grid_worker', scope: { level: 'community', ids: ['yijiangmen-c03'] }, password: 'temporary-1' };

function call(app: FastifyInstance, token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function adminToken(): Promise<string> {
  return (await loginAs(server.app, 'demo-admin')).body.token;
}

async function auditActions(): Promise<string[]> {
  const rows = await server.db.selectFrom('audit_log').select('action').where('action', 'like', 'user.%').orderBy('id').execute();
  return rows.map((row) => row.action);
}

describe('the administrator manages people', () => {
  it('creates a grid worker who must change the temporary password before doing anything else', async () => {
    server = await startTestApp();
    const admin = await adminToken();
    const created = await call(server.app, admin, 'POST', '/api/users', newWorker);
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({ username: 'wang.wei', name: '王伟', role: 'grid_worker', scope: newWorker.scope, disabledAt: null, mustChangePassword: true });

    const signIn = await loginAs(server.app, 'wang.wei', 'temporary-1');
    expect(signIn.response.statusCode).toBe(200);
    expect(signIn.response.json().user.mustChangePassword).toBe(true);
    const worker = signIn.body.token;
    const pullBefore = await call(server.app, worker, 'GET', '/api/sync/pull?checkpoint=0');
    expect(pullBefore.statusCode).toBe(403);
    expect(pullBefore.json().error.code).toBe('password_change_required');
    expect((await call(server.app, worker, 'GET', '/api/auth/me')).statusCode).toBe(200);

    const wrong = await call(server.app, worker, 'POST', '/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'my-own-secret' });
    expect(wrong.statusCode).toBe(400);
    const same = await call(server.app, worker, 'POST', '/api/auth/password', { currentPassword: 'temporary-1', newPassword: 'temporary-1' });
    expect(same.statusCode).toBe(400);
    const changed = await call(server.app, worker, 'POST', '/api/auth/password', { currentPassword: 'temporary-1', newPassword: 'my-own-secret' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBeUndefined();

    const pullAfter = await call(server.app, worker, 'GET', '/api/sync/pull?checkpoint=0');
    expect(pullAfter.statusCode).toBe(200);
    const kinds = new Set((pullAfter.json().changes as Array<{ kind: string; data: { id?: string } | null }>).filter((c) => c.kind === 'community').map((c) => c.data?.id));
    expect([...kinds]).toEqual(['yijiangmen-c03']);
    expect((await loginAs(server.app, 'wang.wei', 'temporary-1')).response.statusCode).toBe(401);
    expect((await loginAs(server.app, 'wang.wei', 'my-own-secret')).body.user).not.toHaveProperty('mustChangePassword');
    expect(await auditActions()).toEqual(['user.create']);
  });

  it('refuses a taken username, a scope that does not fit the role and units that do not exist, writing nothing', async () => {
    server = await startTestApp();
    const admin = await adminToken();
    const before = (await call(server.app, admin, 'GET', '/api/users')).json().users.length;
    const taken = await call(server.app, admin, 'POST', '/api/users', { ...newWorker, username: 'demo-worker' });
    expect(taken.statusCode).toBe(409);
    const wrongLevel = await call(server.app, admin, 'POST', '/api/users', { ...newWorker, scope: { level: 'district', ids: ['gulou'] } });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().error.message).toContain('scope');
    const unknownCommunity = await call(server.app, admin, 'POST', '/api/users', { ...newWorker, scope: { level: 'community', ids: ['nowhere-c99'] } });
    expect(unknownCommunity.statusCode).toBe(400);
    expect(unknownCommunity.json().error.message).toBe('scope.ids: unknown community nowhere-c99');
    const weak = await call(server.app, admin, 'POST', '/api/users', { ...newWorker, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect((await call(server.app, admin, 'GET', '/api/users')).json().users).toHaveLength(before);
    expect(await auditActions()).toEqual([]);
  });

  it('disabling a user stops their token at once and keeps their records; enabling lets them sign in again', async () => {
    server = await startTestApp();
    const admin = await adminToken();
    const worker = await loginAs(server.app, 'demo-worker');
    const { results } = await pushRecords(server.app, worker.body.token, [visitRecord({ id: worker.body.user.id, communityId: 'yijiangmen-c01' })], 'before-disable');
    expect(results[0]?.status).toBe('accepted');

    const disabled = await call(server.app, admin, 'POST', `/api/users/${worker.body.user.id}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().user.disabledAt).not.toBeNull();
    const afterwards = await call(server.app, worker.body.token, 'GET', '/api/sync/pull?checkpoint=0');
    expect(afterwards.statusCode).toBe(401);
    expect((await loginAs(server.app, 'demo-worker')).response.statusCode).toBe(401);
    const kept = await server.db.selectFrom('records').select('id').where('author_id', '=', worker.body.user.id).execute();
    expect(kept).toHaveLength(1);
    expect(await server.db.selectFrom('sessions').select('token_hash').where('user_id', '=', worker.body.user.id).execute()).toEqual([]);

    expect((await call(server.app, admin, 'POST', `/api/users/${worker.body.user.id}/enable`)).json().user.disabledAt).toBeNull();
    expect((await loginAs(server.app, 'demo-worker')).response.statusCode).toBe(200);
    expect(await auditActions()).toEqual(['user.disable', 'user.enable']);
  });

  it('resetting a password ends the user’s sessions and makes them change it at the next sign-in', async () => {
    server = await startTestApp();
    const admin = await adminToken();
    const officer = await loginAs(server.app, 'demo-officer');
    const reset = await call(server.app, admin, 'POST', `/api/users/${officer.body.user.id}/password`, { password: 'handed-over-1' });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().user.mustChangePassword).toBe(true);
    expect((await call(server.app, officer.body.token, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await loginAs(server.app, 'demo-officer')).response.statusCode).toBe(401);
    const again = await loginAs(server.app, 'demo-officer', 'handed-over-1');
    expect(again.response.json().user.mustChangePassword).toBe(true);
    expect((await call(server.app, again.body.token, 'GET', '/api/rounds')).json().error.code).toBe('password_change_required');
    expect(await auditActions()).toEqual(['user.password_reset']);
  });

  it('changes name, role and scope, which the user’s next request sees; an administrator cannot demote or disable themselves', async () => {
    server = await startTestApp();
    const admin = await loginAs(server.app, 'demo-admin');
    const worker = await loginAs(server.app, 'demo-worker');
    const profile = { name: '网格员甲', role: 'grid_worker', scope: { level: 'community', ids: ['yijiangmen-c02'] } };
    const updated = await call(server.app, admin.body.token, 'PUT', `/api/users/${worker.body.user.id}`, profile);
    expect(updated.statusCode).toBe(200);
    expect((await call(server.app, worker.body.token, 'GET', '/api/auth/me')).json().user).toMatchObject(profile);

    const promoted = await call(server.app, admin.body.token, 'PUT', `/api/users/${worker.body.user.id}`, { name: '网格员甲', role: 'subdistrict_officer', scope: { level: 'subdistrict', ids: ['yijiangmen'] } });
    expect(promoted.json().user).toMatchObject({ role: 'subdistrict_officer', scope: { level: 'subdistrict', ids: ['yijiangmen'] } });
    // The new role holds at once: the sub-district's cases open to it, a worker's visit record no longer.
    expect((await call(server.app, worker.body.token, 'GET', '/api/cases')).statusCode).toBe(200);
    const visit = visitRecord({ id: worker.body.user.id, communityId: 'yijiangmen-c02' });
    const pushed = await call(server.app, worker.body.token, 'POST', '/api/sync/push', { deviceId: 'd', batchId: 'b', records: [visit] });
    expect(pushed.json().results[0]).toMatchObject({ status: 'rejected', error: 'kind: the role subdistrict_officer may not push visit records' });

    const self = admin.body.user.id;
    expect((await call(server.app, admin.body.token, 'PUT', `/api/users/${self}`, { name: 'x', role: 'supervisor', scope: { level: 'district', ids: ['gulou'] } })).statusCode).toBe(409);
    expect((await call(server.app, admin.body.token, 'POST', `/api/users/${self}/disable`)).statusCode).toBe(409);
    expect((await call(server.app, admin.body.token, 'PUT', '/api/users/no-such-user', profile)).statusCode).toBe(404);
    const audit = await server.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'user.update').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ before: { name: '演示网格员' }, after: { name: '网格员甲' } });
  });
});
