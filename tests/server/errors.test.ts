import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

describe('error bodies', () => {
  it('an unknown API route gets 404 {error: {code, message}}', async () => {
    server = await startTestApp({ demo: false });
    const response = await server.app.inject({ method: 'GET', url: '/api/no-such-thing?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: 'No API route GET /api/no-such-thing' } });
  });

  it('malformed JSON gets 400 with the error body', async () => {
    server = await startTestApp({ demo: false });
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json())).toEqual(['error']);
    expect(response.json().error.code).toBe('invalid_request');
  });

  it('an unexpected failure answers 500 without its message or stack', async () => {
    server = await startTestApp({ demo: false });
    server.app.get('/api/test-failure', async () => {
      throw new Error('secret detail at /srv/app/x.ts:12');
    });
    const response = await server.app.inject({ method: 'GET', url: '/api/test-failure' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
    expect(response.body).not.toContain('secret');
  });
});
