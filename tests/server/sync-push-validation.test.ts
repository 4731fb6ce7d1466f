import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { finaliseRecord, recordHash, type FinalisedRecord, type RecordData } from '../../src/shared/records';
import { sha256Hex } from '../../src/shared/hashing';
import type { PushResult } from '../../src/shared/sync';
import { householdRecord, responseRecord, signatureRecord, visitRecord, type Author } from '../../scripts/harness/records';
import { loginAs, pushRecords, startTestApp, type TestServer } from '../helpers/server/server';

let server: TestServer;
afterEach(() => server.close());

async function signedIn(username = 'demo-worker') {
  const { body } = await loginAs(server.app, username);
  return { token: body.token, author: { id: body.user.id, communityId: 'yijiangmen-c01' } satisfies Author };
}

function push(token: string, records: unknown[], batchId = uuidv7()) {
  return pushRecords(server.app, token, records, batchId);
}

async function storedIds(): Promise<string[]> {
  return (await server.db.selectFrom('records').select('id').orderBy('id').execute()).map((r) => r.id);
}

/** A record rehashed after its data was changed, as a faulty or hostile client would send it. */
function rehashed(record: FinalisedRecord, data: Record<string, unknown>, id = record.id): FinalisedRecord {
  const unhashed = { id, kind: record.kind, schemaVersion: record.schemaVersion, data };
  return { ...unhashed, hash: recordHash(unhashed) };
}

describe('push: bounded work per request', () => {
  it('answers 413 for a batch above the published record limit before checking a single record', async () => {
    server = await startTestApp();
    const { token } = await signedIn();
    const { response } = await push(token, Array.from({ length: 5_000 }, () => ({})));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: { code: 'payload_too_large', message: 'A batch may hold at most 500 records, not 5000' } });
  });

  it('publishes the record limit in the request schema itself', async () => {
    server = await startTestApp();
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const body = doc.paths['/api/sync/push'].post.requestBody.content['application/json'].schema;
    expect(body.properties.records.maxItems).toBe(500);
    expect(body.properties.batchId.maxLength).toBe(100);
  });

  it('caps the issues reported for one record', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const base = responseRecord(author);
    const answers = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`not_an_item_${i}`, 'satisfied']));
    const record = rehashed(base, { ...base.data, answers });
    const { results } = await push(token, [record]);
    expect(results[0]!.status).toBe('rejected');
    expect(results[0]!.error).toContain('(and 30 more)');
    expect(results[0]!.error!.split('; ')).toHaveLength(11);
  });
});

describe('push: each envelope is checked on its own', () => {
  it('rejects a bad envelope with its reason and stores the good records of the batch', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const good = [visitRecord(author), visitRecord(author)];
    const unknownKind = { ...visitRecord(author), kind: 'gossip' };
    const badHash = { ...visitRecord(author), hash: 'not-a-hash' };
    const badId = { ...visitRecord(author), id: 'x'.repeat(150) };
    const noId = { kind: 'visit', schemaVersion: 1, hash: '0'.repeat(64), data: {} };
    const { response, results } = await push(token, [good[0], unknownKind, badHash, badId, noId, good[1]]);
    expect(response.statusCode).toBe(200);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted']);
    expect(results[1]).toMatchObject({ id: unknownKind.id, code: 'invalid', error: expect.stringMatching(/^kind: /) });
    expect(results[2]).toMatchObject({ id: badHash.id, code: 'invalid', error: expect.stringMatching(/^hash: /) });
    // An id that is not an id is echoed as given, cut to 100 characters; a missing one as "".
    expect(results[3]).toMatchObject({ id: 'x'.repeat(100), code: 'invalid', error: expect.stringMatching(/^id: /) });
    expect(results[4]).toMatchObject({ id: '', code: 'invalid', error: expect.stringMatching(/^id: /) });
    expect(await storedIds()).toEqual(good.map((r) => r.id).sort());
  });

  // Beyond the record bound (8) but within the request's (32): deeper bodies are refused whole at
  // parse time, and the device then splits the batch to isolate the record (tests/sync/engine.test.ts).
  it('rejects data nested beyond the bound per record, never failing the batch', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const good = visitRecord(author);
    const nested = { ...visitRecord(author), data: { ...visitRecord(author).data, notes: 'DEEP' } };
    const payload = JSON.stringify({ deviceId: 'device-a', batchId: 'deep', records: [nested, good] }).replace('"DEEP"', `${'['.repeat(20)}1${']'.repeat(20)}`);
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(200);
    const { results } = response.json() as { results: PushResult[] };
    expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
    expect(results[0]!.error).toContain('nests deeper than');
  });
});

describe('push: records that would corrupt the results are rejected', () => {
  it('refuses non-canonical ids: upper-case, nil and max UUIDs', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const lower = visitRecord(author);
    const upper = visitRecord(author, {}, lower.id.toUpperCase());
    const nil = visitRecord(author, {}, '00000000-0000-0000-0000-000000000000');
    const max = visitRecord(author, {}, 'ffffffff-ffff-ffff-ffff-ffffffffffff');
    const { results } = await push(token, [lower, upper, nil, max]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected']);
    expect(await storedIds()).toEqual([lower.id]);
  });

  it('refuses unknown data keys, impossible times and a record finalised before it was made', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const base = visitRecord(author);
    const extraKey = rehashed(base, { ...base.data, smuggled: 'x'.repeat(100_000) }, uuidv7());
    const year0 = rehashed(base, { ...base.data, createdAt: '0000-01-01T00:00:00Z' }, uuidv7());
    const year9999 = rehashed(base, { ...base.data, finalisedAt: '9999-12-31T00:00:00Z' }, uuidv7());
    const backwards = rehashed(base, { ...base.data, createdAt: '2026-03-02T10:00:00Z', finalisedAt: '2026-03-02T09:00:00Z' }, uuidv7());
    const { results } = await push(token, [base, extraKey, year0, year9999, backwards]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(results[1]!.error).toContain('smuggled');
    expect(results[2]!.error).toMatch(/^data\.createdAt: /);
    expect(results[3]!.error).toMatch(/^data\.finalisedAt: /);
    expect(results[4]!.error).toBe('data.finalisedAt: must not be before createdAt');
  });

  it('refuses a round that does not exist and answers the named questionnaire version does not have', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const good = responseRecord(author, { sat_pb_org_service: 'satisfied', concerns: ['other'], concerns_other: '楼道灯坏了' });
    const noRound = visitRecord(author, { roundId: '2031-H2' });
    const notAnItem = responseRecord(author, { favourite_colour: 'blue' });
    const notAnOption = responseRecord(author, { sat_pb_org_service: 'ecstatic' });
    const huge = responseRecord(author, { concerns: ['other'], concerns_other: '长'.repeat(3_000) });
    const unknownVersion = rehashed(good, { ...good.data, questionnaireVersion: 99 }, uuidv7());
    const wrongAudience = rehashed(good, { ...good.data, audience: 'adult' }, uuidv7());
    const { results } = await push(token, [good, noRound, notAnItem, notAnOption, huge, unknownVersion, wrongAudience]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(results[1]!.error).toBe('data.roundId: unknown round 2031-H2');
    expect(results[2]!.error).toBe('data.answers.favourite_colour: not an item of resident-elderly version 1');
    expect(results[3]!.error).toBe('data.answers.sat_pb_org_service: unknown_option');
    expect(results[4]!.error).toMatch(/^data\.answers\.concerns_other: /);
    expect(results[5]!.error).toBe('data.questionnaireId: no published questionnaire resident-elderly@99');
    expect(results[6]!.error).toMatch(/^data\.audience: /);
  });

  it('refuses signatures without image or reason, or for a record or hash that does not exist', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const signed = responseRecord(author);
    const declined = finaliseRecord('signature', uuidv7(), { ...(signatureRecord(author, signed, '0'.repeat(64)).data as RecordData<'signature'>), blobHash: undefined, declinedReason: '不愿签字' });
    const neither = rehashed(declined, { ...declined.data, declinedReason: undefined }, uuidv7());
    const unknownRecord = signatureRecord(author, visitRecord(author), '0'.repeat(64));
    const wrongHash = rehashed(declined, { ...declined.data, signedHash: 'a'.repeat(64) }, uuidv7());
    // The signature comes before the record it signs: the batch is taken as a whole.
    const { results } = await push(token, [declined, signed, neither, unknownRecord, wrongHash]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected', 'rejected', 'rejected']);
    expect(results[2]!.error).toContain('either an image');
    expect(results[3]).toMatchObject({ code: 'missing_record', error: expect.stringContaining('data.signedRecordId: no record') });
    expect(results[4]!.error).toBe('data.signedHash: does not match the signed record');
  });

  it('refuses a signature bound to an image another user uploaded, and takes the office importing a worker’s file', async () => {
    server = await startTestApp();
    const worker = await signedIn('demo-worker');
    const adviser = await signedIn('demo-adviser');
    const supervisor = await signedIn('demo-supervisor');
    const upload = async (token: string, bytes: Buffer) => {
      const hash = sha256Hex(bytes);
      const answer = await server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, payload: bytes });
      expect(answer.statusCode).toBe(201);
      return hash;
    };
    const othersImage = await upload(adviser.token, Buffer.from('the adviser’s attendee signature'));
    const signed = responseRecord(worker.author);
    const borrowed = signatureRecord(worker.author, signed, othersImage);
    const { results } = await push(worker.token, [signed, borrowed]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    expect(results[1]).toMatchObject({ code: 'invalid', error: 'data.blobHash: the image was uploaded by another user' });

    // An export file imported at the office: the supervisor uploads the worker's image and pushes its records.
    const imported = signatureRecord(worker.author, signed, await upload(supervisor.token, Buffer.from('the resident’s signature')));
    expect((await push(supervisor.token, [imported])).results[0]!.status).toBe('accepted');
  });

  it('takes the same photo from a second user who uploads its bytes too, and still not from one who never did', async () => {
    server = await startTestApp();
    const worker = await signedIn('demo-worker');
    const adviser = await signedIn('demo-adviser');
    const bytes = Buffer.from('the same photo, taken from the same web page by two users');
    const hash = sha256Hex(bytes);
    const put = (token: string) => server.app.inject({ method: 'PUT', url: `/api/blobs/${hash}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, payload: bytes });
    const read = (token: string) => server.app.inject({ method: 'GET', url: `/api/blobs/${hash}`, headers: { authorization: `Bearer ${token}` } });
    expect((await put(adviser.token)).statusCode).toBe(201);

    // Before the worker sends the bytes: neither referring to them nor reading them.
    const signed = responseRecord(worker.author);
    const early = signatureRecord(worker.author, signed, hash);
    expect((await push(worker.token, [signed, early])).results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    expect((await read(worker.token)).statusCode).toBe(404);

    // Sending them proves holding them: the worker is an uploader too.
    expect((await put(worker.token)).statusCode).toBe(200);
    expect(await server.db.selectFrom('blob_uploaders').select('user_id').where('hash', '=', hash).orderBy('user_id').execute()).toEqual(
      [{ user_id: adviser.author.id }, { user_id: worker.author.id }].sort((a, b) => a.user_id.localeCompare(b.user_id)),
    );
    const later = signatureRecord(worker.author, signed, hash);
    expect((await push(worker.token, [later])).results[0]!.status).toBe('accepted');
    expect((await read(worker.token)).statusCode).toBe(200);
  });

  it("rejects a version of another user's record id instead of keeping it as a conflict", async () => {
    server = await startTestApp();
    const worker = await signedIn('demo-worker');
    const supervisor = await signedIn('demo-supervisor');
    const original = visitRecord(worker.author);
    expect((await push(worker.token, [original])).results[0]!.status).toBe('accepted');
    const hijack = visitRecord({ id: supervisor.author.id, communityId: 'yijiangmen-c01' }, { outcome: 'refused' }, original.id);
    const ownEdit = visitRecord(worker.author, { outcome: 'moved' }, original.id);
    const { results } = await push(supervisor.token, [hijack, ownEdit]);
    expect(results[0]).toEqual({ id: original.id, status: 'rejected', code: 'invalid', error: "id: belongs to another user's record" });
    // The author's own second version is still a conflict kept for a supervisor.
    expect(results[1]!.status).toBe('conflict');
    const conflicts = await server.db.selectFrom('record_conflicts').select('hash').execute();
    expect(conflicts).toEqual([{ hash: ownEdit.hash }]);
  });
});

describe('push and sign-in: U+0000 is refused alike on SQLite and PostgreSQL', () => {
  it('rejects a record with U+0000 in a field and answers 400 for it in the batch id', async () => {
    server = await startTestApp();
    const { token, author } = await signedIn();
    const good = householdRecord(author);
    const withNull = householdRecord(author, { room: '10\u00001' });
    const { response, results } = await push(token, [withNull, good]);
    expect(response.statusCode).toBe(200);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
    expect(results[0]!.error).toBe('data.room: must not contain U+0000');
    const badBatch = await push(token, [good], 'batch\u0000');
    expect(badBatch.response.statusCode).toBe(400);
    expect(badBatch.response.json().error.code).toBe('invalid_request');
  });

  it('answers 400 to a login name or password with U+0000', async () => {
    server = await startTestApp();
    for (const payload of [{ username: 'demo-\u0000worker', password: 'demo1234' }, { username: 'demo-worker', password: 'demo\u00001234' }]) {
      const response = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
    }
  });
});
