import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/shared/hashing';
import type { Role } from '../../src/shared/roles';
import { pushSignedResponse } from '../helpers/server/blobs';
import { defaultScoringSettings } from '../../src/shared/scoring/settings';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { signedSession } from '../../scripts/harness/deliberation';
import { caseReportRecord, fullElderlyAnswers, questionnaireResponse, visitRecord } from '../../scripts/harness/records';
import { demoUsernames } from '../../src/server/demo/seed';
import { loginAs, startTestApp, type TestServer } from '../helpers/server/server';

const blob = Buffer.from('matrix blob');
const blobHash = sha256Hex(blob);
/** An image only the worker uploads (in beforeAll), referenced by no record. */
const workersOnlyImage = Buffer.from('a photo only the worker sent');
/** Signature images referenced by records in the demo officer's sub-district and in another one. */
const ownSubdistrictImage = Buffer.from('signature in yijiangmen-c01');
/** A photo sent resumably by every role in two halves, and one the worker starts in beforeAll and nobody else may see. */
const resumedPhoto = Buffer.from('photo sent resumably, in two halves');
const workersUpload = Buffer.from('photo the worker has begun to send');
const resumableHeaders = (bytes: Buffer, offset: number) => ({
  'content-type': 'application/offset+octet-stream',
  'upload-offset': String(offset),
  'upload-length': String(bytes.length),
});
const otherSubdistrictImage = Buffer.from('signature in jiangdong-c01');

interface RouteCase {
  name: string;
  /** `url` may be a function when it names something made in beforeAll (a case). */
  request: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'HEAD'; url: string | (() => string); payload?: unknown; headers?: Record<string, string> };
  expected: Record<Role, number>;
  /** Status without a token: 401 unless the route is public. */
  anonymous?: number;
  /** The keys of a 400 body: the error alone unless the route says more. */
  refusalKeys?: string[];
}

const everyone = (status: number): Record<Role, number> => ({ grid_worker: status, legal_adviser: status, subdistrict_officer: status, supervisor: status, admin: status, department: status });
const office = (status: number): Record<Role, number> => ({ grid_worker: 403, legal_adviser: 403, subdistrict_officer: status, supervisor: status, admin: status, department: 403 });
const managers = (status: number): Record<Role, number> => ({ ...office(status), subdistrict_officer: 403 });
/** Office roles and departments, who work on cases. */
const caseWorkers = (status: number): Record<Role, number> => ({ ...office(status), department: status });
/** The case made in beforeAll: in the demo officer's sub-district, escalated to the demo department. */
let caseId = '';
/** The refused record kept in beforeAll. */
let refusalId = '';
/** A case in the officer's sub-district whose progress report carries a photo, and a case in another sub-district. */
let evidenceCaseId = '';
let otherCaseId = '';
const evidencePhoto = Buffer.from('photo of the cleared stairwell');
/** The photos of the two sessions pushed in beforeAll. */
let ownSessionPhoto = '';
let otherSessionPhoto = '';
const unknownResponseId = '01890a5d-ac96-774b-bcce-b302099a8057';
const adminOnly = (status: number): Record<Role, number> => ({ ...everyone(403), admin: status });
const workUnitV2 = { ...defaultQuestionnaires.find((q) => q.id === 'work-unit')!, version: 2 };
/** Sessions in the demo officer's sub-district (the adviser's) and in another (the supervisor's), pushed in beforeAll. */
const ownSessionId = '0190f5f2-7d1a-7000-8000-00000000d001';
const otherSessionId = '0190f5f2-7d1a-7000-8000-00000000d002';
/** One resident's online answers, sent first without a token and then again by every role: stored once. */
const onlineSubmission = {
  submissionId: '01890a5d-ac96-774b-bcce-b302099a8058',
  deviceToken: 'matrix-device-token-0123456789',
  questionnaireId: 'resident-elderly',
  questionnaireVersion: 1,
  startedAt: '2026-03-02T09:00:00.000Z',
  finishedAt: '2026-03-02T09:03:00.000Z',
  answers: fullElderlyAnswers(1),
};
const onlineResponsesUrl = '/api/online/rounds/2026-H1/communities/yijiangmen-c01/responses';

const routes: RouteCase[] = [
  { name: 'GET /api/auth/me', request: { method: 'GET', url: '/api/auth/me' }, expected: everyone(200) },
  { name: 'GET /api/sync/config', request: { method: 'GET', url: '/api/sync/config' }, expected: everyone(200) },
  { name: 'GET /api/sync/pull', request: { method: 'GET', url: '/api/sync/pull?checkpoint=0&limit=5' }, expected: everyone(200) },
  {
    name: 'POST /api/sync/push',
    request: { method: 'POST', url: '/api/sync/push', payload: { deviceId: 'd', batchId: 'b', records: [] } },
    expected: { grid_worker: 200, legal_adviser: 200, subdistrict_officer: 200, supervisor: 200, admin: 200, department: 403 },
  },
  {
    name: 'PUT /api/blobs/{sha256}',
    request: { method: 'PUT', url: `/api/blobs/${blobHash}`, payload: blob, headers: { 'content-type': 'image/png' } },
    // The first upload creates it (the worker's turn comes first), later ones find it; officers and
    // departments upload photos of a case's progress.
    expected: { grid_worker: 201, legal_adviser: 200, subdistrict_officer: 200, supervisor: 200, admin: 200, department: 200 },
  },
  // Every role sent the bytes above: each is one of its uploaders, and sees it though no record refers to it.
  { name: 'HEAD /api/blobs/{sha256} (unreferenced, uploaded by each)', request: { method: 'HEAD', url: `/api/blobs/${blobHash}` }, expected: everyone(200) },
  { name: 'GET /api/blobs/{sha256} (unreferenced, uploaded by each)', request: { method: 'GET', url: `/api/blobs/${blobHash}` }, expected: everyone(200) },
  // Each uploader's upload in progress is their own: every role may send one, and only its uploader sees it.
  {
    name: 'PATCH /api/blobs/{sha256}/upload (first half of your own upload)',
    request: { method: 'PATCH', url: `/api/blobs/${sha256Hex(resumedPhoto)}/upload`, payload: resumedPhoto.subarray(0, 10), headers: resumableHeaders(resumedPhoto, 0) },
    expected: everyone(204),
  },
  { name: 'HEAD /api/blobs/{sha256}/upload (your own upload in progress)', request: { method: 'HEAD', url: `/api/blobs/${sha256Hex(resumedPhoto)}/upload` }, expected: everyone(200) },
  {
    name: 'PATCH /api/blobs/{sha256}/upload (the rest of your own upload)',
    request: { method: 'PATCH', url: `/api/blobs/${sha256Hex(resumedPhoto)}/upload`, payload: resumedPhoto.subarray(10), headers: resumableHeaders(resumedPhoto, 10) },
    // The worker's completes first and stores it; the others find it stored.
    expected: { ...everyone(200), grid_worker: 201 },
  },
  {
    name: 'HEAD /api/blobs/{sha256}/upload (the worker’s upload in progress)',
    request: { method: 'HEAD', url: `/api/blobs/${sha256Hex(workersUpload)}/upload` },
    expected: { ...everyone(404), grid_worker: 200 },
  },
  {
    name: 'PATCH /api/blobs/{sha256}/upload (appending to the worker’s upload in progress)',
    request: { method: 'PATCH', url: `/api/blobs/${sha256Hex(workersUpload)}/upload`, payload: workersUpload.subarray(10, 20), headers: resumableHeaders(workersUpload, 10) },
    expected: { ...everyone(404), grid_worker: 204 },
  },
  // The worker's upload, not yet referenced by a record: its uploader and the district roles see it.
  {
    name: 'HEAD /api/blobs/{sha256} (unreferenced, the worker’s)',
    request: { method: 'HEAD', url: `/api/blobs/${sha256Hex(workersOnlyImage)}` },
    expected: { grid_worker: 200, legal_adviser: 404, subdistrict_officer: 404, supervisor: 200, admin: 200, department: 404 },
  },
  {
    name: 'GET /api/blobs/{sha256} (unreferenced, the worker’s)',
    request: { method: 'GET', url: `/api/blobs/${sha256Hex(workersOnlyImage)}` },
    expected: { grid_worker: 200, legal_adviser: 404, subdistrict_officer: 404, supervisor: 200, admin: 200, department: 404 },
  },
  // Every role may ask; what each learns is what HEAD would tell it (the blob's scope is tested in blobs.test.ts).
  {
    name: 'POST /api/blobs/held',
    request: { method: 'POST', url: '/api/blobs/held', payload: { hashes: [blobHash, sha256Hex(workersOnlyImage)] } },
    expected: everyone(200),
  },
  {
    name: 'GET /api/blobs/{sha256} (signature in the officer’s sub-district)',
    request: { method: 'GET', url: `/api/blobs/${sha256Hex(ownSubdistrictImage)}` },
    expected: { ...everyone(200), department: 404 },
  },
  {
    name: 'HEAD /api/blobs/{sha256} (signature in another sub-district)',
    request: { method: 'HEAD', url: `/api/blobs/${sha256Hex(otherSubdistrictImage)}` },
    expected: { grid_worker: 404, legal_adviser: 404, subdistrict_officer: 404, supervisor: 200, admin: 200, department: 404 },
  },
  {
    name: 'GET /api/blobs/{sha256} (signature in another sub-district)',
    request: { method: 'GET', url: `/api/blobs/${sha256Hex(otherSubdistrictImage)}` },
    expected: { grid_worker: 404, legal_adviser: 404, subdistrict_officer: 404, supervisor: 200, admin: 200, department: 404 },
  },
  {
    name: 'POST /api/assignments',
    request: { method: 'POST', url: '/api/assignments', payload: { communityId: 'yijiangmen-c01', roundId: '2026-H1', building: '3', unit: '1', room: '101', assignedTo: 'demo-worker' } },
    expected: { grid_worker: 403, legal_adviser: 403, subdistrict_officer: 201, supervisor: 201, admin: 201, department: 403 },
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
  ...['responses.csv', 'responses.xlsx', 'codebook.csv', 'round.json', 'scores.csv', 'scores.xlsx'].map((file) => ({
    name: `GET /api/rounds/{roundId}/export/${file}`,
    request: { method: 'GET' as const, url: `/api/rounds/2026-H1/export/${file}` },
    expected: managers(200),
  })),
  { name: 'GET /api/questionnaires', request: { method: 'GET', url: '/api/questionnaires' }, expected: office(200) },
  { name: 'GET /api/questionnaires/{questionnaireId}/versions/{version}', request: { method: 'GET', url: '/api/questionnaires/work-unit/versions/1' }, expected: office(200) },
  {
    name: 'POST /api/questionnaires/{questionnaireId}/versions',
    request: { method: 'POST', url: '/api/questionnaires/work-unit/versions', payload: { definition: workUnitV2 } },
    expected: adminOnly(201),
  },
  { name: 'POST /api/questionnaires/{questionnaireId}/versions/{version}/publish', request: { method: 'POST', url: '/api/questionnaires/work-unit/versions/2/publish', payload: {} }, expected: adminOnly(200) },
  { name: 'GET /api/questionnaires/{questionnaireId}/versions/{version}/xlsx', request: { method: 'GET', url: '/api/questionnaires/work-unit/versions/1/xlsx' }, expected: office(200) },
  // An empty file is read by the administrator only, and found not to be a workbook.
  {
    name: 'POST /api/questionnaires/import',
    request: { method: 'POST', url: '/api/questionnaires/import', payload: Buffer.from('x'), headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
    expected: adminOnly(400),
    // The import's refusal says, besides the error, why the file is not a workbook (xlsformRefusalSchema).
    refusalKeys: ['error', 'file', 'missingSheets', 'problems'],
  },
  { name: 'GET /api/deliberation/sessions', request: { method: 'GET', url: '/api/deliberation/sessions' }, expected: office(200) },
  { name: 'GET /api/deliberation/sessions (another sub-district)', request: { method: 'GET', url: '/api/deliberation/sessions?subdistrictId=jiangdong' }, expected: { ...office(200), subdistrict_officer: 403 } },
  { name: 'GET /api/deliberation/sessions/{sessionId} (own sub-district)', request: { method: 'GET', url: `/api/deliberation/sessions/${ownSessionId}` }, expected: office(200) },
  { name: 'GET /api/deliberation/sessions/{sessionId} (another sub-district)', request: { method: 'GET', url: `/api/deliberation/sessions/${otherSessionId}` }, expected: { ...office(200), subdistrict_officer: 404 } },
  ...['csv', 'xlsx'].map((format) => ({
    name: `GET /api/deliberation/export/sessions.${format}`,
    request: { method: 'GET' as const, url: `/api/deliberation/export/sessions.${format}` },
    expected: office(200),
  })),
  // People: the administrator's; a user id that does not exist gets 404 once past the role check.
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
  { name: 'GET /api/departments', request: { method: 'GET', url: '/api/departments' }, expected: caseWorkers(200) },
  {
    name: 'PUT /api/departments/{departmentId}',
    request: { method: 'PUT', url: '/api/departments/transport', payload: { nameZh: '区交通运输局', nameEn: 'District Transport Bureau' } },
    expected: { ...managers(403), admin: 200 },
  },
  { name: 'POST /api/rounds/{roundId}/negative-list', request: { method: 'POST', url: '/api/rounds/2026-H1/negative-list' }, expected: { ...managers(403), supervisor: 200 } },
  { name: 'GET /api/rounds/{roundId}/negative-items', request: { method: 'GET', url: '/api/rounds/2026-H1/negative-items' }, expected: office(200) },
  { name: 'GET /api/rounds/{roundId}/negative-items (another sub-district)', request: { method: 'GET', url: '/api/rounds/2026-H1/negative-items?subdistrictId=xiaguan' }, expected: { ...office(200), subdistrict_officer: 403 } },
  { name: 'GET /api/cases', request: { method: 'GET', url: '/api/cases' }, expected: caseWorkers(200) },
  {
    name: 'POST /api/cases',
    request: { method: 'POST', url: '/api/cases', payload: { itemIds: ['2026-H1:yijiangmen-c01:concern:property_management'], title: '物业', category: 'property_management' } },
    expected: { ...managers(403), supervisor: 201 },
  },
  { name: 'GET /api/cases/counts', request: { method: 'GET', url: '/api/cases/counts' }, expected: office(200) },
  { name: 'GET /api/cases/badge', request: { method: 'GET', url: '/api/cases/badge' }, expected: caseWorkers(200) },
  ...['csv', 'xlsx'].map((format) => ({ name: `GET /api/cases/export.${format}`, request: { method: 'GET' as const, url: `/api/cases/export.${format}` }, expected: managers(200) })),
  { name: 'GET /api/cases/{caseId}', request: { method: 'GET', url: () => `/api/cases/${caseId}` }, expected: caseWorkers(200) },
  // The case has left triage (it is escalated): a split is refused as a conflict, not a matter of rights.
  { name: 'POST /api/cases/{caseId}/split', request: { method: 'POST', url: () => `/api/cases/${caseId}/split`, payload: { itemIds: ['x'], title: 'x' } }, expected: { ...managers(403), supervisor: 409 } },
  // Only the department escalated to may accept (报到); the state machine refuses everyone else.
  { name: 'POST /api/cases/{caseId}/transitions', request: { method: 'POST', url: () => `/api/cases/${caseId}/transitions`, payload: { action: 'accept' } }, expected: { ...office(403), department: 200 } },
  // Object level for cases: a case of another sub-district, not escalated to any department.
  {
    name: 'GET /api/cases/{caseId} (another sub-district)',
    request: { method: 'GET', url: () => `/api/cases/${otherCaseId}` },
    expected: { ...caseWorkers(200), subdistrict_officer: 404, department: 404 },
  },
  {
    name: 'POST /api/cases/{caseId}/transitions (another sub-district)',
    request: { method: 'POST', url: () => `/api/cases/${otherCaseId}/transitions`, payload: { action: 'start' } },
    expected: { ...everyone(403), subdistrict_officer: 404, department: 404 },
  },
  {
    name: 'GET /api/blobs/{sha256} (evidence of a case in the officer’s sub-district)',
    request: { method: 'GET', url: `/api/blobs/${sha256Hex(evidencePhoto)}` },
    expected: { grid_worker: 404, legal_adviser: 404, subdistrict_officer: 200, supervisor: 200, admin: 200, department: 404 },
  },
  {
    name: 'GET /api/blobs/{sha256} (photo of a session in the adviser’s community)',
    request: { method: 'GET', url: () => `/api/blobs/${ownSessionPhoto}` },
    expected: { ...everyone(200), department: 404 },
  },
  {
    name: 'GET /api/blobs/{sha256} (photo of a session in another sub-district)',
    request: { method: 'GET', url: () => `/api/blobs/${otherSessionPhoto}` },
    expected: { grid_worker: 404, legal_adviser: 404, subdistrict_officer: 404, supervisor: 200, admin: 200, department: 404 },
  },
  // 2026-H1 is open, not published: the public page does not see it, signed in or not.
  { name: 'GET /api/public/rounds/{roundId}/scores', request: { method: 'GET', url: '/api/public/rounds/2026-H1/scores' }, expected: everyone(404), anonymous: 404 },
  // The residents' online questionnaire: public, and a token adds nothing to what it may do.
  { name: 'GET /api/online/rounds/{roundId}/communities/{communityId}', request: { method: 'GET', url: '/api/online/rounds/2026-H1/communities/yijiangmen-c01' }, expected: everyone(200), anonymous: 200 },
  { name: 'POST /api/online/rounds/{roundId}/communities/{communityId}/responses', request: { method: 'POST', url: onlineResponsesUrl, payload: onlineSubmission }, expected: everyone(200), anonymous: 201 },
  {
    name: 'POST /api/online/rounds/{roundId}/communities/{communityId}/responses (naming another channel)',
    request: { method: 'POST', url: onlineResponsesUrl, payload: { ...onlineSubmission, submissionId: '01890a5d-ac96-774b-bcce-b302099a8059', channel: 'field' } },
    expected: everyone(400),
    anonymous: 400,
  },
  { name: 'GET /api/rounds/{roundId}/online-links', request: { method: 'GET', url: '/api/rounds/2026-H1/online-links' }, expected: office(200) },
  // The organisation: only the administrator edits it; units no other case here uses.
  { name: 'PUT /api/organisation/subdistricts/{subdistrictId}', request: { method: 'PUT', url: '/api/organisation/subdistricts/xiaoshi', payload: { nameZh: '小市街道', nameEn: 'Xiaoshi', code: '', active: true } }, expected: adminOnly(200) },
  {
    name: 'PUT /api/organisation/communities/{communityId}',
    request: { method: 'PUT', url: '/api/organisation/communities/xiaoshi-c01', payload: { subdistrictId: 'xiaoshi', nameZh: '矩阵社区', nameEn: 'Matrix', code: '', active: true } },
    expected: adminOnly(200),
  },
  {
    name: 'POST /api/organisation/communities/import (check only)',
    request: { method: 'POST', url: '/api/organisation/communities/import', payload: 'id,name\nxiaoshi-c02,矩阵二社区\n', headers: { 'content-type': 'text/csv' } },
    expected: adminOnly(200),
  },
  { name: 'PUT /api/departments/{departmentId}/active', request: { method: 'PUT', url: '/api/departments/transport/active', payload: { active: true } }, expected: adminOnly(200) },
  // Single doors and the register's listing: an id that is no registered door is 400 once role and scope pass.
  {
    name: 'POST /api/assignments/households',
    request: { method: 'POST', url: '/api/assignments/households', payload: { roundId: '2026-H1', communityId: 'yijiangmen-c01', householdIds: ['no-such-door'], assignedTo: 'demo-worker' } },
    expected: office(400),
  },
  { name: 'GET /api/households', request: { method: 'GET', url: '/api/households?roundId=2026-H1&communityId=yijiangmen-c01' }, expected: office(200) },
  { name: 'GET /api/households/workers', request: { method: 'GET', url: '/api/households/workers?communityId=yijiangmen-c01' }, expected: office(200) },
  {
    name: 'GET /api/households/workers (a community of another sub-district)',
    request: { method: 'GET', url: '/api/households/workers?communityId=jiangdong-c01' },
    expected: { ...office(200), subdistrict_officer: 403 },
  },
  { name: 'GET /api/quotas', request: { method: 'GET', url: '/api/quotas?roundId=2026-H1' }, expected: managers(200) },
  // Refused records: the refusal made in beforeAll is in the demo officer's sub-district.
  { name: 'GET /api/refusals', request: { method: 'GET', url: '/api/refusals' }, expected: office(200) },
  { name: 'GET /api/refusals/{refusalId}', request: { method: 'GET', url: () => `/api/refusals/${refusalId}` }, expected: office(200) },
  { name: 'GET /api/refusals/{refusalId} (unknown)', request: { method: 'GET', url: '/api/refusals/no-such-refusal' }, expected: office(404) },
  // A corrected version that is still invalid is refused once past the role and scope checks.
  { name: 'POST /api/refusals/{refusalId}/accept', request: { method: 'POST', url: () => `/api/refusals/${refusalId}/accept`, payload: { data: { outcome: 'vanished' } } }, expected: managers(400) },
  { name: 'POST /api/refusals/{refusalId}/dismiss (no reason)', request: { method: 'POST', url: () => `/api/refusals/${refusalId}/dismiss`, payload: { reason: ' ' } }, expected: managers(400) },
  { name: 'POST /api/refusals/{refusalId}/dismiss (unknown)', request: { method: 'POST', url: '/api/refusals/no-such-refusal/dismiss', payload: { reason: 'x' } }, expected: managers(404) },
];

let server: TestServer;
const tokens = {} as Record<Role, string>;
const userIds = {} as Record<Role, string>;

beforeAll(async () => {
  server = await startTestApp();
  for (const role of Object.keys(demoUsernames) as Role[]) {
    const { body } = await loginAs(server.app, demoUsernames[role]);
    tokens[role] = body.token;
    userIds[role] = body.user.id;
  }
  await server.app.inject({ method: 'PUT', url: `/api/blobs/${sha256Hex(workersOnlyImage)}`, headers: { authorization: `Bearer ${tokens.grid_worker}`, 'content-type': 'image/png' }, payload: workersOnlyImage });
  await pushSignedResponse(server.app, tokens.grid_worker, { id: userIds.grid_worker, communityId: 'yijiangmen-c01' }, ownSubdistrictImage);
  await pushSignedResponse(server.app, tokens.supervisor, { id: userIds.supervisor, communityId: 'jiangdong-c01' }, otherSubdistrictImage);
  for (const [role, communityId, sessionId] of [['legal_adviser', 'yijiangmen-c01', ownSessionId], ['supervisor', 'jiangdong-c01', otherSessionId]] as const) {
    const { session, signatures, images } = signedSession({ id: userIds[role], communityId }, { sessionId, photos: 1 });
    const photo = (session.data as { photos: Array<{ blobHash: string }> }).photos[0]!.blobHash;
    if (role === 'legal_adviser') ownSessionPhoto = photo;
    else otherSessionPhoto = photo;
    for (const [hash, bytes] of images) await server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'image/png' }, payload: bytes });
    const pushed = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${tokens[role]}` }, payload: { deviceId: 'd', batchId: `session-${role}`, records: [session, ...signatures] } });
    expect(pushed.json().results.map((r: { status: string }) => r.status)).toEqual(Array(signatures.length + 1).fill('accepted'));
  }
  const begun = await server.app.inject({
    method: 'PATCH',
    url: `/api/blobs/${sha256Hex(workersUpload)}/upload`,
    headers: { ...resumableHeaders(workersUpload, 0), ...as('grid_worker') },
    payload: workersUpload.subarray(0, 10),
  });
  expect(begun.statusCode).toBe(204);
  caseId = await escalatedCase();
  refusalId = await refusedVisit();
  evidenceCaseId = await caseWithEvidence();
  otherCaseId = await caseOf('jiangdong-c01', 'supervisor');
  // Six sign-ins, two sessions, four cases: more than the default ten seconds on a loaded machine.
}, 60_000);

/** A worker's visit in a round that does not exist, refused by the push and kept for the office. */
async function refusedVisit(): Promise<string> {
  const record = visitRecord({ id: userIds.grid_worker, communityId: 'yijiangmen-c01' }, { roundId: '2030-H2' });
  const pushed = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${tokens.grid_worker}` }, payload: { deviceId: 'd', batchId: 'refused', records: [record] } });
  expect(pushed.json().results[0].status).toBe('rejected');
  const row = await server.db.selectFrom('refused_records').select('id').where('record_id', '=', record.id).executeTakeFirstOrThrow();
  return row.id;
}

const as = (role: Role) => ({ authorization: `Bearer ${tokens[role]}` });
const caseStep = (id: string, role: Role, payload: object) => server.app.inject({ method: 'POST', url: `/api/cases/${id}/transitions`, headers: as(role), payload });

/** A negative-list case of one community's dissatisfaction with `indicator`, made and assigned by the supervisor. */
async function caseOf(communityId: string, pushedBy: Role, indicator = 'ug_environment'): Promise<string> {
  const answers = { [`sat_${indicator}`]: 'very_unsatisfied', concerns: ['property_management'], grid_visited: false };
  const response = questionnaireResponse({ id: userIds[pushedBy], communityId }, answers);
  const pushed = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: as(pushedBy), payload: { deviceId: 'd', batchId: `complaint-${response.id}`, records: [response] } });
  expect(pushed.json().results[0].status).toBe('accepted');
  expect((await server.app.inject({ method: 'POST', url: '/api/rounds/2026-H1/negative-list', headers: as('supervisor') })).statusCode).toBe(200);
  const created = await server.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: as('supervisor'),
    payload: { itemIds: [`2026-H1:${communityId}:dissatisfied:${indicator}`], title: '环境', category: 'environment_cleanup' },
  });
  const id = created.json().case.id as string;
  expect((await caseStep(id, 'supervisor', { action: 'assign' })).statusCode).toBe(200);
  return id;
}

/** A negative-list case in yijiangmen, escalated to the demo department (urban-management). */
async function escalatedCase(): Promise<string> {
  const id = await caseOf('yijiangmen-c01', 'grid_worker');
  expect((await caseStep(id, 'subdistrict_officer', { action: 'escalate', note: '需城管', departmentId: 'urban-management' })).statusCode).toBe(200);
  return id;
}

/** A case in yijiangmen whose officer reported progress with a photo. */
async function caseWithEvidence(): Promise<string> {
  const id = await caseOf('yijiangmen-c02', 'grid_worker');
  const uploaded = await server.app.inject({ method: 'PUT', url: `/api/blobs/${sha256Hex(evidencePhoto)}`, headers: { ...as('subdistrict_officer'), 'content-type': 'image/jpeg' }, payload: evidencePhoto });
  expect(uploaded.statusCode).toBe(201);
  expect((await caseStep(id, 'subdistrict_officer', { action: 'start' })).statusCode).toBe(200);
  expect((await caseStep(id, 'subdistrict_officer', { action: 'progress', note: '已清理楼道', evidence: [sha256Hex(evidencePhoto)] })).statusCode).toBe(200);
  return id;
}
afterAll(() => server.close());

describe('role × route matrix', () => {
  describe.each(routes)('$name', ({ request, expected, anonymous = 401, refusalKeys = ['error'] }) => {
    const url = () => (typeof request.url === 'string' ? request.url : request.url());
    it(`answers ${anonymous} without a token`, async () => {
      const response = await server.app.inject({ ...request, url: url(), payload: request.payload as string });
      expect(response.statusCode).toBe(anonymous);
    });

    it.each(Object.keys(demoUsernames) as Role[])('as %s', async (role) => {
      const response = await server.app.inject({ ...request, url: url(), payload: request.payload as string, headers: { ...request.headers, authorization: `Bearer ${tokens[role]}` } });
      expect(response.statusCode).toBe(expected[role]);
      if (response.statusCode >= 400 && request.method !== 'HEAD') expect(Object.keys(response.json())).toEqual(response.statusCode === 400 ? refusalKeys : ['error']);
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

  // Object level: an officer's report from the phone reaches only the cases of their own sub-district.
  it.each([
    ['its own sub-district', 'accepted', () => ({ caseId: evidenceCaseId, communityId: 'yijiangmen-c02' })],
    ['another sub-district', 'rejected', () => ({ caseId: otherCaseId, communityId: 'jiangdong-c01' })],
  ] as Array<[string, string, () => { caseId: string; communityId: string }]>)('an officer’s case report on a case of %s is %s', async (_where, status, target) => {
    const { caseId: reported, communityId } = target();
    const report = caseReportRecord({ id: userIds.subdistrict_officer, communityId }, reported, 'progress', '已联系物业');
    const response = await server.app.inject({ method: 'POST', url: '/api/sync/push', headers: as('subdistrict_officer'), payload: { deviceId: 'd', batchId: `report-${report.id}`, records: [report] } });
    expect(response.json().results[0]).toMatchObject({ status });
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
