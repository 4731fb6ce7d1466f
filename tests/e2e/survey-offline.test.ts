import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sha256Hex } from '../../src/shared/hashing';
import { recordHash, validateRecord } from '../../src/shared/records';
import { verifySignature } from '../../src/shared/signature';
import { expectAccessible } from '../helpers/axe';
import { isWithinViewport, layoutShift, useChromiumAndServer, waitForServiceWorker } from '../helpers/e2e';
import type { LiveServer } from '../helpers/live-server';
import { drawSignature, readDeviceStore, signInAsWorker } from '../helpers/survey-browser';

const e2e = useChromiumAndServer();

/** Signs in, waits for the pulled questionnaires and assignments and for the service worker, then cuts the network. */
async function signInAndGoOffline(page: Page, server: LiveServer): Promise<void> {
  await signInAsWorker(page, server.url);
  await waitForServiceWorker(page);
  await page.context().setOffline(true);
  await server.close();
}

async function choose(page: Page, name: string): Promise<void> {
  await page.getByRole('radio', { name, exact: true }).check();
}

/** On a phone, 上一题/下一题 and the message beside them are on screen whatever the question's length. */
async function next(page: Page): Promise<void> {
  expect(await isWithinViewport(page, '.steps.docked')).toBe(true);
  await page.getByRole('button', { name: '下一题' }).click();
}

async function question(page: Page): Promise<string> {
  return (await page.locator('.form-runner legend, .form-runner label[for]').first().textContent()) ?? '';
}

describe('a day of door-to-door visits, offline after sign-in', () => {
  it('records a revisit, completes the elderly questionnaire through reloads and a closed page, signs and finalises', async () => {
    const server = await e2e.startServer();
    const context = await e2e.newContext();
    let page = await context.newPage();
    await signInAndGoOffline(page, server);
    await expectAccessible(page, 'the worker’s home');
    expect(await layoutShift(page)).toBeLessThan(0.05);

    // Nobody home at the first household: it goes on the revisit list.
    await page.locator('.community', { hasText: '挹江门示例第01社区' }).getByRole('link', { name: '入户登记（6户）' }).click();
    await page.getByRole('heading', { name: '挹江门示例第01社区入户登记' }).waitFor();
    await expectAccessible(page, 'the household register');
    await page.getByRole('link', { name: '走访 1栋1单元101室' }).click();
    await page.getByRole('heading', { name: '走访 挹江门示例第01社区 1栋1单元101室' }).waitFor();
    await expectAccessible(page, 'the visit page');
    // Two actions on the first screen, nothing chosen for the worker.
    expect(await isWithinViewport(page, '.choose')).toBe(true);
    expect(await page.getByRole('radio').count()).toBe(0);
    await page.getByRole('button', { name: '没能走访', exact: true }).click();
    expect(await page.getByRole('radio').evaluateAll((radios) => radios.some((radio) => (radio as HTMLInputElement).checked))).toBe(false);
    await expectAccessible(page, 'the reasons a visit could not be made');
    await choose(page, '无人在家');
    await page.getByRole('button', { name: '保存走访结果' }).click();
    await page.getByText('已记录：无人在家').waitFor();
    // Saved once: the form is gone, and the way on is on screen.
    expect(await page.getByRole('button', { name: '保存走访结果' }).count()).toBe(0);
    expect(await isWithinViewport(page, '.after')).toBe(true);
    await expectAccessible(page, 'the visit recorded');
    expect(await page.getByRole('link', { name: '返回入户登记' }).isVisible()).toBe(true);

    // The next household agrees: consent, audience, and the elderly questionnaire in elderly mode.
    await page.getByRole('link', { name: '下一户：1栋1单元201室' }).click();
    await page.getByRole('heading', { name: '走访 挹江门示例第01社区 1栋1单元201室' }).waitFor();
    await page.getByRole('button', { name: '开门了，开始问卷' }).click();
    await expectAccessible(page, 'consent and audience');
    await page.getByRole('checkbox', { name: '受访者已知情并同意参加' }).check();
    await page.getByRole('radio', { name: /老年居民/ }).check();
    await page.getByRole('button', { name: '开始答题' }).click();
    await page.getByText('第 1 题，共 18 题').waitFor();
    await expectAccessible(page, 'a question in elderly mode');
    // The required message shows beside the docked buttons, inside the first screen.
    await page.getByRole('button', { name: '下一题' }).click();
    expect(await page.locator('.steps.docked .step-message').textContent()).toBe('这道题必须回答。');
    expect(await isWithinViewport(page, '.steps.docked')).toBe(true);
    expect(await page.getByRole('checkbox', { name: /老年模式/ }).isChecked()).toBe(true);
    const fontSize = await page.locator('.form-runner').evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(20);
    const draftUrl = page.url();

    for (let screen = 1; screen <= 5; screen += 1) {
      await choose(page, screen % 2 ? '满意' : '非常满意');
      await next(page);
    }
    // Reload in the middle, right after answering: the draft resumes at the same question with its answer.
    await page.getByText('第 6 题，共 18 题').waitFor();
    expect(await question(page)).toContain('老小区出新');
    await choose(page, '基本满意');
    await page.reload();
    await page.getByText('第 6 题，共 18 题').waitFor();
    expect(await question(page)).toContain('老小区出新');
    expect(await page.getByRole('radio', { name: '基本满意', exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: '上一题' }).click();
    expect(await page.getByRole('radio', { name: '满意', exact: true }).isChecked()).toBe(true);
    await next(page);
    await next(page);

    for (let screen = 7; screen <= 16; screen += 1) {
      await choose(page, screen === 10 ? '不太满意' : '满意');
      await next(page);
    }
    // The skip-logic branch: a grid worker came, so the question about the visits is asked.
    expect(await question(page)).toContain('网格员到您家来看过您吗？');
    await choose(page, '是');
    // The total grows with the branch, and says why.
    await page.getByText('因刚才的回答，增加了 1 道题').waitFor();
    await next(page);
    expect(await question(page)).toContain('网格员上门来看您，您满意吗？');
    await page.getByText('第 18 题，共 19 题').waitFor();
    await choose(page, '非常满意');
    await next(page);
    await page.getByRole('checkbox', { name: '噪声和油烟扰民' }).check();
    await page.getByRole('checkbox', { name: '其他' }).check();
    await next(page);
    expect(await question(page)).toContain('您说的“其他”问题是什么？');

    // Close the page right after typing: the answer is there when the app is opened again.
    await page.getByRole('textbox', { name: /您说的“其他”问题是什么？/ }).fill('楼道灯不亮');
    await page.close({ runBeforeUnload: true });
    page = await context.newPage();
    await page.goto(draftUrl);
    await page.getByText('第 20 题，共 20 题').waitFor();
    expect(await page.getByRole('textbox', { name: /您说的“其他”问题是什么？/ }).inputValue()).toBe('楼道灯不亮');

    await page.getByRole('button', { name: '完成，核对答案' }).click();
    await page.getByRole('heading', { name: '请与受访者核对答案' }).waitFor();
    await expectAccessible(page, 'the review');
    expect(await page.locator('.form-review').textContent()).toContain('楼道灯不亮');
    await page.getByRole('button', { name: '核对无误，请受访者签名' }).click();
    await expectAccessible(page, 'the signature');
    // The declaration, the pad and its confirm button are on the first screen.
    expect(await page.locator('.signature-pad .declaration').textContent()).toBe('我确认以上回答是我本人的真实意见。');
    for (const part of ['.signature-pad .declaration', '.signature-pad canvas', '.signature-pad .actions']) expect(await isWithinViewport(page, part), part).toBe(true);
    await page.getByRole('button', { name: '确认签名并保存' }).click();
    await page.getByText('签名板还是空的，请先签名。').waitFor();
    // Declining and going back leaves a pad that takes strokes again, without the old message.
    await page.getByRole('button', { name: '受访者不愿签字' }).click();
    expect(await page.getByText('签名板还是空的，请先签名。').count()).toBe(0);
    await page.getByRole('button', { name: '返回签名' }).click();
    await drawSignature(page);
    await page.getByRole('button', { name: '确认签名并保存' }).click();
    await page.getByText('问卷和签名已保存在本机，等待同步。').waitFor();

    // The household that was not at home is on the revisit list.
    const revisits = page.getByRole('region', { name: '待回访' });
    await revisits.getByText('1栋1单元101室').waitFor();
    expect(await revisits.textContent()).toContain('无人在家');
    await page.getByRole('region', { name: '等待同步' }).getByText('条记录保存在本机，等待同步').waitFor();
    await expectAccessible(page, 'the home page with records waiting');

    // In IndexedDB: the response, its signature binding and image, the visit; hashes agree with Node's.
    const store = await readDeviceStore(page);
    const response = store.records.find((record) => record.kind === 'response');
    const signature = store.records.find((record) => record.kind === 'signature');
    const completed = store.records.find((record) => record.kind === 'visit' && record.data.outcome === 'completed');
    const notHome = store.records.find((record) => record.kind === 'visit' && record.data.outcome === 'nobody_home');
    if (!response || !signature || !completed || !notHome) throw new Error(`records missing: ${store.records.map((r) => r.kind).join(', ')}`);
    for (const record of [response, signature, completed, notHome]) {
      expect(record.syncState).toBe('pending');
      expect(recordHash(record)).toBe(record.hash);
      expect(validateRecord(record)).toBeUndefined();
    }
    expect(response.data).toMatchObject({ questionnaireId: 'resident-elderly', questionnaireVersion: 1, audience: 'elderly', communityId: 'yijiangmen-c01' });
    expect(response.data.answers).toMatchObject({
      sat_ug_old_estates: 'fair',
      sat_ug_noise_fumes: 'unsatisfied',
      grid_visited: true,
      sat_sd_grid_visits: 'very_satisfied',
      concerns: ['noise_fumes', 'other'],
      concerns_other: '楼道灯不亮',
    });
    expect(completed.data.responseId).toBe(response.id);
    const blobHash = String(signature.data.blobHash);
    const blob = store.blobs.find((candidate) => candidate.hash === blobHash);
    if (!blob) throw new Error('signature image missing');
    const bytes = new Uint8Array(blob.bytes);
    expect(blob.type).toBe('image/png');
    expect(sha256Hex(bytes)).toBe(blobHash);
    expect(verifySignature(signature, response, bytes)).toBeUndefined();
    expect(store.drafts).toHaveLength(0);
  });
});
