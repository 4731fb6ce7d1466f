import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { buildApp } from '../../src/server/app';
import type { DeliberationOverview, SessionDetail } from '../../src/shared/deliberation/api';
import { followUpRecord } from '../../src/shared/deliberation/session';
import { sha256Hex } from '../../src/shared/hashing';
import type { FinalisedRecord } from '../../src/shared/records';
import { signedSession } from '../../scripts/harness/deliberation';
import type { Author } from '../../scripts/harness/records';
import { loginAs, pushRecords, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

/** Nanjing's 2026-11-28: the sample session's action due 11-25 is overdue, the one due 12-01 is not. */
const now = new Date('2026-11-28T04:00:00Z');

async function signedIn(username: string, communityId = 'yijiangmen-c01') {
  const { body } = await loginAs(server.app, username);
  return { token: body.token, author: { id: body.user.id, communityId } satisfies Author };
}

async function upload(token: string, images: Map<string, Buffer>): Promise<void> {
  for (const [hash, bytes] of images) {
    const put = await server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, payload: bytes });
    expect([200, 201]).toContain(put.statusCode);
  }
}

async function get<T>(token: string, url: string) {
  const response = await server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: response.statusCode, body: response.json<T>(), response };
}

/** The adviser's session in yijiangmen-c01 and the supervisor's in jiangdong-c01, both pushed with their images. */
async function twoSessions() {
  server = await startTestApp({ now: () => now });
  const adviser = await signedIn('demo-adviser');
  const supervisor = await signedIn('demo-supervisor', 'jiangdong-c01');
  const own = signedSession(adviser.author, { photos: 2 });
  const other = signedSession(supervisor.author, { content: { topic: 'ev_charging', heldOn: '2026-10-09', followUps: [] } });
  await upload(adviser.token, own.images);
  await upload(supervisor.token, other.images);
  const pushed = await pushRecords(server.app, adviser.token, [own.session, ...own.signatures], 'b-own');
  expect(pushed.results.map((r) => r.status)).toEqual(Array(5).fill('accepted'));
  expect((await pushRecords(server.app, supervisor.token, [other.session, ...other.signatures], 'b-other')).results.every((r) => r.status === 'accepted')).toBe(true);
  const officer = await signedIn('demo-officer');
  return { adviser, supervisor, officer, own, other };
}

describe('pushing deliberation sessions', () => {
  it('holds back a session whose photo the server lacks, and its signatures with it; takes them once uploaded', async () => {
    server = await startTestApp({ now: () => now });
    const { token, author } = await signedIn('demo-adviser');
    const { session, signatures, images } = signedSession(author, { photos: 1 });
    const first = await pushRecords(server.app, token, [session, ...signatures], 'b-1');
    const photoHash = (session.data.photos as Array<{ blobHash: string }>)[0]!.blobHash;
    expect(first.results[0]).toMatchObject({ id: session.id, status: 'rejected', code: 'missing_blob', blobHash: photoHash });
    // The signatures wait for the session they bind.
    expect(first.results.slice(1).map((r) => r.code)).toEqual(Array(4).fill('missing_record'));
    expect(await server.db.selectFrom('records').select('id').execute()).toEqual([]);
    await upload(token, images);
    const again = await pushRecords(server.app, token, [session, ...signatures], 'b-2');
    expect(again.results.map((r) => r.status)).toEqual(Array(5).fill('accepted'));
  });

  it("holds back an attendee's signature whose image is missing, as for responses, and takes it once uploaded", async () => {
    server = await startTestApp({ now: () => now });
    const { token, author } = await signedIn('demo-adviser');
    const { session, signatures, images } = signedSession(author, { photos: 1 });
    const lateHash = String(signatures[1]!.data.blobHash);
    await upload(token, new Map([...images].filter(([hash]) => hash !== lateHash)));
    const first = await pushRecords(server.app, token, [session, ...signatures], 'b-1');
    expect(first.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected', 'accepted', 'accepted']);
    expect(first.results[2]).toMatchObject({ code: 'missing_blob', blobHash: lateHash });
    await upload(token, new Map([[lateHash, images.get(lateHash)!]]));
    const again = await pushRecords(server.app, token, [signatures[1]!], 'b-2');
    expect(again.results[0]!.status).toBe('accepted');
  });

  it("keeps an adviser to its communities and to images it uploaded", async () => {
    server = await startTestApp({ now: () => now });
    const adviser = await signedIn('demo-adviser');
    const elsewhere = signedSession({ ...adviser.author, communityId: 'yijiangmen-c02' });
    const outside = await pushRecords(server.app, adviser.token, [elsewhere.session], 'b-1');
    expect(outside.results[0]).toMatchObject({ status: 'rejected', error: expect.stringContaining('outside your communities') });
    // A photo another user uploaded cannot be bound into the adviser's session.
    const worker = await signedIn('demo-worker');
    const borrowed = signedSession(adviser.author, { photos: 1 });
    await upload(worker.token, borrowed.images);
    const { results } = await pushRecords(server.app, adviser.token, [borrowed.session], 'b-2');
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'invalid', error: 'data.photos: the image was uploaded by another user' });
  });

  it('takes a follow-up only for a session stored or earlier in the batch, with the hash it was signed with', async () => {
    server = await startTestApp({ now: () => now });
    const { token, author } = await signedIn('demo-adviser');
    const { session } = signedSession(author);
    const by = { authorId: author.id, deviceId: 'device-a', createdAt: '2026-11-27T01:00:00.000Z', finalisedAt: '2026-11-27T01:00:00.000Z' };
    const report = followUpRecord(uuidv7(), session, { followUpIndex: 1, status: 'done', note: '已公示', reportedOn: '2026-11-27' }, by);
    const early = await pushRecords(server.app, token, [report], 'b-1');
    expect(early.results[0]).toMatchObject({ status: 'rejected', code: 'missing_record' });
    const forged: FinalisedRecord = followUpRecord(uuidv7(), { ...session, hash: 'a'.repeat(64) }, { followUpIndex: 0, status: 'done', note: '', reportedOn: '2026-11-27' }, by);
    const both = await pushRecords(server.app, token, [session, report, forged], 'b-2');
    expect(both.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
    expect(both.results[2]!.error).toBe('data.sessionHash: does not match the session');
  });
});

describe('the office view of sessions', () => {
  it('shows the supervisor the district: counts by community, topic and month, and overdue follow-ups', async () => {
    const { supervisor, own, other } = await twoSessions();
    const { status, body } = await get<DeliberationOverview>(supervisor.token, '/api/deliberation/sessions');
    expect(status).toBe(200);
    expect(body.today).toBe('2026-11-28');
    expect(body.byCommunity).toEqual([
      { key: 'jiangdong-c01', count: 1 },
      { key: 'yijiangmen-c01', count: 1 },
    ]);
    expect(body.byTopic).toEqual([
      { key: 'ev_charging', count: 1 },
      { key: 'property_management', count: 1 },
    ]);
    expect(body.byMonth).toEqual([
      { key: '2026-10', count: 1 },
      { key: '2026-11', count: 1 },
    ]);
    expect(body.sessions.map((s) => [s.id, s.attendees, s.signatures, s.followUps, s.overdue])).toEqual([
      [own.session.id, 21, 4, 2, 1],
      [other.session.id, 21, 4, 0, 0],
    ]);
    expect(body.overdue.map((line) => [line.sessionId, line.action, line.dueOn])).toEqual([[own.session.id, '公示物业费测算', '2026-11-25']]);
    const filtered = await get<DeliberationOverview>(supervisor.token, '/api/deliberation/sessions?topic=ev_charging&month=2026-10');
    expect(filtered.body.sessions.map((s) => s.id)).toEqual([other.session.id]);
  });

  it("shows an officer its own sub-district only: another's is 403 as a query, 404 as a session", async () => {
    const { officer, own, other } = await twoSessions();
    const mine = await get<DeliberationOverview>(officer.token, '/api/deliberation/sessions');
    expect(mine.body.sessions.map((s) => s.id)).toEqual([own.session.id]);
    const elsewhere = await get<{ error: { code: string } }>(officer.token, '/api/deliberation/sessions?subdistrictId=jiangdong');
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([403, 'forbidden']);
    const detail = await get<{ error: { code: string } }>(officer.token, `/api/deliberation/sessions/${other.session.id}`);
    expect([detail.status, detail.body.error.code]).toEqual([404, 'not_found']);
  });

  it('gives a session with its signatures, photos and follow-up progress; its images are readable in scope', async () => {
    const { adviser, officer, own } = await twoSessions();
    const by = { authorId: adviser.author.id, deviceId: 'device-a', createdAt: '2026-11-27T01:00:00.000Z', finalisedAt: '2026-11-27T01:00:00.000Z' };
    const report = followUpRecord(uuidv7(), own.session, { followUpIndex: 1, status: 'done', note: '已公示', reportedOn: '2026-11-27' }, by);
    expect((await pushRecords(server.app, adviser.token, [report], 'b-report')).results[0]).toMatchObject({ status: 'accepted' });
    const { status, body } = await get<SessionDetail>(officer.token, `/api/deliberation/sessions/${own.session.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: own.session.id, hash: own.session.hash, communityName: expect.any(String), hostName: '演示法律顾问', subdistrictId: 'yijiangmen' });
    expect(body.data.photos).toHaveLength(2);
    expect(body.signatures.map((s) => [s.signerRole, s.signerName ?? null, s.valid])).toEqual([
      ['attendee', '参会人1', true],
      ['attendee', '参会人2', true],
      ['attendee', '参会人3', true],
      ['host', null, true],
    ]);
    expect(body.followUps.map((line) => [line.standing, line.latest?.status ?? null])).toEqual([
      ['due', null],
      ['done', 'done'],
    ]);
    for (const hash of [...body.data.photos.map((photo) => photo.blobHash), body.signatures[0]!.blobHash!]) {
      const image = await server.app.inject({ method: 'GET', url: `/api/blobs/${hash}`, headers: { authorization: `Bearer ${officer.token}` } });
      expect(image.statusCode).toBe(200);
      expect(sha256Hex(image.rawPayload)).toBe(hash);
    }
    const overview = await get<DeliberationOverview>(officer.token, '/api/deliberation/sessions');
    expect(overview.body.overdue).toEqual([]);
  });

  it('exports the sessions in scope as CSV and XLSX', async () => {
    const { supervisor, officer, own, other } = await twoSessions();
    const csv = await server.app.inject({ method: 'GET', url: '/api/deliberation/export/sessions.csv', headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.replace('\uFEFF', '').trim().split('\n');
    expect(lines[0]).toBe('sessionId,subdistrictId,communityId,communityName,heldOn,topic,title,attendees,signatures,followUps,overdue');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([own.session.id, other.session.id]);
    expect(lines[1]).toContain(',2026-11-20,property_management,小区物业费调整,21,4,2,1');
    const xlsx = await server.app.inject({ method: 'GET', url: '/api/deliberation/export/sessions.xlsx', headers: { authorization: `Bearer ${officer.token}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('sessions')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.map((row) => row[1])).toEqual(['sessionId', own.session.id]);
  });

  it('keeps the photos of a stored session when unreferenced blobs are swept', async () => {
    const graceMs = 60_000;
    let clock = now;
    server = await startTestApp({ now: () => clock, blobGraceMs: graceMs });
    const adviser = await signedIn('demo-adviser');
    const { session, signatures, images } = signedSession(adviser.author, { photos: 2 });
    await upload(adviser.token, images);
    await pushRecords(server.app, adviser.token, [session, ...signatures], 'b-1');
    const orphan = new Map([[sha256Hex(Buffer.from('never named')), Buffer.from('never named')]]);
    await upload(adviser.token, orphan);
    clock = new Date(now.getTime() + 2 * graceMs);
    const restarted = await buildApp({ db: server.db, now: () => clock, blobGraceMs: graceMs });
    await restarted.ready();
    await restarted.close();
    const kept = (await server.db.selectFrom('blobs').select('hash').execute()).map((row) => row.hash).sort();
    expect(kept).toEqual([...images.keys()].sort());
  });
});
