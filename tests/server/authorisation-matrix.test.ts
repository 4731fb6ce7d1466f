import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/shared/hashing';
import type { Role } from '../../src/shared/roles';
import { pushSignedResponse } from '../helpers/blobs';
import { visitRecord } from '../helpers/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server';

const usernames: Record<Role, string> = {
  grid_worker: 'demo-worker',
  legal_adviser: 'demo-adviser',
  subdistrict_officer: 'demo-officer',
  supervisor: 'demo-supervisor',
  admin: 'demo-admin',
};
const blob = Buffer.from('matrix blob');
const blobHash = sha256Hex(blob);
/** Signature images referenced by records in the demo officer's sub-district and in another one. */
const ownSubdistrictImage = Buffer.from('signature in yijiangmen-c01');
const otherSubdistrictImage = Buffer.from('signature in jiangdong-c01');

interface RouteCase {
  name: string;
  request: { method: 'GET' | 'POST' | 'PUT' | 'HEAD'; url: string; payload?: unknown; headers?: Record<string, string> };
  expected: Record<Role, number>;
}

const everyone = (status: number): Record<Role, number> => ({ grid_worker: status, legal_adviser: status, subdistrict_officer: status, supervisor: status, admin: status });

const routes: RouteCase[] = [
  { name: 'GET /api/auth/me', request: { method: 'GET', url: '/api/auth/me' }, expected: everyone(200) },
  { name: 'GET /api/sync/config', request: { method: 'GET', url: '/api/sync/config' }, expected: everyone(200) },
  { name: 'GET /api/sync/pull', request: { method: 'GET', url: '/api/sync/pull?checkpoint=0&limit=5' }, expected: everyone(200) },
  {
    name: 'POST /api/sync/push',
    request: { method: 'POST', url: '/api/sync/push', payload: { deviceId: 'd', batchId: 'b', records: [] } },
    expected: { grid_worker: 200, legal_adviser: 200, subdistrict_officer: 403, supervisor: 200, admin: 200 },
  },
  {
    name: 'PUT /api/blobs/{sha256}',
    request: { method: 'PUT', url: `/api/blobs/${blobHash}`, payload: blob, headers: { 'content-type': 'image/png' } },
    // The first upload creates it (the worker's turn comes first), later ones find it; officers push nothing.
    expected: { grid_worker: 201, legal_adviser: 200, subdistrict_officer: 403, supervisor: 200, admin: 200 },
  },
  // The worker's upload, not yet referenced by a record: its uploader and the district roles see it.
  {
    name: 'HEAD /api/blobs/{sha256} (unreferenced)',
    request: { method: 'HEAD', url: `/api/blobs/${blobHash}` },
    expected: { grid_worker: 200, legal_adviser: 404, subdistrict_officer: 404, supervisor: 200, admin: 200 },
  },
  {
    name: 'GET /api/blobs/{sha256} (unreferenced)',
    request: { method: 'GET', url: `/api/blobs/${blobHash}` },
    expected: { grid_worker: 200, legal_adviser: 404, subdistrict_officer: 404, supervisor: 200, admin: 200 },
  },
  {
    name: 'GET /api/blobs/{sha256} (signature in the officer’s sub-district)',
    request: { method: 'GET', url: `/api/blobs/${sha256Hex(ownSubdistrictImage)}` },
    expected: everyone(200),
  },
  {
    name: 'HEAD /api/blobs/{sha256} (signature in another sub-district)',
    request: { method: 'HEAD', url: `/api/blobs/${sha256Hex(otherSubdistrictImage)}` },
    expected: { grid_worker: 404, legal_adviser: 404, subdistrict_officer: 404, supervisor: 200, admin: 200 },
  },
  {
    name: 'GET /api/blobs/{sha256} (signature in another sub-district)',
    request: { method: 'GET', url: `/api/blobs/${sha256Hex(otherSubdistrictImage)}` },
    expected: { grid_worker: 404, legal_adviser: 404, subdistrict_officer: 404, supervisor: 200, admin: 200 },
  },
  {
    name: 'POST /api/assignments',
    request: { method: 'POST', url: '/api/assignments', payload: { communityId: 'yijiangmen-c01', roundId: '2026-H1', building: '3', unit: '1', room: '101', assignedTo: 'demo-worker' } },
    expected: { grid_worker: 403, legal_adviser: 403, subdistrict_officer: 201, supervisor: 201, admin: 201 },
  },
];

let server: TestServer;
const tokens = {} as Record<Role, string>;
const userIds = {} as Record<Role, string>;

beforeAll(async () => {
  server = await startTestApp();
  for (const role of Object.keys(usernames) as Role[]) {
    const { body } = await loginAs(server.app, usernames[role]);
    tokens[role] = body.token;
    userIds[role] = body.user.id;
  }
  await pushSignedResponse(server.app, tokens.grid_worker, { id: userIds.grid_worker, communityId: 'yijiangmen-c01' }, ownSubdistrictImage);
  await pushSignedResponse(server.app, tokens.supervisor, { id: userIds.supervisor, communityId: 'jiangdong-c01' }, otherSubdistrictImage);
});
afterAll(() => server.close());

describe('role × route matrix', () => {
  describe.each(routes)('$name', ({ request, expected }) => {
    it('answers 401 without a token', async () => {
      const response = await server.app.inject({ ...request, payload: request.payload as string });
      expect(response.statusCode).toBe(401);
    });

    it.each(Object.keys(usernames) as Role[])('as %s', async (role) => {
      const response = await server.app.inject({ ...request, payload: request.payload as string, headers: { ...request.headers, authorization: `Bearer ${tokens[role]}` } });
      expect(response.statusCode).toBe(expected[role]);
      if (response.statusCode >= 400 && request.method !== 'HEAD') expect(Object.keys(response.json())).toEqual(['error']);
    });
  });

  it.each([
    ['grid_worker', 'accepted'],
    ['legal_adviser', 'rejected'],
    ['supervisor', 'accepted'],
    ['admin', 'accepted'],
  ] as Array<[Role, string]>)('a visit record pushed by %s is %s', async (role, status) => {
    const record = visitRecord({ id: userIds[role], communityId: 'yijiangmen-c01' });
    const response = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${tokens[role]}` }, payload: { deviceId: 'd', batchId: `b-${role}`, records: [record] } });
    expect(response.json().results[0].status).toBe(status);
  });
});
