import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../../src/app/db/database';
import { expectAccessible } from '../helpers/e2e/axe';
import { useChromiumAndServer } from '../helpers/e2e/setup';
import { submitSignIn } from '../../scripts/harness/page';
import { finishSignedWorkUnitInterview, openHousehold, readDeviceStore, signInAsWorker, startWorkUnitInterview } from '../../scripts/harness/survey-browser';

const e2e = useChromiumAndServer();
const screenshots = 'reports/screenshots';
const v1Wording = '贵单位对社区党组织开展共驻共建、服务驻区单位是否满意？';
const v2Wording = '贵单位对社区党组织服务驻区单位的情况是否满意？';

/** Whether the device holds a pulled reference entry, read straight from IndexedDB. */
async function holdsReference(page: Page, kind: string, id: string): Promise<boolean> {
  return page.evaluate(
    async ({ kind, id }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('gulou-survey');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const found = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction('reference').objectStore('reference').get([kind, id]);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return found !== undefined;
    },
    { kind, id },
  );
}

describe('a questionnaire edited as version 2 in the office reaches the phones', () => {
  it('is published into the round; a draft on version 1 finishes on version 1 and a new interview uses version 2', async () => {
    mkdirSync(screenshots, { recursive: true });
    const server = await e2e.startServer();

    // The worker starts the work-unit questionnaire (version 1) and leaves it as a draft.
    const phone = await (await e2e.newContext()).newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await signInAsWorker(phone, server.url);
    await openHousehold(phone, '挹江门示例第01社区', '1栋1单元101室');
    await startWorkUnitInterview(phone);
    await phone.getByText(v1Wording).waitFor();
    await phone.getByRole('radio', { name: '满意', exact: true }).first().check();
    await expect.poll(async () => (await readDeviceStore(phone)).drafts.length, { timeout: 10_000 }).toBe(1);

    // The administrator edits it as version 2 at a 1280×800 screen and publishes it into 2026-H1.
    const office = await (await e2e.newContext()).newPage();
    await office.setViewportSize({ width: 1280, height: 800 });
    await office.goto(server.url);
    await submitSignIn(office, 'demo-admin', 'demo1234');
    await office.getByRole('link', { name: '管理问卷模板' }).click();
    await office.locator('[data-version="work-unit@1"]').getByRole('button', { name: '编辑为新版本' }).click();
    await office.getByRole('heading', { name: '编辑问卷：驻区单位满意度问卷 第 2 版' }).waitFor();
    await office.locator('#item-1-text-zh').fill(v2Wording);
    await office.locator('[data-preview]').getByText(v2Wording).waitFor();
    await office.screenshot({ path: `${screenshots}/questionnaire-editor-1280x800.png` });
    await expectAccessible(office, 'the questionnaire editor');
    await office.getByLabel('发布到轮次').selectOption('2026-H1');
    await office.getByRole('button', { name: '发布', exact: true }).click();
    await office.getByText('第 2 版已发布，2026年上半年起使用此版本。手机下次同步时收到。').waitFor();
    await office.getByRole('link', { name: '返回问卷列表' }).click();
    await office.locator('[data-version="work-unit@2"]').waitFor();
    expect(await office.locator('[data-version="work-unit@2"]').textContent()).toContain('已发布');
    await office.screenshot({ path: `${screenshots}/questionnaire-list-1280x800.png` });

    // The phone syncs when the app starts again (the worker leaves the questionnaire for the home page), and receives version 2.
    await phone.goto(server.url);
    await expect.poll(() => holdsReference(phone, 'questionnaire', 'work-unit@2'), { timeout: 30_000 }).toBe(true);

    // The draft resumes on version 1 and is finished on it.
    await openHousehold(phone, '挹江门示例第01社区', '1栋1单元101室');
    await phone.getByRole('link', { name: '继续未完成的问卷：驻区单位满意度问卷' }).click();
    await phone.getByText(v1Wording).waitFor();
    expect(await phone.getByText(v2Wording).count()).toBe(0);
    await finishSignedWorkUnitInterview(phone, '版本一的草稿');
    const finished = (await readDeviceStore(phone)).records.filter((record: StoredRecord) => record.kind === 'response');
    expect(finished.map((record) => [record.data.questionnaireId, record.data.questionnaireVersion])).toEqual([['work-unit', 1]]);

    // A new interview uses version 2.
    await openHousehold(phone, '挹江门示例第01社区', '1栋1单元201室');
    await startWorkUnitInterview(phone);
    await phone.getByText(v2Wording).waitFor();
    const drafts = (await readDeviceStore(phone)).drafts as unknown as Array<{ formId: string; formVersion: number }>;
    expect(drafts.map((draft) => [draft.formId, draft.formVersion])).toEqual([['work-unit', 2]]);
  });

  it('lets the office type in a paper questionnaire at 1280×800', async () => {
    mkdirSync(screenshots, { recursive: true });
    const server = await e2e.startServer();
    const office = await (await e2e.newContext()).newPage();
    await office.setViewportSize({ width: 1280, height: 800 });
    await office.goto(server.url);
    await submitSignIn(office, 'demo-supervisor', 'demo1234');
    await office.getByRole('link', { name: '录入纸质问卷' }).click();
    await office.locator('#paper-audience option[value="work_unit"]').waitFor({ state: 'attached', timeout: 30_000 });
    await office.locator('#paper-community').selectOption('yijiangmen-c01');
    await office.locator('#paper-audience').selectOption('work_unit');
    await office.getByRole('button', { name: '开始录入' }).click();
    await office.getByText(v1Wording).waitFor();
    // Keyboard only: the first answer has the focus; arrow keys choose within a question.
    await office.keyboard.press('ArrowDown');
    expect(await office.evaluate(() => (document.activeElement as HTMLInputElement | null)?.checked)).toBe(true);
    await office.screenshot({ path: `${screenshots}/paper-entry-1280x800.png` });
    await expectAccessible(office, 'paper entry');
  });
});
