import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/shared/hashing';
import { responseRecord, signatureRecord, visitRecord, type Author } from '../../scripts/harness/records';
import { loginAs, pushRecords, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

async function signedIn(username = 'demo-worker') {
  const { body } = await loginAs(server.app, username);
  return { token: body.token, author: { id: body.user.id, communityId: 'yijiangmen-c01' } satisfies Author };
}

function push(token: string, records: unknown[], batchId = 'batch-1') {
  return pushRecords(server.app, token, records, batchId);
}

async function storedRecords() {
  return server.db.selectFrom('records').select(['id', 'hash']).orderBy('id').execute();
}

describe('POST /api/sync/push', () => {
  it('accepts new records, then answers a resend with duplicate and stores each once', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const records = [visitRecord(author), responseRecord(author)];
    const first = await push(token, records);
    expect(first.response.statusCode).toBe(200);
    expect(first.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const again = await push(token, records, 'batch-1-resent');
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await storedRecords()).toEqual(records.map((r) => ({ id: r.id, hash: r.hash })).sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('keeps the first version of a record and stores a conflicting one beside it', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const original = visitRecord(author, { outcome: 'refused' });
    const edited = visitRecord(author, { outcome: 'moved' }, original.id);
    await push(token, [original]);
    const { results } = await push(token, [edited], 'batch-2');
    expect(results).toEqual([{ id: original.id, status: 'conflict', error: expect.stringContaining('both are kept') }]);
    expect(await storedRecords()).toEqual([{ id: original.id, hash: original.hash }]);
    const conflicts = await server.db.selectFrom('record_conflicts').select(['record_id', 'hash']).execute();
    expect(conflicts).toEqual([{ record_id: original.id, hash: edited.hash }]);
    await push(token, [edited], 'batch-3');
    expect(await server.db.selectFrom('record_conflicts').select('id').execute()).toHaveLength(1);
  });

  it('rejects invalid records with the field and reason, and stores the valid ones of the batch', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const good = visitRecord(author);
    const badOutcome = visitRecord(author, { outcome: 'asleep' as never });
    const tampered = { ...visitRecord(author), hash: '0'.repeat(64) };
    const otherCommunity = visitRecord({ ...author, communityId: 'xiaguan-c01' });
    const someoneElse = visitRecord({ ...author, id: 'another-user' });
    const { results } = await push(token, [good, badOutcome, tampered, otherCommunity, someoneElse]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(results[1]!.error).toMatch(/^data\.outcome: /);
    expect(results[2]!.error).toBe('hash: does not match the canonical JSON of the record');
    expect(results[3]!.error).toContain('outside your communities');
    expect(results[4]!.error).toContain('only records they made');
    expect(await storedRecords()).toEqual([{ id: good.id, hash: good.hash }]);
  });

  it('rejects a signature whose blob the server lacks, and accepts it once the blob is uploaded', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const response = responseRecord(author);
    const image = Buffer.from('fake png bytes of a signature');
    const hash = sha256Hex(image);
    const signature = signatureRecord(author, response, hash);

    const first = await push(token, [response, signature]);
    expect(first.results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    expect(first.results[1]).toMatchObject({ code: 'missing_blob', blobHash: hash, error: `missing blob ${hash}: upload it first` });

    const upload = await server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, payload: image });
    expect(upload.statusCode).toBe(201);
    const second = await push(token, [response, signature], 'batch-2');
    expect(second.results.map((r) => r.status)).toEqual(['duplicate', 'accepted']);
  });

  it('treats an id repeated inside one batch like a resend', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const record = visitRecord(author);
    const edited = visitRecord(author, { outcome: 'refused' }, record.id);
    const { results } = await push(token, [record, record, edited]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'duplicate', 'conflict']);
  });

  it('refuses batches over the published limits with 413 and stores nothing', async () => {
    server = await startTestApp({ syncLimits: { maxRecordsPerBatch: 2, maxBytesPerRequest: 64 * 1024, maxBlobBytes: 1024, maxPullLimit: 100 } });
    const { token, author } = await signedIn();
    const tooMany = await push(token, [visitRecord(author), visitRecord(author), visitRecord(author)]);
    expect(tooMany.response.statusCode).toBe(413);
    expect(tooMany.response.json()).toEqual({ error: { code: 'payload_too_large', message: 'A batch may hold at most 2 records, not 3' } });
    const tooBig = await push(token, [responseRecord(author, { concerns: ['other'], concerns_other: 'x'.repeat(70 * 1024) })]);
    expect(tooBig.response.statusCode).toBe(413);
    expect(tooBig.response.json().error.code).toBe('payload_too_large');
    expect(await storedRecords()).toEqual([]);

    const config = await server.app.inject({ method: 'GET', url: '/api/sync/config', headers: { authorization: `Bearer ${token}` } });
    expect(config.json()).toEqual({ maxRecordsPerBatch: 2, maxBytesPerRequest: 64 * 1024, maxBlobBytes: 1024, maxPullLimit: 100, requestEncodings: ['gzip'], resumableBlobUploads: true, heldBlobsCheck: true });
  });

  it('lets a supervisor import records made by a worker (the export file path)', async () => {
    server = await startTestApp();
    const worker = await signedIn('demo-worker');
    const supervisor = await signedIn('demo-supervisor');
    const record = visitRecord(worker.author);
    const { results } = await push(supervisor.token, [record]);
    expect(results).toEqual([{ id: record.id, status: 'accepted' }]);
    const row = await server.db.selectFrom('records').select(['author_id', 'pushed_by']).executeTakeFirstOrThrow();
    expect(row).toEqual({ author_id: worker.author.id, pushed_by: expect.not.stringMatching(worker.author.id) });
  });

  it('rejects a record of an unknown schema version with a clear message', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const record = visitRecord(author);
    const { results } = await push(token, [{ ...record, schemaVersion: 7 }]);
    expect(results[0]).toMatchObject({ status: 'rejected', error: expect.stringContaining('schemaVersion') });
  });
});

describe('the audit row of a push', () => {
  it('is written with the push, at the time of the injected clock', async () => {
    const at = new Date('2026-04-01T08:30:00.000Z');
    server = await startTestApp({ now: () => at });
    const { token, author } = await signedIn();
    const good = visitRecord(author);
    await push(token, [good, { ...visitRecord(author), hash: 'bad' }], 'batch-audited');
    const rows = await server.db.selectFrom('audit_log').select(['at', 'details']).where('action', '=', 'sync.push').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.at).toBe(at.toISOString());
    expect(JSON.parse(rows[0]!.details)).toEqual({ batchId: 'batch-audited', deviceId: 'device-a', accepted: 1, duplicate: 0, conflict: 0, rejected: 1 });
    const stored = await server.db.selectFrom('records').select('received_at').executeTakeFirstOrThrow();
    expect(stored.received_at).toBe(at.toISOString());
  });
});
