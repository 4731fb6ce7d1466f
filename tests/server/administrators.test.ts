import { afterEach, describe, expect, it } from 'vitest';
import { createAdministrator } from '../../src/server/auth/administrators';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

describe('creating the first administrator (no demo data)', () => {
  it('creates an admin who can sign in, with no default accounts present', async () => {
    server = await startTestApp({ demo: false });
    expect((await loginAs(server.app, 'demo-admin')).response.statusCode).toBe(401);
    await createAdministrator(server.db, 'district-admin', 'long enough secret', '区管理员');
    const { response, body } = await loginAs(server.app, 'district-admin', 'long enough secret');
    expect(response.statusCode).toBe(200);
    expect(body.user).toMatchObject({ role: 'admin', name: '区管理员', scope: { level: 'district', ids: ['gulou'] } });
    const audit = await server.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).toContain('user.create_admin');
  });

  it('refuses a short password, a malformed name and a taken name', async () => {
    server = await startTestApp({ demo: false });
    await expect(createAdministrator(server.db, 'admin-one', 'short')).rejects.toThrow();
    await expect(createAdministrator(server.db, 'Admin One', 'long enough secret')).rejects.toThrow();
    await createAdministrator(server.db, 'admin-one', 'long enough secret');
    await expect(createAdministrator(server.db, 'admin-one', 'another secret!')).rejects.toThrow('taken');
  });
});
