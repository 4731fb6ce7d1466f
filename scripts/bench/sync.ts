import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { saveFinalised } from '../../src/app/db/records';
import { batchesInFlight, runSync } from '../../src/app/sync/engine';
import type { FinalisedRecord } from '../../src/shared/records';
import { defaultSyncLimits } from '../../src/shared/sync';
import { postgresFloorMs, sqliteFloorMs } from './push-floor';
import { withScratchDatabase } from './scratch-database';
import { resetDeviceDatabase } from '../harness/device-reset';
import { fullElderlyAnswers as answers, responseRecord, signatureRecord } from '../harness/records';
import { startServerProcess } from '../harness/server-process';
import { deviceApi, signIn, signatureBlob } from '../harness/sync-device';

const responseCount = 10_000;
const signatureCount = 1_000;
const warmUpBatches = 4;

function elapsed(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
}

/** The server in its own process, as deployed: the device's work and the server's do not share a thread. */
async function withServer<T>(env: Record<string, string>, work: (url: string) => Promise<T>): Promise<T> {
  const server = await startServerProcess(env);
  try {
    return await work(server.url);
  } finally {
    await server.close();
  }
}

/** Pushes, no-op sync and pull against one database, over HTTP on loopback; `floorMs` writes the same records' rows straight to a fresh one. */
async function measure(url: string, floorMs: (records: readonly FinalisedRecord[], batchSize: number) => Promise<number>) {
  const { token, userId } = await signIn(url);
  const api = deviceApi(url, token);
  const author = { id: userId, communityId: 'yijiangmen-c01' };
  const responses = Array.from({ length: responseCount }, (_, i) => responseRecord(author, answers(i)));
  const wireBytes = JSON.stringify(responses).length;
  // Warm-up: a few batches of other records, so the timing below is of steady-state code, not the JIT.
  for (let batch = 0; batch < warmUpBatches; batch++) {
    await api.push({ deviceId: 'bench', batchId: randomUUID(), records: Array.from({ length: defaultSyncLimits.maxRecordsPerBatch }, (_, i) => responseRecord(author, answers(i))) });
  }

  // 1. The 10,000 responses as the device sends them: batches of the published size, one transaction each.
  const cpuBefore = process.cpuUsage();
  // As the engine does: `batchesInFlight` batches on the way at once.
  let start = process.hrtime.bigint();
  let next = 0;
  async function pushBatches(): Promise<void> {
    while (next < responses.length) {
      const records = responses.slice(next, (next += defaultSyncLimits.maxRecordsPerBatch));
      const { results } = await api.push({ deviceId: 'bench', batchId: randomUUID(), records });
      if (results.some((r) => r.status !== 'accepted')) throw new Error('a benchmark record was not accepted');
    }
  }
  await Promise.all(Array.from({ length: batchesInFlight }, pushBatches));
  const pushMs = elapsed(start);
  const cpu = process.cpuUsage(cpuBefore);
  // The device's share of the work (this process), steady even on a busy machine.
  const clientCpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const floor = await floorMs(responses, defaultSyncLimits.maxRecordsPerBatch);

  // 2. 1,000 signatures through the real client engine: blobs (HEAD + PUT) first, then their records.
  await resetDeviceDatabase();
  const signed: FinalisedRecord[] = [];
  const blobs = Array.from({ length: signatureCount }, () => signatureBlob(6 * 1024));
  blobs.forEach((blob, i) => signed.push(signatureRecord(author, responses[i]!, blob.hash)));
  await saveFinalised(signed, blobs);
  start = process.hrtime.bigint();
  const signatureReport = await runSync(api);
  const signaturesMs = elapsed(start);

  // 3. A second sync with nothing to send or receive.
  start = process.hrtime.bigint();
  const noOp = await runSync(api);
  const noOpMs = elapsed(start);

  // 4. A new device of the same worker pulls the 11,000 changes (its records) plus its reference data.
  start = process.hrtime.bigint();
  let checkpoint = '0';
  let pulled = 0;
  for (;;) {
    const page = await api.pull(checkpoint, defaultSyncLimits.maxPullLimit);
    pulled += page.changes.length;
    checkpoint = page.checkpoint;
    if (!page.hasMore) break;
  }
  const pullMs = elapsed(start);

  return {
    push10kResponses: { records: responseCount, wireKb: Math.round(wireBytes / 1024), batchSize: defaultSyncLimits.maxRecordsPerBatch, batchesInFlight, ms: pushMs, clientCpuMs, recordsPerSecond: Math.round((responseCount / pushMs) * 1000), targetMs: 1000 },
    // The same rows written straight to the database, in the same batches: the push's distance from the disk.
    pushVsFloor: { pushMs, floorMs: floor, ratio: Math.round((pushMs / floor) * 10) / 10, targetRatio: 3 },
    signaturesThroughEngine: { blobs: signatureCount, records: signatureReport.accepted, ms: signaturesMs },
    noOpSync: { ms: noOpMs, sent: noOp.accepted, pulled: noOp.pulled },
    pullChanges: { changes: pulled, ms: pullMs, changesPerSecond: Math.round((pulled / pullMs) * 1000) },
  };
}

/**
 * The sync section of `npm run bench`. PostgreSQL is measured when BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) names a server where the bench may create (and drop) a scratch database.
 */
export async function syncBenchmarks() {
  const sqlite = await withServer({}, (url) => measure(url, sqliteFloorMs));
  const connectionString = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!connectionString) return { sqlite, postgres: { skipped: 'set BENCH_DATABASE_URL=postgres://… to measure PostgreSQL' } };
  const postgresFloor = (records: readonly FinalisedRecord[], batchSize: number) =>
    withScratchDatabase(connectionString, 'gulou_floor', (floorUrl) => postgresFloorMs(floorUrl, records, batchSize));
  return { sqlite, postgres: await withScratchDatabase(connectionString, 'gulou_bench', (url) => withServer({ DATABASE_URL: url }, (serverUrl) => measure(serverUrl, postgresFloor))) };
}
