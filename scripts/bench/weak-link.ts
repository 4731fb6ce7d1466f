import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import { saveFinalised, type NewBlob } from '../../src/app/db/records';
import { runSync } from '../../src/app/sync/engine';
import type { FinalisedRecord } from '../../src/shared/records';
import { resetDeviceDatabase } from '../harness/device-reset';
import { seededRandom } from '../../src/server/demo/responses';
import { fullElderlyAnswers, responseRecord, signatureRecord, visitRecord } from '../harness/records';
import { startServerProcess } from '../harness/server-process';
import { startSlowLink, type LinkConditions } from '../harness/slow-link';
import { deviceApi, signIn, signatureBlob } from '../harness/sync-device';

/** One bar of signal: the emulated link. */
export const stairwell: LinkConditions = { kbitPerSecond: 400, roundTripMs: 300, loss: 0.02 };
const interviews = 20;
const photos = 5;
/** A signature PNG from the pad, and a photo after the app's compression (1600 px JPEG at 0.7). */
const signatureBytes = 12 * 1024;
const photoBytes = 300 * 1024;
/** The largest image the server takes, cut when 90% of it has reached the server. */
const cutImageBytes = 2 * 1024 * 1024;
const cutAtShare = 0.9;

/** A worker's day on the device: 20 signed interviews (visit, response, signature) and 5 photos. */
async function recordTheDay(author: { id: string; communityId: string }): Promise<{ records: FinalisedRecord[]; blobs: NewBlob[] }> {
  const records: FinalisedRecord[] = [];
  const blobs: NewBlob[] = [];
  for (let i = 0; i < interviews; i++) {
    const signature = signatureBlob(signatureBytes);
    const response = responseRecord(author, fullElderlyAnswers(i));
    records.push(visitRecord(author, { outcome: 'completed', responseId: response.id }), response, signatureRecord(author, response, signature.hash));
    blobs.push(signature);
  }
  for (let i = 0; i < photos; i++) blobs.push(signatureBlob(photoBytes));
  await saveFinalised(records, blobs);
  return { records, blobs };
}

/** One 2 MB image (and its two records) synced from a fresh device through a link of its own, whole or cut once at `cutAt` of the image: upward bytes. */
async function imageUpload(serverUrl: string, conditions: LinkConditions, cutAt?: number): Promise<{ upBytes: number; cuts: number; seconds: number }> {
  const link = await startSlowLink(Number(new URL(serverUrl).port), conditions, seededRandom(20261207));
  try {
    const { token, userId } = await signIn(serverUrl);
    await resetDeviceDatabase();
    const author = { id: userId, communityId: 'yijiangmen-c01' };
    const image = signatureBlob(cutImageBytes);
    const response = responseRecord(author, fullElderlyAnswers(0));
    await saveFinalised([response, signatureRecord(author, response, image.hash)], [image]);
    if (cutAt !== undefined) link.cutAfterUpBytes(Math.round(cutImageBytes * cutAt));
    const start = Date.now();
    const report = await runSync(deviceApi(link.url, token));
    if (report.blobsUploaded !== 1 || report.accepted !== 2) throw new Error(`the image did not go up: ${JSON.stringify(report)}`);
    return { upBytes: link.wire.upBytes, cuts: link.wire.cuts, seconds: (Date.now() - start) / 1000 };
  } finally {
    await link.close();
  }
}

/** What a cut at 90% of a 2 MB image costs on the uplink beside the same upload uncut (the rest continues from the bytes the server holds). */
async function cutImageBenchmark(conditions: LinkConditions) {
  const server = await startServerProcess();
  try {
    const whole = await imageUpload(server.url, conditions);
    const cut = await imageUpload(server.url, conditions, cutAtShare);
    if (cut.cuts !== 1) throw new Error('the link did not cut the upload');
    return {
      imageKb: cutImageBytes / 1024,
      cutAt: cutAtShare,
      upKb: { whole: Math.round(whole.upBytes / 1024), cut: Math.round(cut.upBytes / 1024) },
      seconds: { whole: Math.round(whole.seconds * 10) / 10, cut: Math.round(cut.seconds * 10) / 10 },
      extraBytesShare: Math.round((cut.upBytes / whole.upBytes - 1) * 1000) / 1000,
      target: { extraBytesShare: 0.1 },
    };
  } finally {
    await server.close();
  }
}

/** The day synced through the emulated link by the app's own engine: seconds and bytes on the wire; then a 2 MB image cut at 90%. */
export async function weakLinkBenchmark(conditions: LinkConditions = stairwell) {
  return { ...(await workersDay(conditions)), cutImage: await cutImageBenchmark(conditions) };
}

/** The day: 20 signed interviews and 5 photos, seconds and bytes on the wire. */
async function workersDay(conditions: LinkConditions) {
  const server = await startServerProcess();
  const link = await startSlowLink(Number(new URL(server.url).port), conditions, seededRandom(20261206));
  try {
    const { token, userId } = await signIn(server.url);
    await resetDeviceDatabase();
    const { records, blobs } = await recordTheDay({ id: userId, communityId: 'yijiangmen-c01' });
    // What has to cross at the least: the records compressed as they are sent, and the images' bytes.
    const payloadBytes = gzipSync(JSON.stringify(records)).length + blobs.reduce((sum, { blob }) => sum + blob.size, 0);
    const start = Date.now();
    const report = await runSync(deviceApi(link.url, token));
    const seconds = (Date.now() - start) / 1000;
    const wireBytes = link.wire.upBytes + link.wire.downBytes;
    return {
      link: conditions,
      day: { records: records.length, blobs: blobs.length, payloadKb: Math.round(payloadBytes / 1024) },
      accepted: report.accepted,
      blobsUploaded: report.blobsUploaded,
      seconds: Math.round(seconds * 10) / 10,
      wireKb: { up: Math.round(link.wire.upBytes / 1024), down: Math.round(link.wire.downBytes / 1024) },
      // Upward is what the day costs the phone's uplink; downward adds the answers and the pulled reference data.
      upToPayload: Math.round((link.wire.upBytes / payloadBytes) * 100) / 100,
      wireToPayload: Math.round((wireBytes / payloadBytes) * 100) / 100,
      connections: link.wire.connections,
      lostSegments: link.wire.lostSegments,
      targets: { seconds: 60, upToPayload: 1.1 },
    };
  } finally {
    await link.close();
    await server.close();
  }
}
