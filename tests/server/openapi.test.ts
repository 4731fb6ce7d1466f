import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestServer } from '../helpers/server/server';

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

  it('documents the sync contract: push, pull, blobs, limits and each record kind’s data', async () => {
    server = await startTestApp({ demo: false });
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/sync/push', '/api/sync/pull', '/api/sync/config', '/api/blobs/{sha256}', '/api/assignments']));
    expect(Object.keys(doc.paths['/api/blobs/{sha256}']).sort()).toEqual(['get', 'head', 'put']);
    const push = doc.paths['/api/sync/push'].post;
    expect(push.requestBody.content['application/json'].schema.required).toEqual(['deviceId', 'batchId', 'records']);
    const status = push.responses['200'].content['application/json'].schema.properties.results.items.properties.status;
    expect(status.enum).toEqual(['accepted', 'duplicate', 'conflict', 'rejected']);
    expect(doc.paths['/api/sync/pull'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['checkpoint', 'limit']);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['visitRecordData', 'responseRecordData', 'signatureRecordData', 'householdRecordData', 'deliberationRecordData']));
    expect(doc.components.schemas.visitRecordData.properties.outcome.enum).toEqual(['completed', 'nobody_home', 'refused', 'moved', 'come_back_later']);
  });

  it('documents the questionnaire versions routes', async () => {
    server = await startTestApp({ demo: false });
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/questionnaires'].get.responses['200'].content['application/json'].schema.required).toEqual(['versions']);
    expect(doc.paths['/api/questionnaires/{questionnaireId}/versions/{version}'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['questionnaireId', 'version']);
    const save = doc.paths['/api/questionnaires/{questionnaireId}/versions'].post;
    expect(save.requestBody.content['application/json'].schema.required).toEqual(['definition']);
    expect(Object.keys(save.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '403', '409']));
    expect(Object.keys(doc.paths['/api/questionnaires/{questionnaireId}/versions/{version}/publish'])).toEqual(['post']);
    expect(doc.paths['/api/questionnaires/import'].post.responses['200'].content['application/json'].schema.required).toEqual(['definition']);
    expect(doc.paths['/api/questionnaires/{questionnaireId}/versions/{version}/xlsx'].get.summary).toContain('XLSForm');
  });

  it('documents the deliberation routes, their scope and the current session and follow-up data', async () => {
    server = await startTestApp({ demo: false });
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/deliberation/sessions', '/api/deliberation/sessions/{sessionId}', '/api/deliberation/export/sessions.{format}']));
    const list = doc.paths['/api/deliberation/sessions'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(['subdistrictId', 'communityId', 'topic', 'month']);
    expect(list.description).toContain('sub-district officer');
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(doc.components.schemas.deliberationRecordData.properties.topic.enum).toEqual(['environment_cleanup', 'old_estate_renovation', 'property_management', 'illegal_structures', 'ev_charging', 'other']);
    expect(doc.components.schemas.deliberation_follow_upRecordData.required).toEqual(expect.arrayContaining(['sessionId', 'sessionHash', 'followUpIndex', 'status']));
  });

  it('documents the online channel: the resident\'s page, submissions with their refusals, and the poster links', async () => {
    server = await startTestApp({ demo: false });
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const submit = doc.paths['/api/online/rounds/{roundId}/communities/{communityId}/responses'].post;
    expect(submit.security).toBeUndefined();
    expect(submit.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['submissionId', 'deviceToken', 'questionnaireId', 'questionnaireVersion', 'startedAt', 'finishedAt', 'answers']),
    );
    expect(Object.keys(submit.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '409', '429']));
    expect(doc.paths['/api/online/rounds/{roundId}/communities/{communityId}'].get.responses['200'].content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['open', 'community', 'questionnaires']),
    );
    expect(doc.paths['/api/rounds/{roundId}/online-links'].get.security).toEqual([{ bearer: [] }]);
  });
});

describe('GET /api/openapi.json (office administration)', () => {
  it('documents the people routes and the own-password change', async () => {
    server = await startTestApp({ demo: false });
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/users', '/api/users/{userId}', '/api/users/{userId}/disable', '/api/users/{userId}/enable', '/api/users/{userId}/password', '/api/auth/password', '/api/organisation', '/api/devices', '/api/devices/report', '/api/households/import', '/api/assignments/building', '/api/quotas']),
    );
    expect(doc.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'name', 'role', 'scope', 'password']);
    expect(doc.paths['/api/auth/login'].post.responses['200'].content['application/json'].schema.properties.user.properties).toHaveProperty('mustChangePassword');
  });

  it('documents the organisation editing routes, single-door assignments, the register listing and quotas', async () => {
    server = await startTestApp({ demo: false });
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/organisation/subdistricts/{subdistrictId}'].put.requestBody.content['application/json'].schema.required).toEqual(['nameZh', 'nameEn', 'code', 'active']);
    expect(doc.paths['/api/organisation/communities/{communityId}'].put.requestBody.content['application/json'].schema.required).toEqual(['subdistrictId', 'nameZh', 'nameEn', 'code', 'active']);
    const namesImport = doc.paths['/api/organisation/communities/import'].post;
    expect(Object.keys(namesImport.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '409']));
    expect(namesImport.responses['200'].content['application/json'].schema.required).toEqual(expect.arrayContaining(['changes', 'clashes', 'written']));
    expect(doc.paths['/api/departments/{departmentId}/active'].put.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/organisation'].get.responses['200'].content['application/json'].schema.required).toEqual(['subdistricts', 'communities', 'departments']);
    expect(doc.paths['/api/assignments/households'].post.requestBody.content['application/json'].schema.required).toEqual(['roundId', 'communityId', 'householdIds', 'assignedTo']);
    expect(doc.paths['/api/households'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['roundId', 'communityId', 'building']);
    expect(doc.paths['/api/quotas'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['roundId']);
  });

  it('documents the refused-records routes and the outcome a device pulls', async () => {
    server = await startTestApp({ demo: false });
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/refusals', '/api/refusals/{refusalId}', '/api/refusals/{refusalId}/accept', '/api/refusals/{refusalId}/dismiss']));
    expect(doc.paths['/api/refusals'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['state', 'status', 'kind', 'communityId', 'deviceId', 'limit']);
    expect(doc.paths['/api/refusals/{refusalId}/dismiss'].post.requestBody.content['application/json'].schema.required).toEqual(['reason']);
    expect(Object.keys(doc.paths['/api/refusals/{refusalId}/accept'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
    expect(doc.paths['/api/sync/pull'].get.description).toContain('refusal_outcome');
  });
});
