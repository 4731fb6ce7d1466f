import { v7 as uuidv7 } from 'uuid';
import type { FinalisedRecord } from '../../shared/records';
import { maxHashesPerHeldCheck, type PushResponse, type SyncLimits } from '../../shared/sync';
import { ApiError } from '../api/http';
import type { CodedError } from '../errors/codes';
import type { SyncApi } from '../api/sync';
import { deviceId } from '../db/device';
import { applyPushResults, countPendingRecords, markBlobs, pendingBlobs, pendingRecords, toWire } from '../db/outbox';
import { applyPulledChanges, pullCheckpoint } from '../db/pulled';
import { currentDeviceReport } from './device-report';

export interface SyncProgress {
  phase: 'blobs' | 'records' | 'pull';
  done: number;
  total: number;
}

export interface SyncReport {
  blobsUploaded: number;
  accepted: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  pulled: number;
}

/** Some records could not go yet (their blob is still missing on the server): try again later. */
export class SyncIncompleteError extends Error implements CodedError {
  readonly code = 'waiting_for_blobs';
  constructor(readonly waiting: number) {
    super(`${waiting} records wait for their blobs to reach the server`);
    this.name = 'SyncIncompleteError';
  }
}

const requestOverheadBytes = 1024;
const attemptsPerRequest = 3;

function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504);
}

/**
 * Every sync request is idempotent (HEAD, held check, PUT by hash, push by id, pull by checkpoint), so a lost
 * connection is retried a couple of times at once before the whole run gives up to the backoff.
 */
async function withRetries<T>(request: () => Promise<T>, pauseMs = 100): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= attemptsPerRequest || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs * attempt));
    }
  }
}

/** The API with transient failures retried per request: the device's sync and the office import alike. */
export function retrying(api: SyncApi): SyncApi {
  return {
    config: () => withRetries(() => api.config()),
    hasBlob: (hash) => withRetries(() => api.hasBlob(hash)),
    ...(api.heldBlobs ? { heldBlobs: (hashes) => withRetries(() => api.heldBlobs!(hashes)) } : {}),
    putBlob: (hash, blob, heldBytes) => {
      // What the server held is known only before the first attempt: a retry after a cut asks again.
      let known = heldBytes;
      return withRetries(() => {
        const held = known;
        known = undefined;
        return api.putBlob(hash, blob, held);
      });
    },
    push: (request) => withRetries(() => api.push(request)),
    pull: (checkpoint, limit) => withRetries(() => api.pull(checkpoint, limit)),
    reachable: () => api.reachable(),
    ...(api.reportDevice ? { reportDevice: (report) => withRetries(() => api.reportDevice!(report)) } : {}),
  };
}
const encoder = new TextEncoder();

/** A few uploads at once hide the round-trip time of a slow mobile network. */
const parallelUploads = 4;
/**
 * Two record batches in flight: the device prepares and sends the next while the server stores
 * the last. Batches hold disjoint records and every push is idempotent, so order does not matter.
 */
export const batchesInFlight = 2;

/** What the server holds of a blob: all of it, or so many bytes of an upload in progress (0: none). */
type Holding = 'whole' | number;

/**
 * What the server holds of each blob, asked in one request per list (a round trip per blob is
 * what a weak signal cannot afford); undefined when the server answers only blob by blob.
 */
async function holdingsOf(api: SyncApi, blobs: readonly { hash: string; blob: Blob }[]): Promise<Map<string, Holding> | undefined> {
  if (!api.heldBlobs || blobs.length === 0) return undefined;
  const holdings = new Map<string, Holding>(blobs.map((blob) => [blob.hash, 0]));
  const sizes = new Map(blobs.map((blob) => [blob.hash, blob.blob.size]));
  for (let start = 0; start < blobs.length; start += maxHashesPerHeldCheck) {
    const answer = await api.heldBlobs(blobs.slice(start, start + maxHashesPerHeldCheck).map((blob) => blob.hash));
    if (!answer) return undefined;
    for (const hash of answer.held) if (holdings.has(hash)) holdings.set(hash, 'whole');
    // An upload of another length is not this blob's: it starts again from 0.
    for (const upload of answer.uploads) if (sizes.get(upload.hash) === upload.length) holdings.set(upload.hash, upload.offset);
  }
  return holdings;
}

async function uploadBlob(api: SyncApi, blob: { hash: string; blob: Blob }, holding: Holding | undefined): Promise<void> {
  if (holding === 'whole') return;
  // Asked first when not known: after a lost response the server may already have it, and a signature is not small.
  if (holding === undefined && (await api.hasBlob(blob.hash))) return;
  await api.putBlob(blob.hash, blob.blob, holding);
}

async function uploadBlobs(api: SyncApi, onProgress: (p: SyncProgress) => void): Promise<number> {
  const blobs = await pendingBlobs();
  const holdings = await holdingsOf(api, blobs);
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < blobs.length) {
      const blob = blobs[next++]!;
      await uploadBlob(api, blob, holdings?.get(blob.hash));
      await markBlobs([blob.hash], 'uploaded');
      onProgress({ phase: 'blobs', done: ++done, total: blobs.length });
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallelUploads, blobs.length) }, worker));
  return blobs.length;
}

/** The longest run of `records`, from the first, within the server's limits on records and bytes. */
export function batchWithinLimits(records: readonly FinalisedRecord[], limits: SyncLimits): FinalisedRecord[] {
  const budget = limits.maxBytesPerRequest - requestOverheadBytes;
  const batch: FinalisedRecord[] = [];
  let bytes = 0;
  for (const record of records.slice(0, limits.maxRecordsPerBatch)) {
    const size = encoder.encode(JSON.stringify(record)).length + 1;
    if (batch.length > 0 && bytes + size > budget) break;
    batch.push(record);
    bytes += size;
  }
  return batch;
}

/** The next batch of the outbox within the server's limits. */
async function nextBatch(limits: SyncLimits, excluding: ReadonlySet<string>): Promise<FinalisedRecord[]> {
  return batchWithinLimits((await pendingRecords(excluding, limits.maxRecordsPerBatch)).map(toWire), limits);
}

/**
 * Pushes one batch. If the server refuses the batch as a whole (400: a record it cannot even
 * read), the batch is halved until the culprits are alone; each comes back `rejected` with code
 * `invalid` and the server's message, and every other record goes through. Retrying the batch
 * unchanged would block the outbox for good.
 */
export async function pushIsolatingRefusals(api: SyncApi, deviceId: string, records: readonly FinalisedRecord[]): Promise<PushResponse> {
  try {
    return await api.push({ deviceId, batchId: uuidv7(), records: [...records] });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    if (records.length === 1) return { results: [{ id: records[0]!.id, status: 'rejected', code: 'invalid', error: error.message }], serverTime: new Date().toISOString() };
    const half = Math.ceil(records.length / 2);
    const first = await pushIsolatingRefusals(api, deviceId, records.slice(0, half));
    const second = await pushIsolatingRefusals(api, deviceId, records.slice(half));
    return { results: [...first.results, ...second.results], serverTime: second.serverTime };
  }
}

/**
 * One sync: blobs first, then records in batches, then pull until the server has nothing more.
 * Every step is idempotent on the server, so an interrupted run is simply run again. No fetch
 * happens inside an IndexedDB transaction: reads, then the request, then one write of the answers.
 */
export async function runSync(unreliableApi: SyncApi, onProgress: (p: SyncProgress) => void = () => undefined): Promise<SyncReport> {
  const api = retrying(unreliableApi);
  const report: SyncReport = { blobsUploaded: 0, accepted: 0, duplicate: 0, conflict: 0, rejected: 0, pulled: 0 };
  const limits = await api.config();
  report.blobsUploaded = await uploadBlobs(api, onProgress);

  const device = await deviceId();
  const waitingForBlobs = new Set<string>();
  const inFlight = new Set<string>();
  const toSend = await countPendingRecords();
  let sent = 0;
  // Choosing a batch and marking it in flight happen one caller at a time, so no record goes twice.
  let choosing: Promise<unknown> = Promise.resolve();
  const takeBatch = () => {
    const taken = choosing.then(async () => {
      const batch = await nextBatch(limits, new Set([...waitingForBlobs, ...inFlight]));
      batch.forEach((record) => inFlight.add(record.id));
      return batch;
    });
    choosing = taken;
    return taken;
  };
  async function pushBatches(): Promise<void> {
    for (let batch = await takeBatch(); batch.length > 0; batch = await takeBatch()) {
      try {
        const { results, serverTime } = await pushIsolatingRefusals(api, device, batch);
        const { retryLater } = await applyPushResults(results, serverTime);
        retryLater.forEach((id) => waitingForBlobs.add(id));
        for (const result of results) if (!retryLater.includes(result.id)) report[result.status] += 1;
      } finally {
        batch.forEach((record) => inFlight.delete(record.id));
      }
      sent += batch.length;
      onProgress({ phase: 'records', done: sent, total: Math.max(toSend, sent) });
    }
  }
  await Promise.all(Array.from({ length: batchesInFlight }, pushBatches));

  let checkpoint = await pullCheckpoint();
  for (;;) {
    const page = await api.pull(checkpoint, limits.maxPullLimit);
    await applyPulledChanges(page.changes, page.checkpoint);
    report.pulled += page.changes.length;
    checkpoint = page.checkpoint;
    onProgress({ phase: 'pull', done: report.pulled, total: report.pulled + (page.hasMore ? limits.maxPullLimit : 0) });
    if (!page.hasMore) break;
  }

  // The office's fleet view is a courtesy: a server without it, or a lost answer, never fails the sync.
  if (api.reportDevice) await api.reportDevice(await currentDeviceReport()).catch(() => undefined);
  if (waitingForBlobs.size > 0) throw new SyncIncompleteError(waitingForBlobs.size);
  return report;
}
