import { v7 as uuidv7 } from 'uuid';
import type { StoredDraft, StoredRecord } from '../../src/app/db/database';
import { sha256Hex } from '../../src/shared/hashing';
import { indicatorIds, questionnaireDefinitionSchema, type QuestionItem, type QuestionnaireDefinition } from '../../src/shared/questionnaire/definition';
import type { InterviewContext } from '../../src/shared/questionnaire/interview';
import { finaliseRecord, type FinalisedRecord, type RecordData } from '../../src/shared/records';
import { signatureData } from '../../src/shared/signature';
import { launchChromium } from '../harness/browser';
import { startLiveServer } from '../harness/live-server';
import { putBlobs, putRows } from '../harness/survey-browser';
import type { Page } from 'playwright-core';

const listTargetMs = 200;
const responseCount = 5000;
const openRuns = 5;
const answersTimed = 30;

const text = (zh: string, en: string) => ({ zh, en });

/** A 60-item questionnaire of every kind, with skip logic, as large as a long adult questionnaire gets. */
export function sixtyItemQuestionnaire(): QuestionnaireDefinition {
  const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: text(`选项${id}`, `Option ${id}`) }));
  const kinds: QuestionItem['kind'][] = ['satisfaction', 'satisfaction', 'satisfaction', 'yes_no', 'satisfaction', 'single_choice', 'satisfaction', 'multiple_choice', 'satisfaction', 'number', 'short_text', 'long_text'];
  const items = Array.from({ length: 60 }, (_, index): QuestionItem => {
    const id = `q${String(index + 1).padStart(2, '0')}`;
    const kind = kinds[index % kinds.length]!;
    const previous = `q${String(index).padStart(2, '0')}`;
    return {
      id,
      kind,
      text: text(`第${index + 1}题：您对这项服务满意吗？`, `Question ${index + 1}: are you satisfied with this service?`),
      indicatorId: indicatorIds[index % indicatorIds.length]!,
      evaluation: kind === 'long_text' ? 'negative' : 'positive',
      level: 'community',
      ...(kind === 'single_choice' || kind === 'multiple_choice' ? { options } : {}),
      ...(kind === 'number' ? { constraints: { min: 0, max: 100, integer: true } } : {}),
      ...(kind === 'multiple_choice' ? { constraints: { maxSelections: 2 } } : {}),
      // Every yes/no question opens the next one only on "yes": skip logic is evaluated on each change.
      ...(index > 0 && kinds[(index - 1) % kinds.length] === 'yes_no' ? { relevant: { op: 'equals' as const, item: previous, value: true } } : {}),
    };
  });
  return questionnaireDefinitionSchema.parse({ id: 'bench-sixty', version: 1, audience: 'adult', title: text('六十题测试问卷', 'Sixty-item test questionnaire'), items });
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]! * 10) / 10;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Clicks a link in the page and times until `ready` is in the DOM and the next frame has been painted. */
export async function timeNavigation(page: Page, link: string, ready: string): Promise<number> {
  return page.evaluate(
    ({ link, ready }) =>
      new Promise<number>((resolve, reject) => {
        const anchor = document.querySelector<HTMLElement>(link);
        if (!anchor) return reject(new Error(`no ${link} on the page`));
        const start = performance.now();
        // No named functions in here: tsx would wrap them in a helper the page does not have.
        const observer = new MutationObserver(() => {
          if (!document.querySelector(ready)) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
        });
        observer.observe(document.body, { childList: true, subtree: true });
        anchor.click();
      }),
    { link, ready },
  );
}

/** The home page with everything read, as a worker sees it before tapping on. */
async function homeSettled(page: Page, link: string): Promise<void> {
  await page.getByRole('heading', { name: '网格员工作台' }).waitFor();
  await page.locator(link).waitFor();
  await page.getByText(/今天已走访/).waitFor();
}

async function backHome(page: Page, link: string): Promise<void> {
  await page.goBack();
  await homeSettled(page, link);
}

/** 5,000 finalised responses, each with its signature record and image, as the worker's device would hold them. */
function responsesWithSignatures(authorId: string) {
  const records: StoredRecord[] = [];
  const blobs: Array<{ hash: string; base64: string }> = [];
  const start = Date.parse('2026-03-01T08:00:00.000Z');
  for (let n = 0; n < responseCount; n += 1) {
    const at = new Date(start + n * 60_000).toISOString();
    const common = { authorId, deviceId: 'bench-device', createdAt: at, finalisedAt: at };
    const data: RecordData<'response'> = {
      ...common,
      questionnaireId: 'resident-elderly',
      questionnaireVersion: 1,
      audience: n % 3 === 0 ? 'elderly' : 'adult',
      communityId: n % 2 ? 'yijiangmen-c01' : 'yijiangmen-c02',
      roundId: '2026-H1',
      channel: 'field',
      answers: Object.fromEntries(indicatorIds.map((id, i) => [`sat_${id}`, (n + i) % 5 ? 'satisfied' : 'fair'])),
    };
    const response = finaliseRecord('response', uuidv7(), data);
    const image = Buffer.from(`PNG signature ${n} `.repeat(40));
    const blobHash = sha256Hex(image);
    const signature = finaliseRecord(
      'signature',
      uuidv7(),
      signatureData({ signed: response, signedAt: at, signerRole: 'resident', communityId: data.communityId, blobHash, ...common }),
    );
    const stored = (record: FinalisedRecord): StoredRecord => ({ ...record, kind: record.kind, finalisedAt: at, syncState: 'pending', origin: 'local' });
    records.push(stored(response), stored(signature));
    blobs.push({ hash: blobHash, base64: image.toString('base64') });
  }
  return { records, blobs };
}

/**
 * In Chromium against the built app and the real server: opening a 60-item questionnaire,
 * answer-save latency, and first paint of the worker's list of 5,000 signed responses.
 */
export async function surveyBenchmarks() {
  const server = await startLiveServer();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('用户名').fill('demo-worker');
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '网格员工作台' }).waitFor();
    await page.getByRole('link', { name: /入户登记/ }).first().waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    // Measured offline, as in a stairwell: no sync traffic competes with the pages for IndexedDB.
    await context.setOffline(true);
    const userId = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('gulou-survey');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const session = await new Promise<{ user: { id: string } }>((resolve, reject) => {
        const request = db.transaction('sessions').objectStore('sessions').get('current');
        request.onsuccess = () => resolve(request.result as { user: { id: string } });
        request.onerror = () => reject(request.error);
      });
      db.close();
      return session.user.id;
    });

    // A draft of the 60-item questionnaire, all on one page (elderly mode off).
    const definition = sixtyItemQuestionnaire();
    const context60: InterviewContext = {
      householdId: uuidv7(),
      address: { building: '9', unit: '1', room: '101' },
      communityId: 'yijiangmen-c01',
      subdistrictId: 'yijiangmen',
      roundId: '2026-H1',
      consentAt: new Date().toISOString(),
      stage: 'questions',
      elderlyMode: false,
      definition,
    };
    const now = new Date().toISOString();
    const draft: StoredDraft = { id: uuidv7(), shape: 1, kind: 'response', formId: definition.id, formVersion: 1, answers: {}, position: 0, context: context60, createdAt: now, updatedAt: now };
    await putRows(page, 'drafts', [draft as unknown as Record<string, unknown>]);
    await page.reload();
    const draftLink = `a[href="/survey/drafts/${draft.id}"]`;
    await homeSettled(page, draftLink);

    const openTimes: number[] = [];
    for (let run = 0; run < openRuns; run += 1) {
      openTimes.push(await timeNavigation(page, draftLink, '[data-item="q60"]'));
      if (run < openRuns - 1) await backHome(page, draftLink);
    }

    // Answer-save latency: every answer is on disk at most 400 ms later by design; the write itself is timed too.
    await page.evaluate(() => performance.clearMeasures());
    const radios = page.locator('.form-question input[type="radio"][value="satisfied"], .form-question input[type="radio"][value="yes"]');
    const answerable = Math.min(answersTimed, await radios.count());
    for (let n = 0; n < answerable; n += 1) {
      await radios.nth(n).check();
      await page.waitForFunction((expected) => performance.getEntriesByName('survey:draft:durable').length >= expected, n + 1);
    }
    const measures = await page.evaluate(() => ({
      write: performance.getEntriesByName('survey:draft:write').map((entry) => entry.duration),
      durable: performance.getEntriesByName('survey:draft:durable').map((entry) => entry.duration),
    }));
    await backHome(page, draftLink);

    // 5,000 signed responses on the device, then the worker opens the list.
    const { records, blobs } = responsesWithSignatures(userId);
    for (let offset = 0; offset < records.length; offset += 1000) await putRows(page, 'records', records.slice(offset, offset + 1000));
    for (let offset = 0; offset < blobs.length; offset += 1000) await putBlobs(page, blobs.slice(offset, offset + 1000));
    await page.reload();
    const listLink = 'a[href="/survey/responses"]';
    await homeSettled(page, listLink);
    const listTimes: number[] = [];
    for (let run = 0; run < openRuns; run += 1) {
      listTimes.push(await timeNavigation(page, listLink, '[data-response-row]'));
      if (run === 0) {
        const rows = await page.locator('[data-response-row]').count();
        const signed = await page.locator('[data-response-row]', { hasText: '已签名' }).count();
        if (rows === 0 || signed !== rows) throw new Error(`list shows ${rows} rows, ${signed} signed`);
      }
      if (run < openRuns - 1) await backHome(page, listLink);
    }
    const rowsShown = await page.locator('[data-response-row]').count();
    await context.close();

    const warmList = listTimes.slice(1);
    return {
      questionnaireOpen: {
        items: definition.items.length,
        coldMs: round1(openTimes[0]!),
        warmMedianMs: percentile(openTimes.slice(1), 0.5),
        runs: openTimes.map(round1),
      },
      answerSave: {
        answers: measures.write.length,
        writeMs: { p50: percentile(measures.write, 0.5), p95: percentile(measures.write, 0.95) },
        answerToDiskMs: { p50: percentile(measures.durable, 0.5), p95: percentile(measures.durable, 0.95) },
        note: 'offline; answerToDiskMs includes the autosave delay (at most 400 ms after the first unsaved change); writeMs is the IndexedDB write of the draft',
      },
      responseList: {
        responses: responseCount,
        signatures: responseCount,
        rowsInFirstPage: rowsShown,
        firstPaintColdMs: round1(listTimes[0]!),
        firstPaintWarmMedianMs: percentile(warmList, 0.5),
        firstPaintMaxMs: round1(Math.max(...listTimes)),
        conditions: 'offline, 50 rows per page, newest first',
        targetMs: listTargetMs,
        withinTarget: Math.max(...listTimes) < listTargetMs,
        runs: listTimes.map(round1),
      },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
