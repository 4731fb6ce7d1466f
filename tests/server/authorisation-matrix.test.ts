import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/shared/hashing';
import type { Role } from '../../src/shared/roles';
import { pushSignedResponse } from '../helpers/server/blobs';
import { defaultScoringSettings } from '../../src/shared/scoring/settings';
import { visitRecord } from '../../scripts/harness/records';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

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
  /** Status without a token: 401 unless the route is public. */
  anonymous?: number;
}

const everyone = (status: number): Record<Role, number> => ({ grid_worker: status, legal_adviser: status, subdistrict_officer: status, supervisor: status, admin: status });
const office = (status: number): Record<Role, number> => ({ grid_worker: 403, legal_adviser: 403, subdistrict_officer: status, supervisor: status, admin: status });
const managers = (status: number): Record<Role, number> => ({ grid_worker: 403, legal_adviser: 403, subdistrict_officer: 403, supervisor: status, admin: status });
const adminOnly = (status: number): Record<Role, number> => ({ ...managers(403), admin: status });
const unknownResponseId = '01890a5d-ac96-774b-bcce-b302099a8057';

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
  { name: 'GET /api/rounds', request: { method: 'GET', url: '/api/rounds' }, expected: office(200) },
  // The supervisor creates the draft 2027-H1 first; the administrator then finds it exists.
  { name: 'POST /api/rounds', request: { method: 'POST', url: '/api/rounds', payload: { id: '2027-H1' } }, expected: { ...managers(201), admin: 409 } },
  { name: 'GET /api/rounds/{roundId}', request: { method: 'GET', url: '/api/rounds/2026-H1' }, expected: office(200) },
  { name: 'PUT /api/rounds/{roundId}/settings', request: { method: 'PUT', url: '/api/rounds/2027-H1/settings', payload: { settings: defaultScoringSettings() } }, expected: managers(200) },
  { name: 'POST /api/rounds/{roundId}/transitions', request: { method: 'POST', url: '/api/rounds/2027-H1/transitions', payload: { action: 'open' } }, expected: { ...managers(200), admin: 409 } },
  { name: 'GET /api/rounds/{roundId}/late-responses', request: { method: 'GET', url: '/api/rounds/2026-H1/late-responses' }, expected: managers(200) },
  {
    name: 'POST /api/rounds/{roundId}/responses/{responseId}/late-decision',
    request: { method: 'POST', url: `/api/rounds/2026-H1/responses/${unknownResponseId}/late-decision`, payload: { decision: 'admitted' } },
    expected: managers(404),
  },
  { name: 'POST /api/rounds/{roundId}/responses/{responseId}/void', request: { method: 'POST', url: `/api/rounds/2026-H1/responses/${unknownResponseId}/void`, payload: { reason: 'test' } }, expected: managers(404) },
  { name: 'GET /api/rounds/{roundId}/scores (district level)', request: { method: 'GET', url: '/api/rounds/2026-H1/scores?level=subdistrict' }, expected: office(200) },
  { name: 'GET /api/rounds/{roundId}/scores (own communities)', request: { method: 'GET', url: '/api/rounds/2026-H1/scores?level=community&subdistrictId=yijiangmen' }, expected: office(200) },
  // Object-level scope: the demo officer belongs to yijiangmen, not xiaguan.
  { name: 'GET /api/rounds/{roundId}/scores (another sub-district\'s communities)', request: { method: 'GET', url: '/api/rounds/2026-H1/scores?level=community&subdistrictId=xiaguan' }, expected: { ...office(200), subdistrict_officer: 403 } },
  { name: 'GET /api/rounds/{roundId}/progress', request: { method: 'GET', url: '/api/rounds/2026-H1/progress' }, expected: office(200) },
  { name: 'GET /api/rounds/trend', request: { method: 'GET', url: '/api/rounds/trend' }, expected: office(200) },
  ...['responses.csv', 'responses.xlsx', 'codebook.csv', 'scores.csv', 'scores.xlsx'].map((file) => ({
    name: `GET /api/rounds/{roundId}/export/${file}`,
    request: { method: 'GET' as const, url: `/api/rounds/2026-H1/export/${file}` },
    expected: managers(200),
  })),
  // People (issue 10): the administrator's; a user id that does not exist gets 404 once past the role check.
  { name: 'GET /api/users', request: { method: 'GET', url: '/api/users' }, expected: adminOnly(200) },
  {
    name: 'POST /api/users',
    request: { method: 'POST', url: '/api/users', payload: { username: 'matrix.worker', name: '矩阵', role: 'grid_worker', scope: { level: 'community', ids: ['yijiangmen-c01'] }, password: 'temporary-1' } },
    expected: adminOnly(201),
  },
  { name: 'PUT /api/users/{userId}', request: { method: 'PUT', url: '/api/users/no-such-user', payload: { name: 'x', role: 'supervisor', scope: { level: 'district', ids: ['gulou'] } } }, expected: adminOnly(404) },
  ...['disable', 'enable'].map((action) => ({ name: `POST /api/users/{userId}/${action}`, request: { method: 'POST' as const, url: `/api/users/no-such-user/${action}` }, expected: adminOnly(404) })),
  { name: 'POST /api/users/{userId}/password', request: { method: 'POST', url: '/api/users/no-such-user/password', payload: { password: 'temporary-1' } }, expected: adminOnly(404) },
  { name: 'GET /api/organisation', request: { method: 'GET', url: '/api/organisation' }, expected: managers(200) },
  {
    name: 'POST /api/devices/report',
    request: { method: 'POST', url: '/api/devices/report', payload: { deviceId: 'matrix-device', appVersion: '0.1.0', persistentStorage: true, freeBytes: 1000, unsentByKind: {}, oldestUnsentAt: null, refused: 0 } },
    expected: everyone(204),
  },
  { name: 'GET /api/devices', request: { method: 'GET', url: '/api/devices' }, expected: managers(200) },
  {
    name: 'POST /api/households/import (check only)',
    request: { method: 'POST', url: '/api/households/import', payload: 'community,building,unit,room\nyijiangmen-c01,9,1,101\n', headers: { 'content-type': 'text/csv' } },
    expected: managers(200),
  },
  // No household is registered in building 99: past the role and scope checks the answer is 404.
  { name: 'POST /api/assignments/building', request: { method: 'POST', url: '/api/assignments/building', payload: { roundId: '2026-H1', communityId: 'yijiangmen-c01', building: '99', assignedTo: 'demo-worker' } }, expected: office(404) },
  { name: 'PUT /api/quotas', request: { method: 'PUT', url: '/api/quotas', payload: { roundId: '2026-H1', communityId: 'yijiangmen-c01', audience: 'elderly', target: 30 } }, expected: managers(200) },
  // Every signed-in user may change their own password; the wrong current one is refused.
  { name: 'POST /api/auth/password', request: { method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'not-the-password', newPassword: 'another-one-1' } }, expected: everyone(400) },
  { name: 'GET /api/public/rounds', request: { method: 'GET', url: '/api/public/rounds' }, expected: everyone(200), anonymous: 200 },
  // 2026-H1 is open, not published: the public page does not see it, signed in or not.
  { name: 'GET /api/public/rounds/{roundId}/scores', request: { method: 'GET', url: '/api/public/rounds/2026-H1/scores' }, expected: everyone(404), anonymous: 404 },
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
  describe.each(routes)('$name', ({ request, expected, anonymous = 401 }) => {
    it(`answers ${anonymous} without a token`, async () => {
      const response = await server.app.inject({ ...request, payload: request.payload as string });
      expect(response.statusCode).toBe(anonymous);
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

  // Object level: another version of a worker's record is a conflict only for its author.
  it.each([
    ['grid_worker', { status: 'conflict' }],
    ['supervisor', { status: 'rejected', error: "id: belongs to another user's record" }],
    ['admin', { status: 'rejected', error: "id: belongs to another user's record" }],
  ] as Array<[Role, { status: string; error?: string }]>)('another version of a grid worker’s record pushed by %s is %o', async (role, outcome) => {
    const original = visitRecord({ id: userIds.grid_worker, communityId: 'yijiangmen-c01' });
    const first = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${tokens.grid_worker}` }, payload: { deviceId: 'd', batchId: `original-${role}`, records: [original] } });
    expect(first.json().results[0].status).toBe('accepted');
    const version = visitRecord({ id: userIds[role], communityId: 'yijiangmen-c01' }, { outcome: 'refused' }, original.id);
    const response = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${tokens[role]}` }, payload: { deviceId: 'd', batchId: `version-${role}`, records: [version] } });
    expect(response.json().results[0]).toMatchObject(outcome);
  });
});
