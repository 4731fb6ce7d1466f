import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSync } from '../../src/app/sync/engine';
import { sqliteFileName } from '../../src/server/db/database';
import { seededRandom } from '../../src/server/demo/responses';
import { startLiveServer, type LiveServer } from '../../scripts/harness/live-server';
import { startSlowLink } from '../../scripts/harness/slow-link';
import { deviceApi, deviceRecordStates, recordSignedInterview, signIn } from '../../scripts/harness/sync-device';

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
});
