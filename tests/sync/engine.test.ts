import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/app/api/http';
import { appDatabase } from '../../src/app/db/database';
import { outboxSummary } from '../../src/app/db/outbox';
import { listReference } from '../../src/app/db/reference';
import { runSync, SyncIncompleteError } from '../../src/app/sync/engine';
import type { PushRequest } from '../../src/shared/sync';
import { sqliteFileName } from '../../src/server/db/database';
import { resetDeviceDatabase } from '../../scripts/harness/device-reset';
import { visitRecord } from '../../scripts/harness/records';
import { saveFinalised } from '../../src/app/db/records';
import { startLiveServer, type LiveServer } from '../../scripts/harness/live-server';
import { deviceApi, deviceRecordStates, recordSignedInterview, signIn } from '../../scripts/harness/sync-device';

let server: LiveServer;
afterEach(() => server.close());

function serverRows(sql: string): unknown[] {
  const db = new Database(join(server.dataDir, sqliteFileName), { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

/** A live server and a worker's device holding two signed interviews, not yet synced. */
async function twoSignedInterviews() {
  server = await startLiveServer({ app: false });
  const { token, userId } = await signIn(server.url);
  const author = { id: userId, communityId: 'yijiangmen-c01' };
  return { token, first: await recordSignedInterview(author), second: await recordSignedInterview(author) };
}

describe('client sync engine against the real server', () => {
  it('uploads blobs, then records, then pulls the worker’s reference data', async () => {
    const { token, first, second } = await twoSignedInterviews();

    const phases = new Set<string>();
    const report = await runSync(deviceApi(server.url, token), (p) => phases.add(p.phase));

    expect(report).toMatchObject({ blobsUploaded: 2, accepted: 6, duplicate: 0, conflict: 0, rejected: 0 });
    expect([...phases]).toEqual(['blobs', 'records', 'pull']);
    expect(await deviceRecordStates()).toEqual({ synced: 6 });
    const stored = serverRows('select id, hash from records order by id') as Array<{ id: string; hash: string }>;
    expect(stored).toEqual([...first.records, ...second.records].map((r) => ({ id: r.id, hash: r.hash })).sort((a, b) => a.id.localeCompare(b.id)));
    expect(serverRows('select hash from blobs order by hash')).toEqual([first.blob.hash, second.blob.hash].sort().map((hash) => ({ hash })));

    expect((await listReference('questionnaire')).length).toBe(3);
    expect((await listReference('assignment')).length).toBe(12);
    expect((await listReference('community')).map((c) => c.id).sort()).toEqual(['yijiangmen-c01', 'yijiangmen-c02']);

    const again = await runSync(deviceApi(server.url, token));
    expect(again).toEqual({ blobsUploaded: 0, accepted: 0, duplicate: 0, conflict: 0, rejected: 0, pulled: 0 });
  });

  it('keeps a refused record, marked with the server’s message, and sends the rest', async () => {
    server = await startLiveServer({ app: false });
    const { token, userId } = await signIn(server.url);
    const good = visitRecord({ id: userId, communityId: 'yijiangmen-c01' });
    const outside = visitRecord({ id: userId, communityId: 'xiaguan-c01' });
    await saveFinalised([good, outside]);
    const report = await runSync(deviceApi(server.url, token));
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    const kept = await appDatabase().records.get(outside.id);
    expect(kept).toMatchObject({ syncState: 'rejected', syncError: 'data.communityId: xiaguan-c01 is outside your communities', hash: outside.hash });
    expect((await outboxSummary()).problems.map((p) => p.id)).toEqual([outside.id]);
  });

  it('re-uploads a blob the server lost instead of dropping the signature', async () => {
    server = await startLiveServer({ app: false });
    const { token, userId } = await signIn(server.url);
    const { records, blob } = await recordSignedInterview({ id: userId, communityId: 'yijiangmen-c01' });
    // The device believes the blob went up (say, before the server's disk was restored from a backup).
    await appDatabase().blobs.update(blob.hash, { uploadState: 'uploaded' });

    await expect(runSync(deviceApi(server.url, token))).rejects.toBeInstanceOf(SyncIncompleteError);
    expect(await appDatabase().records.get(records[2]!.id)).toMatchObject({ syncState: 'pending' });
    expect(await appDatabase().blobs.get(blob.hash)).toMatchObject({ uploadState: 'pending' });

    await runSync(deviceApi(server.url, token));
    expect(await deviceRecordStates()).toEqual({ synced: 3 });
  });

  it('asks which blobs the server holds in one request and sends only the one it lacks, with no request per blob', async () => {
    const { token, first: uploaded, second: missing } = await twoSignedInterviews();
    const api = deviceApi(server.url, token);
    await api.config();
    await api.putBlob(uploaded.blob.hash, uploaded.blob.blob);

    const requests: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname} ${response.status}`);
      return response;
    };
    try {
      expect(await runSync(api)).toMatchObject({ blobsUploaded: 2, accepted: 6, rejected: 0 });
    } finally {
      globalThis.fetch = realFetch;
    }
    const blobRequests = requests.filter((request) => request.includes('/api/blobs'));
    expect(blobRequests).toEqual(['POST /api/blobs/held 200', `PUT /api/blobs/${missing.blob.hash} 201`]);
    expect(requests.filter((request) => request.endsWith(' 404'))).toEqual([]);
  });

  it('keeps every record when the token is refused (401) and sends them after signing in again', async () => {
    server = await startLiveServer({ app: false });
    const { userId } = await signIn(server.url);
    await recordSignedInterview({ id: userId, communityId: 'yijiangmen-c01' });
    const refused = await runSync(deviceApi(server.url, 'expired-token')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(401);
    expect(await deviceRecordStates()).toEqual({ pending: 3 });

    const again = await signIn(server.url);
    await runSync(deviceApi(server.url, again.token));
    expect(await deviceRecordStates()).toEqual({ synced: 3 });
  });

  it('brings the worker’s own records to a second device through pull', async () => {
    server = await startLiveServer({ app: false });
    const { token, userId } = await signIn(server.url);
    const { records } = await recordSignedInterview({ id: userId, communityId: 'yijiangmen-c02' });
    await runSync(deviceApi(server.url, token));

    // A second device: a fresh IndexedDB.
    await resetDeviceDatabase();
    await runSync(deviceApi(server.url, token));
    const pulled = await appDatabase().records.toArray();
    expect(pulled.map((r) => [r.id, r.hash, r.origin, r.syncState]).sort()).toEqual(records.map((r) => [r.id, r.hash, 'pulled', 'synced']).sort());
  });

  it('keeps two batches in flight without ever sending a record twice', async () => {
    server = await startLiveServer({ app: false });
    const { token, userId } = await signIn(server.url);
    const records = Array.from({ length: 1_250 }, () => visitRecord({ id: userId, communityId: 'yijiangmen-c01' }));
    await saveFinalised(records);
    const api = deviceApi(server.url, token);
    const sentIds: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    // The first push holds its answer until a second one is on the way (or 5 s pass, and the test fails).
    let secondStarted: () => void = () => undefined;
    const second = new Promise<void>((resolve) => (secondStarted = resolve));
    const report = await runSync({
      ...api,
      async push(request) {
        sentIds.push(...request.records.map((r) => r.id));
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        if (inFlight === 2) secondStarted();
        try {
          await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 5_000))]);
          return await api.push(request);
        } finally {
          inFlight -= 1;
        }
      },
    });
    expect(report.accepted).toBe(1_250);
    expect(mostInFlight).toBe(2);
    expect(sentIds).toHaveLength(1_250);
    expect(new Set(sentIds).size).toBe(1_250);
  });

  it('isolates a record the server cannot read, which refuses its whole batch, and sends every other record', async () => {
    server = await startLiveServer({ app: false });
    const { token, userId } = await signIn(server.url);
    const author = { id: userId, communityId: 'yijiangmen-c01' };
    const good = Array.from({ length: 9 }, () => visitRecord(author));
    // An envelope the push schema refuses: the server answers 400 for the batch it is in.
    const unreadable = { ...visitRecord(author), hash: 'not-a-sha256' };
    await saveFinalised([...good.slice(0, 4), unreadable, ...good.slice(4)]);

    const report = await runSync(deviceApi(server.url, token));
    expect(report).toMatchObject({ accepted: 9, rejected: 1 });
    expect(await appDatabase().records.get(unreadable.id)).toMatchObject({ syncState: 'rejected', syncCode: 'invalid' });
    expect(serverRows('select id from records order by id')).toEqual(good.map((r) => ({ id: r.id })).sort((a, b) => a.id.localeCompare(b.id)));
    // Nothing left that would be retried forever.
    expect(await runSync(deviceApi(server.url, token))).toMatchObject({ accepted: 0, rejected: 0 });
  });

  it('splits a batch refused whole (a recorded 400) instead of sending it unchanged again', async () => {
    server = await startLiveServer({ app: false });
    const { token, userId } = await signIn(server.url);
    const author = { id: userId, communityId: 'yijiangmen-c01' };
    const records = Array.from({ length: 16 }, () => visitRecord(author));
    const culprit = records[11]!;
    await saveFinalised(records);
    const api = deviceApi(server.url, token);
    const batches: string[][] = [];
    const report = await runSync({
      ...api,
      async push(request: PushRequest) {
        batches.push(request.records.map((r) => r.id));
        // What a server answered for a batch holding this record.
        if (request.records.some((r) => r.id === culprit.id)) throw new ApiError(400, 'invalid_request', 'records.11.kind: Invalid option');
        return api.push(request);
      },
    });
    expect(report).toMatchObject({ accepted: 15, rejected: 1 });
    expect(await appDatabase().records.get(culprit.id)).toMatchObject({ syncState: 'rejected', syncCode: 'invalid', syncError: 'records.11.kind: Invalid option' });
    // Halving: 16 → 8 → 4 → 2 → 1 holding the culprit, each refused once; no batch is sent twice.
    expect(batches.filter((ids) => ids.includes(culprit.id)).map((ids) => ids.length)).toEqual([16, 8, 4, 2, 1]);
    expect(new Set(batches.map((ids) => ids.join())).size).toBe(batches.length);
  });
});
