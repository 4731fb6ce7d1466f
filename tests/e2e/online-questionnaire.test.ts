import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { defaultOnlineLimits } from '../../src/server/routes/online';
import { roundScoresSchema } from '../../src/shared/rounds/api';
import { expectAccessible } from '../helpers/e2e/axe';
import { isWithinViewport, useChromiumAndServer, waitForServiceWorker } from '../helpers/e2e/setup';

const e2e = useChromiumAndServer();
const roundId = '2026-H1';
const communityId = 'yijiangmen-c01';
const link = `/q/${roundId}/${communityId}`;

async function signIn(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo1234' }) });
  return ((await response.json()) as { token: string }).token;
}

/** The community's online respondents as the office's scores count them. */
async function onlineCount(url: string, token: string): Promise<number> {
  const response = await fetch(`${url}/api/rounds/${roundId}/scores?level=community&subdistrictId=yijiangmen`, { headers: { authorization: `Bearer ${token}` } });
  const unit = roundScoresSchema.parse(await response.json()).units.find((candidate) => candidate.unitId === communityId)!;
  return unit.cells.filter((cell) => cell.channel === 'online').reduce((n, cell) => n + cell.n, 0);
}

/**
 * Picks the first choice of every question on the page (all on one page, as residents under 60 see
 * them), counting again after each answer: an answer may open a follow-up question.
 */
async function answerEveryQuestion(page: Page): Promise<void> {
  const questions = page.locator('fieldset.form-question');
  for (let i = 0; i < (await questions.count()); i++) {
    const first = questions.nth(i).locator('input[type="radio"]').first();
    if ((await first.count()) > 0) await first.check();
  }
}

/** A phone opening the link: its page at the audience choice, and the paths and submissions it sends. */
async function openLink(url: string) {
  const context = await e2e.newContext();
  const page = await context.newPage();
  const loaded: string[] = [];
  const submissions: string[] = [];
  page.on('request', (request) => {
    loaded.push(new URL(request.url()).pathname);
    if (request.method() === 'POST' && request.url().endsWith('/responses')) submissions.push(request.postData() ?? '');
  });
  await page.goto(`${url}${link}`);
  await page.getByRole('heading', { name: '请选择您的身份' }).waitFor();
  return { context, page, loaded, submissions };
}

/** The server refuses answers given faster than a person reads: wait as long as a resident would. */
async function waitAsAResidentWould(page: Page, startedAt: number): Promise<void> {
  await page.waitForTimeout(Math.max(0, defaultOnlineLimits.minimumAnsweringMs + 1000 - (Date.now() - startedAt)));
}

const distinctSubmissions = (bodies: string[]) => new Set(bodies.map((body) => (JSON.parse(body) as { submissionId: string }).submissionId)).size;

describe('the residents’ online questionnaire in Chromium on a phone', () => {
  it('scan, answer, lose the network before submitting, regain it: the answers reach the server once and count as online', async () => {
    const server = await e2e.startServer();
    const supervisor = await signIn(server.url, 'demo-supervisor');
    const before = await onlineCount(server.url, supervisor);

    const { context, page, submissions } = await openLink(server.url);
    expect(await isWithinViewport(page, '[data-audience="elderly"]')).toBe(true);
    await expectAccessible(page, 'the audience choice');

    const startedAt = Date.now();
    await page.getByRole('button', { name: /中青年居民/ }).click();
    await page.locator('.form-runner').waitFor();
    await answerEveryQuestion(page);
    await page.getByRole('button', { name: '完成，核对答案' }).click();
    await page.getByRole('button', { name: '提交' }).waitFor();
    await expectAccessible(page, 'the review before submitting');

    await waitAsAResidentWould(page, startedAt);
    await context.setOffline(true);
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: '答案已保存在手机上' }).waitFor();
    expect(await onlineCount(server.url, supervisor)).toBe(before);

    await context.setOffline(false);
    await page.getByRole('heading', { name: '提交成功，感谢您的参与！' }).waitFor({ timeout: 30_000 });
    expect(await onlineCount(server.url, supervisor)).toBe(before + 1);
    await expectAccessible(page, 'the thank-you page');

    // Reopening the link on the same phone shows the thanks again and sends nothing more.
    await page.reload();
    await page.getByRole('heading', { name: '提交成功，感谢您的参与！' }).waitFor();
    expect(distinctSubmissions(submissions)).toBe(1);
    expect(await onlineCount(server.url, supervisor)).toBe(before + 1);
  });

  it('reloads without network from its own service worker, answers kept, and sends them once when the network returns', async () => {
    const server = await e2e.startServer();
    const supervisor = await signIn(server.url, 'demo-supervisor');
    const before = await onlineCount(server.url, supervisor);

    const { context, page, loaded, submissions } = await openLink(server.url);
    await waitForServiceWorker(page);
    // The page's own worker, for /q/ only: not the field app's.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toBe(`${server.url}/q/`);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.url}/online-sw.js`);

    const startedAt = Date.now();
    await page.getByRole('button', { name: /中青年居民/ }).click();
    await page.locator('.form-runner').waitFor();
    await answerEveryQuestion(page);
    const firstChoice = page.locator('fieldset.form-question').first().locator('input[type="radio"]').first();
    expect(await firstChoice.isChecked()).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await page.locator('.form-runner').waitFor();
    expect(await firstChoice.isChecked()).toBe(true);
    // E2E_SCREENSHOTS=folder keeps a picture of the page as a phone without network shows it.
    if (process.env.E2E_SCREENSHOTS) {
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/online-offline-reload.png` });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/online-offline-reload-top.png` });
    }
    await expectAccessible(page, 'the questionnaire reloaded offline');

    await page.getByRole('button', { name: '完成，核对答案' }).click();
    await page.getByRole('button', { name: '提交' }).waitFor();
    await waitAsAResidentWould(page, startedAt);
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: '答案已保存在手机上' }).waitFor();
    expect(await onlineCount(server.url, supervisor)).toBe(before);

    await context.setOffline(false);
    await page.getByRole('heading', { name: '提交成功，感谢您的参与！' }).waitFor({ timeout: 30_000 });
    expect(await onlineCount(server.url, supervisor)).toBe(before + 1);
    expect(distinctSubmissions(submissions)).toBe(1);
    // Still the resident's page alone: none of the field app's or the office's code came with it.
    expect(loaded.filter((path) => path.startsWith('/assets/') && !path.startsWith('/assets/online-'))).toEqual([]);
  });

  it('says kindly that the round has closed', async () => {
    const server = await e2e.startServer();
    const supervisor = await signIn(server.url, 'demo-supervisor');
    const closed = await fetch(`${server.url}/api/rounds/${roundId}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'close' }),
    });
    expect(closed.status).toBe(200);
    const context = await e2e.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}${link}`);
    await page.getByRole('heading', { name: '本轮评价已经结束' }).waitFor();
    expect(await page.getByRole('button', { name: /中青年居民/ }).count()).toBe(0);
    await expectAccessible(page, 'the closed-round page');
  });
});
