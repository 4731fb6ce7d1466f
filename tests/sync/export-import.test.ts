import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/app/api/http';
import { unsentRecordsWithBlobs } from '../../src/app/db/outbox';
import { buildUnsentFile, readUnsentFile } from '../../src/app/sync/export-file';
import { importUnsentFile } from '../../src/app/sync/import';
import { sqliteFileName } from '../../src/server/db/database';
import { startLiveServer, type LiveServer } from '../helpers/live-server';
import { deviceApi, recordSignedInterview, signIn } from '../helpers/sync-device';

let server: LiveServer;
afterEach(() => server.close());

describe('export of unsent records, imported at the office', () => {
  it('lands every record and blob once, and a second import changes nothing', async () => {
    server = await startLiveServer({ app: false });
    const worker = await signIn(server.url, 'demo-worker');
    const author = { id: worker.userId, communityId: 'yijiangmen-c01' };
    const interviews = [await recordSignedInterview(author), await recordSignedInterview(author)];

    const { records, blobs } = await unsentRecordsWithBlobs();
    const file = await buildUnsentFile({ records, blobs, deviceId: 'phone-7', exportedBy: 'demo-worker', now: new Date('2026-03-03T10:00:00Z') });
    const text = JSON.stringify(file);

    const supervisor = await signIn(server.url, 'demo-supervisor');
    const api = deviceApi(server.url, supervisor.token);
    const importOnce = () => {
      const { file: parsed, blobs: fileBlobs } = readUnsentFile(text);
      return importUnsentFile(api, parsed, fileBlobs);
    };
    const first = await importOnce();
    expect(first.counts).toEqual({ accepted: 6, duplicate: 0, conflict: 0, rejected: 0, blobsUploaded: 2 });
    const second = await importOnce();
    expect(second.counts).toEqual({ accepted: 0, duplicate: 6, conflict: 0, rejected: 0, blobsUploaded: 0 });

    const db = new Database(join(server.dataDir, sqliteFileName), { readonly: true });
    const stored = db.prepare('select id, author_id from records order by id').all();
    db.close();
    const expected = interviews.flatMap((i) => i.records).map((r) => ({ id: r.id, author_id: worker.userId }));
    expect(stored).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('refuses a damaged file before sending anything', async () => {
    server = await startLiveServer({ app: false });
    expect(() => readUnsentFile('not json')).toThrow('not JSON');
    expect(() => readUnsentFile(JSON.stringify({ format: 'something-else' }))).toThrow('not a valid export');
    const worker = await signIn(server.url, 'demo-worker');
    await recordSignedInterview({ id: worker.userId, communityId: 'yijiangmen-c01' });
    const { records, blobs } = await unsentRecordsWithBlobs();
    const file = await buildUnsentFile({ records, blobs, deviceId: 'd', exportedBy: 'w', now: new Date() });
    file.blobs[0]!.base64 = btoa('tampered');
    expect(() => readUnsentFile(JSON.stringify(file))).toThrow('does not match its hash');
  });

  it('sends within both published limits, with the engine’s retries, and isolates a record the server cannot read', async () => {
    server = await startLiveServer({ app: false });
    const worker = await signIn(server.url, 'demo-worker');
    const author = { id: worker.userId, communityId: 'yijiangmen-c01' };
    for (let i = 0; i < 4; i++) await recordSignedInterview(author);
    const { records, blobs } = await unsentRecordsWithBlobs();
    const file = await buildUnsentFile({ records, blobs, deviceId: 'phone-7', exportedBy: 'demo-worker', now: new Date() });
    const parsed = readUnsentFile(JSON.stringify(file));
    const unreadable = { ...parsed.file.records[5]!, hash: 'not-a-sha256' };
    parsed.file.records[5] = unreadable;

    const supervisor = await signIn(server.url, 'demo-supervisor');
    const api = deviceApi(server.url, supervisor.token);
    // Room for five records by count, but for only two or three by bytes.
    const largest = Math.max(...parsed.file.records.map((r) => new TextEncoder().encode(JSON.stringify(r)).length));
    const limits = { ...(await api.config()), maxRecordsPerBatch: 5, maxBytesPerRequest: 1024 + Math.floor(largest * 2.5) };
    const sent: Array<{ records: number; bytes: number }> = [];
    let lostConnections = 0;
    const result = await importUnsentFile(
      {
        ...api,
        config: async () => limits,
        async push(request) {
          // The first attempt of every batch is lost on the way: the same retries as the device's sync.
          if (lostConnections++ % 2 === 0) throw new ApiError(0, 'network', 'connection reset');
          sent.push({ records: request.records.length, bytes: new TextEncoder().encode(JSON.stringify(request)).length });
          return api.push(request);
        },
      },
      parsed.file,
      parsed.blobs,
    );
    expect(result.counts).toEqual({ accepted: 11, duplicate: 0, conflict: 0, rejected: 1, blobsUploaded: 4 });
    expect(result.problems).toEqual([expect.objectContaining({ id: unreadable.id, status: 'rejected', code: 'invalid' })]);
    expect(sent.every((push) => push.records <= limits.maxRecordsPerBatch && push.bytes <= limits.maxBytesPerRequest)).toBe(true);
    expect(Math.max(...sent.map((push) => push.records))).toBeLessThan(limits.maxRecordsPerBatch);
  });
});
