import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appDatabase } from '../../src/app/db/database';
import { saveFinalised, type NewBlob } from '../../src/app/db/records';
import { runSync } from '../../src/app/sync/engine';
import { sqliteFileName } from '../../src/server/db/database';
import { sha256Hex } from '../../src/shared/hashing';
import type { FinalisedRecord } from '../../src/shared/records';
import { seededRandom, startChaosProxy } from '../helpers/sync/chaos-proxy';
import { responseRecord, signatureRecord, visitRecord } from '../../scripts/harness/records';
import { startServerProcess, type ServerProcess } from '../../scripts/harness/server-process';
import { deviceApi, signIn, signatureBlob } from '../../scripts/harness/sync-device';

const recordCount = 10_000;
const blobCount = 1_000;
/** The test gives up (and fails) after this many sync runs or this long: it always stops by itself. */
const maxRuns = 2000;
const maxMs = 300_000;

let server: ServerProcess | undefined;
afterAll(() => server?.close());

/** 1,000 signed responses (response + signature + blob) and 8,000 visits: 10,000 records. */
async function fillDevice(userId: string): Promise<{ records: FinalisedRecord[]; blobs: NewBlob[] }> {
  const author = { id: userId, communityId: 'yijiangmen-c01' };
  const records: FinalisedRecord[] = [];
  const blobs: NewBlob[] = [];
  for (let i = 0; i < blobCount; i++) {
    const blob = signatureBlob(1500 + (i % 7) * 300);
    const response = responseRecord(author, { sat_pb_org_service: 'satisfied', concerns: ['other'], concerns_other: `第${i}户 ${'意见'.repeat(90)}` });
    records.push(response, signatureRecord(author, response, blob.hash));
    blobs.push(blob);
  }
  while (records.length < recordCount) records.push(visitRecord(author, { outcome: records.length % 2 ? 'nobody_home' : 'refused' }));
  for (let i = 0; i < records.length; i += 1000) {
    const part = records.slice(i, i + 1000);
    const hashes = new Set(part.flatMap((r) => (typeof r.data.blobHash === 'string' ? [r.data.blobHash] : [])));
    await saveFinalised(part, blobs.filter((b) => hashes.has(b.hash)));
  }
  return { records, blobs };
}

describe('sync through a faulty network and a crashing server', () => {
  it('ends with exactly the device’s 10,000 records and 1,000 blobs on the server, all marked synced', async () => {
    server = await startServerProcess();
    const running = server;
    const { token, userId } = await signIn(running.url);
    const { records, blobs } = await fillDevice(userId);

    // Kill the server (SIGKILL) while it handles the 5th and the 23rd push batch.
    let pushes = 0;
    let restarting: Promise<void> | undefined;
    const proxy = await startChaosProxy(() => running.url, { dropRequest: 0.05, dropResponse: 0.05, duplicate: 0.05 }, seededRandom(20260301), (method, path) => {
      if (method === 'POST' && path === '/api/sync/push' && [5, 23].includes(++pushes)) {
        restarting = new Promise((resolve) => setTimeout(resolve, 15)).then(() => running.restart());
      }
    });

    const api = deviceApi(proxy.url, token);
    const started = Date.now();
    let runs = 0;
    let finished = false;
    while (!finished && runs < maxRuns && Date.now() - started < maxMs) {
      runs += 1;
      try {
        await runSync(api);
        finished = (await appDatabase().records.where('syncState').equals('synced').count()) === recordCount;
      } catch {
        // A failed run is retried at once: this test is about outcomes, not the backoff timer.
        if (restarting) await restarting;
      }
    }
    await proxy.close();

    expect(finished).toBe(true);
    expect(proxy.counts.droppedRequests).toBeGreaterThan(0);
    expect(proxy.counts.droppedResponses).toBeGreaterThan(0);
    expect(proxy.counts.duplicated).toBeGreaterThan(0);
    expect(proxy.counts.upstreamFailures).toBeGreaterThan(0);

    const db = new Database(join(running.dataDir, sqliteFileName), { readonly: true });
    try {
      const stored = db.prepare('select id, hash from records').all() as Array<{ id: string; hash: string }>;
      expect(stored).toHaveLength(recordCount);
      const expected = new Map(records.map((r) => [r.id, r.hash]));
      expect(stored.every((row) => expected.get(row.id) === row.hash)).toBe(true);
      expect(new Set(stored.map((r) => r.id)).size).toBe(recordCount);
      expect(db.prepare('select count(*) as n from record_conflicts').get()).toEqual({ n: 0 });

      const storedBlobs = db.prepare('select hash, bytes from blobs').all() as Array<{ hash: string; bytes: Buffer }>;
      expect(storedBlobs).toHaveLength(blobCount);
      expect(storedBlobs.every((row) => sha256Hex(row.bytes) === row.hash)).toBe(true);
      expect(new Set(storedBlobs.map((b) => b.hash))).toEqual(new Set(blobs.map((b) => b.hash)));
    } finally {
      db.close();
    }
    expect(await appDatabase().records.where('syncState').equals('synced').count()).toBe(recordCount);
    expect(await appDatabase().blobs.where('uploadState').equals('uploaded').count()).toBe(blobCount);
  });
});
