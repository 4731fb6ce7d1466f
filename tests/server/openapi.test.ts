import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestServer } from '../helpers/server';

let server: TestServer;
afterEach(() => server.close());

describe('GET /api/openapi.json', () => {
  it('documents the login contract and the error body', async () => {
    server = await startTestApp({ demo: false });
    const response = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/auth/me', '/api/auth/logout']));
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '401', '429']));
    const unauthorized = login.responses['401'].content['application/json'].schema;
    expect(unauthorized.properties.error.required).toEqual(['code', 'message']);
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });
});
