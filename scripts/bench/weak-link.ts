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

/** The day synced through the emulated link by the app's own engine: seconds and bytes on the wire. */
export async function weakLinkBenchmark(conditions: LinkConditions = stairwell) {
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
