import { v7 as uuidv7 } from 'uuid';
import type { StoredDraft, StoredRecord } from '../../src/app/db/database';
import { sessionFormId, sessionRecord, type SessionSigner } from '../../src/shared/deliberation/session';
import { deliberationTopics } from '../../src/shared/deliberation/vocabulary';
import { sha256Hex } from '../../src/shared/hashing';
import { launchChromium } from '../harness/browser';
import { sessionContent } from '../harness/deliberation';
import { startLiveServer } from '../harness/live-server';
import { submitSignIn } from '../harness/page';
import { putBlobs, putRows } from '../harness/survey-browser';
import { timeNavigation } from './survey';

const finaliseTargetMs = 500;
const listTargetMs = 200;
const runs = 5;
const attendees = 20;
const photos = 5;
const listSessions = 1000;

const round1 = (n: number) => Math.round(n * 10) / 10;
const median = (values: readonly number[]) => round1([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

/** A draft frozen for signing with 20 attendees' and the host's signatures and 5 photos (~150 KB each), ready to finalise. */
function signedDraft(userId: string, communityId: string) {
  const at = new Date().toISOString();
  const id = uuidv7();
  const blobs: Array<{ hash: string; base64: string; type: string }> = [];
  const keep = (bytes: Buffer, type: string) => {
    const hash = sha256Hex(bytes);
    blobs.push({ hash, base64: bytes.toString('base64'), type });
    return hash;
  };
  const photoList = Array.from({ length: photos }, (_, n) => {
    const bytes = Buffer.alloc(150_000, `${id} photo ${n} `);
    return { blobHash: keep(bytes, 'image/jpeg'), mediaType: 'image/jpeg' as const, bytes: bytes.length };
  });
  const content = sessionContent({ photos: photoList });
  const frozen = sessionRecord(id, content, { communityId, hostAdviserId: userId }, { authorId: userId, deviceId: 'bench-device', createdAt: at, finalisedAt: at });
  const signers: SessionSigner[] = Array.from({ length: attendees + 1 }, (_, n) => ({
    signatureId: uuidv7(),
    signerRole: n === attendees ? 'host' : 'attendee',
    signerName: n === attendees ? undefined : `参会人${n + 1}`,
    blobHash: keep(Buffer.alloc(8_000, `${id} signature ${n} `), 'image/png'),
    signedAt: at,
  }));
  const draft: StoredDraft = { id, shape: 1, kind: 'deliberation', formId: sessionFormId, formVersion: 2, answers: content, position: 0, context: { communityId, stage: 'sign', frozen, signers }, createdAt: at, updatedAt: at };
  return { draft, blobs };
}

/** 1,000 finalised sessions over two years, as an adviser's device would hold them. */
function manySessions(userId: string, communityId: string): StoredRecord[] {
  const start = Date.parse('2025-01-01T02:00:00.000Z');
  return Array.from({ length: listSessions }, (_, n) => {
    const at = new Date(start + n * 17 * 3_600_000).toISOString();
    const record = sessionRecord(uuidv7(), sessionContent({ heldOn: at.slice(0, 10), topic: deliberationTopics[n % deliberationTopics.length]!, title: `议事 ${n + 1}` }), { communityId, hostAdviserId: userId }, {
      authorId: userId,
      deviceId: 'bench-device',
      createdAt: at,
      finalisedAt: at,
    });
    return { ...record, kind: 'deliberation', finalisedAt: at, syncState: n % 10 === 0 ? 'pending' : 'synced', origin: 'local' };
  });
}

/**
 * In Chromium against the built app, offline: finalising a session with 20 attendee signatures, the
 * host's and 5 photos (one IndexedDB write), and first paint of the adviser's list of 1,000 sessions.
 */
export async function deliberationBenchmarks() {
  const server = await startLiveServer();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await submitSignIn(page, 'demo-adviser', 'demo1234');
    await page.getByRole('heading', { name: '法律顾问工作台' }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await context.setOffline(true);
    const user = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('gulou-survey');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const session = await new Promise<{ user: { id: string; scope: { ids: string[] } } }>((resolve, reject) => {
        const request = db.transaction('sessions').objectStore('sessions').get('current');
        request.onsuccess = () => resolve(request.result as { user: { id: string; scope: { ids: string[] } } });
        request.onerror = () => reject(request.error);
      });
      db.close();
      return session.user;
    });
    const communityId = user.scope.ids[0]!;

    const finaliseTimes: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const { draft, blobs } = signedDraft(user.id, communityId);
      await putRows(page, 'drafts', [draft as unknown as Record<string, unknown>]);
      await putBlobs(page, blobs, 'draft');
      await page.goto(`${server.url}/deliberation/drafts/${draft.id}`);
      await page.getByRole('button', { name: '完成并保存' }).waitFor();
      finaliseTimes.push(await timeNavigation(page, '.finalise', '.deliberation-session .minutes'));
      await page.getByText('援法议事记录已保存').waitFor();
    }

    await putRows(page, 'records', manySessions(user.id, communityId));
    const listLink = 'a[href="/deliberation"]';
    // Cold: a freshly loaded app (its chunks from the service worker's cache, nothing read yet);
    // warm: back on the home page and in again, the list's store and chunks already in memory.
    const coldTimes: number[] = [];
    const warmTimes: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      await page.goto(server.url);
      await page.locator(listLink).waitFor();
      coldTimes.push(await timeNavigation(page, listLink, '.deliberation-sessions li.session'));
      await page.goBack();
      await page.locator(listLink).waitFor();
      warmTimes.push(await timeNavigation(page, listLink, '.deliberation-sessions li.session'));
    }
    const listTimes = [...coldTimes, ...warmTimes];
    await context.close();
    return {
      finaliseSession: {
        attendeeSignatures: attendees,
        hostSignature: 1,
        photos,
        coldMs: round1(finaliseTimes[0]!),
        medianMs: median(finaliseTimes),
        maxMs: round1(Math.max(...finaliseTimes)),
        conditions: 'offline; from the tap on 完成并保存 to the saved session painted (one IndexedDB transaction, then the session page)',
        targetMs: finaliseTargetMs,
        withinTarget: Math.max(...finaliseTimes) < finaliseTargetMs,
        runs: finaliseTimes.map(round1),
      },
      sessionList: {
        sessions: listSessions + runs,
        firstPaintColdMedianMs: median(coldTimes),
        firstPaintColdMaxMs: round1(Math.max(...coldTimes)),
        firstPaintWarmMedianMs: median(warmTimes),
        firstPaintWarmMaxMs: round1(Math.max(...warmTimes)),
        conditions: 'offline, from the home card link to the first session row painted; cold: the app freshly loaded, warm: the list visited before',
        targetMs: listTargetMs,
        withinTarget: Math.max(...listTimes) < listTargetMs,
        coldRuns: coldTimes.map(round1),
        warmRuns: warmTimes.map(round1),
      },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
