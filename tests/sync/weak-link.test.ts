import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveFinalised } from '../../src/app/db/records';
import { runSync } from '../../src/app/sync/engine';
import { sqliteFileName } from '../../src/server/db/database';
import { seededRandom } from '../../src/server/demo/responses';
import { startLiveServer, type LiveServer } from '../../scripts/harness/live-server';
import { startSlowLink } from '../../scripts/harness/slow-link';
import { responseRecord, signatureRecord } from '../../scripts/harness/records';
import { deviceApi, deviceRecordStates, recordSignedInterview, signIn, signatureBlob } from '../../scripts/harness/sync-device';

let server: LiveServer;
let link: Awaited<ReturnType<typeof startSlowLink>> | undefined;
afterEach(async () => {
  await link?.close();
  await server.close();
});

describe('a sync over a slow, lossy link', () => {
  it('delivers every record and image intact through lost and late segments, and leaves nothing pending', async () => {
    server = await startLiveServer({ app: false });
    // Faster than the bench's stairwell so that the test stays short; the losses are ten times as frequent.
    link = await startSlowLink(Number(new URL(server.url).port), { kbitPerSecond: 4_000, roundTripMs: 100, loss: 0.2 }, seededRandom(7));
    const { token, userId } = await signIn(server.url);
    const author = { id: userId, communityId: 'yijiangmen-c01' };
    const interviews: Array<Awaited<ReturnType<typeof recordSignedInterview>>> = [];
    for (let i = 0; i < 5; i++) interviews.push(await recordSignedInterview(author));

    const report = await runSync(deviceApi(link.url, token));

    expect(report).toMatchObject({ blobsUploaded: 5, accepted: 15, rejected: 0 });
    expect(await deviceRecordStates()).toEqual({ synced: 15 });
    expect(link.wire.lostSegments).toBeGreaterThan(0);
    const db = new Database(join(server.dataDir, sqliteFileName), { readonly: true });
    try {
      const records = db.prepare('select id, hash from records order by id').all();
      expect(records).toEqual(interviews.flatMap((i) => i.records).map((r) => ({ id: r.id, hash: r.hash })).sort((a, b) => a.id.localeCompare(b.id)));
      const blobs = db.prepare('select hash, size from blobs order by hash').all();
      expect(blobs).toEqual(interviews.map((i) => ({ hash: i.blob.hash, size: i.blob.blob.size })).sort((a, b) => a.hash.localeCompare(b.hash)));
    } finally {
      db.close();
    }
  });

  it('continues a 2 MB image cut at 90% from the bytes the server holds, and stores it whole', async () => {
    server = await startLiveServer({ app: false });
    link = await startSlowLink(Number(new URL(server.url).port), { kbitPerSecond: 40_000, roundTripMs: 20, loss: 0 }, seededRandom(22));
    const { token, userId } = await signIn(server.url);
    const author = { id: userId, communityId: 'yijiangmen-c01' };
    const image = signatureBlob(2 * 1024 * 1024);
    const response = responseRecord(author);
    await saveFinalised([response, signatureRecord(author, response, image.hash)], [image]);
    link.cutAfterUpBytes(Math.round(image.blob.size * 0.9));

    const report = await runSync(deviceApi(link.url, token));

    expect(report).toMatchObject({ blobsUploaded: 1, accepted: 2, rejected: 0 });
    expect(link.wire.cuts).toBe(1);
    // Sent again after the cut: only what was on its way when the signal went, not the 90% the server held.
    expect(link.wire.upBytes).toBeLessThan(image.blob.size * 1.1);
    const db = new Database(join(server.dataDir, sqliteFileName), { readonly: true });
    try {
      const stored = db.prepare('select hash, bytes from blobs').all() as Array<{ hash: string; bytes: Buffer }>;
      expect(stored.map(({ hash, bytes }) => ({ hash, sha256: createHash('sha256').update(bytes).digest('hex') }))).toEqual([{ hash: image.hash, sha256: image.hash }]);
      expect(db.prepare('select count(*) as n from blob_uploads').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
