import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isWithinViewport, useChromiumAndServer } from '../helpers/e2e/setup';
import { signInAsWorker } from '../../scripts/harness/survey-browser';
import { defaultOnlineLimits } from '../../src/server/routes/online';

const e2e = useChromiumAndServer();
const textSizes = 3;

/**
 * Where the current question's prompt and options lie against the docked 上一题/下一题, and how far the
 * page reaches past the screen's right edge, as drawn after two frames.
 */
async function layout(page: Page) {
  return page.locator('.form-runner.large').evaluate(
    (runner) =>
      new Promise<{ fontSize: number; promptTop: number; optionsBottom: number; dockTop: number; sideways: number }>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const question = runner.querySelector('fieldset.form-question')!;
            const options = [...question.querySelectorAll('.option')].map((option) => option.getBoundingClientRect().bottom);
            resolve({
              fontSize: Number.parseFloat(getComputedStyle(runner).fontSize),
              promptTop: question.querySelector('legend')!.getBoundingClientRect().top,
              optionsBottom: Math.max(...options),
              dockTop: runner.querySelector('.steps.docked')!.getBoundingClientRect().top,
              sideways: document.documentElement.scrollWidth - window.innerWidth,
            });
          }),
        ),
      ),
  );
}

/**
 * Walks the questionnaire in elderly mode, and at each satisfaction question tries every text size
 * from the smallest up: the prompt and all six options must be on screen above the dock, and the
 * page must not scroll sideways.
 * Returns how many satisfaction questions were checked, and at which screens one did not fit.
 */
async function checkEverySatisfactionQuestion(page: Page, shots: string) {
  const misfits: string[] = [];
  let checked = 0;
  for (let screen = 1; screen <= 25; screen += 1) {
    const satisfaction = (await page.getByRole('radio', { name: '满意', exact: true }).count()) > 0;
    if (satisfaction) {
      while (await page.getByRole('button', { name: /A−/ }).isEnabled()) await page.getByRole('button', { name: /A−/ }).click();
      const sizes: number[] = [];
      for (let size = 0; size < textSizes; size += 1) {
        if (size > 0) await page.getByRole('button', { name: /A\+/ }).click();
        const drawn = await layout(page);
        sizes.push(drawn.fontSize);
        expect(await page.locator('.form-runner .option').count()).toBe(6);
        if (drawn.promptTop < 0 || drawn.optionsBottom > drawn.dockTop) misfits.push(`screen ${screen} at ${drawn.fontSize}px: prompt ${drawn.promptTop}, options end ${drawn.optionsBottom}, dock ${drawn.dockTop}`);
        if (drawn.sideways > 0) misfits.push(`screen ${screen} at ${drawn.fontSize}px: the page scrolls ${drawn.sideways}px sideways`);
        if (screen === 2) await page.screenshot({ path: `/tmp/field-shots/${shots}-size${size}.png` });
      }
      // Three distinct sizes were offered and tried, the largest last.
      expect(new Set(sizes).size).toBe(textSizes);
      expect(await page.getByRole('button', { name: /A\+/ }).isEnabled()).toBe(false);
      checked += 1;
      await page.getByRole('radio', { name: '满意', exact: true }).check();
    } else if ((await page.getByRole('radio', { name: '是', exact: true }).count()) > 0) {
      await page.getByRole('radio', { name: '是', exact: true }).check();
    } else break;
    await page.getByRole('button', { name: '下一题' }).click();
    await page.getByText(`第 ${screen + 1} 题`).waitFor();
  }
  return { checked, misfits };
}

/** A fresh server and phone: the demo worker opens the elderly questionnaire at a door of 挹江门示例第01社区, on its first question. */
async function startElderlyInterview(): Promise<Page> {
  const server = await e2e.startServer();
  const page = await (await e2e.newContext()).newPage();
  await signInAsWorker(page, server.url);
  await page.locator('.community', { hasText: '挹江门示例第01社区' }).getByRole('link', { name: /入户登记/ }).click();
  await page.getByRole('link', { name: '走访 1栋1单元201室' }).click();
  await page.getByRole('button', { name: '开门了，开始问卷' }).click();
  await page.getByRole('checkbox', { name: '受访者已知情并同意参加' }).check();
  await page.getByRole('radio', { name: /老年居民/ }).check();
  await page.getByRole('button', { name: '开始答题' }).click();
  await page.getByText('第 1 题，共 18 题').waitFor();
  return page;
}

describe('elderly mode on a 390×844 phone', () => {
  it('the worker’s interview: every satisfaction question and its six options fit above the dock at every text size', async () => {
    const page = await startElderlyInterview();

    const { checked, misfits } = await checkEverySatisfactionQuestion(page, 'elderly-interview');
    expect(misfits).toEqual([]);
    expect(checked).toBe(17);
  });

  it('the worker’s interview: 已自动保存 appearing does not move the question', async () => {
    const page = await startElderlyInterview();
    const questionTop = () => page.locator('fieldset.form-question legend').evaluate((legend) => legend.getBoundingClientRect().top + window.scrollY);
    expect(await page.locator('.save-state').textContent()).toBe('');
    const before = await questionTop();
    await page.getByRole('radio', { name: '满意', exact: true }).check();
    await page.locator('.save-state', { hasText: '已自动保存' }).waitFor();
    expect(await questionTop()).toBe(before);
  });

  it('the resident’s online page in elderly mode: the same at every text size', async () => {
    const server = await e2e.startServer();
    const page = await (await e2e.newContext()).newPage();
    await page.goto(`${server.url}/q/2026-H1/yijiangmen-c01`);
    await page.getByRole('button', { name: /老年居民/ }).click();
    await page.locator('.form-runner').waitFor();
    if (!(await page.getByRole('checkbox', { name: /大字模式/ }).isChecked())) await page.getByRole('checkbox', { name: /大字模式/ }).check();
    await page.getByText('第 1 题').waitFor();

    const { checked, misfits } = await checkEverySatisfactionQuestion(page, 'elderly-online');
    expect(misfits).toEqual([]);
    expect(checked).toBe(17);
  });
});

/** Answers every screen (满意, 否, no concerns) through to the review. */
async function answerThroughToReview(page: Page): Promise<void> {
  for (let screen = 1; screen <= 25; screen += 1) {
    if ((await page.getByRole('radio', { name: '满意', exact: true }).count()) > 0) await page.getByRole('radio', { name: '满意', exact: true }).check();
    else if ((await page.getByRole('radio', { name: '否', exact: true }).count()) > 0) await page.getByRole('radio', { name: '否', exact: true }).check();
    const finishing = (await page.getByRole('button', { name: '完成，核对答案' }).count()) > 0;
    await page.getByRole('button', { name: finishing ? '完成，核对答案' : '下一题' }).click();
    if (finishing) return;
    await page.getByText(`第 ${screen + 1} 题`).waitFor();
  }
}

describe('changing an answer from the review on a 390×844 phone', () => {
  const third = '社区和街道的事情都告诉大家、公开透明，您满意吗？';

  it('elderly mode, at every text size: 修改 on question 3 of 18, then 返回核对 beside the docked buttons lands on the changed answer', async () => {
    const page = await startElderlyInterview();
    await answerThroughToReview(page);
    await page.getByRole('heading', { name: '请与受访者核对答案' }).waitFor();
    const row = '.form-review [data-item="sat_pb_transparency"]';
    const changedTo = ['不太满意', '基本满意', '不满意'];
    let sizeBefore = 0;
    for (let size = 0; size < textSizes; size += 1) {
      await page.getByRole('button', { name: `修改：${third}` }).click();
      await page.getByText('第 3 题，共 18 题').waitFor();
      // The question opens at the size chosen last time, and is made one size larger.
      if (size > 0) {
        expect((await layout(page)).fontSize).toBe(sizeBefore);
        await page.getByRole('button', { name: /A\+/ }).click();
      }
      const drawn = await layout(page);
      expect(drawn.fontSize).toBeGreaterThan(sizeBefore);
      sizeBefore = drawn.fontSize;
      expect(await isWithinViewport(page, '.steps.docked')).toBe(true);
      expect(drawn.optionsBottom).toBeLessThanOrEqual(drawn.dockTop);
      expect(drawn.sideways).toBeLessThanOrEqual(0);
      await page.getByRole('radio', { name: changedTo[size], exact: true }).check();
      await page.screenshot({ path: `/tmp/field-shots/review-edit-elderly-size${size}.png` });
      // One tap back, not fifteen of 下一题.
      await page.locator('.steps.docked').getByRole('button', { name: '返回核对' }).click();
      await page.getByRole('heading', { name: '请与受访者核对答案' }).waitFor();
      expect(await page.locator(row).locator('.answer').textContent()).toBe(changedTo[size]);
      expect(await isWithinViewport(page, row)).toBe(true);
      expect(await page.getByRole('button', { name: `修改：${third}` }).evaluate((button) => button === document.activeElement)).toBe(true);
    }
    await page.screenshot({ path: '/tmp/field-shots/review-returned-elderly.png' });
  });

  it('the online page, all questions on one page: 返回核对 stays in reach at the bottom and lands on the changed answer', async () => {
    const server = await e2e.startServer();
    const page = await (await e2e.newContext()).newPage();
    await page.goto(`${server.url}/q/2026-H1/yijiangmen-c01`);
    await page.getByRole('button', { name: /中青年居民/ }).click();
    await page.locator('.form-runner').waitFor();
    const questions = page.locator('fieldset.form-question');
    for (let i = 0; i < (await questions.count()); i++) {
      const first = questions.nth(i).locator('input[type="radio"]').first();
      if ((await first.count()) > 0) await first.check();
    }
    await page.getByRole('button', { name: '完成，核对答案' }).click();
    await page.getByRole('button', { name: '提交' }).waitFor();

    const edit = page.locator('.form-review li').nth(2).locator('.edit');
    const item = await page.locator('.form-review li').nth(2).getAttribute('data-item');
    await edit.click();
    await page.locator(`.form-runner [data-item="${item}"]`).waitFor();
    expect(await isWithinViewport(page, `.form-runner [data-item="${item}"] legend`)).toBe(true);
    expect(await isWithinViewport(page, '.form-runner .steps.sticky')).toBe(true);
    await page.locator(`.form-runner [data-item="${item}"]`).getByRole('radio', { name: '不太满意', exact: true }).check();
    await page.screenshot({ path: '/tmp/field-shots/review-edit-online.png' });
    await page.getByRole('button', { name: '返回核对' }).click();
    await page.getByRole('button', { name: '提交' }).waitFor();
    const row = `.form-review [data-item="${item}"]`;
    expect(await page.locator(row).locator('.answer').textContent()).toBe('不太满意');
    expect(await isWithinViewport(page, row)).toBe(true);
    await page.screenshot({ path: '/tmp/field-shots/review-returned-online.png' });
  });
});

describe('the resident’s submit on a 390×844 phone', () => {
  it('“too fast” shows beside 提交, and a phone that answered one community is told before the first question of another', async () => {
    const server = await e2e.startServer();
    const page = await (await e2e.newContext()).newPage();
    await page.goto(`${server.url}/q/2026-H1/yijiangmen-c01`);
    // The rule is said before anything is answered.
    await page.getByText('每部手机每轮只能为一个社区提交一次').waitFor();
    const startedAt = Date.now();
    await page.getByRole('button', { name: /中青年居民/ }).click();
    await page.locator('.form-runner').waitFor();
    const questions = page.locator('fieldset.form-question');
    for (let i = 0; i < (await questions.count()); i++) {
      const first = questions.nth(i).locator('input[type="radio"]').first();
      if ((await first.count()) > 0) await first.check();
    }
    await page.getByRole('button', { name: '完成，核对答案' }).click();
    await page.getByRole('button', { name: '提交' }).click();
    const notice = page.getByText(/您答得比较快/);
    await notice.waitFor();
    const drawn = await notice.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === '提交')!.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, buttonTop: button.top, height: window.innerHeight };
    });
    await page.screenshot({ path: '/tmp/field-shots/online-too-fast.png' });
    // On screen, just above the button, not under it.
    expect(drawn.top).toBeGreaterThanOrEqual(0);
    expect(drawn.bottom).toBeLessThanOrEqual(drawn.buttonTop);
    expect(drawn.buttonTop - drawn.bottom).toBeLessThan(40);

    await page.waitForTimeout(Math.max(0, defaultOnlineLimits.minimumAnsweringMs + 1000 - (Date.now() - startedAt)));
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: '提交成功，感谢您的参与！' }).waitFor();

    await page.goto(`${server.url}/q/2026-H1/yijiangmen-c02`);
    await page.getByRole('heading', { name: '这部手机已经提交过了' }).waitFor();
    expect(await page.getByText('这部手机本轮已经为挹江门示例第01社区提交过评价').count()).toBe(1);
    expect(await page.getByRole('button', { name: /中青年居民/ }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/field-shots/online-answered-elsewhere.png' });
  });
});
