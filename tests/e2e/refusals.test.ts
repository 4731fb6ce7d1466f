import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../../src/app/db/database';
import { expectAccessible } from '../helpers/e2e/axe';
import { useChromiumAndServer } from '../helpers/e2e/setup';
import { submitSignIn } from '../../scripts/harness/page';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { satisfactionScale } from '../../src/shared/questionnaire/scale';
import { fullElderlyAnswers, questionnaireResponse, visitRecord } from '../../scripts/harness/records';
import { putRows, readDeviceStore, signInAsWorker } from '../../scripts/harness/survey-browser';

const e2e = useChromiumAndServer();
const screenshots = 'reports/screenshots';

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage });
}

async function syncOnPhone(phone: Page, url: string): Promise<void> {
  await phone.goto(`${url}/sync`);
  await phone.getByRole('button', { name: '立即同步' }).click();
  await phone.getByRole('button', { name: '立即同步' }).and(phone.locator(':enabled')).waitFor();
}

async function newPage(context: BrowserContext, width: number, height: number): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  return page;
}

describe('a refused record dealt with by the office, in Chromium', () => {
  it('the worker’s phone shows the refusal; the supervisor dismisses it with a reason; the phone shows it handled once', async () => {
    const server = await e2e.startServer();
    const phone = await newPage(await e2e.newContext(), 390, 844);
    await signInAsWorker(phone, server.url);
    // A visit in a round the server does not know: finalised on the phone, refused by the push.
    const me = await (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-worker', password: 'demo1234' }) })).json();
    const record = visitRecord({ id: me.user.id, communityId: 'yijiangmen-c01' }, { roundId: '2030-H2' });
    const stored: StoredRecord = { ...record, kind: 'visit', finalisedAt: String(record.data.finalisedAt), syncState: 'pending', origin: 'local' };
    await putRows(phone, 'records', [stored]);
    await syncOnPhone(phone, server.url);
    await phone.getByRole('region', { name: '需要处理的记录' }).getByText('被退回').waitFor();

    // A response with an answer that is no option of its questionnaire, pushed by another of the worker's clients
    // (the elderly questionnaire has no number items).
    const failing = defaultQuestionnaires.find((q) => q.id === 'resident-elderly')!.items.find((item) => item.kind === 'satisfaction')!;
    const response = questionnaireResponse({ id: me.user.id, communityId: 'yijiangmen-c01' }, { ...(fullElderlyAnswers(1) as Record<string, string | string[] | boolean>), [failing.id]: 'bogus' });
    const pushed = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${me.token}` },
      body: JSON.stringify({ deviceId: 'tablet-2', batchId: 'b-response', records: [response] }),
    });
    expect((await pushed.json()).results[0].status).toBe('rejected');

    const office = await newPage(await e2e.newContext(), 1280, 800);
    await office.goto(`${server.url}/login`);
    await submitSignIn(office, 'demo-supervisor', 'demo1234');
    await office.getByRole('link', { name: '处理被退回的记录（2）' }).click();
    const row = office.locator(`tr[data-refusal]`, { hasText: '走访记录' });
    await row.waitFor();
    // The reason in words, not the server's field path (that stays behind 详情 for support).
    expect(await row.textContent()).toContain('记录内容不符合要求');
    await row.getByRole('button', { name: '走访记录' }).click();
    await office.locator('form.correction .field.failed').first().waitFor();
    await shoot(office, 'refusals-detail');
    await expectAccessible(office, 'the refused records page');
    await office.getByRole('button', { name: '驳回…' }).click();
    await office.getByLabel('驳回原因（必填，提交人的设备上会显示）').fill('2030年下半年不是测评轮次，已请网格员重新走访');
    await shoot(office, 'refusals-dismiss');
    await office.getByRole('button', { name: '确认驳回' }).click();
    await office.locator('.detail .decided', { hasText: '已驳回' }).waitFor();
    await shoot(office, 'refusals-decided');

    // The response: its answers corrected in the form engine, accepted as a new record.
    await office.locator('tr[data-refusal]', { hasText: '问卷' }).getByRole('button', { name: '问卷' }).click();
    const question = office.locator('form.correction fieldset', { hasText: failing.text.zh });
    await question.waitFor();
    // The whole questionnaire is long: the first screen is what the supervisor sees.
    await shoot(office, 'refusals-response-form', false);
    await question.getByRole('radio', { name: satisfactionScale[0]!.label.zh, exact: true }).check();
    await office.getByRole('button', { name: '完成，核对答案' }).click();
    await office.locator('.detail .decided', { hasText: '已接受更正' }).waitFor();

    await syncOnPhone(phone, server.url);
    await phone.goto(`${server.url}/sync`);
    const handled = phone.getByRole('region', { name: '办公室已处理' });
    await handled.getByText('办公室已驳回：2030年下半年不是测评轮次，已请网格员重新走访').waitFor();
    await expect(phone.getByRole('region', { name: '需要处理的记录' }).textContent()).resolves.toContain('没有被退回或冲突的记录。');
    await shoot(phone, 'sync-handled-by-office');
    await expectAccessible(phone, 'the sync page with a handled record');
    // The record stays on the phone, refused as it was.
    const { records } = await readDeviceStore(phone);
    expect(records.find((r) => r.id === record.id)).toMatchObject({ syncState: 'rejected', officeDecision: { decision: 'dismissed' } });
    // Shown once: the next visit to the sync page no longer lists it.
    await phone.goto(`${server.url}/sync`);
    await phone.getByRole('region', { name: '需要处理的记录' }).getByText('没有被退回或冲突的记录。').waitFor();
    expect(await handled.count()).toBe(0);
  });
});
