import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

describe('GET /api/health', () => {
  it('answers 200 while the database answers', async () => {
    server = await startTestApp({ demo: false });
    const response = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
  });

  it('answers 503 with an error body when the database is gone', async () => {
    server = await startTestApp({ demo: false });
    await server.db.destroy();
    const response = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ error: { code: 'unavailable', message: 'The database does not answer' } });
  });
});
